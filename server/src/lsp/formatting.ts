// textDocument/formatting and rangeFormatting: column alignment from
// features/format.ts. A range format aligns with the whole file's columns but
// only edits the lines the range touches, so selections line up with the rest.
import type { Connection, TextEdit } from 'vscode-languageserver/node';
import { formatEdits } from '../features/format';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

export function registerFormatting(connection: Connection, getDoc: GetDoc): void {
  connection.onDocumentFormatting(async ({ textDocument }): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return formatEdits(doc.zone).map((e) => ({ range: toRange(e.range), newText: e.newText }));
  });
  connection.onDocumentRangeFormatting(async ({ textDocument, range }): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return formatEdits(doc.zone)
      .filter((e) => e.range.startLine >= range.start.line && e.range.startLine <= range.end.line)
      .map((e) => ({ range: toRange(e.range), newText: e.newText }));
  });
}
