// A DANE-TA(2) record whose linked chain has a leaf that names none of the hosts a sender
// expects: under usage 2 senders check the leaf's names against the TLSA base domain and the
// MX host (RFC 7672 §3.2.2; a wildcard covers one leftmost label, §3.2.3), so the chain
// matches and delivery still fails (5.7.325 certificate-host-mismatch). DANE-EE(3) checks no
// names (§3.1.1): where a DANE-EE record of the RRset matches that leaf, mail is delivered
// through it today, and the finding is a warning that the DANE-TA record, kept for the next key,
// will not carry mail when that key comes. The hosts are the one of the record's `_25._tcp.<host>`
// owner and of the names whose TLSA queries reach it through CNAMEs and DNAMEs, and the MX host
// names that are aliases of those hosts.
import type { RecordRule } from './rule';
import type { Zone } from '../zone/model';
import { ref } from './dane-support/refs';
import { smtpTlsaHost, tlsaFields } from './dane-support/tlsa-fields';
import { queriesReaching, smtpTlsaQueried } from './dane-support/tlsa-lookup';
import { mxReach } from './dane-support/mail-graph';
import { loadLinkedCert } from '../cert/link';
import { matchTlsa } from '../cert/tlsa-match';
import { certNames, nameMatches } from '../cert/cert-names';
import { describeCertificate } from '../cert/describe';

// the usage as parsed (the record's first value): asked for every TLSA record when the editor
// indexes dependencies, where a fields object per record would cost
const isDaneTa = (rec: Parameters<RecordRule['check']>[0]): boolean => rec.values[0] === 2;

/** The names senders may expect in the leaf: the host of each `_25._tcp` name whose query reaches
 *  this owner (the TLSA base domain), and the names that reach such a host through CNAMEs (an MX
 *  naming an alias: the original MX host name, RFC 7672 §3.2.2). Its own host first. */
function expectedHosts(zone: Zone, ownerKey: string): string[] {
  const hosts = queriesReaching(zone, ownerKey).names.map(smtpTlsaHost).filter((h): h is string => h !== undefined);
  return [...new Set(hosts.flatMap((h) => mxReach(zone, h).names))];
}

export const tlsaCertNameMismatch: RecordRule = {
  id: 'tlsa-cert-name-mismatch',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(7672, '3.2.2'), ref(7672, '3.2.3')],
  summary: 'A usage 2 (DANE-TA) record whose linked leaf certificate names none of the MX hosts senders reach it from: they check names under DANE-TA.',
  dependsOn(rec, zone) {
    return isDaneTa(rec) && smtpTlsaHost(rec.ownerKey) ? smtpTlsaQueried(zone, rec.ownerKey).names : [];
  },
  dependsOnDnamesTo(rec, zone) {
    return isDaneTa(rec) && smtpTlsaHost(rec.ownerKey) ? smtpTlsaQueried(zone, rec.ownerKey).dnamesTo : [];
  },
  check(rec, ctx) {
    const f = tlsaFields(rec);
    if (f?.usage !== 2 || !smtpTlsaHost(rec.ownerKey)) return;
    const linked = loadLinkedCert(rec, ctx.host);
    if (!linked || !('material' in linked)) return;
    const m = linked.material;
    const match = matchTlsa(f, m);
    if (!match.ok) return; // tlsa-cert-mismatch's finding
    const hosts = expectedHosts(ctx.zone, rec.ownerKey);
    // the leaves of the file that a DANE-EE record at this name matches, and which record
    const eeMatched = new Map<number, string>();
    for (const r of ctx.zone.byOwner.get(rec.ownerKey) ?? []) {
      const g = r !== rec && r.type === 'TLSA' ? tlsaFields(r) : undefined;
      if (g?.usage !== 3) continue;
      const mm = matchTlsa(g, m);
      if (mm.ok && !eeMatched.has(mm.certIndex)) eeMatched.set(mm.certIndex, `${g.usage} ${g.selector} ${g.matchingType}`);
    }
    // every leaf this anchor issued may be the one the server presents (an RSA and an ECDSA one)
    for (const chain of m.chains) {
      if (!chain.issuers.includes(match.certIndex)) continue;
      const leaf = m.certs[chain.leaf];
      const names = certNames(leaf);
      if (hosts.some((h) => names.some((n) => nameMatches(n, h)))) continue;
      const want = hosts.map((h) => h.replace(/\.$/, ''));
      const named = `the leaf certificate (${describeCertificate(leaf).subject}) in ${linked.link.path} names ${names.join(', ') || 'no host'}, not ${want.join(' or ')}: with usage 2 (DANE-TA) senders check the leaf's names against the MX host (RFC 7672 §3.2.2, §3.2.3)`;
      const ee = eeMatched.get(chain.leaf);
      ctx.report({
        loc: f.fields.usage.loc,
        ...(ee
          ? {
            severity: 'warning' as const,
            message: `${named}. Mail is delivered today through the ${ee} (DANE-EE) record at this name, which matches this leaf and checks no names (RFC 7672 §3.1.1); when the server's key changes, this record is the one left to match, and delivery fails (5.7.325 certificate-host-mismatch). Add ${want[0]} to the certificate's subject alternative names.`,
          }
          : { message: `${named}, so the chain matches and delivery still fails (5.7.325 certificate-host-mismatch). Add ${want[0]} to the certificate's subject alternative names, or publish its 3 1 1 (DANE-EE), which checks no names.` }),
      });
    }
  },
};
