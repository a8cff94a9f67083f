// more than one TLS-RPT record means no policy (RFC 8460 §3).
import { policyMultipleRule } from './dane-support/policy-rules';
import { TLS_RPT } from './dane-support/policy-kinds';

export const tlsRptMultiple = policyMultipleRule('tlsrpt-multiple', TLS_RPT);
