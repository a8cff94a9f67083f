// A null MX (`0 .`, RFC 7505) says "this domain takes no mail"; a domain that
// publishes it MUST NOT publish other MX records (RFC 7505 §3). Peers load such
// zones, so the default is a warning.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';

function isNullMx(rec: ZoneRecord): boolean {
  return rec.type === 'MX' && rec.values[1] === '.';
}

export const nullMxMixed: OwnerRule = {
  id: 'null-mx-mixed',
  scope: 'owner',
  types: ['MX'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 7505 §3', 'https://www.rfc-editor.org/rfc/rfc7505#section-3')],
  summary: 'A null MX ("0 .") must be the only MX record of its name.',
  check(_ownerKey, records, ctx) {
    const mx = records.filter((r) => r.type === 'MX');
    const nulls = mx.filter(isNullMx);
    if (!nulls.length || nulls.length === mx.length) return;
    const others = mx.length - nulls.length;
    for (const rec of nulls) {
      ctx.report({
        loc: rec.rdataLoc,
        message: `null MX at ${rec.owner} beside ${others} other MX record${others === 1 ? '' : 's'}: a null MX says the domain takes no mail and must stand alone`,
        related: mx.filter((r) => !isNullMx(r)).map((r) => ({ loc: r.rdataLoc, message: 'other MX record' })),
      });
    }
  },
};
