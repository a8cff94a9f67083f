// textDocument/definition and textDocument/references between the names records point at
// (features/navigation.ts says which fields) and the records at those names.
import type { Connection } from 'vscode-languageserver/node';
import { definitionAt, referencesAt } from '../features/navigation';
import type { GetDoc } from './doc-state';
import { locToRange } from './convert';
import type { Loc } from '../zone/model';

const lspLocation = (loc: Loc) => ({ uri: loc.file.id, range: locToRange(loc) });

export function registerNavigation(connection: Connection, getDoc: GetDoc): void {
  connection.onDefinition(async ({ textDocument, position }) => {
    const doc = await getDoc(textDocument.uri);
    return doc ? definitionAt(doc.zone, position.line, position.character).map(lspLocation) : [];
  });
  connection.onReferences(async ({ textDocument, position, context }) => {
    const doc = await getDoc(textDocument.uri);
    return doc ? referencesAt(doc.zone, position.line, position.character, context.includeDeclaration).map(lspLocation) : [];
  });
}
