// The `daneZone/validateDomain` request: runs the live engine (server/src/live)
// with work-done progress and cancellation, optionally with the MX/TLSA records
// as edited in the open zone (pre-deployment check), and maps the results onto
// that zone's MX and TLSA lines as diagnostics. The network is touched only
// here, on this explicit request. Knows LSP; the engine does not.
import { ResponseError, ErrorCodes, DiagnosticSeverity, type CancellationToken, type Connection, type Diagnostic, type WorkDoneProgressParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { ValidateDomainRequest, type ValidateDomainParams } from './protocol';
import { locToRange } from './convert';
import type { Zone, ZoneRecord } from '../zone/model';
import { canonName } from '../live/dns-wire';
import { budgetedResolver, DEFAULT_STEP_TIMEOUT_MS, parseServer, systemResolvers, type Resolver } from '../live/resolver';
import { NetSmtpProber, type SmtpProber } from '../live/smtp-probe';
import { checkDomainName, validateDomain, type ZoneRecords } from '../live/validate-domain';
import { matchPresentedChain, type TlsaRecord } from '../live/tlsa-match';
import { cannotBeJudged, type HostReport, type ValidationReport } from '../live/report';

export interface LiveSettings { resolvers?: string[]; smtpPort?: number; validationTimeoutMs?: number }

export interface ValidateHandlerDeps {
  getZone(uri: string): Zone | undefined;
  /** replace this request's extra diagnostics for a document */
  publishExtra(uri: string, diagnostics: Diagnostic[]): void;
  /** daneZone.resolvers / smtpPort / validationTimeoutMs; default: asks the client (workspace/configuration) */
  getSettings?(uri: string | undefined): LiveSettings | Promise<LiveSettings>;
  /** engine parts; defaults: the stub resolver over the configured/system resolvers, the net prober */
  makeEngine?(s: LiveSettings): { resolver: Resolver; prober: SmtpProber };
}

export const LIVE_DIAGNOSTIC_CODE = 'live-validation';

function defaultEngine(s: LiveSettings): { resolver: Resolver; prober: SmtpProber } {
  const servers = s.resolvers?.length ? s.resolvers.map((r) => parseServer(r)) : systemResolvers();
  // as the CLI: a DNS query waits at most min(daneZone.validationTimeoutMs, 5 s) in all
  return { resolver: budgetedResolver(servers, s.validationTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS), prober: new NetSmtpProber() };
}

const tlsaOf = (r: ZoneRecord): TlsaRecord => ({
  usage: Number(r.field('usage')), selector: Number(r.field('selector')), matchingType: Number(r.field('matchingType')), data: String(r.field('data') ?? ''),
});

/** The zone's MX and TLSA records, for the pre-deployment check. */
export function zoneRecordsFor(zone: Zone, domain: string): ZoneRecords {
  const d = canonName(domain);
  const mx = (zone.byType.get('MX') ?? []).filter((r) => canonName(r.ownerKey) === d)
    .map((r) => ({ preference: Number(r.field('preference')), exchange: canonName(String(r.field('exchange'))) }));
  const tlsa = new Map<string, TlsaRecord[]>();
  for (const r of zone.byType.get('TLSA') ?? []) {
    const k = canonName(r.ownerKey);
    tlsa.set(k, [...(tlsa.get(k) ?? []), tlsaOf(r)]);
  }
  return { origin: zone.origin || d, mx: mx.length ? mx : undefined, tlsa };
}

const diag = (rec: ZoneRecord, severity: DiagnosticSeverity, message: string, useRdata = false): Diagnostic => ({
  range: locToRange(useRdata ? rec.rdataLoc : rec.loc), severity, source: 'dane-zone live', code: LIVE_DIAGNOSTIC_CODE, message,
});
const host = (n: string): string => n.replace(/\.$/, '');

function tlsaDiagnostics(zone: Zone, h: HostReport, now: Date): Diagnostic[] {
  const out: Diagnostic[] = [];
  const recs = (zone.byType.get('TLSA') ?? []).filter((r) => canonName(r.ownerKey) === canonName(`_25._tcp.${h.tlsaBase}`));
  const probed = h.addresses.filter((a) => a.chain.length);
  if (!recs.length || !probed.length) return out;
  const results = recs.map((r) => probed.map((a) => ({ a, m: matchPresentedChain([tlsaOf(r)], a.chain.map((c) => Buffer.from(c.derBase64, 'base64')), [h.tlsaBase, h.name], now) })));
  const anyMatch = (i: number): boolean => results[i].some(({ m }) => m.outcome === 'match-ee' || m.outcome === 'match-ta');
  const someRecordMatches = recs.some((_, i) => anyMatch(i));
  recs.forEach((r, i) => {
    if (r.field('usage') === 0 || r.field('usage') === 1) return; // the static rules already say why
    if (anyMatch(i)) {
      const at = results[i].filter(({ m }) => m.outcome === 'match-ee' || m.outcome === 'match-ta').map(({ a }) => a.address);
      out.push(diag(r, DiagnosticSeverity.Information, `Live: the deployed server at ${host(h.name)} (${at.join(', ')}) matches this record.`, true));
      return;
    }
    for (const { a, m } of results[i]) {
      const publish = a.wouldMatch.find((w) => w.startsWith(r.field('usage') === 2 ? '2 ' : '3 ')) ?? a.wouldMatch[0];
      const why = m.outcome === 'mismatch' ? 'presents a key that this record does not match' : m.detail;
      // a non-matching record next to a matching one is normal during a key rollover
      out.push(diag(r, someRecordMatches ? DiagnosticSeverity.Hint : DiagnosticSeverity.Error,
        `Live: the deployed server at ${host(h.name)} (${a.address}) ${why}; it would match ${publish}` + (someRecordMatches ? ' (another record matches: fine if this is the next key).' : '.'), true));
    }
  });
  return out;
}

/** Results as diagnostics on the zone's MX and TLSA lines. */
export function diagnosticsForReport(zone: Zone, report: ValidationReport, now = new Date()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const d = canonName(report.domain);
  const mxRecs = (zone.byType.get('MX') ?? []).filter((r) => canonName(r.ownerKey) === d);
  const sev = (v: string): DiagnosticSeverity => (v === 'valid' ? DiagnosticSeverity.Information : v === 'no-dane' || v === 'tls-only' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
  // when DANE cannot be judged the fault is the check's, not the zone's: a warning
  if (!report.hosts.length) {
    for (const r of mxRecs) out.push(diag(r, sev(report.verdict === 'not-applicable' || cannotBeJudged(report.reason) ? 'no-dane' : 'invalid'), `Live: ${report.summary}`));
  }
  for (const h of report.hosts) {
    const rec = mxRecs.find((r) => canonName(String(r.field('exchange'))) === canonName(h.name));
    if (rec) {
      const codes = h.ndr ? ` (Exchange Online ${h.ndr}, TLS-RPT ${h.tlsrpt})` : '';
      out.push(diag(rec, sev(cannotBeJudged(h.reason) ? 'no-dane' : h.verdict), `Live: ${host(h.name)} is ${h.verdict}${codes}: ${h.detail}`));
    }
    out.push(...tlsaDiagnostics(zone, h, now));
  }
  return out;
}

async function fetchSettings(connection: Connection, uri: string | undefined): Promise<LiveSettings> {
  try {
    const s = (await connection.workspace.getConfiguration({ scopeUri: uri, section: 'daneZone' })) as LiveSettings | null;
    return s ?? {};
  } catch {
    return {}; // the client has no configuration support: system resolvers, port 25
  }
}

async function startProgress(connection: Connection, params: WorkDoneProgressParams): Promise<WorkDoneProgressReporter | undefined> {
  try {
    if (params.workDoneToken !== undefined) return connection.window.attachWorkDoneProgress(params.workDoneToken);
    return await connection.window.createWorkDoneProgress();
  } catch {
    return undefined; // the client does not do progress
  }
}

export function registerValidateHandler(connection: Connection, deps: ValidateHandlerDeps): void {
  connection.onRequest(ValidateDomainRequest, async (params: ValidateDomainParams & WorkDoneProgressParams, token: CancellationToken) => {
    let domain: string;
    try { domain = checkDomainName(String(params?.domain ?? '')); } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: ${(e as Error).message}`);
    }
    const zone = params.zoneUri ? deps.getZone(params.zoneUri) : undefined;
    if (params.useZoneRecords && !zone) throw new ResponseError(ErrorCodes.InvalidParams, 'dane-zone: useZoneRecords needs an open zone document (zoneUri)');
    const s = await (deps.getSettings ?? ((uri) => fetchSettings(connection, uri)))(params.zoneUri);
    let engine: { resolver: Resolver; prober: SmtpProber };
    try { engine = (deps.makeEngine ?? defaultEngine)(s); } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: ${(e as Error).message} (setting daneZone.resolvers)`);
    }
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    const progress = await startProgress(connection, params);
    progress?.begin('Validating DANE', 0, domain, true);
    // a server-created progress has its own cancel button
    (progress as { token?: CancellationToken } | undefined)?.token?.onCancellationRequested(() => ac.abort());
    try {
      const report = await validateDomain(domain, {
        ...engine, smtpPort: s.smtpPort ?? 25, stepTimeoutMs: s.validationTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, signal: ac.signal,
        zone: params.useZoneRecords && zone ? zoneRecordsFor(zone, domain) : undefined,
        onProgress: (m) => progress?.report(m),
      });
      if (params.zoneUri && zone && !ac.signal.aborted) deps.publishExtra(params.zoneUri, diagnosticsForReport(zone, report));
      return report;
    } finally {
      sub.dispose();
      progress?.done();
    }
  });
}

