// The `daneZone/validateDomain` request: runs the live engine (server/src/live)
// with work-done progress and cancellation, optionally with the MX/TLSA records
// as edited in the open zone (pre-deployment check), and maps the results onto
// that zone's MX and TLSA lines as diagnostics. The network is touched only
// here, on this explicit request. Knows LSP; the engine does not.
import { ResponseError, ErrorCodes, type CancellationToken, type Connection, type Diagnostic, type WorkDoneProgressParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { ValidateDomainRequest, type ValidateDomainParams } from './protocol';
import { locToRange, SEVERITY } from './convert';
import type { Zone } from '../zone/model';
import { budgetedResolver, DEFAULT_STEP_TIMEOUT_MS, parseServer, systemResolvers, type Resolver } from '../live/resolver';
import { NetSmtpProber, type SmtpProber } from '../live/smtp-probe';
import { checkDomainName, validateDomain } from '../live/validate-domain';
import type { ValidationReport } from '../live/report';
import { liveNotes, zoneRecordsFor } from '../live/zone-records';

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

/** Results as diagnostics on the zone's MX and TLSA lines. */
export function diagnosticsForReport(zone: Zone, report: ValidationReport, now = new Date()): Diagnostic[] {
  return liveNotes(zone, report, now).map((n) => ({
    range: locToRange(n.onRdata ? n.rec.rdataLoc : n.rec.loc), severity: SEVERITY[n.severity], source: 'dane-zone live', code: LIVE_DIAGNOSTIC_CODE, message: n.message,
  }));
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

