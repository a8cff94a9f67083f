// textDocument/formatting and rangeFormatting: column alignment from
// features/format.ts. A range format aligns with the whole file's columns but
// only edits the lines the range touches, so selections line up with the rest.
// A run of edited lines goes out as one edit.
import type { Connection, TextEdit } from 'vscode-languageserver/node';
import { formatEdits, joinLineRuns, type LineEdit } from '../features/format';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

const toTextEdits = (edits: readonly LineEdit[]): TextEdit[] => joinLineRuns(edits).map((e) => ({ range: toRange(e.range), newText: e.newText }));

export function registerFormatting(connection: Connection, getDoc: GetDoc): void {
  connection.onDocumentFormatting(async ({ textDocument }): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    return doc ? toTextEdits(formatEdits(doc.zone)) : [];
  });
  connection.onDocumentRangeFormatting(async ({ textDocument, range }): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    return doc ? toTextEdits(formatEdits(doc.zone, { first: range.start.line, last: range.end.line })) : [];
  });
}
