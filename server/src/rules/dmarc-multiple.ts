// more than one DMARC record means no policy (RFC 7489 §6.6.3).
import { policyMultipleRule } from './dane-support/policy-rules';
import { DMARC } from './dane-support/policy-kinds';

export const dmarcMultiple = policyMultipleRule('dmarc-multiple', DMARC);
