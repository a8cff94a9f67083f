// textDocument/hover: markdown from features/hover.ts, plus an optional
// section for the record under the cursor (DANE: linked certificate facts, MX
// query names, mail-policy tags; see lsp/dane-hover.ts).
import { MarkupKind, type Connection } from 'vscode-languageserver/node';
import { hoverAt } from '../features/hover';
import type { Zone } from '../zone/model';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

/** Extra markdown for the record on `line` of document `uri`, appended below the generic hover. */
export type HoverExtra = (uri: string, zone: Zone, line: number) => string | undefined;

export function registerHover(connection: Connection, getDoc: GetDoc, extra?: HoverExtra): void {
  connection.onHover(({ textDocument, position }) => {
    const doc = getDoc(textDocument.uri);
    if (!doc) return null;
    const h = hoverAt(doc.zone, position.line, position.character);
    let more: string | undefined;
    try {
      more = extra?.(textDocument.uri, doc.zone, position.line);
    } catch (e) {
      more = `dane-zone: could not describe this record (${(e as Error).message})`;
    }
    if (!h && !more) return null;
    const value = [h?.markdown, more].filter(Boolean).join('\n\n---\n\n');
    return h ? { contents: { kind: MarkupKind.Markdown, value }, range: toRange(h.range) } : { contents: { kind: MarkupKind.Markdown, value } };
  });
}
