// "dane-zone: Open sample zone": copies the bundled samples/example.zone and the
// certificate files it links (samples/certs/) into the extension's global storage
// and opens that file from disk, so its walkthrough's `cert=certs/...` links resolve
// and the tab is titled example.zone. Never writes into the user's workspace. The
// copy is made again when the extension version changes (or a file of it is gone);
// in between, it stays as the user left it. The server may read that folder although
// no workspace holds it: the client names it as initializationOptions.sampleFolder.
import * as vscode from 'vscode';

const VERSION_FILE = '.version';

/** Where the sample copy lives; undefined where global storage is not on disk. */
export function sampleFolder(context: vscode.ExtensionContext): vscode.Uri | undefined {
  return context.globalStorageUri.scheme === 'file' ? vscode.Uri.joinPath(context.globalStorageUri, 'sample') : undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}

/** The sample's files, relative to samples/: example.zone and each certs/ file. */
async function sampleFiles(context: vscode.ExtensionContext): Promise<string[]> {
  const certs = vscode.Uri.joinPath(context.extensionUri, 'samples', 'certs');
  let names: string[] = [];
  try {
    names = (await vscode.workspace.fs.readDirectory(certs)).filter(([, t]) => t === vscode.FileType.File).map(([n]) => `certs/${n}`);
  } catch { /* a package without certificates still opens the zone */ }
  return ['example.zone', ...names];
}

/** Copies the sample into `folder` unless the copy there is of this version; returns the zone's URI. */
export async function ensureSampleCopy(context: vscode.ExtensionContext, folder: vscode.Uri): Promise<vscode.Uri> {
  const version = String(context.extension.packageJSON.version ?? '');
  const files = await sampleFiles(context);
  const zone = vscode.Uri.joinPath(folder, 'example.zone');
  let current = false;
  try {
    current = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, VERSION_FILE))).trim() === version;
  } catch { /* no copy yet */ }
  if (current) for (const f of files) if (!(await exists(vscode.Uri.joinPath(folder, f)))) current = false;
  if (current) return zone;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'certs'));
  for (const f of files) {
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(context.extensionUri, 'samples', f), vscode.Uri.joinPath(folder, f), { overwrite: true });
  }
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, VERSION_FILE), new TextEncoder().encode(version));
  return zone;
}

export async function openSample(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
  const folder = sampleFolder(context);
  if (folder) {
    const doc = await vscode.workspace.openTextDocument(await ensureSampleCopy(context, folder));
    return vscode.window.showTextDocument(doc);
  }
  // global storage not on disk (a remote file system): an untitled copy, without certificate links
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'samples', 'example.zone'));
  const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: new TextDecoder().decode(bytes) });
  return vscode.window.showTextDocument(doc);
}
