// Hover content for DANE and mail records (pure: zone + record + host in,
// markdown out; the LSP hover handler calls it and appends the result):
// - TLSA: what the numbers mean, which MX host it serves, and for a linked
//   certificate file its facts (subject, issuer, SANs, key, validity), whether
//   it matches, and the 3 1 1 / 3 0 1 / 2 1 1 values the file publishes;
// - MX: which TLSA names a DANE sender queries for the target (CNAMEs followed;
//   the diagnostic for an MX target that is a CNAME is mx-target-cname);
// - TXT: each tag of an SPF, DMARC, TLS-RPT or MTA-STS record explained.
import type { Zone, ZoneRecord } from '../zone/model';
import type { RuleHost } from '../rules/rule';
import { tlsaFields, splitTlsaOwner } from '../rules/dane-support/tlsa-fields';
import { tlsaLabel } from '../cert/build-record';
import { loadLinkedCert } from '../cert/link';
import { caLeavesIn, leavesOf, matchTlsa } from '../cert/tlsa-match';
import type { CertMaterial } from '../cert/cert-file';
import { describeCertificate, describeSpki, keyLabel, publicKeyTlsa } from '../cert/describe';
import { expiryOf, isoDay } from '../cert/expiry';
import { warnDays } from '../rules/dane-support/expiry-check';
import { aliasOf, expandCname, inZone, mxIndex, mxTarget, tlsaQueryNames } from '../rules/dane-support/mail-graph';
import { cutAbove } from '../rules/support/zone-cuts';
import { txtText } from '../rules/dane-support/txt-text';
import { POLICY_KINDS } from '../rules/dane-support/policy-kinds';
import { isDkimKeyName, parseDkim, type DkimKey } from '../mail-policy/dkim';
import { entryAt, recordsOfEntry } from '../features/locate-at';
import { codeSpan } from '../features/markdown';

/** Hover markdown for the record on absolute `line` of the zone's document (any column). */
export function daneHoverAt(zone: Zone, line: number, host: RuleHost): string | undefined {
  const entry = entryAt(zone.file, line);
  const rec = entry && recordsOfEntry(zone, entry)[0];
  return rec ? daneHover(zone, rec, host) : undefined;
}

// names keep their escapes and backticks: a code span sized to what it holds
const code = codeSpan;

/** Hover markdown for a record, or undefined when dane-zone has nothing DANE/mail-specific to say. */
export function daneHover(zone: Zone, rec: ZoneRecord, host: RuleHost): string | undefined {
  if (rec.type === 'TLSA') return describeTlsaLink(zone, rec, host);
  if (rec.type === 'MX') return describeMxDane(zone, rec);
  if (rec.type === 'TXT') return describePolicyTxt(rec);
  return undefined;
}

function serviceLine(zone: Zone, rec: ZoneRecord): string {
  const o = splitTlsaOwner(rec.ownerKey);
  if (!o) return `Owner ${code(rec.owner)} is not of the form _<port>._<proto>.<host>: no client looks it up.`;
  // names end in their own dot: a sentence ending on one gets no second dot ("example.com..")
  if (o.port !== 25 || o.proto !== 'tcp') return `For ${o.proto.toUpperCase()} port ${o.port} on ${code(o.host)}`;
  const { mx } = mxIndex(zone);
  const domains = mx.filter((r) => { const t = mxTarget(r); return !!t && expandCname(zone, t).includes(o.host); }).map((r) => r.owner);
  const uniq = [...new Set(domains)];
  return `For SMTP to ${code(o.host)}` + (uniq.length ? ` (the MX host of ${uniq.map(code).join(', ')}).` : ' (no MX record in this zone names this host).');
}

/** Which certificate of the file a matching record names: the leaf, an issuer, or (a TA usage
 *  against a file of CA certificates only) the CA itself, the trust anchor. */
function matchedRole(m: CertMaterial, certIndex: number, usage: number): string {
  const nth = `certificate ${certIndex + 1} of the file`;
  if (!leavesOf(m).includes(certIndex)) return `issuer (${nth})`;
  if (usage === 0 || usage === 2) return `CA certificate, the trust anchor${m.certs.length > 1 ? ` (${nth})` : ''}`;
  return m.chains.length > 1 ? `leaf (${nth})` : 'leaf';
}

/** Markdown for a TLSA record: its meaning and, when linked, the certificate file's facts. */
export function describeTlsaLink(zone: Zone, rec: ZoneRecord, host: RuleHost): string {
  const f = tlsaFields(rec);
  const out: string[] = [];
  if (!f) return `**TLSA** — ${serviceLine(zone, rec)}`;
  out.push(`**TLSA ${tlsaLabel(f)}**`, '', serviceLine(zone, rec));
  const linked = loadLinkedCert(rec, host);
  if (!linked) return out.join('\n');
  const via = linked.link.source === 'comment' ? 'linked by comment' : 'linked by the daneZone.certificates setting';
  out.push('', `**Certificate file** ${code(linked.link.path)} (${via})`);
  if ('error' in linked) {
    out.push('', `⚠ ${linked.error}`);
    return out.join('\n');
  }
  const m = linked.material;
  const r = matchTlsa(f, m);
  out.push('', r.ok
    ? `✔ matches the ${matchedRole(m, r.certIndex, f.usage)}`
    : `✘ does not match (${r.reason === 'no-match' ? 'different data' : r.reason.replace(/-/g, ' ')})`);
  const now = host.now();
  if (m.certs.length === 0) {
    const k = describeSpki(m.leafSpki);
    out.push('', `Public key only${m.notes.length ? ` (${m.notes.join('; ')})` : ''}: ${keyLabel(k)}`, '', '**Publishes**', '', `- ${code(publicKeyTlsa(m.leafSpki))} (DANE-EE SPKI SHA2-256)`);
    return out.join('\n');
  }
  const leaf = describeCertificate(m.certs[0]);
  const e = expiryOf(m.certs[0], now, warnDays(host));
  const state = e.state === 'expired' ? `**expired** ${-e.daysLeft} days ago` : e.state === 'not-yet-valid' ? '**not yet valid**' : `${e.daysLeft} days left`;
  out.push('',
    '| | |', '|---|---|',
    `| Subject | ${leaf.subject} |`,
    `| Issuer | ${leaf.issuer} |`,
    `| SANs | ${leaf.sans.join(', ') || '—'} |`,
    `| Key | ${keyLabel(leaf.key)} |`,
    `| Valid | ${isoDay(leaf.notBefore)} to ${isoDay(leaf.notAfter)} (${state}) |`,
    `| Chain | ${m.certs.length} certificate${m.certs.length === 1 ? '' : 's'}${m.notes.length ? ` — ${m.notes.join('; ')}` : ''} |`);
  if (caLeavesIn(m).includes(0)) {
    // an issuing CA's certificate: the anchor of DANE-TA(2) records, never a server's leaf
    out.push('', '**This file publishes** (a CA certificate: a trust anchor, which the server sends above its leaf)', '',
      `- ${code(leaf.tlsa.ta211)} (DANE-TA SPKI SHA2-256)`,
      `- ${code(leaf.tlsa.ta201)} (DANE-TA Cert SHA2-256)`);
    return out.join('\n');
  }
  out.push('', '**This file publishes**', '',
    `- ${code(leaf.tlsa.ee311)} (DANE-EE SPKI SHA2-256, recommended)`,
    `- ${code(leaf.tlsa.ee301)} (DANE-EE Cert SHA2-256)`);
  for (const c of m.chains.slice(1)) {
    const other = describeCertificate(m.certs[c.leaf]);
    out.push(`- ${code(other.tlsa.ee311)} (DANE-EE SPKI SHA2-256 of the file's other leaf, ${other.subject}, ${keyLabel(other.key)})`);
  }
  const issuerAt = m.chains[0]?.issuers[0];
  if (issuerAt !== undefined) {
    const issuer = describeCertificate(m.certs[issuerAt]);
    out.push(`- ${code(issuer.tlsa.ta211)} (DANE-TA SPKI SHA2-256 of ${issuer.subject}, valid to ${isoDay(issuer.notAfter)})`);
  }
  return out.join('\n');
}

/** Markdown for an MX record: the TLSA names a DANE sender queries for its target. */
export function describeMxDane(zone: Zone, rec: ZoneRecord): string | undefined {
  const t = mxTarget(rec);
  if (!t) return rec.values[rec.values.length - 1] === '.' ? 'Null MX (RFC 7505): this domain accepts no mail.' : undefined;
  const names = tlsaQueryNames(zone, t);
  const lines = [`**DANE** — a sender delivering to ${code(t)} looks up TLSA at:`, ''];
  for (const n of names) {
    const recs = (zone.byOwner.get(n) ?? []).filter((r) => r.type === 'TLSA');
    const cut = inZone(zone, n) ? cutAbove(zone, n) : undefined;
    const inZoneNote = !inZone(zone, n) ? 'outside this zone'
      : cut ? (cut.kind === 'delegation' ? `in the child zone delegated at ${code(cut.at)}` : `redirected by the DNAME at ${code(cut.at)}`)
      : recs.length ? `${recs.length} TLSA record${recs.length > 1 ? 's' : ''} in this zone` : 'no TLSA records in this zone';
    lines.push(`- ${code(n)} — ${inZoneNote}`);
  }
  const a = aliasOf(zone, t);
  if (a) {
    const how = a.kind === 'cname' ? `CNAME to ${code(a.target)}` : `below the DNAME at ${code(a.at)}, it maps to ${code(a.target)}`;
    lines.push('', `${code(t)} is an alias (${how}): senders try the CNAME-expanded name first, then the alias (RFC 7672 §2.2.3). MX should name the host itself (RFC 2181 §10.3).`);
  }
  return lines.join('\n');
}

/** Markdown for a mail-policy TXT record: each tag or mechanism explained. */
export function describePolicyTxt(rec: ZoneRecord): string | undefined {
  const t = txtText(rec);
  if (!t) return undefined;
  const kind = POLICY_KINDS.find((k) => k.isRecord(t.text));
  if (!kind) return isDkimKeyName(rec.ownerKey) ? describeDkimKey(t.text) : undefined;
  const parsed = kind.parse(t.text, rec.ownerKey);
  const lines = [`**${kind.label} record** (${kind.rfc.map((r) => `[${r.label}](${r.url})`).join(', ')})`, ''];
  for (const term of parsed.terms) lines.push(`- ${term.explain}`);
  if ('lookups' in parsed) lines.push('', `DNS-querying terms in this record: ${(parsed as { lookups: number }).lookups} (limit 10 including nested includes, RFC 7208 §4.6.4).`);
  return lines.join('\n');
}

const KEY_LABEL = (k: DkimKey): string =>
  k.type === 'revoked' ? 'revoked (p= empty)' : k.type === 'ed25519' ? 'Ed25519 (RFC 8463)' : `RSA, ${k.bits} bits${k.form === 'pkcs1' ? ' (a bare RSAPublicKey)' : ''}`;

/** Markdown for a DKIM key record: its tags, and the key as a verifier reads it. */
function describeDkimKey(text: string): string {
  const parsed = parseDkim(text);
  const lines = ['**DKIM key record** ([RFC 6376 §3.6.1](https://www.rfc-editor.org/rfc/rfc6376#section-3.6.1))', ''];
  for (const term of parsed.terms) lines.push(`- ${term.explain}`);
  lines.push('', parsed.key ? `Key: ${KEY_LABEL(parsed.key)}.` : 'Key: none a verifier can use (see the problems).');
  return lines.join('\n');
}
