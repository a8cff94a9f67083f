// textDocument/hover: markdown from features/hover.ts (what the token is), with
// the DANE/mail explanation of dane-hover.ts appended on a TLSA, MX or TXT
// record's type and data (linked certificate facts, TLSA query names, policy tags).
import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { hoverAt } from '../features/hover';
import { hitAt } from '../features/locate-at';
import { absRange } from '../zone/locate';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';
import { daneHover } from './dane-hover';

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
    if (!h && !extra) return null;
    const value = [h?.markdown, extra].filter(Boolean).join('\n\n---\n\n');
    const range = h?.range ?? (hit ? absRange({ file: hit.file, entry: hit.entry, span: { line: hit.token.line, start: hit.token.start, endLine: hit.token.line, end: hit.token.end } }) : undefined);
    return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range: toRange(range) } : {}) };
  });
}
