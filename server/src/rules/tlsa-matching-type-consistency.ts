// Digest agility: when a matching type is published for one usage/selector
// pair of a TLSA RRset, publish it for every pair, so a sender that prefers
// that digest still finds a match for each certificate (RFC 7671 §9, §8.3).
import type { OwnerRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields, MTYPE } from './dane-support/tlsa-fields';

export const tlsaMatchingTypeConsistency: OwnerRule = {
  id: 'tlsa-matching-type-consistency',
  scope: 'owner',
  types: ['TLSA'],
  defaultSeverity: 'info',
  rfc: [ref(7671, '9'), ref(7671, '8.3')],
  summary: 'A matching type used for one usage/selector pair of a TLSA RRset is missing for another pair.',
  check(_ownerKey, records, ctx) {
    if (records.length < 2) return;
    const pairs = new Map<string, { mtypes: Set<number>; first: (typeof records)[number] }>();
    const all = new Set<number>();
    for (const r of records) {
      if (r.type !== 'TLSA') continue;
      const f = tlsaFields(r);
      if (!f || f.usage > 3 || f.selector > 1 || f.matchingType > 2 || f.matchingType === 0) continue;
      const k = `${f.usage} ${f.selector}`;
      const p = pairs.get(k) ?? { mtypes: new Set<number>(), first: r };
      p.mtypes.add(f.matchingType);
      pairs.set(k, p);
      all.add(f.matchingType);
    }
    if (pairs.size < 2) return;
    for (const [k, p] of pairs) {
      const missing = [...all].filter((m) => !p.mtypes.has(m)).sort();
      if (!missing.length) continue;
      ctx.report({
        loc: p.first.typeLoc,
        message: `usage/selector ${k} has no ${missing.map((m) => `${m} (${MTYPE[m]})`).join(', ')} record although other pairs here use it; a sender that picks that digest finds no match for this certificate (RFC 7671 §9)`,
      });
    }
  },
};
