// NS and SRV must name a host, not an alias (RFC 2181 §10.3; RFC 2782 for SRV): not a
// CNAME, nor a name below a DNAME, which the DNAME answers for with a synthesised CNAME
// (RFC 6672 §2.2; the DNAME's owner itself is no alias). Only aliases this zone makes can
// be seen here. BIND refuses to load a zone whose NS points at a CNAME or below a DNAME
// and only warns for SRV, hence the per-type severity. MX targets are mx-target-cname's:
// one finding per problem, and that rule also says which TLSA name a DANE sender then
// queries. A name at or below a delegation is not this zone's answer (zone-cuts.ts).
import { rfc, type RecordRule } from './rule';
import { nameKey } from '../zone/names';
import { targetLoc, targetName } from './support/targets';
import { aliasOf, aliasText } from './dane-support/mail-graph';

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
    rfc('RFC 6672 §2.2', 'https://www.rfc-editor.org/rfc/rfc6672#section-2.2'),
  ],
  summary: 'NS and SRV records must point at a host name, not at an alias: a CNAME or a name below a DNAME (MX: mx-target-cname).',
  // While typing, the record is checked again when its target's records change (and when a
  // DNAME above it appears, goes or changes: the engine's cutsChangedBy).
  dependsOn: (rec) => {
    const t = targetName(rec);
    return t === undefined ? [] : [nameKey(t)];
  },
  check(rec, ctx) {
    const target = targetName(rec);
    if (target === undefined) return;
    const key = nameKey(target);
    const alias = aliasOf(ctx.zone, key);
    if (!alias) return;
    ctx.report({
      loc: targetLoc(rec),
      message: alias.kind === 'cname'
        ? `${rec.type} target ${target} is a CNAME (to ${String(alias.rec.values[0] ?? alias.rec.rdataText)}): ${rec.type} must point at the canonical name`
        : `${rec.type} target ${target} is an alias: ${aliasText(alias, [key, alias.target])}; ${rec.type} must point at the canonical name`,
      related: [{ loc: alias.rec.typeLoc, message: alias.kind === 'cname' ? 'the CNAME' : 'the DNAME' }],
    });
  },
};
