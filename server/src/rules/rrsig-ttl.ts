// An RRSIG's Original TTL is the TTL of the RRset "as it appears in the authoritative zone"
// (RFC 4034 §3.1.4), and the RRSIG's own TTL must match the RRset's (RFC 4034 §3). A difference
// means a TTL edited after signing: validators still accept the signature, built over the
// Original TTL, but cap the RRset's TTL at it (RFC 4035 §5.3.3), and dnssec-verify refuses the
// zone ("TTL mismatch"); an RRSIG cached for another time than its RRset can outlive it or not.
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc, ttlLoc } from './support/record-locs';
import { compactDuration } from './support/durations';

/** The TTL of the RRset an RRSIG covers, or undefined when it has none or its records disagree
 *  (ttl-mismatch reports that). */
function rrsetTtl(sig: ZoneRecord, records: readonly ZoneRecord[]): number | undefined {
  const covered = String(sig.values[0]);
  let ttl: number | undefined;
  for (const r of records) {
    if (r.type !== covered || r.class !== sig.class) continue;
    if (ttl !== undefined && r.ttl !== ttl) return undefined;
    ttl = r.ttl;
  }
  return ttl;
}

const seconds = (n: number): string => `${n}${n >= 60 ? ` (${compactDuration(n)})` : ''}`;

export const rrsigTtl: RecordRule = {
  id: 'rrsig-ttl',
  scope: 'record',
  types: ['RRSIG'],
  defaultSeverity: 'warning',
  rfc: [ref(4034, '3.1.4'), ref(4034, '3'), ref(4035, '5.3.3')],
  summary: "An RRSIG whose Original TTL or own TTL is not its RRset's TTL (a TTL edited after signing): validators cap the TTL at the Original TTL, and dnssec-verify refuses the zone.",
  check(rec, ctx) {
    const original = rec.values[3];
    if (typeof original !== 'number') return;
    const ttl = rrsetTtl(rec, ctx.zone.byOwner.get(rec.ownerKey) ?? []);
    if (ttl === undefined) return;
    const what = `the ${String(rec.values[0])} RRset at ${rec.owner}`;
    if (ttl !== original) {
      const effect = ttl > original ? `validators cap it at ${seconds(original)} (RFC 4035 §5.3.3)` : 'validators accept the signature, made over the Original TTL';
      ctx.report({ loc: fieldLoc(rec, 3), message: `the Original TTL is ${seconds(original)}, but ${what} has TTL ${seconds(ttl)}: its TTL was changed after signing; ${effect}, and dnssec-verify refuses the zone ("TTL mismatch"); sign the zone again` });
    } else if (rec.ttl !== ttl) {
      ctx.report({ loc: ttlLoc(rec), message: `this RRSIG's TTL is ${seconds(rec.ttl)}, but ${what} has TTL ${seconds(ttl)}: they must match (RFC 4034 §3), or caches keep the signature and the records for different times; sign the zone again` });
    }
  },
};
