// A DKIM key record at `<selector>._domainkey.<domain>` that verifiers cannot use, or use with
// less than it says (RFC 6376 §3.6.1, RFC 8301, RFC 8463): a key cut short or mangled when it
// was split into strings, a missing or misspelt tag, SHA-1 only, an Ed25519 key in the wrong
// form. Every signature with such a selector fails, and DMARC with it where SPF does not align.
// The problems come from the pure parser (mail-policy/dkim.ts), placed in the record's text, with
// its fixes (a tag name in lower case, an Ed25519 key's bare form) where they can be written.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { txtText } from './dane-support/txt-text';
import { isDkimKeyName, parseDkim } from '../mail-policy/dkim';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';

export const dkimSyntax: RecordRule = {
  id: 'dkim-syntax',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'error',
  rfc: [ref(6376, '3.6.1'), ref(8301, '3.2'), ref(8301, '3.1'), ref(8463, '4.2')],
  summary: 'DKIM key record (at <selector>._domainkey) that verifiers cannot use: tags, versions, a key cut short or not base64, RSA under 1024 bits, SHA-1 only, Ed25519 in the wrong form.',
  appliesToOwner: isDkimKeyName,
  fixes: fixesFromData,
  check(rec, ctx) {
    if (!isDkimKeyName(rec.ownerKey)) return;
    const t = txtText(rec);
    if (!t) return;
    for (const p of parseDkim(t.text, false).problems) {
      // a fix only where the text it replaces is written in one string, without escapes
      const at = p.replace && t.exactLocOf(p.start, p.end);
      const data = at ? ({ fixes: [rewriteFix(p.replace!.title, at, p.replace!.text)] } satisfies FixData) : undefined;
      ctx.report({ loc: t.locOf(p.start, p.end), severity: p.severity, message: p.message, data });
    }
  },
};
