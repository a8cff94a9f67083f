// Starts and stops preview workers (preview-worker.ts): one per long document being
// opened, ended when its result is in or the document changes or closes.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { PreviewInput, PreviewOutput } from './preview-worker';

/** The bundled worker, next to the bundled server (dist/). */
const WORKER_FILE = join(__dirname, 'preview-worker.js');

export class PreviewChecks {
  private readonly running = new Map<string, Worker>();

  constructor(private readonly onResult: (uri: string, version: number, diagnostics: Diagnostic[]) => void) {}

  start(input: PreviewInput): void {
    this.cancel(input.uri);
    if (!existsSync(WORKER_FILE)) return;
    const worker = new Worker(WORKER_FILE, { workerData: input });
    this.running.set(input.uri, worker);
    const done = (): void => {
      if (this.running.get(input.uri) === worker) this.running.delete(input.uri);
    };
    worker.once('message', (out: PreviewOutput) => {
      done();
      if ('diagnostics' in out) this.onResult(out.uri, out.version, out.diagnostics);
    });
    // A failed preview costs nothing: the full analysis publishes as it always does.
    worker.once('error', done);
    worker.once('exit', done);
  }

  cancel(uri: string): void {
    const worker = this.running.get(uri);
    if (!worker) return;
    this.running.delete(uri);
    void worker.terminate();
  }
}
