// DMARC record syntax at _dmarc.<domain> (RFC 7489 §6.3).
import { policySyntaxRule } from './dane-support/policy-rules';
import { DMARC } from './dane-support/policy-kinds';

export const dmarcSyntax = policySyntaxRule('dmarc-syntax', DMARC);
