// daneZone/bumpSerial: a WorkspaceEdit replacing the SOA serial (null without SOA).
// A WorkspaceEdit, not a bare TextEdit, because the SOA may sit in an $INCLUDEd file.
import type { Connection, WorkspaceEdit } from 'vscode-languageserver/node';
import { bumpSerialEdit } from '../features/bump-serial';
import { todayOf } from '../features/serial';
import { BumpSerialRequest, type BumpSerialParams } from './protocol';
import type { GetDoc } from './doc-state';
import { toRange } from './convert';

export function registerBumpSerial(connection: Connection, getDoc: GetDoc): void {
  connection.onRequest(BumpSerialRequest, async (params: BumpSerialParams): Promise<WorkspaceEdit | null> => {
    const doc = await getDoc(params.uri);
    if (!doc) return null;
    const today = params.today && /^\d{8}$/.test(params.today) ? params.today : todayOf(new Date());
    const bump = bumpSerialEdit(doc.zone, today);
    if (!bump) return null;
    return { changes: { [bump.edit.file]: [{ range: toRange(bump.edit.range), newText: bump.edit.newText }] } };
  });
}
