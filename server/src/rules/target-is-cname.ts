// NS and SRV must name a host, not an alias (RFC 2181 §10.3; RFC 2782 for
// SRV). Only targets whose CNAME is in this zone can be seen here. BIND refuses
// to load a zone whose NS points at a CNAME and only warns for SRV, hence the
// per-type severity. MX targets are mx-target-cname's: one finding per problem,
// and that rule also says which TLSA name a DANE sender then queries. A CNAME at or
// below a delegation, or below a DNAME, is not this zone's answer (zone-cuts.ts).
import { rfc, type RecordRule } from './rule';
import { nameKey } from '../zone/names';
import { targetLoc, targetName } from './support/targets';
import { cnameRecordAt } from './dane-support/mail-graph';
import { cutAbove } from './support/zone-cuts';

const CHECKED = ['NS', 'SRV'];

export const targetIsCname: RecordRule = {
  id: 'target-is-cname',
  scope: 'record',
  types: CHECKED,
  defaultSeverity: 'warning',
  // a delegation to a name without a usable address breaks resolution: an error for NS
  defaultSeverityByType: { NS: 'error' },
  rfc: [
    rfc('RFC 2181 §10.3', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.3'),
    rfc('RFC 2782', 'https://www.rfc-editor.org/rfc/rfc2782'),
  ],
  summary: 'NS and SRV records must point at a host name, not at a CNAME (MX: mx-target-cname).',
  // While typing, the record is checked again when its target's records change.
  dependsOn: (rec) => {
    const t = targetName(rec);
    return t === undefined ? [] : [nameKey(t)];
  },
  check(rec, ctx) {
    const target = targetName(rec);
    if (target === undefined) return;
    const key = nameKey(target);
    const cname = cnameRecordAt(ctx.zone, key);
    if (!cname || cutAbove(ctx.zone, key)) return;
    ctx.report({
      loc: targetLoc(rec),
      message: `${rec.type} target ${target} is a CNAME (to ${String(cname.values[0] ?? cname.rdataText)}): ${rec.type} must point at the canonical name`,
      related: [{ loc: cname.typeLoc, message: 'the CNAME' }],
    });
  },
};
