// Public API of the core (zone reading, rules, certificates, live validation),
// bundled as dist/core.js for tests, benchmarks and other tools. No LSP here.
export * from './zone/api';
export * from './rules/registry';
export * from './cert/api';
export * from './mail-policy/api';
export { DANE_RULES } from './rules/dane-rules';
// pure hover content for DANE/mail records (markdown; no LSP types)
export { daneHover, daneHoverAt, describeTlsaLink, describeMxDane, describePolicyTxt } from './lsp/dane-hover';
// the server's copy of an open document (its lines under incremental edits; no LSP types)
export { ZoneDocument } from './lsp/zone-document';
export * from './features';
export * from './live/api';
// a zone file as a whole-file check reads it (segments past V8's longest string)
export { readZoneFile, SEGMENT_BYTES } from './read-zone-file';
// the zone's delegations and DNAMEs as rules ask about them (tests compare edited and fresh zones,
// and the check's column store with the editor's model)
export { cutNames, cutAbove } from './rules/support/zone-cuts';
export { ancestorNames } from './rules/dane-support/tlsa-lookup';
export { withoutIgnored, ignoreFixes, canIgnore, whyNotIgnorable } from './rules/ignore';
export { readIgnoreComment } from './zone/ignore-comment';
export { settleFixData } from './rules/dane-support/fix-data';
