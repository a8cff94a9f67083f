// Matching type 0 (Full) publishes whole certificates or keys: large RRsets,
// truncation and TCP fallback (RFC 7671 §10.1.2). SHA2-256 (1) is what senders expect.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields } from './dane-support/tlsa-fields';

export const tlsaFullDiscouraged: RecordRule = {
  id: 'tlsa-full-discouraged',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'info',
  rfc: [ref(7671, '10.1.2')],
  summary: 'Matching type 0 (Full) makes TLSA RRsets large; prefer 1 (SHA2-256).',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    if (!f || f.matchingType !== 0) return;
    ctx.report({
      loc: f.fields.matchingType.loc,
      message: `matching type 0 (Full) puts ${f.data.length / 2} bytes in DNS; large TLSA RRsets need TCP and break on some paths (RFC 7671 §10.1.2). Publish ${f.usage} ${f.selector} 1 (SHA2-256) instead.`,
    });
  },
};
