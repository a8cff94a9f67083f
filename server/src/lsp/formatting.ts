// textDocument/formatting: column alignment from features/format.ts.
import type { Connection, TextEdit } from 'vscode-languageserver/node';
import { formatEdits } from '../features/format';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

export function registerFormatting(connection: Connection, getDoc: GetDoc): void {
  connection.onDocumentFormatting(({ textDocument }): TextEdit[] => {
    const doc = getDoc(textDocument.uri);
    if (!doc) return [];
    return formatEdits(doc.zone).map((e) => ({ range: toRange(e.range), newText: e.newText }));
  });
}
