// The same record twice (owner, class, type and RDATA equal) is one record to a
// server (RFC 2181 §5: an RRset has no duplicates); the second copy is dead text,
// often an edit gone wrong. RDATA compares by parsed field values, so
// `A 192.0.2.1` and `A \# 4 c0000201` are the same record. Names compare without case.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { byPosition } from './cname-and-other-data';
import { recordLine } from './support/record-locs';

function identity(rec: ZoneRecord): string {
  return `${rec.class}/${rec.type}/${rec.rdataKey}`;
}

export const duplicateRecord: OwnerRule = {
  id: 'duplicate-record',
  scope: 'owner',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 2181 §5', 'https://www.rfc-editor.org/rfc/rfc2181#section-5')],
  summary: 'The same record appears more than once.',
  check(_ownerKey, records, ctx) {
    if (records.length < 2) return;
    const seen = new Map<string, ZoneRecord>();
    for (const rec of [...records].sort(byPosition)) {
      const k = identity(rec);
      const first = seen.get(k);
      if (!first) {
        seen.set(k, rec);
        continue;
      }
      ctx.report({
        loc: rec.rdataLoc,
        message: `duplicate ${rec.type} record at ${rec.owner}: the same data is on line ${recordLine(first)}`,
        related: [{ loc: first.rdataLoc, message: 'first copy' }],
      });
    }
  },
};
