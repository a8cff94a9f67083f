// The outline of a zone file: one symbol per run of records with the same
// owner (fully qualified), each record a child (its type and data); $INCLUDE and
// $GENERATE lines as their own symbols. Pure; only the zone's own file.
import type { AbsRange } from '../rules/rule';
import type { Zone, ZoneRecord } from '../zone/api';
import { absRange, runToEnd } from '../zone/api';

export interface ZoneSymbol {
  name: string;
  detail: string;
  /** 'more': where the owners past the outline's limit start (to the end of the file) */
  kind: 'owner' | 'record' | 'directive' | 'more';
  range: AbsRange;
  selectionRange: AbsRange;
  children: ZoneSymbol[];
}

/** How many owners the outline lists unless told otherwise (daneZone.outlineLimit): an editor
 *  asks after each pause in typing, and the answer's size is what holds it up. At 100k records,
 *  a request sent while the outline was answered waited up to 180 ms (median of the worst of
 *  each run) with 20 000 owners (4.9 MB), 31 ms with 5000; VS Code's own JSON server stops at
 *  5000 too (json.maxItemsComputed). */
export const DEFAULT_OUTLINE_LIMIT = 5000;
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

export function documentSymbols(zone: Zone, limit = DEFAULT_OUTLINE_LIMIT): ZoneSymbol[] {
  return runToEnd(documentSymbolsInSlices(zone, Infinity, limit));
}

/** documentSymbols in slices of `recordsPerSlice` records, yielding how far it is (0 to 1):
 *  a server answers other requests, and sees a cancel, between them. At most `limit` owners,
 *  then a 'more' symbol from the first one left out to the end of the file. */
export function* documentSymbolsInSlices(zone: Zone, recordsPerSlice: number, limit = DEFAULT_OUTLINE_LIMIT): Generator<number, ZoneSymbol[]> {
  const outline = new Outline(zone, limit);
  const n = zone.records.length;
  for (let i = 0; i < n && outline.add(i, Math.min(n, i + recordsPerSlice)); i += recordsPerSlice) {
    if (i + recordsPerSlice < n) yield (i + recordsPerSlice) / n;
  }
  return outline.finish();
}

/** The outline built record by record (a class: its loop runs outside the generator, which V8
 *  would not optimise). */
class Outline {
  private readonly out: ZoneSymbol[] = [];
  private readonly withRecords: boolean;
  private cur: ZoneSymbol | undefined;
  private curKey = '';
  private types: string[] = [];
  private owners = 0;
  /** the first owner left out, once the limit is reached */
  private more: ZoneSymbol | undefined;

  constructor(private readonly zone: Zone, private readonly limit: number) {
    for (const d of zone.directives) {
      if (d.loc.file !== zone.file || (d.name !== '$INCLUDE' && d.name !== '$GENERATE')) continue;
      const r = absRange(d.loc);
      this.out.push({ name: `${d.name} ${d.args.join(' ')}`, detail: '', kind: 'directive', range: r, selectionRange: r, children: [] });
    }
    let own = 0;
    for (const rec of zone.records) if (rec.file === zone.file && !rec.generated && ++own > MAX_RECORD_SYMBOLS) break;
    this.withRecords = own <= MAX_RECORD_SYMBOLS;
  }

  /** Adds records [from, to); false once the owner limit is reached. */
  add(from: number, to: number): boolean {
    const records = this.zone.records;
    for (let i = from; i < to; i++) {
      const rec = records[i];
      if (rec.file !== this.zone.file || rec.generated) {
        this.close();
        continue;
      }
      const range = absRange(rec.loc);
      const cur = this.cur;
      if (cur && this.curKey === rec.ownerKey) {
        if (this.withRecords) cur.children.push(recordSymbol(rec, range));
        cur.range = { ...cur.range, endLine: range.endLine, endCol: range.endCol };
        if (!this.types.includes(rec.type)) this.types.push(rec.type);
        continue;
      }
      this.close();
      if (++this.owners > this.limit) {
        this.more = this.moreFrom(rec, range);
        return false;
      }
      this.curKey = rec.ownerKey;
      this.types = [rec.type];
      this.cur = { name: rec.owner, detail: '', kind: 'owner', range, selectionRange: absRange(rec.ownerLoc), children: this.withRecords ? [recordSymbol(rec, range)] : [] };
      this.out.push(this.cur);
    }
    return true;
  }

  /** Ends the current owner: its detail lists its types. */
  private close(): void {
    if (this.cur) this.cur.detail = this.types.join(' ');
    this.cur = undefined;
  }

  /** Where the owners left out start: from `rec` (the first record of the first one) to the end. */
  private moreFrom(rec: ZoneRecord, range: AbsRange): ZoneSymbol {
    const lines = this.zone.file.lines;
    const last = Math.max(range.endLine, lines.length - 1);
    return {
      name: 'more owners, not listed',
      detail: `the outline lists ${this.limit} (daneZone.outlineLimit)`,
      kind: 'more',
      range: { startLine: range.startLine, startCol: range.startCol, endLine: last, endCol: last === range.endLine ? range.endCol : (lines[last] ?? '').length },
      selectionRange: absRange(rec.ownerLoc),
      children: [],
    };
  }

  finish(): ZoneSymbol[] {
    this.close();
    if (this.more) this.out.push(this.more);
    return this.out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
  }
}
