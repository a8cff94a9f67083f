// Builds the TLSA RDATA a certificate file should publish (for the CLI
// `dane-zone tlsa`, the "Generate TLSA record" command and quick-fixes):
// usage 3/1 from the leaf, usage 2/0 from the certificate of the file that issued it (or, in a
// file of CA certificates only, from the first: the issuing CA linked as the anchor). Pure.
import type { CertMaterial } from './cert-file';
import { matchBytes, associationData, type MatchingType, type Selector } from './tlsa-data';
import { isCaNotServer } from './describe';

export interface TlsaChoice {
  usage: number;
  selector: number;
  matchingType: number;
}

export interface BuiltTlsa {
  /** `3 1 1 <hex>` */
  rdata: string;
  /** which certificate of the file it comes from (0 = leaf) */
  certIndex: number;
}

export const USAGE_NAMES = ['PKIX-TA', 'PKIX-EE', 'DANE-TA', 'DANE-EE'];
export const SELECTOR_NAMES = ['Cert', 'SPKI'];
export const MTYPE_NAMES = ['Full', 'SHA2-256', 'SHA2-512'];

/** `3 1 1 (DANE-EE SPKI SHA2-256)` style label; unknown numbers shown as-is. */
export function tlsaLabel(c: TlsaChoice): string {
  const n = (names: string[], v: number) => names[v] ?? (v === 255 ? 'private' : 'unassigned');
  return `${c.usage} ${c.selector} ${c.matchingType} (${n(USAGE_NAMES, c.usage)} ${n(SELECTOR_NAMES, c.selector)} ${n(MTYPE_NAMES, c.matchingType)})`;
}

export function buildTlsa(m: CertMaterial, c: TlsaChoice): BuiltTlsa | { error: string } {
  if (![0, 1, 2, 3].includes(c.usage)) return { error: `usage ${c.usage} is not 0-3 (PKIX-TA, PKIX-EE, DANE-TA, DANE-EE)` };
  if (c.selector !== 0 && c.selector !== 1) return { error: `selector ${c.selector} is not 0 (Cert) or 1 (SPKI)` };
  if (![0, 1, 2].includes(c.matchingType)) return { error: `matching type ${c.matchingType} is not 0 (Full), 1 (SHA2-256) or 2 (SHA2-512)` };
  const sel = c.selector as Selector;
  const mt = c.matchingType as MatchingType;
  const ta = c.usage === 0 || c.usage === 2;
  if (m.certs.length === 0) {
    if (ta) return { error: `usage ${c.usage} (${USAGE_NAMES[c.usage]}) needs the issuer certificate; the file holds only a public key` };
    if (sel === 0) return { error: 'selector 0 (Cert) needs a certificate; the file holds only a public key (use selector 1, SPKI)' };
    return { rdata: `${c.usage} 1 ${mt} ${matchBytes(m.leafSpki, mt)}`, certIndex: 0 };
  }
  const first = m.chains[0];
  // a file of CA certificates only: its first is the anchor itself (the issuing CA's file)
  const caAlone = first !== undefined && isCaNotServer(m.certs[first.leaf]);
  const certIndex = ta ? (caAlone ? first.leaf : first?.issuers[0]) : first?.leaf ?? 0;
  const cert = certIndex === undefined ? undefined : m.certs[certIndex];
  if (!cert || certIndex === undefined) {
    const why = m.certs.length > 1 ? `no certificate in the file issued the leaf (${m.certs[0].subject.replace(/\n/g, ', ')}): append its issuer` : 'the file holds only the leaf (append the chain to it)';
    return { error: `usage ${c.usage} (${USAGE_NAMES[c.usage]}) needs the issuer certificate; ${why}` };
  }
  return { rdata: `${c.usage} ${sel} ${mt} ${associationData(cert, sel, mt)}`, certIndex };
}

/** `_25._tcp.<host>.` for an MX host (absolute, lower case). */
export function smtpTlsaOwner(host: string, port = 25): string {
  const h = host.trim().replace(/\.?$/, '.').toLowerCase();
  return h.startsWith('_') ? h : `_${port}._tcp.${h}`;
}
