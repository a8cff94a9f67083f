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
const MAX_DETAIL = 60;

function short(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function recordSymbol(rec: ZoneRecord): ZoneSymbol {
  return {
    name: rec.type,
    detail: short(rec.rdataText),
    kind: 'record',
    range: absRange(rec.loc),
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
  let cur: ZoneSymbol | undefined;
  let curKey = '';
  let owners = 0;
  for (const rec of zone.records) {
    if (rec.file !== zone.file || rec.generated) {
      cur = undefined;
      continue;
    }
    const child = recordSymbol(rec);
    if (cur && curKey === rec.ownerKey) {
      cur.children.push(child);
      cur.range = { ...cur.range, endLine: child.range.endLine, endCol: child.range.endCol };
      continue;
    }
    if (++owners > MAX_OWNERS) break;
    curKey = rec.ownerKey;
    cur = { name: rec.owner, detail: '', kind: 'owner', range: child.range, selectionRange: absRange(rec.ownerLoc), children: [child] };
    out.push(cur);
  }
  for (const s of out) if (s.kind === 'owner') s.detail = [...new Set(s.children.map((c) => c.name))].join(' ');
  return out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
}
