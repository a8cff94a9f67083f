// textDocument/completion: entries from features/completion.ts.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Connection } from 'vscode-languageserver/node';
import { completionsAt, type CompletionKind } from '../features/completion';
import type { GetDoc } from './doc-state';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  directive: CompletionItemKind.Keyword,
  type: CompletionItemKind.Class,
  class: CompletionItemKind.Enum,
  value: CompletionItemKind.EnumMember,
};

/** Characters after which the client should ask again (a new field starts after a blank). */
export const COMPLETION_TRIGGERS = [' ', '$'];

export function registerCompletion(connection: Connection, getDoc: GetDoc): void {
  connection.onCompletion(async ({ textDocument, position }): Promise<CompletionItem[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return completionsAt(doc.zone, position.line, position.character).map((e) => ({
      label: e.label,
      kind: KINDS[e.kind],
      detail: e.detail,
      documentation: { kind: MarkupKind.Markdown, value: e.documentation },
      sortText: e.sortText,
    }));
  });
}
