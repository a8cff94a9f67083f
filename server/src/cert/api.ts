// Public surface of the certificate module, for the rules, the LSP, the CLI and
// the live-validation engine. Pure (node:crypto only, no file or network I/O).
// Node's crypto.X509Certificate does the X.509 parsing; SPKI bytes are taken
// from the certificate's own DER, exactly as a DANE sender hashes them.
//
// Typical use (live engine, certificates seen on the wire, leaf first):
//   const m = materialFromCerts(chain)               // or readCertMaterial(bytes, name) for a file
//   matchTlsa({ usage, selector, matchingType, data }, m)  -> { ok, certIndex } | { ok: false, reason }
//   describeCertificate(m.certs[0])                  -> subject, issuer, SANs, key, dates, 3 1 1 / 3 0 1 / 2 1 1
//   expiryOf(cert, now, 30)                          -> 'valid' | 'expires-soon' | 'expired' | 'not-yet-valid'

/** Read a PEM/DER certificate, chain (leaf first) or PUBLIC KEY file: CertMaterial or { error }. */
export { readCertMaterial, materialFromCerts, spkiOf, type CertMaterial, type CertReadResult } from './cert-file';
/** Facts for hovers and reports. */
export { certHostName, describeCertificate, describeKey, describeSpki, isHostName, keyLabel, publicKeyTlsa, type CertFacts, type KeyFacts } from './describe';
/** Validity at a clock, and the YYYY-MM-DD form messages use. */
export { expiryOf, isoDay, type Expiry, type ExpiryState } from './expiry';
/** Match a TLSA record against material as a sender does (usage 3/1 leaf, 2/0 issuer). */
export { matchTlsa, type TlsaMatch, type TlsaParams } from './tlsa-match';
/** DER structure helpers (Full data checks). */
export { spkiShapeError, certSpki } from './der';
/** Build `u s m hex` for a file, and `_25._tcp.<host>.` owners. */
export { buildTlsa, smtpTlsaOwner, tlsaLabel, USAGE_NAMES, SELECTOR_NAMES, MTYPE_NAMES, type BuiltTlsa, type TlsaChoice } from './build-record';
/** Certificate links of TLSA records (`; dane-zone: cert=<path>`, daneZone.certificates). */
export { certLinkOf, loadLinkedCert, linkedCertificatePaths, settingFor, CERT_LINK_RE, type CertLink, type LinkedCert } from './link';
/** Association data: selector/matching type -> hex. */
export * from './tlsa-data';
