// What every LSP handler module gets: the connection, the documents and their
// analyses, the diagnostics publisher and the settings.
import type { Connection } from 'vscode-languageserver/node';
import type { ZoneStore } from './zone-store';
import type { DiagnosticsPublisher } from './diagnostics';
import type { SettingsCache } from './settings';

export interface ServerContext {
  connection: Connection;
  store: ZoneStore;
  publisher: DiagnosticsPublisher;
  settings: SettingsCache;
}
