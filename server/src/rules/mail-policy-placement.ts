// Mail-policy records at the wrong name: DMARC belongs at `_dmarc.<domain>`
// (RFC 7489 §6.1), TLS-RPT at `_smtp._tls.<domain>` (RFC 8460 §3), MTA-STS at
// `_mta-sts.<domain>` (RFC 8461 §3.1); SPF belongs at the domain itself, not
// under those names (RFC 7208 §3.1). Nobody queries a misplaced record.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { policyKindOf, type PolicyKind } from './dane-support/policy-rules';
import { DMARC, MTA_STS, TLS_RPT, SPF } from './dane-support/policy-kinds';
import { isReportAuthorizationName } from '../mail-policy/dmarc';

/** The kind whose own prefix the name starts with (`_dmarc.` ...), if any. */
function placedKindAt(ownerKey: string): PolicyKind | undefined {
  return [DMARC, TLS_RPT, MTA_STS].find((k) => ownerKey.startsWith(k.prefix!));
}

export const mailPolicyPlacement: RecordRule = {
  id: 'mail-policy-placement',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'warning',
  rfc: [ref(7489, '6.1'), ref(8460, '3'), ref(8461, '3.1'), ref(7208, '3.1')],
  summary: 'DMARC, TLS-RPT, MTA-STS or SPF record at a name where nobody looks for it.',
  check(rec, ctx) {
    const kind = policyKindOf(rec);
    if (!kind) return;
    // `<domain>._report._dmarc.<us>`: an authorisation to receive another domain's reports (RFC 7489 §7.1)
    if (kind === DMARC && isReportAuthorizationName(rec.ownerKey)) return;
    if (kind.prefix && !rec.ownerKey.startsWith(kind.prefix)) {
      ctx.report({ loc: rec.ownerLoc, message: `${kind.label} records are looked up at ${kind.prefix}<domain>, not at ${rec.ownerKey}: this record is never seen` });
      return;
    }
    const other = kind === SPF && placedKindAt(rec.ownerKey);
    if (other) {
      ctx.report({ loc: rec.ownerLoc, message: `SPF records are looked up at the sending domain itself; ${other.prefix}<domain> is where ${other.label} lives (RFC 7208 §3.1)` });
    }
  },
};
