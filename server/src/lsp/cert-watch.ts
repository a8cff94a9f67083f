// Re-checks open zones when a certificate file they link to changes on disk (a
// renewal): asks the client to watch certificate-like files, and on a change
// invalidates exactly the documents whose TLSA records link to that file.
import { DidChangeWatchedFilesNotification, type Connection } from 'vscode-languageserver/node';
import { dirname, resolve } from 'node:path';
import { linkedCertificatePaths } from '../cert/link';
import { CERT_EXTENSIONS } from '../cert/file-names';
import { uriToPath, type ZoneStore } from './zone-store';
import type { DiagnosticsPublisher } from './diagnostics';

export const CERT_WATCH_GLOB = `**/*.{${CERT_EXTENSIONS.join(',')}}`;

/** Open documents whose linked certificate files include one of `changedPaths` (absolute). */
export function docsLinkingTo(store: ZoneStore, changedPaths: readonly string[]): string[] {
  const changed = new Set(changedPaths.map((p) => resolve(p)));
  const out: string[] = [];
  for (const uri of store.docs.keys()) {
    const zone = store.zone(uri);
    if (!zone) continue;
    const links = linkedCertificatePaths(zone, store.hostFor(uri).options);
    if (links.some((l) => changed.has(resolve(dirname(uriToPath(l.fromFile) ?? l.fromFile), l.path)))) out.push(uri);
  }
  return out;
}

/** Call from onInitialized. `dynamic`: the client supports dynamic registration of file watchers;
 *  `alsoChanged` hears of every watched change too (the one handler the connection allows). */
export function registerCertWatch(
  connection: Connection, store: ZoneStore, publisher: DiagnosticsPublisher, dynamic: boolean, alsoChanged?: (uris: string[]) => void,
): void {
  if (dynamic) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CERT_WATCH_GLOB }] }).catch(() => undefined);
  }
  connection.onDidChangeWatchedFiles((p) => {
    alsoChanged?.(p.changes.map((c) => c.uri));
    const paths = p.changes.map((c) => uriToPath(c.uri)).filter((x): x is string => !!x);
    for (const uri of docsLinkingTo(store, paths)) {
      store.invalidate(uri);
      publisher.schedule(uri);
    }
  });
}
