// textDocument/foldingRange: parenthesised blocks and comment runs. Editors ask again after
// each pause in typing; a big zone's folds are found in turns (a million entries: 60-100 ms).
import { FoldingRangeKind, type Connection } from 'vscode-languageserver/node';
import { foldingRangesInSlices } from '../features/folding';
import type { GetDoc } from './doc-state';
import { inTurns, requestStop } from './in-turns';

const ENTRIES_PER_SLICE = 1000;

/** `rangeLimit`: the client's textDocument.foldingRange.rangeLimit (VS Code: 5000; it drops the rest). */
export function registerFolding(connection: Connection, getDoc: GetDoc, rangeLimit: () => number | undefined): void {
  connection.onFoldingRanges(async ({ textDocument }, token) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    const folds = await inTurns(foldingRangesInSlices(doc.zone, rangeLimit() ?? Infinity, ENTRIES_PER_SLICE), requestStop(token, doc.changed));
    return folds.map((f) => ({
      startLine: f.startLine,
      endLine: f.endLine,
      kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
    }));
  });
}
