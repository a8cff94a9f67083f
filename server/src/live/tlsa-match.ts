// The TLSA matcher for SMTP (RFC 7672 §3): pure, no I/O, no clock of its own.
// Input: the TLSA RRset, the chain the server presented (leaf first), the
// reference identifiers and "now". DANE-EE(3): the leaf's certificate or SPKI
// matches; no name or date checks (§3.1.1). DANE-TA(2): some presented
// certificate matches and is the trust anchor; the chain from it down to the
// leaf must verify (issuer names, signatures, validity dates) and the leaf must
// carry one of the reference identifiers (§3.2.2-3.2.3); every certificate that
// issues another in that path, the anchor included, must be a CA within its
// pathLenConstraint (RFC 5280 §4.2.1.9, §6.1.4; RFC 7671 §5.2.2), as OpenSSL's
// DANE verifier requires (a CA:FALSE anchor fails there with "invalid CA certificate"). PKIX-TA(0)/PKIX-EE(1)
// are unusable for SMTP (§3.1.3). Digest agility per RFC 7671 §9.
import { X509Certificate } from 'node:crypto';
import { associationData, DIGEST_OCTETS, type MatchingType, type Selector } from '../cert/tlsa-data';
import { caFacts } from '../cert/der';
import { certNames, nameMatches } from '../cert/cert-names';

export interface TlsaRecord { usage: number; selector: number; matchingType: number; data: string }

export type MatchOutcome =
  | 'match-ee' // a DANE-EE record matched the leaf
  | 'match-ta' // a DANE-TA record matched and the chain and names verified
  | 'no-usable' // only unusable records: TLS mandatory, no authentication
  | 'mismatch' // usable records, none matches a presented certificate
  | 'expired' // DANE-TA matched, but a certificate below the anchor is outside its validity
  | 'name-mismatch' // DANE-TA matched, chain good, leaf names do not cover the reference identifiers
  | 'chain-invalid' // DANE-TA matched, but the chain to the leaf does not verify
  | 'no-certificate';

export interface MatchResult {
  outcome: MatchOutcome;
  /** the record that authenticated the server, in presentation form */
  matched?: string;
  /** depth in the chain of the certificate that matched (0 = leaf) */
  depth?: number;
  /** human explanation */
  detail: string;
  /** records left out and why (unusable usage, weaker digest, unknown parameters) */
  ignored: { record: string; reason: string }[];
}

export const recordText = (r: TlsaRecord): string => `${r.usage} ${r.selector} ${r.matchingType} ${r.data.toLowerCase()}`;


/** RFC 7671 §9: per (usage, selector), keep only the strongest digest present; Full(0) is exempt. */
export function usableRecords(records: TlsaRecord[]): { usable: TlsaRecord[]; ignored: MatchResult['ignored'] } {
  const ignored: MatchResult['ignored'] = [];
  const cand: TlsaRecord[] = [];
  for (const r of records) {
    if (r.usage === 0 || r.usage === 1) ignored.push({ record: recordText(r), reason: `usage ${r.usage} (${r.usage ? 'PKIX-EE' : 'PKIX-TA'}) is unusable for SMTP (RFC 7672 §3.1.3)` });
    else if (r.usage !== 2 && r.usage !== 3) ignored.push({ record: recordText(r), reason: `unknown usage ${r.usage}` });
    else if (r.selector !== 0 && r.selector !== 1) ignored.push({ record: recordText(r), reason: `unknown selector ${r.selector}` });
    else if (r.matchingType < 0 || r.matchingType > 2) ignored.push({ record: recordText(r), reason: `unknown matching type ${r.matchingType}` });
    else if (!/^([0-9a-f]{2})+$/i.test(r.data)) ignored.push({ record: recordText(r), reason: 'the certificate association data is not hex' });
    else if (r.matchingType !== 0 && r.data.length / 2 !== DIGEST_OCTETS[r.matchingType]) {
      // malformed, so unusable (RFC 7672 §2.2), as OpenSSL's SSL_dane_tlsa_add and Postfix treat it
      ignored.push({ record: recordText(r), reason: `${r.data.length / 2} bytes of data, but a ${r.matchingType === 1 ? 'SHA2-256' : 'SHA2-512'} digest has ${DIGEST_OCTETS[r.matchingType]}: malformed, unusable (RFC 6698 §2.1.3)` });
    } else cand.push(r);
  }
  const rank = (m: number): number => (m === 2 ? 2 : m === 1 ? 1 : 0);
  const best = new Map<string, number>();
  for (const r of cand) {
    if (r.matchingType === 0) continue;
    const k = `${r.usage}/${r.selector}`;
    best.set(k, Math.max(best.get(k) ?? 0, rank(r.matchingType)));
  }
  const usable: TlsaRecord[] = [];
  for (const r of cand) {
    const b = best.get(`${r.usage}/${r.selector}`) ?? 0;
    if (r.matchingType !== 0 && rank(r.matchingType) < b) ignored.push({ record: recordText(r), reason: 'a stronger digest is published for the same usage and selector (RFC 7671 §9)' });
    else usable.push(r);
  }
  return { usable, ignored };
}

function recMatches(r: TlsaRecord, cert: X509Certificate): boolean {
  return associationData(cert, r.selector as Selector, r.matchingType as MatchingType) === r.data.toLowerCase();
}

// the names a leaf carries, and RFC 7672 §3.2.3's matching: shared with the zone's rules
export { certNames, nameMatches } from '../cert/cert-names';

const dn = (c: X509Certificate): string => c.subject.replace(/\n/g, ', ');

/** Why the certificate at `k` (which issues the one at k-1) may not issue it, or undefined.
 *  `anchor`: it is the DANE-TA trust anchor (OpenSSL's X509_check_ca != 0: basicConstraints
 *  CA:TRUE, or without basicConstraints a v1 certificate or keyUsage keyCertSign); intermediates
 *  need basicConstraints CA:TRUE. keyUsage, when present, must allow keyCertSign. */
function issuerProblem(chain: X509Certificate[], chainDer: Uint8Array[], k: number, anchor: boolean): string | undefined {
  const f = caFacts(chainDer[k]);
  const who = `the certificate at depth ${k} (${dn(chain[k])})`;
  if (typeof f === 'string') return `${who} has unreadable extensions (${f})`;
  if (f.keyCertSign === false) return `${who} issues the certificate at depth ${k - 1}, but its keyUsage does not allow keyCertSign (RFC 5280 §4.2.1.3)`;
  const ca = f.basicCa ?? (anchor && (f.v1 || f.keyCertSign === true));
  if (!ca) return `${who} issues the certificate at depth ${k - 1}, but it is not a CA (${f.basicCa === false ? 'basicConstraints CA:FALSE' : 'no basicConstraints CA:TRUE'}; RFC 5280 §4.2.1.9, RFC 7671 §5.2.2)`;
  if (f.pathLen !== undefined) {
    // non-self-issued intermediates below it (RFC 5280 §6.1.4 (l)-(m))
    let below = 0;
    for (let i = 1; i < k; i++) if (chain[i].subject !== chain[i].issuer) below++;
    if (below > f.pathLen) return `${who} has pathLenConstraint ${f.pathLen}, but ${below} intermediate certificate(s) stand below it (RFC 5280 §4.2.1.9)`;
  }
  return undefined;
}

function inValidity(c: X509Certificate, now: Date): boolean {
  return new Date(c.validFrom) <= now && now <= new Date(c.validTo);
}

export function matchPresentedChain(records: TlsaRecord[], chainDer: Uint8Array[], refNames: string[], now: Date): MatchResult {
  const { usable, ignored } = usableRecords(records);
  if (!usable.length) {
    return { outcome: 'no-usable', ignored, detail: records.length ? 'no usable TLSA record (only PKIX-TA(0)/PKIX-EE(1) or unknown parameters): TLS is required but the server is not authenticated' : 'no TLSA records' };
  }
  if (!chainDer.length) return { outcome: 'no-certificate', ignored, detail: 'the server presented no certificate' };
  let chain: X509Certificate[];
  try { chain = chainDer.map((d) => new X509Certificate(d)); } catch (e) {
    return { outcome: 'chain-invalid', ignored, detail: `a presented certificate does not parse: ${(e as Error).message}` };
  }
  const leaf = chain[0];
  for (const r of usable.filter((x) => x.usage === 3)) {
    if (recMatches(r, leaf)) return { outcome: 'match-ee', matched: recordText(r), depth: 0, ignored, detail: `DANE-EE(3) ${recordText(r).slice(0, 18)}… matches the leaf certificate (no name or date checks, RFC 7672 §3.1.1)` };
  }
  // DANE-TA: collect the most informative failure over all matching anchors
  let failure: MatchResult | undefined;
  const order: MatchOutcome[] = ['mismatch', 'chain-invalid', 'expired', 'name-mismatch'];
  const worse = (m: MatchResult): void => { if (!failure || order.indexOf(m.outcome) > order.indexOf(failure.outcome)) failure = m; };
  for (const r of usable.filter((x) => x.usage === 2)) {
    for (let depth = 0; depth < chain.length; depth++) {
      if (!recMatches(r, chain[depth])) continue;
      const rec = recordText(r);
      let bad: MatchResult | undefined;
      for (let j = depth - 1; j >= 0 && !bad; j--) {
        const child = chain[j], parent = chain[j + 1];
        const notCa = issuerProblem(chain, chainDer, j + 1, j + 1 === depth);
        // (checkIssued also refuses an issuer whose keyUsage lacks keyCertSign: name that first)
        const signed = child.issuer === parent.subject && child.verify(parent.publicKey);
        if (signed && notCa) {
          bad = { outcome: 'chain-invalid', matched: rec, depth, ignored, detail: `DANE-TA(2) matched the certificate at depth ${depth}, but ${notCa}` };
        } else if (!signed || !child.checkIssued(parent)) {
          bad = { outcome: 'chain-invalid', matched: rec, depth, ignored, detail: `DANE-TA(2) matched the certificate at depth ${depth}, but the certificate at depth ${j} (${dn(child)}) is not signed by it` };
        } else if (!inValidity(child, now)) {
          bad = { outcome: 'expired', matched: rec, depth, ignored, detail: `DANE-TA(2) matched at depth ${depth}, but the certificate at depth ${j} is valid ${child.validFrom} – ${child.validTo}, not now` };
        }
      }
      if (!bad && depth === 0 && !inValidity(leaf, now)) {
        bad = { outcome: 'expired', matched: rec, depth, ignored, detail: `DANE-TA(2) matched the leaf itself, which is valid ${leaf.validFrom} – ${leaf.validTo}, not now` };
      }
      if (!bad) {
        const names = certNames(leaf);
        const ok = refNames.some((ref) => names.some((n) => nameMatches(n, ref)));
        if (ok) return { outcome: 'match-ta', matched: rec, depth, ignored, detail: `DANE-TA(2) matched the certificate at depth ${depth}; chain verified; leaf names ${names.join(', ')} cover ${refNames.join(' / ')}` };
        bad = { outcome: 'name-mismatch', matched: rec, depth, ignored, detail: `DANE-TA(2) matched at depth ${depth} and the chain verifies, but the leaf names (${names.join(', ') || 'none'}) match none of ${refNames.join(', ')} (RFC 7672 §3.2.3)` };
      }
      worse(bad);
    }
  }
  return failure ?? { outcome: 'mismatch', ignored, detail: `none of the ${usable.length} usable TLSA record(s) matches a certificate the server presented` };
}
