// The four mail-policy TXT kinds as data for the rule factories and the hover.
import { parseTlsRpt, isTlsRptRecord } from '../../mail-policy/tls-rpt';
import { parseMtaSts, isMtaStsRecord } from '../../mail-policy/mta-sts';
import { parseDmarc, isDmarcRecord, isReportAuthorizationName } from '../../mail-policy/dmarc';
import { parseSpf, isSpfRecord, spfNearMiss, type ParsedSpf } from '../../mail-policy/spf';
import { ref } from './refs';
import type { PolicyKind } from './policy-rules';

export const TLS_RPT: PolicyKind = {
  label: 'TLS-RPT', version: 'v=TLSRPTv1', isRecord: isTlsRptRecord, parse: parseTlsRpt, prefix: '_smtp._tls.',
  multiple: 'senders then assume no TLS-RPT policy (RFC 8460 §3)', rfc: [ref(8460, '3')],
};
export const MTA_STS: PolicyKind = {
  label: 'MTA-STS', version: 'v=STSv1', isRecord: isMtaStsRecord, parse: parseMtaSts, prefix: '_mta-sts.',
  multiple: 'senders then assume no MTA-STS policy (RFC 8461 §3.1)', rfc: [ref(8461, '3.1')],
};
export const DMARC: PolicyKind = {
  label: 'DMARC', version: 'v=DMARC1', isRecord: isDmarcRecord, parse: parseDmarc, prefix: '_dmarc.', alsoAt: isReportAuthorizationName,
  multiple: 'receivers then apply no DMARC policy (RFC 7489 §6.6.3)', rfc: [ref(7489, '6.3'), ref(7489, '6.6.3')],
};
export const SPF: PolicyKind<ParsedSpf> = {
  label: 'SPF', version: 'v=spf1', isRecord: isSpfRecord, parse: parseSpf, nearMiss: spfNearMiss,
  multiple: 'receivers return permerror and SPF fails for every message (RFC 7208 §4.5)', rfc: [ref(7208, '4.5'), ref(7208, '5')],
};
export const POLICY_KINDS = [TLS_RPT, MTA_STS, DMARC, SPF];
