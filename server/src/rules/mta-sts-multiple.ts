// more than one MTA-STS record means no policy (RFC 8461 §3.1).
import { policyMultipleRule } from './dane-support/policy-rules';
import { MTA_STS } from './dane-support/policy-kinds';

export const mtaStsMultiple = policyMultipleRule('mta-sts-multiple', MTA_STS);
