// TLSA and CNAME at the same name: a CNAME cannot coexist with other data
// (RFC 1034 §3.6.2, RFC 2181 §10.1); resolvers answer with the CNAME and the
// TLSA records are never seen. (A CNAME alone at `_25._tcp.<host>` pointing to
// a shared TLSA RRset is fine, RFC 7671 §7.)
import type { OwnerRule } from './rule';
import { ref } from './dane-support/refs';

export const tlsaCnameConflict: OwnerRule = {
  id: 'tlsa-cname-conflict',
  scope: 'owner',
  defaultSeverity: 'error',
  rfc: [ref(1034, '3.6.2'), ref(7671, '7')],
  summary: 'TLSA at a name that is also a CNAME: resolvers return the CNAME, the TLSA is never seen.',
  check(ownerKey, records, ctx) {
    const cname = records.find((r) => r.type === 'CNAME');
    if (!cname) return;
    for (const r of records) {
      if (r.type !== 'TLSA') continue;
      ctx.report({
        loc: r.typeLoc,
        message: `${ownerKey} is a CNAME, so this TLSA record is never seen: resolvers follow the alias (RFC 1034 §3.6.2). Put the TLSA records at the CNAME's target, or remove the CNAME.`,
        related: [{ loc: cname.loc, message: 'the CNAME' }],
      });
    }
  },
};
