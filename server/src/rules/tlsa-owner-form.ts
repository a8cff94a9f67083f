// TLSA owner names must be `_<port>._<tcp|udp|sctp>.<host>` (RFC 6698 §3); SMTP
// senders query `_25._tcp.<MX host>` (RFC 7672 §2.2.3). The common slips
// `_smtp._tcp.<host>` (the SRV spelling) and `_25._smtp.<host>` get a quick-fix.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { splitTlsaOwner } from './dane-support/tlsa-fields';
import { locRange } from './dane-support/loc-range';
import { entryTokens } from '../zone/locate';
import { fixesFromData, type FixData } from './dane-support/fix-data';

const SLIP = /^(_smtp\._tcp|_25\._smtp)(?=\.|$)/i;

export const tlsaOwnerForm: RecordRule = {
  id: 'tlsa-owner-form',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(6698, '3'), ref(7672, '2.2.3')],
  summary: 'TLSA owner name not of the form _<port>._<tcp|udp|sctp>.<host>; _smtp._tcp and _25._smtp get a fix.',
  check(rec, ctx) {
    if (splitTlsaOwner(rec.ownerKey)) return;
    const slip = SLIP.exec(rec.ownerKey);
    if (slip) {
      const host = rec.owner.slice(slip[0].length + 1);
      const fixes: FixData['fixes'] = [];
      const tok = rec.ownerExplicit
        ? entryTokens(rec.ownerLoc.file, rec.ownerLoc.entry).find((t) => t.line === rec.ownerLoc.span.line && t.start === rec.ownerLoc.span.start)
        : undefined;
      if (tok && SLIP.test(tok.text)) {
        fixes.push({
          title: `Change owner to _25._tcp.${host}`,
          preferred: true,
          edits: [{ file: rec.ownerLoc.file.id, range: locRange(rec.ownerLoc), newText: tok.text.replace(SLIP, '_25._tcp') }],
        });
      }
      ctx.report({
        loc: rec.ownerLoc,
        message: `senders never query ${slip[1]}.${host}: TLSA for SMTP lives at _25._tcp.<MX host> (RFC 6698 §3, RFC 7672 §2.2.3)` +
          (rec.ownerExplicit ? '' : '; the owner is inherited from an earlier line'),
        data: { fixes } satisfies FixData,
      });
      return;
    }
    ctx.report({
      loc: rec.ownerLoc,
      severity: 'warning',
      message: `TLSA owner ${rec.owner} is not of the form _<port>._<tcp|udp|sctp>.<host> (RFC 6698 §3): no client looks it up`,
    });
  },
  fixes: fixesFromData,
};
