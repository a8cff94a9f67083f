// Public surface of the mail-policy TXT parsers (for rules, hovers, the live engine).
export * from './policy-types';
export { parseTlsRpt, isTlsRptRecord } from './tls-rpt';
export { parseMtaSts, isMtaStsRecord } from './mta-sts';
export { parseDmarc, isDmarcRecord } from './dmarc';
export { parseDkim, isDkimKeyName, type ParsedDkim, type DkimKey } from './dkim';
export { parseSpf, isSpfRecord, type SpfTerm, type ParsedSpf } from './spf';
