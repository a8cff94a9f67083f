// Keeps documents that $INCLUDE a file in step with it: an edit to it while open, its open and
// close (the text then comes from disk again) and a change on disk re-check every open document
// that reads it, directly or through other included files. Asks the client to watch each
// included file on disk (a registration per file, the first time one is read).
import { DidChangeWatchedFilesNotification, type Connection, type FileSystemWatcher } from 'vscode-languageserver/node';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uriToPath, type ZoneStore } from './zone-store';
import type { DiagnosticsPublisher } from './diagnostics';

export interface IncludeWatch {
  /** files (by URI) changed: re-check the documents that include them */
  changed(uris: readonly string[]): void;
}

/** `dynamic`: the client registers file watchers on request; `relative`: it takes relative patterns. */
export function includeWatch(connection: Connection, store: ZoneStore, publisher: DiagnosticsPublisher, dynamic: boolean, relative: boolean): IncludeWatch {
  // every file read through $INCLUDE (resolved): a change to any other file (a keystroke in
  // the document itself, most of all) concerns no includer and costs nothing here
  const read = new Set<string>();
  let toRegister: string[] = [];
  store.onIncludeRead = (path) => {
    const key = resolve(path);
    if (read.has(key)) return;
    read.add(key);
    if (!dynamic || toRegister.push(path) > 1) return;
    // one registration for the files read in one turn (a zone with many $INCLUDEs)
    setImmediate(() => {
      const watchers: FileSystemWatcher[] = toRegister.map((p) => ({
        globPattern: relative ? { baseUri: pathToFileURL(dirname(p)).toString(), pattern: basename(p) } : p.split('\\').join('/'),
      }));
      toRegister = [];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    });
  };
  return {
    changed(uris) {
      publisher.filesChanged(uris);
      const paths = uris.map(uriToPath).filter((p): p is string => !!p && read.has(resolve(p)));
      if (paths.length) for (const uri of store.includesChanged(paths)) publisher.schedule(uri);
    },
  };
}
