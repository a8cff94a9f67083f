// Worker thread entry (dist/check-worker.js) for daneZone/checkFile and a long document's first
// diagnostics: reads one zone file (or takes an open document's text) and checks it as
// `dane-zone check` does (column store, every rule), then posts the diagnostics an open document
// with that text would get. Off the server's thread, so a check of a million records does not
// hold its other documents' keystrokes.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { checkText, type ZoneText } from './zone/api';
import { generateLimitFromEnv, readZoneFile } from './read-zone-file';
import { originFromFileName } from './zone/origin-hint';
import { ZoneStore, type DocSettings } from './lsp/zone-store';
import { diagnosticsOf } from './lsp/diagnostics';

export interface CheckJob {
  uri: string;
  /** the file (its name hints the origin); read from disk unless `text` is given */
  path?: string;
  /** an open document's text (the server's first diagnostics of a long document) */
  text?: string;
  /** yield the CPU to the server's own thread (its analysis goes on meanwhile) */
  background?: boolean;
  /** post the problems reading the zone found, when there are any, before the rules run */
  early?: boolean;
  workspaceFolders: string[];
  /** more folders the server reads from (the VS Code client's copy of the sample zone) */
  readRoots?: string[];
  /** the other documents open in the editor, [uri, text]: an $INCLUDEd one is read as the editor
   *  has it, as the server's own analysis reads it (a first-diagnostics job) */
  openDocuments?: [string, string][];
  settings: DocSettings;
  /** the origin and default TTL an open zone's $INCLUDE gives the document (ZoneStore.readingStart),
   *  as the editor's analysis reads it; else the origin the file name suggests */
  origin?: string;
  ttl?: number;
}

export type CheckOutcome = { diagnostics: unknown[]; records: number; ms: number } | { error: string };
/** The problems reading the zone found (`early` jobs; the outcome follows). */
export interface EarlyProblems { early: unknown[] }

function run(job: CheckJob): CheckOutcome {
  const t0 = performance.now();
  let text: ZoneText;
  if (job.text !== undefined) text = job.text;
  else if (!job.path) return { error: 'no file to check' };
  else {
    try {
      text = readZoneFile(job.path);
    } catch (e) {
      return { error: `cannot read ${job.path}: ${(e as Error).message}` };
    }
  }
  // A store with no open documents: the same workspace-only reading of $INCLUDEs and
  // certificate files as an open document's analysis.
  const files = new ZoneStore();
  files.workspaceFolders = job.workspaceFolders;
  files.readRoots = job.readRoots ?? [];
  for (const [uri, open] of job.openDocuments ?? []) files.open(uri, open, 0);
  const { zone, findings } = checkText(text, {
    fileId: job.uri,
    origin: job.origin ?? (job.path ? originFromFileName(job.path) : undefined),
    ttl: job.ttl,
    originGuessed: true,
    readInclude: (from, p) => files.readInclude(from, p),
    generateLimit: generateLimitFromEnv(),
    host: files.hostFor(job.uri, job.settings),
    settings: job.settings.rules,
  }, (zone, problems) => {
    if (job.early && problems.length) parentPort?.postMessage({ early: diagnosticsOf(zone, problems, job.uri, job.settings.problemLimit) } satisfies EarlyProblems);
  });
  const diagnostics = diagnosticsOf(zone, findings, job.uri, job.settings.problemLimit);
  return { diagnostics, records: zone.rows?.count ?? zone.records.length, ms: Math.round(performance.now() - t0) };
}

/** Lowers this thread's scheduling priority where the system lets a thread have its own (Linux:
 *  /proc/thread-self names its thread id, and setpriority takes one). */
function yieldToOtherThreads(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // no such file (not Linux) or not allowed: the check runs at the usual priority
  }
}

if (parentPort) {
  if ((workerData as CheckJob).background) yieldToOtherThreads();
  let outcome: CheckOutcome;
  try {
    outcome = run(workerData as CheckJob);
  } catch (e) {
    outcome = { error: `the check failed: ${(e as Error).stack ?? e}` };
  }
  parentPort.postMessage(outcome);
}
