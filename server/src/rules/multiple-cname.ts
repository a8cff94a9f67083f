// A name has at most one CNAME (RFC 2181 §10.1: an alias points to exactly one
// canonical name). Identical copies are duplicate-record's business, so only
// CNAMEs with different targets count here.
import { rfc, type OwnerRule } from './rule';
import { byPosition } from './support/record-order';

export const multipleCname: OwnerRule = {
  id: 'multiple-cname',
  scope: 'owner',
  types: ['CNAME'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 2181 §10.1', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.1'),
    rfc('RFC 1034 §3.6.2', 'https://www.rfc-editor.org/rfc/rfc1034#section-3.6.2'),
  ],
  summary: 'A name can have only one CNAME record.',
  check(_ownerKey, records, ctx) {
    const cnames = records.filter((r) => r.type === 'CNAME').sort(byPosition);
    if (cnames.length < 2) return;
    const seen = new Set<string>();
    const first = cnames[0];
    for (const rec of cnames) {
      const target = rec.rdataKey;
      if (seen.has(target)) continue;
      seen.add(target);
      if (rec === first) continue;
      ctx.report({
        loc: rec.typeLoc,
        message: `second CNAME at ${rec.owner}: a name can alias only one canonical name`,
        related: [{ loc: first.typeLoc, message: `first CNAME` }],
      });
    }
  },
};
