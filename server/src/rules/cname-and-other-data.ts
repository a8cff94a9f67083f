// A CNAME owner may hold no other data (RFC 1034 §3.6.2, RFC 2181 §10.1);
// DNSSEC's RRSIG and NSEC are the exception (RFC 4035 §2.5). Owner scope: the
// conflict lives at one name. Reported on every record after the first at the
// owner, so the line BIND names ("CNAME and other data") always carries it.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { byPosition } from './support/record-order';

const MAY_SIT_BESIDE_CNAME = new Set(['CNAME', 'RRSIG', 'NSEC', 'KEY', 'NXT']);

export const cnameAndOtherData: OwnerRule = {
  id: 'cname-and-other-data',
  scope: 'owner',
  types: ['CNAME'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 1034 §3.6.2', 'https://www.rfc-editor.org/rfc/rfc1034#section-3.6.2'),
    rfc('RFC 2181 §10.1', 'https://www.rfc-editor.org/rfc/rfc2181#section-10.1'),
  ],
  summary: 'A name with a CNAME record must not have other records (except RRSIG/NSEC).',
  check(_ownerKey, records, ctx) {
    const cnames = records.filter((r) => r.type === 'CNAME');
    const others = records.filter((r) => !MAY_SIT_BESIDE_CNAME.has(r.type));
    if (!cnames.length || !others.length) return;
    const conflict = [...cnames, ...others].sort(byPosition);
    const first = conflict[0];
    for (const rec of conflict.slice(1)) {
      const message =
        rec.type === 'CNAME'
          ? `CNAME at ${rec.owner} beside other data (${typesOf(others)}): a name with a CNAME can have no other records`
          : `${rec.type} record at ${rec.owner}, which has a CNAME: a name with a CNAME can have no other records`;
      ctx.report({
        loc: rec.typeLoc,
        message,
        related: [{ loc: first.typeLoc, message: `${first.type} at ${first.owner}` }],
      });
    }
  },
};

function typesOf(recs: readonly ZoneRecord[]): string {
  return [...new Set(recs.map((r) => r.type))].join(', ');
}
