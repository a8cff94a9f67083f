// A null MX (`0 .`, RFC 7505) says "this domain takes no mail"; a domain that
// publishes it MUST NOT publish other MX records (RFC 7505 §3). Peers load such
// zones, so the default is a warning. A lone MX to the root with another preference
// (`10 .`) is not the null MX the RFC defines (preference 0): a fix writes 0.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { fixesFromData, type FixData } from './dane-support/fix-data';

function isNullMx(rec: ZoneRecord): boolean {
  return rec.type === 'MX' && rec.values[1] === '.';
}

export const nullMxMixed: OwnerRule = {
  id: 'null-mx-mixed',
  scope: 'owner',
  types: ['MX'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 7505 §3', 'https://www.rfc-editor.org/rfc/rfc7505#section-3')],
  summary: 'A null MX ("0 .") must be the only MX record of its name, and has preference 0.',
  check(_ownerKey, records, ctx) {
    const mx = records.filter((r) => r.type === 'MX');
    const nulls = mx.filter(isNullMx);
    if (!nulls.length) return;
    if (nulls.length === mx.length) {
      for (const rec of nulls) {
        if (rec.values[0] === 0 || typeof rec.values[0] !== 'number') continue;
        const loc = fieldLoc(rec, 0);
        // beside a `0 .`, writing 0 would make it a copy: the record is to go, which only the
        // operator can say
        const lone = mx.length === 1;
        ctx.report({
          loc,
          message: `MX ${rec.values[0]} . at ${rec.owner}: a null MX, which says the domain takes no mail, has preference 0 and stands alone (RFC 7505 §3); senders that do not read this one as such try to deliver to the root name, which has no address, instead of returning the mail at once${lone ? '' : '; remove it, or keep one null MX with preference 0'}`,
          data: lone ? ({ fixes: [{ title: 'Write the null MX with preference 0', preferred: true, edits: [{ loc, newText: '0' }] }] } satisfies FixData) : undefined,
        });
      }
      return;
    }
    const others = mx.length - nulls.length;
    for (const rec of nulls) {
      ctx.report({
        loc: rec.rdataLoc,
        message: `null MX at ${rec.owner} beside ${others} other MX record${others === 1 ? '' : 's'}: a null MX says the domain takes no mail and must stand alone`,
        related: mx.filter((r) => !isNullMx(r)).map((r) => ({ loc: r.rdataLoc, message: 'other MX record' })),
      });
    }
  },
  fixes: fixesFromData,
};
