// An MX or NS target inside this zone needs an A or AAAA record here, or mail
// and resolution fail (RFC 1035 §3.3.9 additional-section processing; RFC 1034
// §4.2.1 glue). Targets outside the zone cannot be checked offline. BIND refuses
// a zone with an in-zone NS without address and only warns for MX, hence the
// per-type severity.
import { rfc, type ZoneRule } from './rule';
import { isInZone, nameKey } from '../zone/names';
import { targetLoc, targetName } from './support/targets';

const HAS_ADDRESS = new Set(['A', 'AAAA']);

export const targetNoAddress: ZoneRule = {
  id: 'target-no-address',
  scope: 'zone',
  types: ['MX', 'NS', 'A', 'AAAA', 'CNAME'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 1035 §3.3.9', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.3.9'),
    rfc('RFC 1034 §4.2.1', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.2.1'),
  ],
  summary: 'An MX or NS target inside the zone must have an A or AAAA record in the zone.',
  check(zone, ctx) {
    if (!zone.origin) return;
    // Runs after most keystrokes (A/AAAA edits): each name is made a key once.
    const origin = nameKey(zone.origin);
    for (const type of ['MX', 'NS']) for (const rec of zone.byType.get(type) ?? []) {
      const target = targetName(rec);
      if (target === undefined || target === '.') continue;
      const key = nameKey(target);
      if (!isInZone(key, origin)) continue;
      const at = zone.byOwner.get(key) ?? [];
      if (at.some((r) => HAS_ADDRESS.has(r.type))) continue;
      // an alias is target-is-cname's finding, not a missing address
      if (at.some((r) => r.type === 'CNAME')) continue;
      ctx.report({
        loc: targetLoc(rec),
        message: `${rec.type} target ${target} is inside the zone but has no A or AAAA record`,
        severity: rec.type === 'NS' ? 'error' : undefined,
      });
    }
  },
};
