// A long document's first diagnostics, from a worker thread. The editor's full analysis builds
// what its incremental re-checks need (line blocks, owner indexes, the rule cache) and takes
// about twice as long as `dane-zone check` on the same text (the 1M bench zone: 17 s against
// 8 s). While it runs in turns on the server's thread, the check runs on another core with the
// same text and settings; its diagnostics are published for the version they were computed on,
// unless an edit, new settings or the editor's own analysis came first. The editor's analysis
// publishes again when it ends (the same findings: the check and the editor agree, as tested).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startCheck } from './check-file-handler';
import { settingsKeyOf, uriToPath, type ZoneStore } from './zone-store';

interface RunningCheck {
  version: number;
  settingsKey: string;
  stop: () => void;
}

export class FirstDiagnostics {
  private readonly running = new Map<string, RunningCheck>();

  constructor(
    private readonly store: ZoneStore,
    private readonly workerPath = join(__dirname, 'check-worker.js'),
    /** one core: the check would only slow the editor's own analysis down */
    readonly enabled = availableParallelism() > 1,
  ) {}

  /** Starts the check of document `uri` as it is now (unless one of this version and these
   *  settings runs); `publish` hears its diagnostics if they are still wanted when it ends. */
  start(uri: string, publish: (version: number, diagnostics: Diagnostic[]) => void): void {
    const doc = this.store.docs.get(uri);
    if (!doc || !this.enabled) return;
    const settings = this.store.settingsFor(uri);
    const settingsKey = settingsKeyOf(settings);
    const had = this.running.get(uri);
    if (had && had.version === doc.version && had.settingsKey === settingsKey) return;
    had?.stop();
    const version = doc.version;
    const text = doc.text();
    const run: RunningCheck = { version, settingsKey, stop: () => undefined };
    run.stop = startCheck(this.workerPath, { uri, path: uriToPath(uri), text, workspaceFolders: this.store.workspaceFolders, settings }, text.length, (o) => {
      if (this.running.get(uri) === run) this.running.delete(uri);
      // a failed check says nothing: the editor's analysis reports what went wrong
      if (!('diagnostics' in o) || !this.wanted(uri, version, settingsKey)) return;
      publish(version, o.diagnostics as Diagnostic[]);
    });
    this.running.set(uri, run);
  }

  /** Ends the check of `uri` (its document changed, closed or has its own analysis now). */
  stop(uri: string): void {
    this.running.get(uri)?.stop();
    this.running.delete(uri);
  }

  /** True while the check's result is the newest the document can get. */
  private wanted(uri: string, version: number, settingsKey: string): boolean {
    return this.store.docs.get(uri)?.version === version && settingsKeyOf(this.store.settingsFor(uri)) === settingsKey && this.store.longAnalysisAhead(uri);
  }
}
