// daneZone/zoneInfo: origin, counts, MX targets and the name at the cursor.
import type { Connection } from 'vscode-languageserver/node';
import { zoneInfo } from '../features/zone-info';
import { ZoneInfoRequest, type ZoneInfo, type ZoneInfoParams } from './protocol';
import type { GetDoc } from './doc-state';

export function registerZoneInfo(connection: Connection, getDoc: GetDoc): void {
  connection.onRequest(ZoneInfoRequest, async (params: ZoneInfoParams): Promise<ZoneInfo | null> => {
    const doc = await getDoc(params.uri);
    if (!doc) return null;
    return zoneInfo(doc.zone, doc.findings, params.line, params.character);
  });
}
