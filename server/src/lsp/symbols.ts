// textDocument/documentSymbol: the outline by owner from features/symbols.ts.
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { DEFAULT_OUTLINE_LIMIT, documentSymbolsInSlices, type ZoneSymbol } from '../features/symbols';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';
import { inTurns, requestStop } from './in-turns';

const RECORDS_PER_SLICE = 1000;

const KINDS: Record<ZoneSymbol['kind'], SymbolKind> = {
  owner: SymbolKind.Namespace,
  record: SymbolKind.Field,
  directive: SymbolKind.File,
  more: SymbolKind.Null,
};

function toLsp(s: ZoneSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KINDS[s.kind],
    range: toRange(s.range),
    selectionRange: toRange(s.selectionRange),
    children: s.children.map(toLsp),
  };
}

export function registerDocumentSymbols(connection: Connection, getDoc: GetDoc): void {
  // In turns: VS Code asks again after each pause in typing and cancels the question when
  // typing goes on; the keystroke's diagnostics should not wait for an outline nobody wants.
  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    const limit = doc.outlineLimit ?? DEFAULT_OUTLINE_LIMIT;
    return (await inTurns(documentSymbolsInSlices(doc.zone, RECORDS_PER_SLICE, limit), requestStop(token, doc.changed))).map(toLsp);
  });
}
