// daneZone/checkFile (protocol.ts): a zone file checked from disk in a worker thread
// (check-worker.ts), for documents the client does not sync. One check per file at a
// time: a newer request for the same file ends the older one (ContentModified), a
// cancel ends it (RequestCancelled); either stops the worker. startCheck also gives a
// long open document its first diagnostics (first-diagnostics.ts).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { CheckFileEarlyNotification, CheckFileRequest, type CheckFileEarlyParams, type CheckFileParams, type CheckFileResult } from './protocol';
import { uriToPath, type DocSettings } from './zone-store';
import type { CheckJob, CheckOutcome, EarlyProblems } from '../check-worker';
import { heapLimitFor } from '../read-zone-file';

export interface CheckFileDeps {
  insideWorkspace(path: string): boolean;
  workspaceFolders(): string[];
  /** the document settings for the file (daneZone.rules, certificates ...) */
  settingsFor(uri: string): Promise<DocSettings>;
}

/** Checks the file of a file: URI from disk. `anywhere`: also outside the workspace folders (a
 *  document the editor opened; its $INCLUDEs and certificates are still read only inside them);
 *  `early`: hears what reading the file found, when there is any, before the rules run. */
export type CheckFromDisk = (uri: unknown, token: CancellationToken, opts?: { anywhere?: boolean; early?: (diagnostics: unknown[]) => void }) => Promise<CheckFileResult>;

export function registerCheckFile(connection: Connection, deps: CheckFileDeps, workerPath = join(__dirname, 'check-worker.js')): CheckFromDisk {
  /** the running check of each file: ends it */
  const running = new Map<string, () => void>();
  const check: CheckFromDisk = async (uri, token, { anywhere = false, early } = {}) => {
    const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
    if (typeof uri !== 'string' || !path) throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: checkFile takes a file: URI, not ${JSON.stringify(uri)}`);
    if (!anywhere && !deps.insideWorkspace(path)) throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: refused: ${path} is outside the workspace folders`);
    const settings = await deps.settingsFor(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    running.get(uri)?.();
    const job: CheckJob = { uri, path, workspaceFolders: deps.workspaceFolders(), settings, early: !!early };
    let bytes = 0;
    try { bytes = statSync(path).size; } catch { /* the worker reports it */ }
    return new Promise<CheckFileResult>((resolve, reject) => {
      let stop = (): void => undefined;
      let ended = false;
      const end = (settle: () => void) => {
        if (ended) return;
        ended = true;
        if (running.get(uri) === stopAsSuperseded) running.delete(uri);
        cancelled.dispose();
        stop();
        settle();
      };
      const stopAsSuperseded = () => end(() => reject(new ResponseError(LSPErrorCodes.ContentModified, 'a newer check of this file started')));
      running.set(uri, stopAsSuperseded);
      const cancelled = token.onCancellationRequested(() => end(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled'))));
      stop = startCheck(workerPath, job, bytes, (o) => end(() => {
        if ('diagnostics' in o) resolve(o);
        else reject(new ResponseError('failed' in o ? ErrorCodes.InternalError : ErrorCodes.InvalidParams, `dane-zone: ${'failed' in o ? o.failed : o.error}`));
      }), early);
    });
  };
  connection.onRequest(CheckFileRequest, (params: CheckFileParams, token) => check(params?.uri, token, {
    early: params?.early === true ? (diagnostics) => void connection.sendNotification(CheckFileEarlyNotification, { uri: params.uri, diagnostics } satisfies CheckFileEarlyParams) : undefined,
  }));
  return check;
}

/** The check of `job` in a worker thread (check-worker.ts). `settled` hears once: the outcome,
 *  the check's own error (`error`: the file could not be read), or why the thread ended
 *  (`failed`); `early` hears the problems of an `early` job before; nothing is heard after the
 *  returned function stopped it. */
export function startCheck(workerPath: string, job: CheckJob, bytes: number, settled: (o: CheckOutcome | { failed: string }) => void, early?: (diagnostics: unknown[]) => void): () => void {
  // a zone of hundreds of megabytes needs more heap than a thread gets by default
  const heapMb = heapLimitFor(bytes);
  const worker = new Worker(workerPath, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  let ended = false;
  const stop = () => {
    if (ended) return;
    ended = true;
    void worker.terminate();
  };
  const end = (o: CheckOutcome | { failed: string }) => {
    if (ended) return;
    stop();
    settled(o);
  };
  worker.on('message', (o: CheckOutcome | EarlyProblems) => {
    if (!('early' in o)) end(o);
    else if (!ended) early?.(o.early);
  });
  worker.once('error', (e) => end({ failed: (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? `the check of ${Math.round(bytes / 2 ** 20)} MiB ran out of memory (a heap of ${heapMb} MiB; VS Code's Electron gives at most 4096, DANE_ZONE_HEAP_MB sets it); \`dane-zone check\` has no such limit`
    : `the check failed: ${e.message}` }));
  worker.once('exit', (code) => end({ failed: `the check stopped before it ended (exit code ${code})` }));
  return stop;
}
