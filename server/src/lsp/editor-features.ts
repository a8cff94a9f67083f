// One call that wires every editor feature of this folder into a connection,
// plus the capabilities to announce in InitializeResult.
import type { ClientCapabilities, Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { GetDoc } from './doc-state';
import { registerHover } from './hover';
import { registerCompletion, COMPLETION_TRIGGERS } from './completion';
import { registerDocumentSymbols } from './symbols';
import { registerFolding } from './folding';
import { registerNavigation } from './navigation';
import { registerFormatting } from './formatting';
import { registerBumpSerial } from './bump-serial';
import { registerZoneInfo } from './zone-info';

export const EDITOR_CAPABILITIES: ServerCapabilities = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
};

/** `client`: the client's capabilities (known once it has initialised). */
export function registerEditorFeatures(connection: Connection, getDoc: GetDoc, client: () => ClientCapabilities | undefined): void {
  registerHover(connection, getDoc);
  registerCompletion(connection, getDoc, client);
  registerDocumentSymbols(connection, getDoc);
  registerFolding(connection, getDoc, () => client()?.textDocument?.foldingRange?.rangeLimit);
  registerNavigation(connection, getDoc);
  registerFormatting(connection, getDoc);
  registerBumpSerial(connection, getDoc);
  registerZoneInfo(connection, getDoc);
}
