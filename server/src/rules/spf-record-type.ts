// SPF is published as TXT only (RFC 7208 §3.1); the SPF record type (99) of RFC 4408 is
// obsolete (§14.1) and receivers do not query it. A policy written only as type SPF leaves the
// domain without SPF: an error, with a fix that writes it as TXT. Beside a TXT SPF record it is
// dead weight: a warning.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { policyKindOf } from './dane-support/policy-rules';
import { SPF } from './dane-support/policy-kinds';

export const spfRecordType: RecordRule = {
  id: 'spf-record-type',
  scope: 'record',
  types: ['SPF'],
  defaultSeverity: 'error',
  rfc: [ref(7208, '3.1'), ref(7208, '14.1')],
  summary: 'A record of the obsolete type SPF (99): receivers query only TXT, so without a TXT SPF record beside it the domain has no SPF (error; beside one, a warning).',
  check(rec, ctx) {
    const hasTxt = ctx.zone.byOwner.get(rec.ownerKey)?.some((r) => r.type === 'TXT' && policyKindOf(r) === SPF);
    if (hasTxt) {
      ctx.report({ loc: rec.typeLoc, severity: 'warning', message: `type SPF (99) is obsolete and receivers never query it (RFC 7208 §3.1, §14.1); the TXT SPF record at ${rec.owner} is the one they read: this record can go` });
      return;
    }
    const written = rec.generated || rec.generic ? undefined : rec.typeLoc;
    ctx.report({
      loc: rec.typeLoc,
      message: `receivers look up SPF only as TXT (RFC 7208 §3.1); type SPF (99) is obsolete and never queried (§14.1), so ${rec.owner} has no SPF policy: write this record as TXT`,
      data: written ? ({ fixes: [rewriteFix('Write it as TXT', written, 'TXT')] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
