// The pre-deployment check's two ends in a zone file: the MX and TLSA records as edited, handed
// to validateDomain instead of those published, and what the run found said at those records
// (which TLSA record the deployed servers match, which MX host failed). The editor shows these
// notes as diagnostics, `dane-zone validate --zone` prints them as file:line lines.
import type { Severity, Zone, ZoneRecord } from '../zone/model';
import { canonName } from './dns-wire';
import { cannotBeJudged, type HostReport, type ValidationReport } from './report';
import { matchPresentedChain, type TlsaRecord } from './tlsa-match';
import type { ZoneRecords } from './validate-domain';

/** What a validation run says at one record of the zone file. */
export interface LiveNote {
  rec: ZoneRecord;
  /** the note is about the record's data (a TLSA record's), not its whole line */
  onRdata: boolean;
  severity: Severity;
  message: string;
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

/** True when `domain` is in the zone, its MX records there: else they come from DNS, and only
 *  the file's TLSA records under its origin are validated as edited. */
export function zoneHolds(zone: Zone, domain: string): boolean {
  const d = canonName(domain), o = canonName(zone.origin);
  return d === o || o === '.' || d.endsWith(`.${o}`);
}

const host = (n: string): string => n.replace(/\.$/, '');

function tlsaNotes(zone: Zone, h: HostReport, now: Date): LiveNote[] {
  const out: LiveNote[] = [];
  const recs = (zone.byType.get('TLSA') ?? []).filter((r) => canonName(r.ownerKey) === canonName(`_25._tcp.${h.tlsaBase}`));
  const probed = h.addresses.filter((a) => a.chain.length);
  if (!recs.length || !probed.length) return out;
  const results = recs.map((r) => probed.map((a) => ({ a, m: matchPresentedChain([tlsaOf(r)], a.chain.map((c) => Buffer.from(c.derBase64, 'base64')), [h.tlsaBase, h.name], now) })));
  const anyMatch = (i: number): boolean => results[i].some(({ m }) => m.outcome === 'match-ee' || m.outcome === 'match-ta');
  const someRecordMatches = recs.some((_, i) => anyMatch(i));
  recs.forEach((rec, i) => {
    if (rec.field('usage') === 0 || rec.field('usage') === 1) return; // the static rules already say why
    if (anyMatch(i)) {
      const at = results[i].filter(({ m }) => m.outcome === 'match-ee' || m.outcome === 'match-ta').map(({ a }) => a.address);
      out.push({ rec, onRdata: true, severity: 'info', message: `Live: the deployed server at ${host(h.name)} (${at.join(', ')}) matches this record.` });
      return;
    }
    for (const { a, m } of results[i]) {
      const publish = a.wouldMatch.find((w) => w.startsWith(rec.field('usage') === 2 ? '2 ' : '3 ')) ?? a.wouldMatch[0];
      const why = m.outcome === 'mismatch' ? 'presents a key that this record does not match' : m.detail;
      // a non-matching record next to a matching one is normal during a key rollover
      out.push({ rec, onRdata: true, severity: someRecordMatches ? 'hint' : 'error',
        message: `Live: the deployed server at ${host(h.name)} (${a.address}) ${why}; it would match ${publish}` + (someRecordMatches ? ' (another record matches: fine if this is the next key).' : '.') });
    }
  });
  return out;
}

/** What a run found, at the zone's MX records of the domain and TLSA records of its hosts. */
export function liveNotes(zone: Zone, report: ValidationReport, now = new Date()): LiveNote[] {
  const out: LiveNote[] = [];
  const d = canonName(report.domain);
  const mxRecs = (zone.byType.get('MX') ?? []).filter((r) => canonName(r.ownerKey) === d);
  const sev = (v: string): Severity => (v === 'valid' ? 'info' : v === 'no-dane' || v === 'tls-only' ? 'warning' : 'error');
  // when DANE cannot be judged the fault is the check's, not the zone's: a warning
  if (!report.hosts.length) {
    for (const rec of mxRecs) out.push({ rec, onRdata: false, severity: sev(report.verdict === 'not-applicable' || cannotBeJudged(report.reason) ? 'no-dane' : 'invalid'), message: `Live: ${report.summary}` });
  }
  for (const h of report.hosts) {
    const rec = mxRecs.find((r) => canonName(String(r.field('exchange'))) === canonName(h.name));
    if (rec) {
      const codes = h.ndr ? ` (Exchange Online ${h.ndr}, TLS-RPT ${h.tlsrpt})` : '';
      out.push({ rec, onRdata: false, severity: sev(cannotBeJudged(h.reason) ? 'no-dane' : h.verdict), message: `Live: ${host(h.name)} is ${h.verdict}${codes}: ${h.detail}` });
    }
    out.push(...tlsaNotes(zone, h, now));
  }
  return out;
}
