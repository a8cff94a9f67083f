// Mail-policy records at the wrong name: DMARC belongs at `_dmarc.<domain>`
// (RFC 7489 §6.1), TLS-RPT at `_smtp._tls.<domain>` (RFC 8460 §3), MTA-STS at
// `_mta-sts.<domain>` (RFC 8461 §3.1); SPF belongs at the domain itself, not
// under those names (RFC 7208 §3.1). Nobody queries a misplaced record.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { txtText } from './dane-support/txt-text';
import { DMARC, MTA_STS, TLS_RPT, SPF } from './dane-support/policy-kinds';

export const mailPolicyPlacement: RecordRule = {
  id: 'mail-policy-placement',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'warning',
  rfc: [ref(7489, '6.1'), ref(8460, '3'), ref(8461, '3.1'), ref(7208, '3.1')],
  summary: 'DMARC, TLS-RPT, MTA-STS or SPF record at a name where nobody looks for it.',
  check(rec, ctx) {
    const t = txtText(rec);
    if (!t) return;
    for (const k of [DMARC, TLS_RPT, MTA_STS]) {
      if (!k.isRecord(t.text) || rec.ownerKey.startsWith(k.prefix!)) continue;
      ctx.report({ loc: rec.ownerLoc, message: `${k.label} records are looked up at ${k.prefix}<domain>, not at ${rec.ownerKey}: this record is never seen` });
      return;
    }
    const other = [DMARC, TLS_RPT, MTA_STS].find((k) => rec.ownerKey.startsWith(k.prefix!));
    if (SPF.isRecord(t.text) && other) {
      ctx.report({ loc: rec.ownerLoc, message: `SPF records are looked up at the sending domain itself; ${other.prefix}<domain> is where ${other.label} lives (RFC 7208 §3.1)` });
    }
  },
};
