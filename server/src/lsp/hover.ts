// textDocument/hover: markdown from features/hover.ts (what the token is), with
// the DANE/mail explanation of dane-hover.ts appended on a TLSA, MX or TXT
// record's type and data (linked certificate facts, TLSA query names, policy tags).
import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { hoverAt } from '../features/hover';
import { hitAt } from '../features/locate-at';
import { absRange } from '../zone/locate';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';
import { daneHover, describeTlsaLink } from './dane-hover';
import { takesLink } from '../cert/link';
import { entryAt, recordsOfEntry } from '../features/locate-at';
import type { AbsRange, RuleHost } from '../rules/rule';
import type { Zone } from '../zone/model';

export function registerHover(connection: Connection, getDoc: GetDoc): void {
  connection.onHover(async ({ textDocument, position }) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return null;
    const { line, character } = position;
    const h = hoverAt(doc.zone, line, character);
    let extra: string | undefined;
    const hit = doc.host ? hitAt(doc.zone, line, character) : undefined;
    if (doc.host && hit?.record && (hit.where?.part === 'type' || hit.where?.part === 'field')) {
      extra = daneHover(doc.zone, hit.record, doc.host);
    }
    // on a `cert=` link: the TLSA record it links, with the certificate's facts
    if (!h && !extra && doc.host) {
      const link = certLinkHover(doc.zone, line, character, doc.host);
      if (link) return { contents: { kind: MarkupKind.Markdown, value: link.value }, range: toRange(link.range) };
    }
    if (!h && !extra) return null;
    const value = [h?.markdown, extra].filter(Boolean).join('\n\n---\n\n');
    const range = h?.range ?? (hit ? absRange({ file: hit.file, entry: hit.entry, span: { line: hit.token.line, start: hit.token.start, endLine: hit.token.line, end: hit.token.end } }) : undefined);
    return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range: toRange(range) } : {}) };
  });
}

/** Hover on a `; dane-zone: cert=` link of the document: the TLSA record that takes it,
 *  described with its certificate file. Undefined elsewhere, and on a link no TLSA record takes
 *  (`cert-link-unused` says why). */
function certLinkHover(zone: Zone, line: number, col: number, host: RuleHost): { value: string; range: AbsRange } | undefined {
  const n = zone.certLinks.find((x) => {
    const r = absRange(x.loc);
    return x.loc.file === zone.file && r.startLine === line && r.startCol <= col && col <= r.endCol;
  });
  if (!n) return undefined;
  const entry = entryAt(zone.file, n.commentOnly ? line + 1 : line);
  const rec = entry && recordsOfEntry(zone, entry).find((r) => r.type === 'TLSA' && takesLink(r, n));
  return rec ? { value: describeTlsaLink(zone, rec, host), range: absRange(n.loc) } : undefined;
}
