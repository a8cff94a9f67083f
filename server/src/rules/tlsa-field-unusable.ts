// TLSA usage, selector or matching type outside the assigned values (usage 0-3,
// selector 0-1, matching type 0-2; 255 private use): the record is unusable
// (RFC 6698 §4.1, RFC 7218 for the acronyms).
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields } from './dane-support/tlsa-fields';

const LIMITS = [
  { key: 'usage', max: 3, what: 'usage', known: '0 (PKIX-TA), 1 (PKIX-EE), 2 (DANE-TA), 3 (DANE-EE)' },
  { key: 'selector', max: 1, what: 'selector', known: '0 (Cert), 1 (SPKI)' },
  { key: 'matchingType', max: 2, what: 'matching type', known: '0 (Full), 1 (SHA2-256), 2 (SHA2-512)' },
] as const;

export const tlsaFieldUnusable: RecordRule = {
  id: 'tlsa-field-unusable',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'warning',
  rfc: [ref(6698, '4.1'), ref(7218, '2')],
  summary: 'TLSA usage, selector or matching type that no client understands: the record is unusable.',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    if (!f) return;
    for (const l of LIMITS) {
      const v = f[l.key];
      if (v <= l.max) continue;
      ctx.report({
        loc: f.fields[l.key].loc,
        severity: v === 255 ? 'info' : undefined,
        message: v === 255
          ? `${l.what} 255 is for private use: other clients treat the record as unusable (RFC 6698 §4.1)`
          : `${l.what} ${v} is not assigned (known: ${l.known}): clients treat the record as unusable (RFC 6698 §4.1)`,
      });
    }
  },
};
