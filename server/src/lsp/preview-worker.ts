// Worker thread: the first diagnostics of a long document, from the check's column
// store (scan.ts), while the main thread builds the editor's model. The same rules
// run over the same records (column-zone-equivalence.test), so these are the
// diagnostics the full analysis will publish. A zone with $INCLUDE is left to the
// main thread: an included file may be open with unsaved edits only it can see.
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import { checkText } from '../zone/api';
import { originFromFileName } from '../zone/origin-hint';
import { toDiagnostic } from './convert';
import { uriToPath, ZoneStore, type DocSettings } from './zone-store';

export interface PreviewInput {
  uri: string;
  version: number;
  text: string;
  settings: DocSettings;
  workspaceFolders: string[];
}

export type PreviewOutput = { uri: string; version: number; diagnostics: Diagnostic[] } | { uri: string; version: number; skipped: string };

function preview(input: PreviewInput): PreviewOutput {
  const { uri, version, text, settings } = input;
  const store = new ZoneStore();
  store.workspaceFolders = input.workspaceFolders;
  const path = uriToPath(uri);
  let include = false;
  const { findings } = checkText(text, {
    fileId: uri,
    origin: path ? originFromFileName(path) : undefined,
    readInclude: () => {
      include = true;
      return { error: 'not read by the preview' };
    },
    host: store.hostFor(uri, settings),
    settings: settings.rules,
  });
  if (include) return { uri, version, skipped: '$INCLUDE' };
  return { uri, version, diagnostics: findings.map((f) => toDiagnostic(f)) };
}

parentPort?.postMessage(preview(workerData as PreviewInput));
