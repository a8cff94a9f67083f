// NS and SRV must name a host, not an alias (RFC 2181 §10.3; RFC 2782 for
// SRV). Only targets whose CNAME is in this zone can be seen here. BIND refuses
// to load a zone whose NS points at a CNAME and only warns for SRV, hence the
// per-type severity. MX targets are mx-target-cname's: one finding per problem,
// and that rule also says which TLSA name a DANE sender then queries.
import { rfc, type ZoneRule } from './rule';
import { nameKey } from '../zone/names';
import { targetLoc, targetName } from './support/targets';

const CHECKED = ['NS', 'SRV'];

export const targetIsCname: ZoneRule = {
  id: 'target-is-cname',
  scope: 'zone',
  types: ['NS', 'SRV', 'CNAME'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 2181 §10.3', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.3'),
    rfc('RFC 2782', 'https://www.rfc-editor.org/rfc/rfc2782'),
  ],
  summary: 'NS and SRV records must point at a host name, not at a CNAME (MX: mx-target-cname).',
  check(zone, ctx) {
    for (const type of CHECKED) for (const rec of zone.byType.get(type) ?? []) {
      const target = targetName(rec);
      if (target === undefined) continue;
      const at = zone.byOwner.get(nameKey(target));
      const cname = at?.find((r) => r.type === 'CNAME');
      if (!cname) continue;
      ctx.report({
        loc: targetLoc(rec),
        message: `${rec.type} target ${target} is a CNAME (to ${String(cname.values[0] ?? cname.rdataText)}): ${rec.type} must point at the canonical name`,
        severity: rec.type === 'NS' ? 'error' : undefined,
        related: [{ loc: cname.typeLoc, message: `the CNAME` }],
      });
    }
  },
};
