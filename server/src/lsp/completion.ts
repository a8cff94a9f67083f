// textDocument/completion: entries from features/completion.ts. Types and
// directives come as snippets (fields as tab stops) only to a client that says it
// takes them (completionItem.snippetSupport); others get plain text.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type ClientCapabilities, type CompletionItem, type Connection } from 'vscode-languageserver/node';
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

export function registerCompletion(connection: Connection, getDoc: GetDoc, client: () => ClientCapabilities | undefined): void {
  connection.onCompletion(async ({ textDocument, position }): Promise<CompletionItem[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    const snippets = !!client()?.textDocument?.completion?.completionItem?.snippetSupport;
    return completionsAt(doc.zone, position.line, position.character, { snippets }).map((e) => ({
      label: e.label,
      kind: KINDS[e.kind],
      detail: e.detail,
      documentation: { kind: MarkupKind.Markdown, value: e.documentation },
      sortText: e.sortText,
      ...(e.preselect ? { preselect: true } : {}),
      // replace the word typed so far ('$' is no word character in most editors)
      textEdit: { range: { start: { line: position.line, character: e.replaceFrom }, end: position }, newText: e.insertText ?? e.label },
      ...(e.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    }));
  });
}
