// Mail-policy records at the wrong name: DMARC belongs at `_dmarc.<domain>`
// (RFC 7489 §6.1), TLS-RPT at `_smtp._tls.<domain>` (RFC 8460 §3), MTA-STS at
// `_mta-sts.<domain>` (RFC 8461 §3.1); SPF belongs at the domain itself, not
// under those names (RFC 7208 §3.1); a DKIM key at `<selector>._domainkey.<domain>`
// (RFC 6376 §3.6.2.1). Nobody queries a misplaced record.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { policyKindOf, type PolicyKind } from './dane-support/policy-rules';
import { DMARC, MTA_STS, TLS_RPT, SPF } from './dane-support/policy-kinds';
import { isReportAuthorizationName } from '../mail-policy/dmarc';
import { isDkimKeyName } from '../mail-policy/dkim';
import type { ZoneRecord } from '../zone/model';

/** True for a TXT record whose first string starts with `v=DKIM1` (a key record's version tag,
 *  which comes first): asked of every TXT that is no mail policy, so no joined text. */
function startsLikeDkimKey(rec: ZoneRecord): boolean {
  const v = rec.values[0];
  const first = Array.isArray(v) && typeof v[0] === 'string' ? (v[0] as string) : '';
  if (first.startsWith('v=DKIM1')) return true;
  return first.trimStart().charCodeAt(0) === 118 && /^\s*v\s*=\s*DKIM1\b/.test(first); // 'v'
}

/** The kind whose own prefix the name starts with (`_dmarc.` ...), if any. */
function placedKindAt(ownerKey: string): PolicyKind | undefined {
  return [DMARC, TLS_RPT, MTA_STS].find((k) => ownerKey.startsWith(k.prefix!));
}

export const mailPolicyPlacement: RecordRule = {
  id: 'mail-policy-placement',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'warning',
  rfc: [ref(7489, '6.1'), ref(8460, '3'), ref(8461, '3.1'), ref(7208, '3.1'), ref(6376, '3.6.2.1')],
  summary: 'DMARC, TLS-RPT, MTA-STS, SPF or DKIM key record at a name where nobody looks for it.',
  check(rec, ctx) {
    const kind = policyKindOf(rec);
    if (!kind) {
      if (startsLikeDkimKey(rec) && !isDkimKeyName(rec.ownerKey)) {
        ctx.report({ loc: rec.ownerLoc, message: `DKIM key records are looked up at <selector>._domainkey.<domain> (RFC 6376 §3.6.2.1), not at ${rec.ownerKey}: verifiers never see this key, and every signature with its selector fails` });
      }
      return;
    }
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
