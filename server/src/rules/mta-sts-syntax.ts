// MTA-STS record syntax at _mta-sts.<domain> (RFC 8461 §3.1).
import { policySyntaxRule } from './dane-support/policy-rules';
import { MTA_STS } from './dane-support/policy-kinds';

export const mtaStsSyntax = policySyntaxRule('mta-sts-syntax', MTA_STS);
