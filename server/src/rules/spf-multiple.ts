// more than one v=spf1 record at a name is a permerror (RFC 7208 §4.5).
import { policyMultipleRule } from './dane-support/policy-rules';
import { SPF } from './dane-support/policy-kinds';

export const spfMultiple = policyMultipleRule('spf-multiple', SPF);
