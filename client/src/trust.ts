// Workspace trust for commands that reach the network (DNS resolvers, SMTP
// servers): in an untrusted workspace they ask first, because the workspace's
// settings choose the resolvers and the port they talk to.
import * as vscode from 'vscode';

export async function confirmNetworkUse(what: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const go = 'Connect anyway';
  const answer = await vscode.window.showWarningMessage(
    `This workspace is not trusted. ${what} queries DNS resolvers and connects to SMTP servers, ` +
      'using this workspace\'s dane-zone settings. Continue?',
    { modal: true },
    go,
  );
  return answer === go;
}
