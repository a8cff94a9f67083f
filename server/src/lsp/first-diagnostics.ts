// A long document's first diagnostics, from a worker thread. The editor's full analysis builds
// what its incremental re-checks need (line blocks, owner indexes, the rule cache) and takes
// about twice as long as `dane-zone check` on the same text (the 1M bench zone: 10 s against
// 6 s). While it runs in turns on the server's thread, the check runs on another core with the
// same text and settings; its diagnostics are published for the version they were computed on,
// unless an edit, new settings or the editor's own analysis came first. The editor's analysis
// publishes again when it ends (the same findings: the check and the editor agree, as tested).
// $INCLUDEd files are read as the analysis reads them: from the editor when open there, else from disk.
import { availableParallelism, freemem } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startCheck } from './check-file-handler';
import type { CheckJob } from '../check-worker';
import { heapNeededFor } from '../read-zone-file';
import { settingsKeyOf, SLICED_MIN_LINES, uriToPath, type ZoneStore } from './zone-store';
import { GENERATE_MAX } from '../zone/generate';

/** `off`: no worker (its memory matters more: 300 MiB more at 1M records while both run);
 *  `normal`: at normal priority (sooner on a busy machine, the model later); otherwise at the
 *  lowest priority. */
export const FIRST_CHECK_ENV = 'DANE_ZONE_FIRST_CHECK';

/** startCheck with the server's worker (tests give another) */
export type CheckStarter = (job: CheckJob, bytes: number, settled: Parameters<typeof startCheck>[3], early: Parameters<typeof startCheck>[4]) => () => void;

interface CheckOfVersion {
  version: number;
  settingsKey: string;
  /** the origin and TTL an including zone gave the document (ZoneStore.includerKey) */
  includer: string;
  /** the zone has an $INCLUDE: the check may read other files */
  readsOthers: boolean;
  /** ends the check (nothing once it has ended) */
  stop: () => void;
}

export class FirstDiagnostics {
  /** the check started for each document's analysis in progress (kept when it has ended, so a
   *  second flush during the same analysis does not start it again) */
  private readonly checks = new Map<string, CheckOfVersion>();

  constructor(
    private readonly store: ZoneStore,
    private readonly mode = process.env[FIRST_CHECK_ENV],
    private readonly startWorker: CheckStarter = (job, bytes, settled, early) => startCheck(join(__dirname, 'check-worker.js'), job, bytes, settled, early),
  ) {}

  /** Off with DANE_ZONE_FIRST_CHECK=off, and on one core (where the check would only slow the
   *  editor's own analysis down). */
  get enabled(): boolean {
    return this.mode !== 'off' && availableParallelism() > 1;
  }

  /** Starts the check of document `uri` as it is now (unless one of this version and these
   *  settings started already); `publish` hears its diagnostics if they are still wanted then. */
  start(uri: string, publish: (version: number, diagnostics: Diagnostic[]) => void): void {
    const doc = this.store.docs.get(uri);
    if (!doc || !this.enabled) return;
    // none for a zone read in turns only for the records of its $GENERATE lines (one line of
    // 100 000: its analysis ready in 1144 ms without the worker, 1455 ms with it, medians of 7
    // runs on two loaded cores, the worker's publish seldom the first)
    if (doc.lines.length + doc.generatedRecords(GENERATE_MAX) < SLICED_MIN_LINES) return;
    const settings = this.store.settingsFor(uri);
    const settingsKey = settingsKeyOf(settings);
    // read as the editor's analysis reads it: with the origin and TTL a zone that $INCLUDEs it gives it
    const includer = this.store.includerKey(uri);
    const had = this.checks.get(uri);
    if (had && had.version === doc.version && had.settingsKey === settingsKey && had.includer === includer) return;
    had?.stop();
    const version = doc.version;
    const text = doc.text();
    const readsOthers = /\$include/i.test(text);
    const check: CheckOfVersion = { version, settingsKey, includer, readsOthers, stop: () => undefined };
    this.checks.set(uri, check);
    // The check's memory comes on top of the model's, in this process: where it would take more
    // than half of what is free, the model's analysis alone is safer than a swapping machine.
    if (heapNeededFor(text.length) * 2 ** 20 > freemem() / 2) return;
    // the other open documents, for $INCLUDEs (23 ms to look for one in 65 MB; copying another
    // long document open beside it would cost more)
    const openDocuments: [string, string][] = [];
    if (readsOthers) for (const [other, d] of this.store.docs) if (other !== uri) openDocuments.push([other, d.text()]);
    const job: CheckJob = {
      uri, path: uriToPath(uri), text, workspaceFolders: this.store.workspaceFolders, readRoots: this.store.readRoots, openDocuments, settings,
      ...this.store.readingStart(uri),
      // at the lowest priority: on two cores it still has one to itself, and the analysis (which
      // the first keystroke waits for) keeps most of its pace (1M: the model 0.99-1.21x as late
      // as without the worker; 1.28x, and 1.10x in the fifteenth round, at normal priority)
      background: this.mode !== 'normal',
      early: true,
    };
    check.stop = this.startWorker(job, text.length, (o) => {
      // a failed check says nothing: the editor's analysis reports what went wrong
      if (!('diagnostics' in o) || !this.wanted(uri, check)) return;
      publish(version, o.diagnostics as Diagnostic[]);
    }, (problems) => {
      // what reading the zone found (syntax, fields), while the rules run: a typo in a million
      // records shows in the time of a read
      if (this.wanted(uri, check)) publish(version, problems as Diagnostic[]);
    });
  }

  /** Files changed (documents opened, edited or closed; files on disk): a check still running that
   *  may have read one of them through $INCLUDE is stopped, as its findings could be those of the
   *  text before (the analysis, which reads them afresh, publishes when it ends). Which files it
   *  read is not known here: any other file will do. */
  othersChanged(uris: readonly string[]): void {
    for (const [uri, check] of this.checks) if (check.readsOthers && uris.some((u) => u !== uri)) check.stop();
  }

  /** Ends the check of `uri`: its analysis ended (or was cancelled), or the document closed. */
  stop(uri: string): void {
    this.checks.get(uri)?.stop();
    this.checks.delete(uri);
  }

  /** True while the check's result is the newest the document can get (an including zone
   *  analysed meanwhile may give it another origin). */
  private wanted(uri: string, check: CheckOfVersion): boolean {
    return this.store.docs.get(uri)?.version === check.version && settingsKeyOf(this.store.settingsFor(uri)) === check.settingsKey &&
      this.store.includerKey(uri) === check.includer && this.store.longAnalysisAhead(uri);
  }
}
