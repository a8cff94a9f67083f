// daneZone/checkFile (protocol.ts): a zone file checked from disk in a worker thread
// (check-worker.ts), for documents the client does not sync. One check per file at a
// time: a newer request for the same file ends the older one (ContentModified), a
// cancel ends it (RequestCancelled); either stops the worker.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { CheckFileRequest, type CheckFileParams, type CheckFileResult } from './protocol';
import { uriToPath, type DocSettings } from './zone-store';
import type { CheckJob, CheckOutcome } from '../check-worker';
import { heapLimitFor } from '../read-zone-file';

export interface CheckFileDeps {
  insideWorkspace(path: string): boolean;
  workspaceFolders(): string[];
  /** the document settings for the file (daneZone.rules, certificates ...) */
  settingsFor(uri: string): Promise<DocSettings>;
}

/** Checks the file of a file: URI from disk. `anywhere`: also outside the workspace folders (a
 *  document the editor opened; its $INCLUDEs and certificates are still read only inside them). */
export type CheckFromDisk = (uri: unknown, token: CancellationToken, opts?: { anywhere?: boolean }) => Promise<CheckFileResult>;

export function registerCheckFile(connection: Connection, deps: CheckFileDeps, workerPath = join(__dirname, 'check-worker.js')): CheckFromDisk {
  /** the running check of each file: ends it */
  const running = new Map<string, () => void>();
  const check: CheckFromDisk = async (uri, token, { anywhere = false } = {}) => {
    const path = typeof uri === 'string' ? uriToPath(uri) : undefined;
    if (typeof uri !== 'string' || !path) throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: checkFile takes a file: URI, not ${JSON.stringify(uri)}`);
    if (!anywhere && !deps.insideWorkspace(path)) throw new ResponseError(ErrorCodes.InvalidParams, `dane-zone: refused: ${path} is outside the workspace folders`);
    const settings = await deps.settingsFor(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    running.get(uri)?.();
    const job: CheckJob = { uri, path, workspaceFolders: deps.workspaceFolders(), settings };
    let bytes = 0;
    try { bytes = statSync(path).size; } catch { /* the worker reports it */ }
    // a zone of hundreds of megabytes needs more heap than a thread gets by default
    const heapMb = heapLimitFor(bytes);
    return new Promise<CheckFileResult>((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      let ended = false;
      const end = (settle: () => void) => {
        if (ended) return;
        ended = true;
        if (running.get(uri) === stopAsSuperseded) running.delete(uri);
        cancelled.dispose();
        void worker.terminate();
        settle();
      };
      const fail = (code: number, message: string) => end(() => reject(new ResponseError(code, message)));
      const stopAsSuperseded = () => fail(LSPErrorCodes.ContentModified, 'a newer check of this file started');
      running.set(uri, stopAsSuperseded);
      const cancelled = token.onCancellationRequested(() => fail(LSPErrorCodes.RequestCancelled, 'cancelled'));
      worker.once('message', (o: CheckOutcome) => {
        if ('error' in o) fail(ErrorCodes.InvalidParams, `dane-zone: ${o.error}`);
        else end(() => resolve(o));
      });
      worker.once('error', (e) => fail(ErrorCodes.InternalError, (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `dane-zone: the check of ${Math.round(bytes / 2 ** 20)} MiB ran out of memory (a heap of ${heapMb} MiB; VS Code's Electron gives at most 4096, DANE_ZONE_HEAP_MB sets it); \`dane-zone check\` has no such limit`
        : `dane-zone: the check failed: ${e.message}`));
      worker.once('exit', (code) => fail(ErrorCodes.InternalError, `dane-zone: the check stopped before it ended (exit code ${code})`));
    });
  };
  connection.onRequest(CheckFileRequest, (params: CheckFileParams, token) => check(params?.uri, token));
  return check;
}
