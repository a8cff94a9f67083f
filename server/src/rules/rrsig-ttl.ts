// An RRSIG's Original TTL is the TTL of the RRset "as it appears in the authoritative zone"
// (RFC 4034 §3.1.4), and the RRSIG's own TTL must match the RRset's (RFC 4034 §3). A difference
// means a TTL edited after signing: validators still accept the signature, built over the
// Original TTL, but cap the RRset's TTL at it (RFC 4035 §5.3.3), and dnssec-verify refuses the
// zone ("TTL mismatch"); an RRSIG cached for another time than its RRset can outlive it or not.
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { fixesFromData, type FixData } from './dane-support/fix-data';
import { tokensIn } from './dane-support/loc-range';
import type { LocEdit, RecordRule } from './rule';
import { fieldLoc, ttlLoc } from './support/record-locs';
import { compactDuration } from './support/durations';

/** The records of the RRset an RRSIG covers. */
const coveredBy = (sig: ZoneRecord, records: readonly ZoneRecord[]): ZoneRecord[] =>
  records.filter((r) => r.type === String(sig.values[0]) && r.class === sig.class);

/** The TTL of an RRset, or undefined when it is empty or its records disagree (ttl-mismatch
 *  reports that). */
function rrsetTtl(rrset: readonly ZoneRecord[]): number | undefined {
  let ttl: number | undefined;
  for (const r of rrset) {
    if (ttl !== undefined && r.ttl !== ttl) return undefined;
    ttl = r.ttl;
  }
  return ttl;
}

/** The edit that gives `rec` the TTL `ttl`: over its TTL, or before its type where it has none
 *  (a TTL may stand after the class: RFC 1035 §5.1). None for a $GENERATE record. */
function setTtl(rec: ZoneRecord, ttl: number): LocEdit | undefined {
  if (rec.generated) return undefined;
  if (rec.ttlExplicit) return { loc: ttlLoc(rec), newText: String(ttl) };
  const [type] = tokensIn(rec.typeLoc);
  return type && { loc: rec.typeLoc, newText: `${ttl} ${type.text}` };
}

/** A fix that sets the TTL of each of `records` to `ttl`, or undefined when one cannot be edited. */
function ttlFix(title: string, records: readonly ZoneRecord[], ttl: number): FixData | undefined {
  const edits = records.map((r) => setTtl(r, ttl));
  return edits.every((e) => e !== undefined) ? { fixes: [{ title, preferred: false, edits: edits as LocEdit[] }] } : undefined;
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
    const rrset = coveredBy(rec, ctx.zone.byOwner.get(rec.ownerKey) ?? []);
    const ttl = rrsetTtl(rrset);
    if (ttl === undefined) return;
    const type = String(rec.values[0]);
    const what = `the ${type} RRset at ${rec.owner}`;
    if (ttl !== original) {
      const effect = ttl > original ? `validators cap it at ${seconds(original)} (RFC 4035 §5.3.3)` : 'validators accept the signature, made over the Original TTL';
      // the signatures still hold for the TTL they were made with: setting it back is the other way
      const data = ttlFix(`Set the TTL of the ${type} RRset back to ${original}, the signed one`, rrset, original);
      ctx.report({ loc: fieldLoc(rec, 3), message: `the Original TTL is ${seconds(original)}, but ${what} has TTL ${seconds(ttl)}: its TTL was changed after signing; ${effect}, and dnssec-verify refuses the zone ("TTL mismatch"); sign the zone again`, data });
    } else if (rec.ttl !== ttl) {
      const data = ttlFix(`Set this RRSIG's TTL to ${ttl}, its RRset's`, [rec], ttl);
      ctx.report({ loc: ttlLoc(rec), message: `this RRSIG's TTL is ${seconds(rec.ttl)}, but ${what} has TTL ${seconds(ttl)}: they must match (RFC 4034 §3), or caches keep the signature and the records for different times; sign the zone again`, data });
    }
  },
  fixes: fixesFromData,
};
