// An MX target that is a CNAME in this zone. MX must name a host, not an alias
// (RFC 2181 §10.3); DANE senders then look up TLSA at the CNAME-expanded name
// first and fall back to the alias (RFC 7672 §2.2.3, RFC 7671 §7), which the
// message and the hover spell out.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { cnameOf, expandCname, mxTarget, tlsaQueryNames } from './dane-support/mail-graph';

export const mxTargetCname: RecordRule = {
  id: 'mx-target-cname',
  scope: 'record',
  types: ['MX'],
  defaultSeverity: 'warning',
  rfc: [ref(2181, '10.3'), ref(7672, '2.2.3')],
  summary: 'MX target is a CNAME: not allowed for MX, and it changes where DANE senders look for TLSA.',
  // While typing, checked again when a name along the target's CNAME chain changes.
  dependsOn: (rec, zone) => {
    const t = mxTarget(rec);
    return t ? expandCname(zone, t) : [];
  },
  check(r, ctx) {
    const zone = ctx.zone;
    const t = mxTarget(r);
    const c = t && cnameOf(zone, t);
    if (!t || !c) return;
    const chain = expandCname(zone, t);
    ctx.report({
      loc: r.rdataLoc,
      message: `MX target ${t} is an alias (CNAME to ${chain.slice(1).join(' -> ')}); MX must name a host (RFC 2181 §10.3). DANE senders look up TLSA at ${tlsaQueryNames(zone, t).join(', then ')} (RFC 7672 §2.2.3).`,
      related: [{ loc: c.rec.loc, message: `${t} is a CNAME` }],
    });
  },
};
