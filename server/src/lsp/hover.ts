// textDocument/hover: markdown from features/hover.ts.
import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { hoverAt } from '../features/hover';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

export function registerHover(connection: Connection, getDoc: GetDoc): void {
  connection.onHover(({ textDocument, position }) => {
    const doc = getDoc(textDocument.uri);
    if (!doc) return null;
    const h = hoverAt(doc.zone, position.line, position.character);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(h.range) };
  });
}
