// A TLSA RRset SMTP senders use with a single usable record: a key or certificate change then
// breaks delivery until the new record has propagated. Publish a "next key" 3 1 1 ahead of time,
// or a 2 1 1 for the issuer (RFC 7671 §8.1, RFC 7672 §4 "current + next"); a lone 2 x x
// (DANE-TA) breaks when the CA or its key changes: publish the next issuer's 2 1 1 or the
// server's 3 1 1 (RFC 7671 §8.4). The RRset is at `_25._tcp.<host>`, or where senders reach it
// another way (a CNAME from `_25._tcp.<host>`, a `*._tcp.<host>` wildcard: smtpGetsTlsaAt).
// Record scope, so that the editor re-checks it when the names that lead senders there change;
// the lone usable record reports, or the first of several that their linked certificate files
// show to be of one key (a 3 1 1 and a 3 1 2 of one certificate: one key all the same). The fix adds 2 1 1 from the linked chain; "Add next-key 3 1 1
// from …" is offered by the client (it asks for a file).
import type { RecordRule, RuleHost } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, splitTlsaOwner, tlsaFields, wellFormedDigest } from './dane-support/tlsa-fields';
import { smtpGetsTlsaAt, surelyNotSmtpTlsa } from './dane-support/tlsa-lookup';
import { loadLinkedCert } from '../cert/link';
import { buildTlsa } from '../cert/build-record';
import { describeCertificate, publicKeyTlsa } from '../cert/describe';
import { matchTlsa } from '../cert/tlsa-match';
import { tokensIn } from './dane-support/loc-range';
import { fixesFromData, NEXT_KEY_COMMAND, type FixData } from './dane-support/fix-data';

const usableBySmtp = (r: ZoneRecord): boolean => {
  const g = r.type === 'TLSA' ? tlsaFields(r) : undefined;
  return !!g && (g.usage === 2 || g.usage === 3) && g.selector <= 1 && g.matchingType <= 2 && wellFormedDigest(g);
};

// Each record of an RRset asks for the RRset's usable records: the answer per owner is kept per
// zone version, so an RRset of many records is read once, not once per record.
const usableOf = new WeakMap<Zone, Map<string, readonly ZoneRecord[]>>();

/** The records of the TLSA RRset at `ownerKey` that SMTP senders can use (usage 2 or 3, a known
 *  selector and matching type, a well-formed digest): a lone usable record beside unusable ones
 *  is as alone, and a lone unusable one gets no rollover advice (its own rules say what is wrong
 *  with it). */
function usableAt(zone: Zone, ownerKey: string): readonly ZoneRecord[] {
  let byOwner = usableOf.get(zone);
  if (!byOwner) usableOf.set(zone, (byOwner = new Map()));
  let usable = byOwner.get(ownerKey);
  if (usable === undefined) byOwner.set(ownerKey, (usable = (zone.byOwner.get(ownerKey) ?? []).filter(usableBySmtp)));
  return usable;
}

/** The key a usable record names, by its linked certificate file (the SHA-256 of the SPKI of the
 *  certificate it matches: the leaf for usage 3, the issuer for 2), and whose it is; undefined
 *  when it has no readable link or does not match its file (tlsa-cert-mismatch's finding). */
function linkedKey(rec: ZoneRecord, host: RuleHost): { spki: string; subject: string } | undefined {
  const f = tlsaFields(rec);
  const linked = f && loadLinkedCert(rec, host);
  if (!f || !linked || !('material' in linked)) return undefined;
  const m = linked.material;
  const r = matchTlsa(f, m);
  if (!r.ok) return undefined;
  if (!m.certs.length) return { spki: publicKeyTlsa(m.leafSpki), subject: `the public key in ${linked.link.path}` };
  const facts = describeCertificate(m.certs[r.certIndex]);
  return { spki: facts.tlsa.ee311, subject: facts.subject };
}

/** Whether two or more usable records all name one key by their linked files (a 3 1 1 and a 3 1 2
 *  of one certificate): as alone as a single record when that key changes (RFC 7671 §8.1). */
function oneLinkedKey(usable: readonly ZoneRecord[], host: RuleHost): string | undefined {
  let first: { spki: string; subject: string } | undefined;
  for (const r of usable) {
    const k = linkedKey(r, host);
    if (!k || (first && k.spki !== first.spki)) return undefined;
    first ??= k;
  }
  return first?.subject;
}

// what breaks a lone DANE-EE record: a 3 1 x names the key, so a renewal with the same key keeps
// matching (RFC 7671 §5.1); a 3 0 x names the whole certificate, so every renewal breaks it
const LONE_EE_SPKI = 'when the server\'s key changes (a certificate renewed with the same key keeps matching)';
const LONE_EE_CERT = 'at every certificate renewal (it names the whole certificate)';

export const tlsaSingleRecord: RecordRule = {
  id: 'tlsa-single-record',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'info',
  rfc: [ref(7671, '8.1'), ref(7671, '8.4'), ref(7672, '4')],
  summary: 'Only one TLSA record SMTP senders can use: add a next-key 3 1 1 or an issuer 2 1 1 before rolling keys.',
  dependsOn: (rec, zone) => smtpGetsTlsaAt(zone, rec.ownerKey).names,
  dependsOnBelow: (rec, zone) => smtpGetsTlsaAt(zone, rec.ownerKey).below,
  dependsOnDnamesTo: (rec, zone) => smtpGetsTlsaAt(zone, rec.ownerKey).dnamesTo,
  check(rec, ctx) {
    // most TLSA records of a big zone are for other services: asked first, without a walk
    if (surelyNotSmtpTlsa(ctx.zone, rec.ownerKey) === false) return;
    const usable = usableAt(ctx.zone, rec.ownerKey);
    // one report per RRset, on its first usable record: a lone one, or several of one linked key
    if (usable[0] !== rec || !smtpGetsTlsaAt(ctx.zone, rec.ownerKey).smtp) return;
    const oneKey = usable.length > 1 ? oneLinkedKey(usable, ctx.host) : undefined;
    if (usable.length > 1 && oneKey === undefined) return;
    const f = tlsaFields(rec)!;
    // the next key goes into this RRset: at `_25._tcp.<host>` the generate command takes the host
    // (and places the record beside the host's), elsewhere the RRset's own owner name
    const smtpHost = isSmtpTlsaOwner(rec.ownerKey) ? splitTlsaOwner(rec.ownerKey)!.host : undefined;
    const where = smtpHost ? { host: smtpHost } : { owner: rec.ownerKey };
    const data: FixData = {
      fixes: [{ title: 'Add next-key 3 1 1 from …', edits: [], command: { command: NEXT_KEY_COMMAND, arguments: [{ uri: rec.loc.file.id, ...where, usage: 3, selector: 1, matchingType: 1 }] } }],
      nextKey: { file: rec.loc.file.id, ...where },
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
    if (oneKey !== undefined) {
      ctx.report({
        loc: rec.typeLoc,
        message: `these ${usable.length} TLSA records all match one key, that of ${oneKey} (by their linked certificate files): when it changes, mail fails until the new record has propagated, as with a single record. Publish the next key's 3 1 1 alongside them before the change (RFC 7671 §8.1).`,
        data,
      });
      return;
    }
    ctx.report({
      loc: rec.typeLoc,
      message: f.usage === 3
        ? `only one TLSA record here: ${f.selector === 1 ? LONE_EE_SPKI : LONE_EE_CERT}, mail fails until the new record has propagated. Publish the next key's 3 1 1 (or the issuer's 2 1 1) alongside it before the change (RFC 7671 §8.1).`
        // a lone DANE-TA already is the issuer's record: what breaks it is a new CA or CA key
        : 'only one TLSA record here, a 2 (DANE-TA) for the issuing CA: when the server\'s certificate comes from another CA or the CA changes its key, mail fails until the new record has propagated. Publish the next issuer\'s 2 1 1 or the server\'s 3 1 1 alongside it before the change (RFC 7671 §8.1, §8.4).',
      data,
    });
  },
  fixes: fixesFromData,
};
