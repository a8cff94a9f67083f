// Asks the server for facts about an open zone (origin, counts, MX targets,
// the name under the cursor): the status bar and the command defaults use them.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ZoneInfo, ZoneInfoParams, ZoneInfoRequest } from '../../server/src/lsp/protocol';

export function isZoneEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return editor?.document.languageId === 'dns-zone';
}

export async function zoneInfo(client: LanguageClient, editor: vscode.TextEditor): Promise<ZoneInfo | undefined> {
  const pos = editor.selection.active;
  const params: ZoneInfoParams = {
    uri: client.code2ProtocolConverter.asUri(editor.document.uri),
    line: pos.line,
    character: pos.character,
  };
  try {
    return (await client.sendRequest<ZoneInfo | null>(ZoneInfoRequest, params)) ?? undefined;
  } catch {
    // an older server, or the document is not parsed yet: callers fall back to no defaults
    return undefined;
  }
}
