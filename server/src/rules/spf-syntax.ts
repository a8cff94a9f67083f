// SPF record syntax: known mechanisms and modifiers (RFC 7208 §5, §6).
import { policySyntaxRule } from './dane-support/policy-rules';
import { SPF } from './dane-support/policy-kinds';

export const spfSyntax = policySyntaxRule('spf-syntax', SPF);
