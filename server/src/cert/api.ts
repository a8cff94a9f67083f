// Public surface of the certificate module (for rules, the LSP, the CLI and the
// live-validation engine). Keep it small: read a file, describe a certificate,
// compute TLSA data, match a record, check expiry.
export { readCertMaterial, spkiOf, type CertMaterial, type CertReadResult } from './cert-file';
export { describeCertificate, describeKey, describeSpki, keyLabel, publicKeyTlsa, type CertFacts, type KeyFacts } from './describe';
export { expiryOf, isoDay, type Expiry, type ExpiryState } from './expiry';
export { matchTlsa, type TlsaMatch, type TlsaParams } from './tlsa-match';
export { spkiShapeError, certSpki } from './der';
export * from './tlsa-data';
export { buildTlsa, smtpTlsaOwner, tlsaLabel, USAGE_NAMES, SELECTOR_NAMES, MTYPE_NAMES, type BuiltTlsa, type TlsaChoice } from './build-record';
