// A long document's first analysis (seconds, at hundreds of thousands of records) shown as
// work-done progress: "Checking zone: db.example.com (1,150,007 lines) 40%" in the editor's
// status bar instead of a silent wait. Clients without window.workDoneProgress get nothing.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { AnalysisObserver, ZoneStore } from './zone-store';

/** One analysis's progress: the client creates the token asynchronously, so what happens
 *  before it answers is sent once it has. */
class ShownProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private percent = 0;
  private ended = false;

  constructor(connection: Connection, private readonly what: string) {
    connection.window.createWorkDoneProgress().then((r) => {
      this.reporter = r;
      r.begin('Checking zone', this.percent, this.message(), false);
      if (this.ended) r.done();
    }, () => undefined); // the client refused the token: nothing is shown
  }

  // VS Code's status bar shows the title and the message, not the percentage: both carry it
  private message(): string {
    return `${this.what} ${this.percent}%`;
  }

  report(done: number): void {
    const percent = Math.min(100, Math.floor(done * 100));
    if (percent <= this.percent) return; // one message per whole percent, never backwards
    this.percent = percent;
    this.reporter?.report(percent, this.message());
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.percent = 100; // a begin still to come (the token not yet created) says it is done
    this.reporter?.done();
  }
}

export function analysisProgress(connection: Connection, store: ZoneStore): AnalysisObserver {
  const shown = new Map<string, ShownProgress>();
  return {
    started(uri) {
      shown.get(uri)?.end();
      const all = store.docs.get(uri)?.lines ?? [];
      const lines = all.length - (all.at(-1) === '' ? 1 : 0); // as wc -l counts them
      const name = decodeURIComponent(uri.replace(/^.*\//, ''));
      shown.set(uri, new ShownProgress(connection, `${name} (${lines.toLocaleString('en-US')} lines)`));
    },
    progressed(uri, done) {
      shown.get(uri)?.report(done);
    },
    ended(uri) {
      shown.get(uri)?.end();
      shown.delete(uri);
    },
  };
}
