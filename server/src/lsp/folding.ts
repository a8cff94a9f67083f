// textDocument/foldingRange: parenthesised blocks and comment runs.
import { FoldingRangeKind, type Connection } from 'vscode-languageserver/node';
import { foldingRanges } from '../features/folding';
import type { GetDoc } from './doc-state';

export function registerFolding(connection: Connection, getDoc: GetDoc): void {
  connection.onFoldingRanges(async ({ textDocument }) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return foldingRanges(doc.zone).map((f) => ({
      startLine: f.startLine,
      endLine: f.endLine,
      kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
    }));
  });
}
