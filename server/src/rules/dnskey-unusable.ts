// A DNSKEY that validators cannot use: protocol other than 3 (the key "MUST be treated as
// invalid", RFC 4034 §2.1.2), the Zone Key flag off (it "MUST NOT be used to verify RRSIGs",
// §2.1.1), or a public key that is no key of its algorithm (an RSA key without a modulus, an
// ECDSA point off the curve, an Ed25519 key of the wrong length: RFC 3110 §2, RFC 6605 §4,
// RFC 8080 §3), as a key pasted with a character lost leaves it. BIND and Knot load all three;
// the signatures made with such a key fail (rrsig-bogus), and a DS for it breaks the chain.
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { zoneKey } from './support/rrsig-verify';

export const dnskeyUnusable: RecordRule = {
  id: 'dnskey-unusable',
  scope: 'record',
  types: ['DNSKEY'],
  defaultSeverity: 'error',
  rfc: [ref(4034, '2.1.1'), ref(4034, '2.1.2'), ref(3110, '2'), ref(6605, '4'), ref(8080, '3')],
  summary: 'A DNSKEY validators cannot use to verify signatures: protocol not 3, the Zone Key flag off, or a public key that is no key of its algorithm.',
  check(rec, ctx) {
    const [flags, protocol] = rec.values as [number, number];
    if (typeof protocol === 'number' && protocol !== 3) {
      ctx.report({ loc: fieldLoc(rec, 1), message: `protocol ${protocol}: a DNSKEY's protocol is always 3, and validators treat this key as invalid (RFC 4034 §2.1.2); signatures made with it fail` });
    }
    if (typeof flags === 'number' && (flags & 0x0100) === 0) {
      ctx.report({ loc: fieldLoc(rec, 0), message: `the flags value ${flags} leaves the Zone Key bit (256) off: validators must not use this key to verify signatures (RFC 4034 §2.1.1); a zone's keys have flags 256 (zone-signing) or 257 (key-signing)` });
    }
    const key = zoneKey(rec);
    if (key && typeof key.key === 'string') {
      // a key of the wrong length has lost or gained characters; one of the right length is another key's or made up
      const how = /octets|too short/.test(key.key) ? ' (characters lost or added when it was copied?)' : '';
      ctx.report({ loc: fieldLoc(rec, 3), message: `this key cannot be read: ${key.key}; validators cannot verify any signature with it${how}: copy the DNSKEY again from the key file` });
    }
  },
};
