// textDocument/prepareRename and textDocument/rename: features/rename.ts says what a rename of a
// name changes; a refusal goes back as an error, whose message the editor shows.
import { ErrorCodes, ResponseError, type Connection, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRenameAt, renameAt } from '../features/rename';
import type { GetDoc } from './doc-state';
import { locToRange } from './convert';

export function registerRename(connection: Connection, getDoc: GetDoc): void {
  connection.onPrepareRename(async ({ textDocument, position }) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return null;
    const r = prepareRenameAt(doc.zone, position.line, position.character);
    if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
    return { range: locToRange(r.loc), placeholder: r.placeholder };
  });
  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return null;
    const r = renameAt(doc.zone, position.line, position.character, newName);
    if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
    const changes: Record<string, TextEdit[]> = {};
    for (const e of r.edits) (changes[e.loc.file.id] ??= []).push({ range: locToRange(e.loc), newText: e.newText });
    const edit: WorkspaceEdit = { changes };
    return edit;
  });
}
