// Digest agility (RFC 7671 §9): for each usage and selector, a sender uses only the strongest
// digest published that it supports, and ignores the records with weaker ones. Postfix, Exim
// and every OpenSSL-based sender prefer SHA2-512: next to a 3 1 2 record, the 3 1 1 records of
// the same usage and selector are never compared. A key published only as SHA2-256 beside
// another key's SHA2-512 is then never matched (5.7.323 tlsa-invalid when the server presents
// it). Told exactly for records linked to a certificate file, else by counting digests.
import type { OwnerRule } from './rule';
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { tlsaFields, wellFormedDigest, type TlsaFields } from './dane-support/tlsa-fields';
import { loadLinkedCert } from '../cert/link';
import { matchTlsa } from '../cert/tlsa-match';
import { associationData, matchBytes, normaliseHex, type Selector } from '../cert/tlsa-data';

const SHA256 = 1;
const SHA512 = 2;

interface Digest {
  rec: ZoneRecord;
  f: TlsaFields;
  data: string;
}

/** The SHA2-512 data of the key a linked SHA2-256 record matches, or undefined when it is not linked or does not match. */
function strongerOfLinked(d: Digest, host: Parameters<typeof loadLinkedCert>[1]): string | undefined {
  const linked = loadLinkedCert(d.rec, host);
  if (!linked || !('material' in linked)) return undefined;
  const m = linked.material;
  const r = matchTlsa(d.f, m);
  if (!r.ok) return undefined;
  return m.certs.length ? associationData(m.certs[r.certIndex], d.f.selector as Selector, SHA512) : matchBytes(m.leafSpki, SHA512);
}

export const tlsaWeakerDigestIgnored: OwnerRule = {
  id: 'tlsa-weaker-digest-ignored',
  scope: 'owner',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(7671, '9'), ref(7672, '5')],
  summary: 'A key published only as SHA2-256 where the same usage and selector also have SHA2-512 records: senders use only the strongest digest, so it never matches.',
  check(_ownerKey, records, ctx) {
    // most RRsets hold one digest type: told from the parsed values before any fields object
    let mtypes = 0;
    for (const r of records) if (r.type === 'TLSA' && (r.values[2] === SHA256 || r.values[2] === SHA512)) mtypes |= r.values[2] as number;
    if (mtypes !== (SHA256 | SHA512)) return;
    const groups = new Map<string, { weak: Digest[]; strong: Set<string> }>();
    for (const rec of records) {
      if (rec.type !== 'TLSA') continue;
      const f = tlsaFields(rec);
      if (!f || f.usage > 3 || f.selector > 1 || (f.matchingType !== SHA256 && f.matchingType !== SHA512)) continue;
      // a malformed digest is dropped by senders anyway (tlsa-digest-length's finding)
      if (!wellFormedDigest(f)) continue;
      const data = normaliseHex(f.data);
      const key = `${f.usage} ${f.selector}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { weak: [], strong: new Set() }));
      if (f.matchingType === SHA512) g.strong.add(data);
      else if (!g.weak.some((w) => w.data === data)) g.weak.push({ rec, f, data });
    }
    for (const [pair, { weak, strong }] of groups) {
      if (!weak.length || !strong.size) continue;
      const unmatchedStrong = new Set(strong);
      const unknown: Digest[] = [];
      for (const w of weak) {
        const stronger = strongerOfLinked(w, ctx.host);
        if (stronger === undefined) {
          unknown.push(w);
          continue;
        }
        unmatchedStrong.delete(stronger);
        if (strong.has(stronger)) continue;
        ctx.report({
          loc: w.f.fields.matchingType.loc,
          message: `this SHA2-256 record is ignored: the usage/selector ${pair} records here include SHA2-512, and senders use only the strongest digest for a usage and selector (RFC 7671 §9; Postfix, Exim and OpenSSL prefer SHA2-512), but no ${pair} 2 record has the key of this record's certificate. When the server presents it, delivery fails (5.7.323 tlsa-invalid): publish its ${pair} 2 record too, or drop the SHA2-512 records.`,
        });
      }
      // without links, which key a digest is cannot be told: more SHA2-256 keys than SHA2-512
      // ones leaves at least that many keys matched by nothing
      const short = unknown.length - unmatchedStrong.size;
      if (short <= 0) continue;
      ctx.report({
        loc: unknown[0].f.fields.matchingType.loc,
        message: `${unknown.length} SHA2-256 record${unknown.length > 1 ? 's' : ''} but ${unmatchedStrong.size} SHA2-512 for usage/selector ${pair} here: senders use only the strongest digest for a usage and selector (RFC 7671 §9; Postfix, Exim and OpenSSL prefer SHA2-512) and ignore the SHA2-256 ones, so at least ${short} key${short > 1 ? 's' : ''} published only as SHA2-256 never match${short > 1 ? '' : 'es'} (5.7.323 tlsa-invalid when the server presents ${short > 1 ? 'one' : 'it'}). Publish each key's ${pair} 2 record too, or drop the SHA2-512 records.`,
      });
    }
  },
};
