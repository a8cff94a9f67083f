// An MX target that is an alias in this zone: a CNAME, or a name below a DNAME (which
// answers with a synthesised CNAME, RFC 6672 §2.2). MX must name a host, not an alias
// (RFC 2181 §10.3, RFC 5321 §5.1); DANE senders then look up TLSA at the CNAME-expanded
// name first and fall back to the alias (RFC 7672 §2.2.3, RFC 7671 §7), which the
// message and the hover spell out. The fix points the MX at the host the aliases lead to.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { aliasOf, aliasText, expandCname, mxTarget, tlsaQueryNames } from './dane-support/mail-graph';
import { fieldLoc } from './support/record-locs';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';

export const mxTargetCname: RecordRule = {
  id: 'mx-target-cname',
  scope: 'record',
  types: ['MX'],
  defaultSeverity: 'warning',
  rfc: [ref(2181, '10.3'), ref(6672, '2.2'), ref(7672, '2.2.3')],
  summary: 'MX target is an alias (a CNAME, or a name below a DNAME): not allowed for MX, and it changes where DANE senders look for TLSA.',
  // While typing, checked again when a name along the target's alias chain changes (a DNAME
  // above it that appears, goes or changes: the engine's cutsChangedBy).
  dependsOn: (rec, zone) => {
    const t = mxTarget(rec);
    return t ? expandCname(zone, t) : [];
  },
  check(r, ctx) {
    const zone = ctx.zone;
    const t = mxTarget(r);
    const a = t && aliasOf(zone, t);
    if (!t || !a) return;
    const chain = expandCname(zone, t);
    // the host the aliases lead to, when it is one here (it has an address): the MX can name it
    const end = chain[chain.length - 1];
    const host = end !== t && !aliasOf(zone, end) && zone.byOwner.get(end)?.some((x) => x.type === 'A' || x.type === 'AAAA') ? end : undefined;
    ctx.report({
      loc: r.rdataLoc,
      message: `MX target ${t} is an alias (${aliasText(a, chain)}); MX must name a host (RFC 2181 §10.3${a.kind === 'dname' ? ', RFC 6672 §2.2' : ''}). DANE senders look up TLSA at ${tlsaQueryNames(zone, t).join(', then ')} (RFC 7672 §2.2.3).`,
      related: [{ loc: a.rec.loc, message: a.kind === 'cname' ? `${t} is a CNAME` : `the DNAME that makes ${t} an alias` }],
      data: host && !r.generated ? ({ fixes: [rewriteFix(`Point the MX at the host: ${host}`, fieldLoc(r, 1), host)] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
