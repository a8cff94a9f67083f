// "dane-zone: Open sample zone": opens the bundled samples/example.zone as a new
// untitled document, so trying the features never writes to a user's files.
import * as vscode from 'vscode';

export async function openSample(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'example.zone'));
  const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc);
}
