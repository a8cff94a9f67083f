// The digest type of a DS record (IANA "DS RR Type Digest Algorithms", RFC 8624 §3.3, RFC 9904
// §4). 0 is reserved and an unassigned number names no algorithm: validators can use neither, so
// a DS set of only such records leaves the child unsigned in their eyes (RFC 4035 §5.2), and
// Knot refuses the zone ("invalid algorithm in DS"): error. SHA-1 (1) and GOST R 34.11-94 (3)
// MUST NOT be used in new DS records: warning. CDS is not looked at: `CDS 0 0 0 00` is the
// delete signal (RFC 8078 §4).
import { rfc, type RecordRule } from './rule';
import { DS_DIGESTS } from '../zone/rr-types';
import { fieldLoc } from './support/record-locs';

const DIGEST_TYPE = 2;
/** MUST NOT in new DS records (RFC 8624 §3.3) */
const RETIRED = new Set([1, 3]);

export const dsDigestType: RecordRule = {
  id: 'ds-digest-type',
  scope: 'record',
  types: ['DS'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 8624 §3.3', 'https://www.rfc-editor.org/rfc/rfc8624#section-3.3'),
    rfc('RFC 4035 §5.2', 'https://www.rfc-editor.org/rfc/rfc4035#section-5.2'),
  ],
  summary: 'A DS digest type that is reserved or unassigned (error), or SHA-1 or GOST R 34.11-94, which new DS records must not use.',
  check(rec, ctx) {
    const t = rec.values[DIGEST_TYPE];
    if (typeof t !== 'number') return;
    const known = DS_DIGESTS.find((d) => d.value === t);
    const loc = fieldLoc(rec, DIGEST_TYPE);
    if (!known) {
      ctx.report({
        loc,
        severity: 'error',
        message: `DS digest type ${t} ${t === 0 ? 'is reserved' : 'is not assigned'}: validators know no such digest and treat the DS as absent (RFC 4035 §5.2), and Knot refuses the zone; use 2 (SHA-256)`,
      });
    } else if (RETIRED.has(t)) {
      ctx.report({ loc, message: `DS digest type ${t} (${known.name}) must not be used in new DS records (RFC 8624 §3.3); publish 2 (SHA-256) instead` });
    }
  },
};
