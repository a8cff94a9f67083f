// A name has at most one CNAME (RFC 2181 §10.1: an alias points to exactly one
// canonical name), and at most one DNAME (RFC 6672 §2.4: one redirection per name;
// BIND refuses the zone, "multiple RRs of singleton type", Knot reports it).
// Identical copies are duplicate-record's business, so only records with different
// targets count here.
import { rfc, type OwnerRule, type RuleContext } from './rule';
import type { ZoneRecord } from '../zone/model';
import { byPosition } from './support/record-order';

export const multipleCname: OwnerRule = {
  id: 'multiple-cname',
  scope: 'owner',
  types: ['CNAME', 'DNAME'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 2181 §10.1', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.1'),
    rfc('RFC 1034 §3.6.2', 'https://www.rfc-editor.org/rfc/rfc1034#section-3.6.2'),
    rfc('RFC 6672 §2.4', 'https://www.rfc-editor.org/rfc/rfc6672#section-2.4'),
  ],
  summary: 'A name can have only one CNAME record, and only one DNAME record: BIND refuses the zone.',
  check(_ownerKey, records, ctx) {
    for (const type of ['CNAME', 'DNAME'] as const) {
      const found = records.filter((r) => r.type === type);
      if (found.length > 1) reportAllButFirst(type, found.sort(byPosition), ctx);
    }
  },
};

/** Reports each record whose target differs from those above it (the first stays). */
function reportAllButFirst(type: 'CNAME' | 'DNAME', sorted: readonly ZoneRecord[], ctx: RuleContext): void {
  const seen = new Set<string>();
  const first = sorted[0];
  const what = type === 'CNAME' ? 'a name can alias only one canonical name' : 'a name can redirect its subtree to only one target';
  for (const rec of sorted) {
    if (seen.has(rec.rdataKey)) continue;
    seen.add(rec.rdataKey);
    if (rec === first) continue;
    ctx.report({
      loc: rec.typeLoc,
      message: `second ${type} at ${rec.owner}: ${what}`,
      related: [{ loc: first.typeLoc, message: `first ${type}` }],
    });
  }
}
