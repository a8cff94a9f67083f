// A `_25._tcp` TLSA RRset with a single usable record: a key or certificate
// change then breaks delivery until the new record has propagated. Publish a
// "next key" 3 1 1 ahead of time, or a 2 1 1 for the issuer (RFC 7671 §8.1,
// RFC 7672 §4 "current + next"); a lone 2 x x (DANE-TA) breaks when the CA or its key
// changes: publish the next issuer's 2 1 1 or the server's 3 1 1 (RFC 7671 §8.4).
// The fix adds 2 1 1 from the linked chain; "Add next-key 3 1 1 from …" is offered
// by the client (it asks for a file).
import type { OwnerRule } from './rule';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, splitTlsaOwner, tlsaFields, wellFormedDigest } from './dane-support/tlsa-fields';
import { loadLinkedCert } from '../cert/link';
import { buildTlsa } from '../cert/build-record';
import { describeCertificate } from '../cert/describe';
import { tokensIn } from './dane-support/loc-range';
import { fixesFromData, NEXT_KEY_COMMAND, type FixData } from './dane-support/fix-data';

export const tlsaSingleRecord: OwnerRule = {
  id: 'tlsa-single-record',
  scope: 'owner',
  types: ['TLSA'],
  defaultSeverity: 'info',
  rfc: [ref(7671, '8.1'), ref(7671, '8.4'), ref(7672, '4')],
  summary: 'Only one TLSA record at an SMTP name: add a next-key 3 1 1 or an issuer 2 1 1 before rolling keys.',
  check(ownerKey, records, ctx) {
    if (!isSmtpTlsaOwner(ownerKey)) return;
    // the records senders can use: a lone usable record beside unusable ones is as alone, and a
    // lone unusable one gets no rollover advice (its own rules say what is wrong with it)
    const usable = records.filter((r) => {
      const g = r.type === 'TLSA' ? tlsaFields(r) : undefined;
      return !!g && (g.usage === 2 || g.usage === 3) && g.selector <= 1 && g.matchingType <= 2 && wellFormedDigest(g);
    });
    if (usable.length !== 1) return;
    const rec = usable[0];
    const f = tlsaFields(rec)!;
    const host = splitTlsaOwner(ownerKey)!.host;
    const data: FixData = {
      fixes: [{ title: 'Add next-key 3 1 1 from …', edits: [], command: { command: NEXT_KEY_COMMAND, arguments: [{ uri: rec.loc.file.id, host, usage: 3, selector: 1, matchingType: 1 }] } }],
      nextKey: { file: rec.loc.file.id, host },
    };
    const linked = loadLinkedCert(rec, ctx.host);
    if (f.usage === 3 && linked && 'material' in linked) {
      const b = buildTlsa(linked.material, { usage: 2, selector: 1, matchingType: 1 });
      if (!('error' in b)) {
        const issuer = describeCertificate(linked.material.certs[b.certIndex]).subject;
        const comment = linked.link.source === 'comment' ? `; dane-zone: cert=${linked.link.path}\n` : '';
        // the owner as the record writes it (relative, say), its TTL only where it writes one
        const [ownerTok] = rec.generated ? [] : tokensIn(rec.ownerLoc);
        const owner = ownerTok && rec.ownerLoc.span.start === 0 ? ownerTok.text : rec.owner;
        data.fixes.push({
          title: `Add 2 1 1 from ${/CN=([^,]+)/.exec(issuer)?.[1] ?? issuer}`,
          edits: [{ loc: rec.loc, atEnd: true,
            newText: `\n${comment}${owner}${rec.ttlExplicit ? ` ${rec.ttl}` : ''} ${rec.class} TLSA ${b.rdata}` }],
        });
      }
    }
    ctx.report({
      loc: rec.typeLoc,
      message: f.usage === 3
        ? 'only one TLSA record here: when the key or certificate changes, mail fails until the new record has propagated. Publish the next key\'s 3 1 1 (or the issuer\'s 2 1 1) alongside it before the change (RFC 7671 §8.1).'
        // a lone DANE-TA already is the issuer's record: what breaks it is a new CA or CA key
        : 'only one TLSA record here, a 2 (DANE-TA) for the issuing CA: when the server\'s certificate comes from another CA or the CA changes its key, mail fails until the new record has propagated. Publish the next issuer\'s 2 1 1 or the server\'s 3 1 1 alongside it before the change (RFC 7671 §8.1, §8.4).',
      data,
    });
  },
  fixes: fixesFromData,
};
