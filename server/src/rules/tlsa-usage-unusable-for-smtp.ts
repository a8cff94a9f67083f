// TLSA usage 0 (PKIX-TA) or 1 (PKIX-EE) at `_25._tcp.<host>`: SMTP senders treat
// such records as unusable (RFC 7672 §3.1.3). Not flagged for other services,
// where PKIX usages are fine. Fixes come from a linked certificate file; without one, the
// usage of the same role (1 -> 3, 0 -> 2) with the same data.
// Also where SMTP senders reach the RRset another way (a CNAME from `_25._tcp.<host>`, a
// `*._tcp.<host>` wildcard for an MX host: smtpGetsTlsaAt). Record scope, each 0/1 record
// reported; the wording reads the rest of its RRset.
import type { RecordRule, ReportedFix } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields, usageName, USAGE } from './dane-support/tlsa-fields';
import { smtpGetsTlsaAt } from './dane-support/tlsa-lookup';
import { loadLinkedCert } from '../cert/link';
import { changeUsage, keptParams, replaceWithEe, replaceWithTa } from './dane-support/cert-fixes';
import { fixesFromData, type FixData } from './dane-support/fix-data';

/** The usage as parsed: 0 and 1 are this rule's (read without a fields object: the editor asks
 *  dependsOn of every record) */
const isPkix = (rec: Parameters<RecordRule['check']>[0]): boolean => rec.values[0] === 0 || rec.values[0] === 1;

export const tlsaUsageUnusableForSmtp: RecordRule = {
  id: 'tlsa-usage-unusable-for-smtp',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '3.1.3')],
  summary: 'TLSA usage 0 (PKIX-TA) or 1 (PKIX-EE) at an SMTP name: DANE senders treat it as unusable.',
  dependsOn: (rec, zone) => (isPkix(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).names : []),
  dependsOnBelow: (rec, zone) => (isPkix(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).below : []),
  dependsOnDnamesTo: (rec, zone) => (isPkix(rec) ? smtpGetsTlsaAt(zone, rec.ownerKey).dnamesTo : []),
  check(rec, ctx) {
    const f = tlsaFields(rec);
    if (!f || (f.usage !== 0 && f.usage !== 1) || !smtpGetsTlsaAt(ctx.zone, rec.ownerKey).smtp) return;
    const set = (ctx.zone.byOwner.get(rec.ownerKey) ?? []).filter((r) => r.type === 'TLSA');
    const allPkix = set.every((r) => {
      const g = tlsaFields(r);
      return !g || g.usage === 0 || g.usage === 1;
    });
    const consequence = allPkix
      ? 'Every TLSA record at this name is 0/1, so the domain gets no DANE authentication at all: Exchange Online then only requires TLS, and Postfix and Exim fall back to unauthenticated TLS.'
      : 'Senders skip it and use the other records at this name.';
    const fixes: ReportedFix[] = [];
    const linked = loadLinkedCert(rec, ctx.host);
    if (linked && 'material' in linked) {
      const m = linked.material;
      for (const fx of [replaceWithEe(rec, f, m, linked.link.path, keptParams(f)), f.usage === 0 ? replaceWithTa(rec, f, m, keptParams(f)) : undefined,
        changeUsage(f, m, f.usage === 1 ? 3 : 2)]) if (fx) fixes.push(fx);
    } else if (!linked) {
      // without a certificate to check against: the same data under the DANE usage of the same
      // role names the same certificate (PKIX-EE's leaf, PKIX-TA's CA, which the server must
      // then send in its chain, RFC 7672 §3.1.2)
      const to = f.usage === 1 ? 3 : 2;
      fixes.push({
        title: `Change usage to ${to} (${USAGE[to]})${to === 2 ? ': the server must send that CA\'s certificate' : ''}`,
        preferred: false,
        edits: [{ loc: f.fields.usage.loc, newText: String(to) }],
      });
    }
    ctx.report({
      loc: f.fields.usage.loc,
      message: `TLSA usage ${usageName(f.usage)} is unusable for SMTP: DANE senders ignore PKIX usages (RFC 7672 §3.1.3). ${consequence} Use 3 (DANE-EE) or 2 (DANE-TA).`,
      data: { fixes } satisfies FixData,
    });
  },
  fixes: fixesFromData,
};
