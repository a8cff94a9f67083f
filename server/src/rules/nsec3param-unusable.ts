// The NSEC3PARAM at the apex tells the signer and the servers which NSEC3 chain to serve. Its
// hash algorithm is that of NSEC3 (RFC 5155 §4.1.1): SHA-1, 1, is the only one defined; BIND
// refuses a zone whose NSEC3PARAMs are all of other algorithms ("no supported nsec3 hash
// algorithm"), and Knot reports "invalid algorithm in NSEC3PARAM". One with flags other than 0
// is ignored (RFC 5155 §4.1.2). Iterations above 150 BIND 9.18 calls excessive, and RFC 9276
// §3.1 says 0: validators may treat the zone's denials as insecure or SERVFAIL them (§3.2).
import type { ReportArgs, RecordRule } from './rule';
import { ref } from './dane-support/refs';
import type { Zone, ZoneRecord } from '../zone/model';
import { originKey } from './support/origin-key';
import { fieldLoc } from './support/record-locs';

/** BIND 9.18's limit for NSEC3 iterations (dns_nsec3_maxiterations). */
const MAX_ITERATIONS = 150;

const atApex = (ownerKey: string, zone: Zone): boolean => !!zone.origin && ownerKey === originKey(zone);

/** What servers make of one NSEC3PARAM, as a finding, or undefined when they can use it. */
function problem(rec: ZoneRecord, others: readonly ZoneRecord[]): Omit<ReportArgs, 'loc'> & { field: number } | undefined {
  const [alg, flags, iterations] = rec.values as unknown[];
  if (typeof alg === 'number' && alg !== 1) {
    const usable = others.some((r) => r.type === 'NSEC3PARAM' && r.values[0] === 1);
    return usable
      ? { field: 0, severity: 'warning', message: `NSEC3PARAM hash algorithm ${alg} is none servers know (SHA-1, 1, is the only one defined, RFC 5155 §4.1.1): they ignore this record` }
      : { field: 0, message: `NSEC3PARAM hash algorithm ${alg} is none servers know (SHA-1, 1, is the only one defined, RFC 5155 §4.1.1), and the apex has no NSEC3PARAM of SHA-1: BIND refuses the zone ("no supported nsec3 hash algorithm")` };
  }
  if (typeof flags === 'number' && flags !== 0) {
    return { field: 1, severity: 'warning', message: `NSEC3PARAM flags ${flags}: servers ignore an NSEC3PARAM whose flags are not 0 (RFC 5155 §4.1.2; the Opt-Out flag belongs in the NSEC3 records)` };
  }
  if (typeof iterations === 'number' && iterations > MAX_ITERATIONS) {
    return { field: 2, severity: 'warning', message: `NSEC3PARAM iterations ${iterations}: RFC 9276 §3.1 says 0, and BIND 9.18 calls more than ${MAX_ITERATIONS} excessive; validators may treat the zone's denials as insecure or fail them (RFC 9276 §3.2)` };
  }
  return undefined;
}

export const nsec3paramUnusable: RecordRule = {
  id: 'nsec3param-unusable',
  scope: 'record',
  types: ['NSEC3PARAM'],
  defaultSeverity: 'error',
  loadRefused: 'errors',
  rfc: [ref(5155, '4.1.1'), ref(5155, '4.1.2'), ref(9276, '3.1')],
  summary: 'An NSEC3PARAM at the apex that servers cannot use: a hash algorithm other than SHA-1 (an error where no NSEC3PARAM is SHA-1: BIND refuses the zone), flags other than 0 (ignored), or more than 150 iterations.',
  appliesToOwner: atApex,
  check(rec, ctx) {
    if (!atApex(rec.ownerKey, ctx.zone)) return;
    const found = problem(rec, ctx.zone.byOwner.get(rec.ownerKey) ?? []);
    if (!found) return;
    const { field, ...report } = found;
    ctx.report({ ...report, loc: fieldLoc(rec, field) });
  },
};
