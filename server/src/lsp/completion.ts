// textDocument/completion: entries from features/completion.ts. Types and
// directives come as snippets (fields as tab stops) only to a client that says it
// takes them (completionItem.snippetSupport); others get plain text. A list of the
// zone's names is capped: then it is marked incomplete, so the client asks again.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type ClientCapabilities, type CompletionList, type Connection } from 'vscode-languageserver/node';
import { completionListAt, type CompletionKind } from '../features/completion';
import type { GetDoc } from './doc-state';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  directive: CompletionItemKind.Keyword,
  type: CompletionItemKind.Class,
  class: CompletionItemKind.Enum,
  value: CompletionItemKind.EnumMember,
  name: CompletionItemKind.Reference,
};

/** Characters after which the client should ask again (a new field starts after a blank). */
export const COMPLETION_TRIGGERS = [' ', '$'];

export function registerCompletion(connection: Connection, getDoc: GetDoc, client: () => ClientCapabilities | undefined): void {
  connection.onCompletion(async ({ textDocument, position }): Promise<CompletionList> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return { isIncomplete: false, items: [] };
    const snippets = !!client()?.textDocument?.completion?.completionItem?.snippetSupport;
    const list = completionListAt(doc.zone, position.line, position.character, { snippets });
    const items = list.entries.map((e) => ({
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
    return { isIncomplete: list.incomplete, items };
  });
}
