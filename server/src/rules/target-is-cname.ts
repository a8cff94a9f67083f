// MX, NS and SRV must name a host, not an alias (RFC 2181 §10.3; RFC 2782 for
// SRV). Only targets whose CNAME is in this zone can be seen here. BIND refuses
// to load a zone whose NS points at a CNAME and only warns for MX/SRV, hence the
// per-type severity.
import { rfc, type ZoneRule } from './rule';
import { nameKey } from './support/dns-names';
import { targetField } from './support/targets';
import { recordLine } from './support/record-locs';

export const targetIsCname: ZoneRule = {
  id: 'target-is-cname',
  scope: 'zone',
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 2181 §10.3', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.3'),
    rfc('RFC 2782', 'https://www.rfc-editor.org/rfc/rfc2782'),
  ],
  summary: 'MX, NS and SRV records must point at a host name, not at a CNAME.',
  check(zone, ctx) {
    for (const rec of zone.records) {
      const f = targetField(rec);
      if (!f) continue;
      const at = zone.byOwner.get(nameKey(f.value as string));
      const cname = at?.find((r) => r.type === 'CNAME');
      if (!cname) continue;
      ctx.report({
        loc: f.loc,
        message: `${rec.type} target ${f.value as string} is a CNAME (to ${String(cname.fields[0]?.value ?? cname.rdataText)}): ${rec.type} must point at the canonical name`,
        severity: rec.type === 'NS' ? 'error' : undefined,
        related: [{ loc: cname.typeLoc, message: `the CNAME (line ${recordLine(cname)})` }],
      });
    }
  },
};
