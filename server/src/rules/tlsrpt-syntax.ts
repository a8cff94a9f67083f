// TLS-RPT record syntax at _smtp._tls.<domain> (RFC 8460 §3).
import { policySyntaxRule } from './dane-support/policy-rules';
import { TLS_RPT } from './dane-support/policy-kinds';

export const tlsRptSyntax = policySyntaxRule('tlsrpt-syntax', TLS_RPT);
