// The outline of a zone file: one symbol per run of records with the same
// owner (fully qualified), each record a child (its type and data); $INCLUDE and
// $GENERATE lines as their own symbols. Pure; only the zone's own file.
import type { AbsRange } from '../rules/rule';
import type { Zone, ZoneRecord } from '../zone/api';
import { absRange } from '../zone/api';

export interface ZoneSymbol {
  name: string;
  detail: string;
  kind: 'owner' | 'record' | 'directive';
  range: AbsRange;
  selectionRange: AbsRange;
  children: ZoneSymbol[];
}

/** Past this many owners the outline stops (an editor cannot show a million anyway). */
const MAX_OWNERS = 20000;
/** Up to this many records each is a child of its owner; a longer zone's outline lists owners
 *  (with their types), which is what breadcrumbs need: VS Code asks again after each pause in
 *  typing, and 100k record symbols took the server about a second each time. */
export const MAX_RECORD_SYMBOLS = 5000;
const MAX_DETAIL = 60;

function short(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function recordSymbol(rec: ZoneRecord, range: AbsRange): ZoneSymbol {
  return {
    name: rec.type,
    detail: short(rec.rdataText),
    kind: 'record',
    range,
    selectionRange: absRange(rec.typeLoc),
    children: [],
  };
}

export function documentSymbols(zone: Zone): ZoneSymbol[] {
  const out: ZoneSymbol[] = [];
  for (const d of zone.directives) {
    if (d.loc.file !== zone.file || (d.name !== '$INCLUDE' && d.name !== '$GENERATE')) continue;
    const r = absRange(d.loc);
    out.push({ name: `${d.name} ${d.args.join(' ')}`, detail: '', kind: 'directive', range: r, selectionRange: r, children: [] });
  }
  let own = 0;
  for (const rec of zone.records) if (rec.file === zone.file && !rec.generated && ++own > MAX_RECORD_SYMBOLS) break;
  const withRecords = own <= MAX_RECORD_SYMBOLS;
  let cur: ZoneSymbol | undefined;
  let curKey = '';
  let types: string[] = [];
  let owners = 0;
  const close = (): void => {
    if (cur) cur.detail = types.join(' ');
  };
  for (const rec of zone.records) {
    if (rec.file !== zone.file || rec.generated) {
      close();
      cur = undefined;
      continue;
    }
    const range = absRange(rec.loc);
    if (cur && curKey === rec.ownerKey) {
      if (withRecords) cur.children.push(recordSymbol(rec, range));
      cur.range = { ...cur.range, endLine: range.endLine, endCol: range.endCol };
      if (!types.includes(rec.type)) types.push(rec.type);
      continue;
    }
    close();
    if (++owners > MAX_OWNERS) {
      cur = undefined;
      break;
    }
    curKey = rec.ownerKey;
    types = [rec.type];
    cur = { name: rec.owner, detail: '', kind: 'owner', range, selectionRange: absRange(rec.ownerLoc), children: withRecords ? [recordSymbol(rec, range)] : [] };
    out.push(cur);
  }
  close();
  return out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
}
