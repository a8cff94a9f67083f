// textDocument/foldingRange: parenthesised blocks and comment runs.
import { FoldingRangeKind, type Connection } from 'vscode-languageserver/node';
import { foldingRanges } from '../features/folding';
import type { GetDoc } from './doc-state';

/** `rangeLimit`: the client's textDocument.foldingRange.rangeLimit (VS Code: 5000; it drops the rest). */
export function registerFolding(connection: Connection, getDoc: GetDoc, rangeLimit: () => number | undefined): void {
  connection.onFoldingRanges(async ({ textDocument }) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return foldingRanges(doc.zone, rangeLimit() ?? Infinity).map((f) => ({
      startLine: f.startLine,
      endLine: f.endLine,
      kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
    }));
  });
}
