// The same record twice (owner, class, type and RDATA equal) is one record to a
// server (RFC 2181 §5: an RRset has no duplicates); the second copy is dead text,
// often an edit gone wrong. RDATA compares by parsed field values, so
// `A 192.0.2.1` and `A \# 4 c0000201` are the same record. Names compare without case.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { inPositionOrder, withRepeatedType } from './support/record-order';

function identity(rec: ZoneRecord): string {
  return `${rec.class}/${rec.type}/${rec.rdataKey}`;
}

export const duplicateRecord: OwnerRule = {
  id: 'duplicate-record',
  scope: 'owner',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 2181 §5', 'https://www.rfc-editor.org/rfc/rfc2181#section-5')],
  summary: 'The same record appears more than once.',
  repeatedTypesOnly: true,
  check(_ownerKey, records, ctx) {
    // only records of a type that repeats here can be copies: most owners have none
    const candidates = withRepeatedType(inPositionOrder(records));
    if (!candidates) return;
    const seen = new Map<string, ZoneRecord>();
    for (const rec of candidates) {
      const k = identity(rec);
      const first = seen.get(k);
      if (!first) {
        seen.set(k, rec);
        continue;
      }
      ctx.report({
        loc: rec.rdataLoc,
        message: `duplicate ${rec.type} record at ${rec.owner}: the same record is written above`,
        related: [{ loc: first.rdataLoc, message: 'first copy' }],
      });
    }
  },
};
