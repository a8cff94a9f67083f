// textDocument/completion: entries from features/completion.ts. Types and
// directives come as snippets (fields as tab stops) only to a client that says it
// takes them (completionItem.snippetSupport); others get plain text. A list of the
// zone's names is capped: then it is marked incomplete, so the client asks again.
// The first name completion on a big zone starts sorting its owners in turns (other
// messages are served meanwhile); until they are sorted the names come incomplete.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type ClientCapabilities, type CompletionItem, type CompletionList, type Connection, type Position } from 'vscode-languageserver/node';
import { completionListAt, type CompletionKind } from '../features/completion';
import { ownerIndexInSlices } from '../features/owner-index';
import { inTurns } from './in-turns';
import type { DocState, GetDoc } from './doc-state';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  directive: CompletionItemKind.Keyword,
  type: CompletionItemKind.Class,
  class: CompletionItemKind.Enum,
  value: CompletionItemKind.EnumMember,
  name: CompletionItemKind.Reference,
};

/** Characters after which the client should ask again (a new field starts after a blank; '=' and
 *  '/' only in `; dane-zone:` comments: `ignore=`, `cert=certs/`). */
export const COMPLETION_TRIGGERS = [' ', '$', '=', '/'];
const COMMENT_TRIGGERS = new Set(['=', '/']);

/** The position as LSP reads it (a character past the end of its line is at the end), or
 *  undefined past the last line: the items' edits end there and must lie in the document. */
function inDocument(lines: readonly string[], p: Position): Position | undefined {
  return p.line < lines.length ? { line: p.line, character: Math.min(p.character, lines[p.line].length) } : undefined;
}

export function registerCompletion(connection: Connection, getDoc: GetDoc, client: () => ClientCapabilities | undefined): void {
  connection.onCompletion(async ({ textDocument, position: asked, context }): Promise<CompletionList> => {
    const doc = await getDoc(textDocument.uri);
    const position = doc && inDocument(doc.zone.file.lines, asked);
    if (!doc || !position) return { isIncomplete: false, items: [] };
    const snippets = !!client()?.textDocument?.completion?.completionItem?.snippetSupport;
    const list = completionListAt(doc.zone, position.line, position.character, { snippets });
    // '=' or '/' typed in a TXT string or a name: no list pops up
    if (context?.triggerCharacter && COMMENT_TRIGGERS.has(context.triggerCharacter) && !list.inComment) return { isIncomplete: false, items: [] };
    if (list.certPath) return { isIncomplete: false, items: certPathItems(doc, list.certPath, position) };
    if (list.ownersPending) sortOwnersInTurns(doc);
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

/** The folders and certificate files of the folder typed so far after `cert=` (relative to the
 *  zone file's folder), each replacing the path's last segment. */
function certPathItems(doc: DocState, path: { typed: string; from: number }, position: Position): CompletionItem[] {
  const dir = path.typed.slice(0, path.typed.lastIndexOf('/') + 1);
  const segment = path.typed.slice(dir.length);
  const entries = doc.certFolder?.(dir, segment.startsWith('.')) ?? [];
  return entries.map((e, i) => ({
    label: e.folder ? `${e.name}/` : e.name,
    kind: e.folder ? CompletionItemKind.Folder : CompletionItemKind.File,
    detail: e.folder ? `folder ${dir}${e.name}/` : `certificate file ${dir}${e.name}`,
    // folders after files: the certificate is usually beside the zone or one folder down
    sortText: `${e.folder ? 1 : 0}${String(i).padStart(4, '0')}`,
    textEdit: { range: { start: { line: position.line, character: path.from }, end: position }, newText: e.folder ? `${e.name}/` : e.name },
  }));
}

/** Ends the sorting of owners the document no longer builds on. */
const OWNERS_DROPPED = new Error('the owners were replaced');

/** Sorts the zone's owners in turns, unless that is done or under way. */
function sortOwnersInTurns(doc: DocState): void {
  const zone = doc.zone;
  const steps = ownerIndexInSlices(zone);
  if (!steps) return;
  const stop = () => (doc.keepsOwners && !doc.keepsOwners(zone) ? OWNERS_DROPPED : undefined);
  // stopped or failed: ended, so that a later completion starts again
  inTurns(steps, stop).catch(() => steps.return());
}
