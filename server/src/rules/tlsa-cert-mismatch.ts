// A TLSA record that matches nothing in its linked certificate file, judged as a
// DANE sender judges it (usage 3/1 against the leaf, usage 2/0 against an issuer
// in the chain, RFC 7671 §5.1-5.2). The message says what the file's leaf would
// publish; the fixes write it (3 1 1 preferred, 2 1 1 from the issuer, 3 1 2 and 2 1 2 for a
// SHA2-512 record, or only the usage changed when the data is right but the role is wrong).
import type { RecordRule, ReportedFix } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields, usageName } from './dane-support/tlsa-fields';
import { loadLinkedCert } from '../cert/link';
import { caLeavesIn, matchTlsa } from '../cert/tlsa-match';
import { describeCertificate, publicKeyTlsa } from '../cert/describe';
import { changeUsage, keptParams, replaceWithEe, replaceWithTa } from './dane-support/cert-fixes';
import { buildTlsa } from '../cert/build-record';
import { fixesFromData, type FixData } from './dane-support/fix-data';

export const tlsaCertMismatch: RecordRule = {
  id: 'tlsa-cert-mismatch',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(7671, '5.1'), ref(7671, '5.2'), ref(6698, '2.1')],
  summary: 'TLSA record does not match its linked certificate file; says what the leaf would publish.',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    const linked = f && loadLinkedCert(rec, ctx.host);
    if (!f || !linked || !('material' in linked)) return;
    const m = linked.material;
    const r = matchTlsa(f, m);
    if (r.ok || r.reason === 'unusable') return;
    const file = linked.link.path;
    const leaf = m.certs[0];
    // what the leaf publishes with this record's digest (a 3 1 2 stays 3 1 2)
    const kept = keptParams(f);
    // a file of CA certificates only (an issuing CA's): it publishes a DANE-TA record, never a 3 x x
    const caAlone = caLeavesIn(m).includes(0);
    const built = buildTlsa(m, { usage: caAlone ? 2 : 3, ...kept });
    const publish = 'rdata' in built ? built.rdata : leaf ? describeCertificate(leaf).tlsa.ee311 : publicKeyTlsa(m.leafSpki);
    const leafName = !leaf ? 'its public key' : caAlone ? `its CA certificate (${describeCertificate(leaf).subject})` : `its leaf (${describeCertificate(leaf).subject})`;
    const fixes: ReportedFix[] = [];
    const add = (fx: ReportedFix | undefined) => { if (fx) fixes.push(fx); };
    let message: string;
    let severity: 'warning' | undefined;
    if (r.reason === 'needs-certificate') {
      severity = 'warning';
      message = `cannot check selector 0 (Cert): ${file} holds only a public key. ${leafName[0].toUpperCase()}${leafName.slice(1)} would publish ${publish}.`;
    } else if (r.unrelated) {
      // a CA certificate of the file that issued no leaf in it (a wrong intermediate, another CA's)
      const other = describeCertificate(m.certs[r.unrelated.certIndex]).subject;
      message = `this is the data of ${other}, which did not issue the leaf${leaf ? ` (${describeCertificate(leaf).subject})` : ''} of ${file} (issuer names and signature checked): senders build the chain from the certificate the server presents, so this record matches nothing. ${leafName[0].toUpperCase()}${leafName.slice(1)} would publish ${publish}.`;
    } else if (r.reason === 'no-issuer' && !r.wrongRole) {
      severity = 'warning';
      message = `usage ${usageName(f.usage)} matches an issuer certificate, but ${file} holds only the leaf: append the chain to check it. ${leafName[0].toUpperCase()}${leafName.slice(1)} would publish ${publish}.`;
    } else if (r.wrongRole && caLeavesIn(m).includes(r.wrongRole.certIndex)) {
      // a DANE-EE record of a CA's own certificate (matchTlsa takes it as no leaf)
      const ca = describeCertificate(m.certs[r.wrongRole.certIndex]).subject;
      message = `this is the data of the CA certificate (${ca}), a trust anchor, but usage ${usageName(f.usage)} matches only the certificate the server presents as its own: use usage 2 (DANE-TA).`;
    } else if (r.wrongRole && r.wrongRole.certIndex === 0) {
      message = `this is the data of the leaf (${describeCertificate(leaf ?? m.certs[0]).subject}) itself, but usage ${usageName(f.usage)} must match an issuer certificate of the chain (RFC 7671 §5.2): use usage 3 (DANE-EE).`;
    } else if (r.wrongRole) {
      const issuer = describeCertificate(m.certs[r.wrongRole.certIndex]).subject;
      message = `this is the data of the issuer (${issuer}), but usage ${usageName(f.usage)} matches only the leaf: use usage 2 (DANE-TA) for an issuer, or ${publish} for the leaf.`;
    } else {
      const issuer = m.chains[0]?.issuers[0];
      const ta = issuer !== undefined && (f.usage === 2 || f.usage === 0) ? buildTlsa(m, { usage: 2, ...kept }) : undefined;
      message = `TLSA ${f.usage} ${f.selector} ${f.matchingType} does not match ${file}: ${leafName} would publish ${publish}` +
        (ta && 'rdata' in ta ? ` and its issuer ${ta.rdata}` : '') + '.';
    }
    if (caAlone) add(replaceWithTa(rec, f, m, kept, true));
    else add(replaceWithEe(rec, f, m, file, kept));
    if (!caAlone && (f.usage === 2 || f.usage === 0)) add(replaceWithTa(rec, f, m, kept));
    add(changeUsage(f, m, 3));
    add(changeUsage(f, m, 2));
    ctx.report({ loc: f.fields.data.loc, message, severity, data: { fixes } satisfies FixData });
  },
  fixes: fixesFromData,
};
