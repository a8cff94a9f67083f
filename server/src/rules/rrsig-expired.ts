// A signature past its expiration, or before its inception: validators treat the RRset it
// signs as bogus (RFC 4035 §5.3.1), so a DANE sender that looks up the zone's MX or TLSA
// records defers the mail (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid). Times are
// compared as validators compare them, in 32-bit serial arithmetic (RFC 4034 §3.1.5).
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { serialDiff, sigSpan as span } from './support/signed-zone';
import { fieldLoc } from './support/record-locs';

const day = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export const rrsigExpired: RecordRule = {
  id: 'rrsig-expired',
  scope: 'record',
  types: ['RRSIG'],
  defaultSeverity: 'error',
  rfc: [ref(4035, '5.3.1'), ref(4034, '3.1.5'), ref(7672, '2.2')],
  summary: 'A signature that has expired or is not valid yet: validators treat the RRset it signs as bogus, and DANE senders defer mail.',
  check(rec, ctx) {
    const expiration = rec.field('expiration');
    const inception = rec.field('inception');
    if (typeof expiration !== 'number' || typeof inception !== 'number') return;
    const now = Math.floor(ctx.host.now().getTime() / 1000);
    const covered = String(rec.field('typeCovered') ?? '?');
    const effect = `validators treat the ${covered} RRset at ${rec.owner} as bogus (RFC 4035 §5.3.1)${covered === 'TLSA' || covered === 'MX' ? ', and DANE senders defer mail to it (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid)' : ''}`;
    const left = serialDiff(expiration, now);
    if (left < 0) {
      // a date written past 2106 does not fit the field: it wraps to the 1970s on the wire
      const when = expiration >= 2 ** 32 ? `is past ${day(2 ** 32 - 1)}, where the 32-bit time wraps (RFC 4034 §3.1.5): validators read it as ${day(expiration % 2 ** 32)}, long past, so`
        // more than 68 years ahead: in serial arithmetic a time that far is behind
        : expiration > now ? `expires ${day(expiration)}, more than 68 years ahead, which validators' 32-bit serial arithmetic (RFC 4034 §3.1.5) reads as past, so`
        : `expired on ${day(now + left)}, ${span(-left)} ago:`;
      ctx.report({ loc: fieldLoc(rec, 4), message: `this signature ${when} ${effect}; sign the zone again` });
      return;
    }
    const early = serialDiff(inception, now);
    if (early > 0) {
      ctx.report({ loc: fieldLoc(rec, 5), message: `this signature is not valid before ${day(now + early)}, in ${span(early)}: until then ${effect}; check the signer's clock` });
    }
  },
};
