// TLSA usage 0 (PKIX-TA) or 1 (PKIX-EE) at `_25._tcp.<host>`: SMTP senders treat
// such records as unusable (RFC 7672 §3.1.3). Not flagged for other services,
// where PKIX usages are fine. Fixes come from a linked certificate file; without one, the
// usage of the same role (1 -> 3, 0 -> 2) with the same data.
// Owner scope: the wording depends on the other records of the RRset.
import type { OwnerRule, QuickFix } from './rule';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, tlsaFields, usageName, USAGE } from './dane-support/tlsa-fields';
import { locRange } from './dane-support/loc-range';
import { loadLinkedCert } from '../cert/link';
import { changeUsage, replaceWith211, replaceWith311 } from './dane-support/cert-fixes';
import { fixesFromData, type FixData } from './dane-support/fix-data';

export const tlsaUsageUnusableForSmtp: OwnerRule = {
  id: 'tlsa-usage-unusable-for-smtp',
  scope: 'owner',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '3.1.3')],
  summary: 'TLSA usage 0 (PKIX-TA) or 1 (PKIX-EE) at an SMTP name: DANE senders treat it as unusable.',
  check(ownerKey, records, ctx) {
    if (!isSmtpTlsaOwner(ownerKey)) return;
    const set = records.filter((r) => r.type === 'TLSA');
    const allPkix = set.every((r) => {
      const g = tlsaFields(r);
      return !g || g.usage === 0 || g.usage === 1;
    });
    const consequence = allPkix
      ? 'Every TLSA record at this name is 0/1, so the domain gets no DANE authentication at all: Exchange Online then only requires TLS, and Postfix and Exim fall back to unauthenticated TLS.'
      : 'Senders skip it and use the other records at this name.';
    for (const rec of set) {
      const f = tlsaFields(rec);
      if (!f || (f.usage !== 0 && f.usage !== 1)) continue;
      const fixes: QuickFix[] = [];
      const linked = loadLinkedCert(rec, ctx.host);
      if (linked && 'material' in linked) {
        const m = linked.material;
        for (const fx of [replaceWith311(rec, f, m, linked.link.path), f.usage === 0 ? replaceWith211(rec, f, m) : undefined,
          changeUsage(f, m, f.usage === 1 ? 3 : 2)]) if (fx) fixes.push(fx);
      } else if (!linked) {
        // without a certificate to check against: the same data under the DANE usage of the same
        // role names the same certificate (PKIX-EE's leaf, PKIX-TA's CA, which the server must
        // then send in its chain, RFC 7672 §3.1.2)
        const to = f.usage === 1 ? 3 : 2;
        fixes.push({
          title: `Change usage to ${to} (${USAGE[to]})${to === 2 ? ': the server must send that CA\'s certificate' : ''}`,
          preferred: false,
          edits: [{ file: f.fields.usage.loc.file.id, range: locRange(f.fields.usage.loc), newText: String(to) }],
        });
      }
      const data: FixData = { fixes };
      ctx.report({
        loc: f.fields.usage.loc,
        message: `TLSA usage ${usageName(f.usage)} is unusable for SMTP: DANE senders ignore PKIX usages (RFC 7672 §3.1.3). ${consequence} Use 3 (DANE-EE) or 2 (DANE-TA).`,
        data,
      });
    }
  },
  fixes: fixesFromData,
};
