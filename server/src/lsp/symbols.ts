// textDocument/documentSymbol: the outline by owner from features/symbols.ts.
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { documentSymbols, type ZoneSymbol } from '../features/symbols';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

const KINDS: Record<ZoneSymbol['kind'], SymbolKind> = {
  owner: SymbolKind.Namespace,
  record: SymbolKind.Field,
  directive: SymbolKind.File,
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
  connection.onDocumentSymbol(async ({ textDocument }) => {
    const doc = await getDoc(textDocument.uri);
    return doc ? documentSymbols(doc.zone).map(toLsp) : [];
  });
}
