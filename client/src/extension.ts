// The VS Code extension: starts the dane-zone language server and registers the
// commands, the status bar item and the validation panel. Thin: every zone fact
// comes from the server (requests in server/src/lsp/protocol.ts).
import * as vscode from 'vscode';
import { ServerClient } from './server-client';
import { registerStatusBar } from './status-bar';
import { registerLargeZones } from './large-zones';
import { bumpSerial } from './commands/bump-serial';
import { generateTlsa } from './commands/generate-tlsa';
import { openSample } from './commands/open-sample';
import { validateDane } from './commands/validate-dane';

let server: ServerClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const s = new ServerClient(context);
  server = s;
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    s,
    reg('daneZone.restartServer', () => s.restart()),
    reg('daneZone.showLog', () => s.output.show(true)),
    reg('daneZone.bumpSerial', () => bumpSerial(s)),
    reg('daneZone.generateTlsa', (args?: Parameters<typeof generateTlsa>[1]) => generateTlsa(s, args)),
    reg('daneZone.validateDomain', (args?: Parameters<typeof validateDane>[1]) => validateDane(s, args)),
    reg('daneZone.validateZone', (args?: { domain?: string }) => validateDane(s, { ...(args ?? {}), useZoneRecords: true })),
    reg('daneZone.openSample', () => openSample(context)),
    registerStatusBar(s),
    registerLargeZones(s),
  );
  await s.start();
}

export function deactivate(): Thenable<void> | undefined {
  return server?.stop();
}
