// One call that wires every editor feature of this folder into a connection,
// plus the capabilities to announce in InitializeResult.
import type { ClientCapabilities, Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { GetDoc } from './doc-state';
import { registerHover } from './hover';
import { registerCompletion, COMPLETION_TRIGGERS } from './completion';
import { registerDocumentSymbols } from './symbols';
import { registerFolding } from './folding';
import { registerNavigation } from './navigation';
import { registerRename } from './rename';
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

/** EDITOR_CAPABILITIES and rename's, which may announce prepareRename only to a client that says
 *  it sends it (LSP 3.17, RenameOptions). */
export function editorCapabilities(client: ClientCapabilities): ServerCapabilities {
  return { ...EDITOR_CAPABILITIES, renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true };
}

/** `client`: the client's capabilities (known once it has initialised). */
export function registerEditorFeatures(connection: Connection, getDoc: GetDoc, client: () => ClientCapabilities | undefined): void {
  registerHover(connection, getDoc);
  registerCompletion(connection, getDoc, client);
  registerDocumentSymbols(connection, getDoc);
  registerFolding(connection, getDoc, () => client()?.textDocument?.foldingRange?.rangeLimit);
  registerNavigation(connection, getDoc);
  registerRename(connection, getDoc);
  registerFormatting(connection, getDoc);
  registerBumpSerial(connection, getDoc);
  registerZoneInfo(connection, getDoc);
}
