// Applies edits the server returns for a command (SOA bump, generated TLSA).
// The server may answer with an LSP WorkspaceEdit, one TextEdit or a TextEdit[];
// all become one vscode.WorkspaceEdit the user sees in the document (and can undo).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

type ServerEdit = WorkspaceEdit | TextEdit | TextEdit[] | null | undefined;

function isTextEdit(x: unknown): x is TextEdit {
  return !!x && typeof x === 'object' && 'range' in x && 'newText' in x;
}

/** Converts the server's answer; undefined when it holds no edit. */
export async function toWorkspaceEdit(client: LanguageClient, uri: vscode.Uri, edit: ServerEdit): Promise<vscode.WorkspaceEdit | undefined> {
  if (!edit) return undefined;
  const c = client.protocol2CodeConverter;
  if (Array.isArray(edit) || isTextEdit(edit)) {
    const edits = (Array.isArray(edit) ? edit : [edit]).map((e) => c.asTextEdit(e));
    if (!edits.length) return undefined;
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    return we;
  }
  const we = await c.asWorkspaceEdit(edit);
  return we.size ? we : undefined;
}

/** Applies the server's edit; returns the text the edit inserted (for messages), or undefined. */
export async function applyServerEdit(client: LanguageClient, uri: vscode.Uri, edit: ServerEdit): Promise<string | undefined> {
  const we = await toWorkspaceEdit(client, uri, edit);
  if (!we) return undefined;
  if (!(await vscode.workspace.applyEdit(we))) throw new Error('the editor refused the edit (was the document changed meanwhile?)');
  return we.entries().flatMap(([, edits]) => edits.map((e) => e.newText)).join('\n');
}
