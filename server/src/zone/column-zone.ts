// The zone of a whole-file check, stored column-wise: one row of typed arrays per
// record (owner id, type, TTL, class, where its entry is), names interned once, and
// RDATA values decoded again from the text when a rule reads them. A million-record
// zone as a million objects with their value arrays and index Maps cost most of a
// check's time in allocation and garbage collection (issue 6; bench/RESULTS.md).
// Rules and features see the usual Zone and ZoneRecord interfaces: records are views
// made on first request (one per row, so identity holds), indexes are read-only Maps
// over the columns. Entries the scanner does not take the fast way (directives,
// escapes, errors) are parsed by parser.ts and kept as its Rec objects.
import type { CertLinkNote, Directive, IgnoreNote, ParseProblem, SourceFile, Zone, ZoneRecord, ZoneRows } from './model';
import type { Entry, SyntaxProblem, Token } from './syntax';
import { isDataToken, lexEach, splitLines } from './lexer';
import { RecordBase } from './record';
import { RR_TYPE_BY_CODE, typeName } from './rr-types';
import { className, typeCodeByName } from './rr-codes';
import { readFields, type FieldCursor } from './field-kinds';
import { NameTable, grown } from './name-table';
import { targetKey } from './targets';
import { entryLine } from './line-blocks';

const NO_TOKENS: Token[] = [];
const NO_PROBLEMS: SyntaxProblem[] = [];

/** The checked document: its text, with line starts found while scanning; the line
 *  strings and entry list editor features use are made only when asked for. A file longer
 *  than V8's longest string (about 512 MiB; a TLD zone is more) comes as several segments,
 *  each ending where a line ends; no entry spans two (scan.ts carries an unfinished one over). */
export class ColumnSourceFile implements SourceFile {
  private lineList: string[] | undefined;
  private entryList: Entry[] | undefined;
  /** the texts of the segments read so far */
  readonly segments: string[] = [];
  /** per segment: its first line, and where its last line ends (past the line end) */
  private readonly segmentFirstLine: number[] = [];
  private readonly segmentEnd: number[] = [];
  /** offset of each line's first character in its segment */
  lineStarts = new Int32Array(1024);
  lineCount = 0;
  /** the last segment begun is the file's last (its last line has no line end) */
  private lastIsFinal = true;

  constructor(readonly id: string) {}

  /** Starts the next segment: its first line is the next line. */
  beginSegment(text: string, final: boolean): void {
    this.lastIsFinal = final;
    this.segments.push(text);
    this.segmentFirstLine.push(this.lineCount);
    this.segmentEnd.push(text.length);
  }

  /** The current segment's lines end at `end` (what follows goes on in the next segment). */
  endSegment(end: number): void {
    this.segmentEnd[this.segmentEnd.length - 1] = end;
  }

  addLine(start: number): void {
    if (this.lineCount === this.lineStarts.length) this.lineStarts = grown(this.lineStarts);
    this.lineStarts[this.lineCount++] = start;
  }

  /** Forgets the lines from `count` on (an entry carried over to the next segment). */
  dropLinesFrom(count: number): void {
    this.lineCount = count;
  }

  /** The segment holding line n. */
  segmentOf(n: number): number {
    const first = this.segmentFirstLine;
    let lo = 0, hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid] <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text of line n, without its line end. */
  lineText(n: number): string {
    const s = this.segments.length === 1 ? 0 : this.segmentOf(n);
    const text = this.segments[s];
    const start = this.lineStarts[n];
    const last = n + 1 >= this.lineCount || (s + 1 < this.segments.length && n + 1 >= this.segmentFirstLine[s + 1]);
    if (last && s + 1 === this.segments.length && this.lastIsFinal) return text.slice(start);
    // the '\n' or lone '\r' ending the line (the next line's start, or the segment's end, is past it)
    let end = (last ? this.segmentEnd[s] : this.lineStarts[n + 1]) - 1;
    if (text.charCodeAt(end) === 10 && end > start && text.charCodeAt(end - 1) === 13) end--;
    return text.slice(start, end);
  }

  /** Lines [from, from + count) as strings; fewer past the last line (as `lines` has them). */
  linesAt(from: number, count: number): string[] {
    const n = Math.max(0, Math.min(count, this.lineCount - from));
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.lineText(from + i);
    return out;
  }

  get lines(): string[] {
    return (this.lineList ??= this.segments.length === 1 ? splitLines(this.segments[0]) : this.linesAt(0, this.lineCount));
  }
  set lines(v: string[]) {
    this.lineList = v;
  }

  get entries(): Entry[] {
    if (!this.entryList) {
      const list: Entry[] = [];
      lexEach(this.lines, 0, undefined, (e) => { list.push(e); });
      this.entryList = list;
    }
    return this.entryList;
  }
  set entries(v: Entry[]) {
    this.entryList = v;
  }
}

// Row flags.
export const OWNER_EXPLICIT = 1, TTL_EXPLICIT = 2;

/** One row per record, in the order records are produced. */
export class RecordColumns {
  length = 0;
  owner = new Int32Array(1024);
  type = new Uint16Array(1024);
  ttl = new Int32Array(1024);
  klass = new Uint16Array(1024);
  flags = new Uint8Array(1024);
  /** the entry: first line and number of lines */
  line = new Int32Array(1024);
  lines = new Int32Array(1024);
  /** data-token index of the type, and the number of data tokens */
  typeTok = new Uint8Array(1024);
  tokens = new Int32Array(1024);
  /** the origin the RDATA's names are relative to (NameTable.addOrigin index) */
  origin = new Int32Array(1024);
  /** name id of the target (MX exchange, NS, SRV, CNAME, DNAME, PTR), or -1 */
  target = new Int32Array(1024);

  /** Makes room for one more row and returns its index. */
  next(): number {
    if (this.length === this.owner.length) {
      this.owner = grown(this.owner); this.type = grown(this.type); this.ttl = grown(this.ttl); this.klass = grown(this.klass);
      this.flags = grown(this.flags); this.line = grown(this.line); this.lines = grown(this.lines); this.typeTok = grown(this.typeTok);
      this.tokens = grown(this.tokens); this.origin = grown(this.origin); this.target = grown(this.target);
    }
    return this.length++;
  }
}

/** A record of the column store, read from its row; values are decoded on first use.
 *  Only the row is kept: the fields are read from the columns when asked. A check makes
 *  a view for about half the rows of a zone, and every field copied into them was garbage
 *  collector work (issue 6). */
export class RecordView extends RecordBase {
  private decoded: unknown[] | undefined;
  private made: Entry | undefined;

  constructor(private readonly zone: ColumnZone, readonly row: number) {
    super();
    this.decoded = undefined;
    this.made = undefined;
  }

  get ownerKey(): string { return this.zone.names.key(this.zone.columns.owner[this.row]); }
  get owner(): string { return this.zone.ownerText.get(this.row) ?? this.ownerKey; }
  get ttl(): number { return this.zone.columns.ttl[this.row]; }
  get class(): string { return className(this.zone.columns.klass[this.row]); }
  get typeCode(): number { return this.zone.columns.type[this.row]; }
  get type(): string { return typeName(this.zone.columns.type[this.row]); }
  get file(): ColumnSourceFile { return this.zone.file; }

  get values(): unknown[] {
    return (this.decoded ??= this.zone.keptValues[this.row] ?? this.zone.decodeValues(this.row, this.entry, this.typeTok, this.rdataEnd));
  }

  get entry(): Entry {
    const c = this.zone.columns;
    return (this.made ??= {
      lineInBlock: c.line[this.row], lineCount: c.lines[this.row], leadingBlank: !this.ownerExplicit, tokens: NO_TOKENS, lexErrors: NO_PROBLEMS,
      unclosed: false, commentText: undefined, out: undefined,
    });
  }

  get ttlExplicit(): boolean { return (this.zone.columns.flags[this.row] & TTL_EXPLICIT) !== 0; }
  get ownerExplicit(): boolean { return (this.zone.columns.flags[this.row] & OWNER_EXPLICIT) !== 0; }
  get generic(): boolean { return false; }
  get generated(): boolean { return false; }
  protected get typeTok(): number { return this.zone.columns.typeTok[this.row]; }
  protected get rdataEnd(): number { return this.zone.columns.tokens[this.row]; }
  get comment(): string | undefined { return this.zone.commentOf(this.row, 0); }
  get commentAbove(): string | undefined { return this.zone.commentOf(this.row, 2); }
}

/** Where an index's lists sit: key ids in first-appearance order, and per key its rows. */
interface IndexLists {
  /** key ids in the order their first record came */
  order: Int32Array;
  /** per key id: where its rows start in `rows`, and how many */
  start: Int32Array;
  count: Int32Array;
  rows: Int32Array;
}

const LONG_LIST = 16;

/** Groups rows by a key column (-1 = no key): counting sort, linear in the rows. */
function groupRows(keys: Int32Array | Uint16Array, length: number, keySpace: number): IndexLists {
  const count = new Int32Array(keySpace);
  let distinct = 0;
  for (let r = 0; r < length; r++) {
    const k = keys[r];
    if (k < 0) continue;
    if (count[k]++ === 0) distinct++;
  }
  const order = new Int32Array(distinct);
  const start = new Int32Array(keySpace);
  const fill = new Int32Array(keySpace);
  let at = 0, o = 0;
  for (let r = 0; r < length; r++) {
    const k = keys[r];
    if (k < 0 || fill[k] !== 0 || count[k] === 0) continue;
    order[o++] = k;
    start[k] = at;
    at += count[k];
    fill[k] = -1; // placed
  }
  const rows = new Int32Array(at);
  fill.fill(0);
  for (let r = 0; r < length; r++) {
    const k = keys[r];
    if (k < 0) continue;
    rows[start[k] + fill[k]++] = r;
  }
  return { order, start, count, rows };
}

/** A read-only Map over an index of the column store (lists are made per call). */
// A Map subclass (its own storage stays empty) so that code testing `instanceof Map` accepts it.
export class ColumnIndex extends Map<string, ZoneRecord[]> {
  constructor(
    private readonly zone: ColumnZone,
    private readonly lists: IndexLists,
    private readonly keyOf: (id: number) => string,
    private readonly idOf: (key: string) => number,
  ) {
    super();
  }

  override get size(): number {
    return this.lists.order.length;
  }

  /** Lists of many records, made once: a rule that asks for a big name's records once per
   *  record there (the apex) must not rebuild a list of thousands each time. */
  private readonly long = new Map<number, ZoneRecord[]>();

  private listOf(id: number): ZoneRecord[] {
    const { start, count, rows } = this.lists;
    const n = count[id];
    const kept = n >= LONG_LIST ? this.long.get(id) : undefined;
    if (kept) return kept;
    const out: ZoneRecord[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.zone.record(rows[start[id] + i]);
    if (n >= LONG_LIST) this.long.set(id, out);
    return out;
  }

  override get(key: string): ZoneRecord[] | undefined {
    const id = this.idOf(key);
    return id >= 0 && id < this.lists.count.length && this.lists.count[id] > 0 ? this.listOf(id) : undefined;
  }

  override has(key: string): boolean {
    const id = this.idOf(key);
    return id >= 0 && id < this.lists.count.length && this.lists.count[id] > 0;
  }

  override forEach(fn: (value: ZoneRecord[], key: string, map: Map<string, ZoneRecord[]>) => void, thisArg?: unknown): void {
    const order = this.lists.order;
    for (let i = 0; i < order.length; i++) fn.call(thisArg, this.listOf(order[i]), this.keyOf(order[i]), this);
  }

  override *keys(): MapIterator<string> {
    for (const id of this.lists.order) yield this.keyOf(id);
  }

  override *values(): MapIterator<ZoneRecord[]> {
    for (const id of this.lists.order) yield this.listOf(id);
  }

  override *entries(): MapIterator<[string, ZoneRecord[]]> {
    for (const id of this.lists.order) yield [this.keyOf(id), this.listOf(id)];
  }

  override [Symbol.iterator](): MapIterator<[string, ZoneRecord[]]> {
    return this.entries();
  }

  override get [Symbol.toStringTag](): string {
    return 'ColumnIndex';
  }

  override set(): this {
    throw new Error('the zone of a whole-file check is read-only');
  }

  override delete(): boolean {
    throw new Error('the zone of a whole-file check is read-only');
  }

  override clear(): void {
    throw new Error('the zone of a whole-file check is read-only');
  }
}

const EMPTY_LISTS: IndexLists = { order: new Int32Array(0), start: new Int32Array(0), count: new Int32Array(0), rows: new Int32Array(0) };

export class ColumnZone implements Zone, ZoneRows {
  origin = '';
  directives: Directive[] = [];
  ignores: IgnoreNote[] = [];
  certLinks: CertLinkNote[] = [];
  problems: ParseProblem[] = [];
  generatedCount = 0;
  generateCut = false;
  readonly names: NameTable;
  readonly columns = new RecordColumns();
  /** owners written with upper case (the key is lower case): the owner as written, by row */
  readonly ownerText = new Map<number, string>();
  /** rows with a trailing comment or a comment above, ascending, and per such row the
   *  comment's and the comment above's text offsets (start, end; -1 when none) */
  private commentRows = new Int32Array(256);
  private commentSpans = new Int32Array(1024);
  private commented = 0;
  /** comments above that parser.ts read (an entry it parsed, just above a row) */
  readonly aboveText = new Map<number, string>();
  /** RDATA values kept from the scan, by row (ParseOptions.keepValues), else undefined */
  readonly keptValues: (unknown[] | undefined)[] = [];
  /** records parser.ts built (entries the scanner did not take the fast way), by row */
  private readonly parsed = new Map<number, ZoneRecord>();
  private views: (ZoneRecord | undefined)[] = [];
  private all: ZoneRecord[] | undefined;
  byOwner: ColumnIndex;
  byType: ColumnIndex;
  byTarget: ColumnIndex;
  private ownerLists: IndexLists = EMPTY_LISTS;

  /** `length`: the text's length in all (sizes the name table) */
  constructor(readonly file: ColumnSourceFile, length: number) {
    // about one name per 64 characters of a typical zone: the table is sized once
    this.names = new NameTable(Math.floor(length / 64));
    this.byOwner = this.byType = this.byTarget = new ColumnIndex(this, EMPTY_LISTS, String, () => -1);
  }

  /** Notes the comments of a row (offsets into the text; -1 when none). */
  addComments(row: number, start: number, end: number, aboveStart: number, aboveEnd: number): void {
    const i = this.commented++;
    if (i === this.commentRows.length) {
      this.commentRows = grown(this.commentRows);
      this.commentSpans = grown(this.commentSpans);
    }
    this.commentRows[i] = row;
    this.commentSpans[i * 4] = start;
    this.commentSpans[i * 4 + 1] = end;
    this.commentSpans[i * 4 + 2] = aboveStart;
    this.commentSpans[i * 4 + 3] = aboveEnd;
  }

  /** The trailing comment (which = 0) or the comment above (which = 2) of a row, without ';'. */
  commentOf(row: number, which: 0 | 2): string | undefined {
    let lo = 0, hi = this.commented;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.commentRows[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.commented && this.commentRows[lo] === row) {
      const start = this.commentSpans[lo * 4 + which];
      if (start >= 0) {
        // both comments sit in the row's segment (scan.ts: a comment above from an earlier segment is kept as text)
        const file = this.file;
        const text = file.segments.length === 1 ? file.segments[0] : file.segments[file.segmentOf(this.columns.line[row])];
        return text.slice(start + 1, this.commentSpans[lo * 4 + which + 1]).trim();
      }
    }
    return which === 2 ? this.aboveText.get(row) : undefined;
  }

  /** A record parser.ts built: its row, with the record itself kept as the row's view. */
  add(rec: ZoneRecord): void {
    const c = this.columns;
    const row = c.next();
    this.keptValues.push(undefined);
    c.owner[row] = this.names.internKey(rec.ownerKey);
    c.type[row] = rec.typeCode;
    c.ttl[row] = rec.ttl;
    const t = targetKey(rec);
    c.target[row] = t === undefined ? -1 : this.names.internKey(t);
    this.parsed.set(row, rec);
  }

  /** Builds the indexes once every row is in. */
  finish(): void {
    const c = this.columns;
    // sized up front: rows get their views in any order, and a growing sparse array turns slow
    this.views = new Array(c.length);
    const names = this.names;
    const byOwner = groupRows(c.owner, c.length, names.size);
    const byTarget = groupRows(c.target, c.length, names.size);
    let maxType = -1;
    for (let r = 0; r < c.length; r++) if (c.type[r] > maxType) maxType = c.type[r];
    this.typeCodeLimit = maxType + 1;
    const byType = groupRows(c.type, c.length, this.typeCodeLimit);
    const nameId = (key: string): number => names.find(key);
    const nameOf = (id: number): string => names.key(id);
    this.ownerLists = byOwner;
    this.byOwner = new ColumnIndex(this, byOwner, nameOf, nameId);
    this.byTarget = new ColumnIndex(this, byTarget, nameOf, nameId);
    this.byType = new ColumnIndex(this, byType, typeText, typeId);
  }

  get rows(): ZoneRows {
    return this;
  }

  typeCodeLimit = 0;

  get count(): number {
    return this.columns.length;
  }

  typeCode(row: number): number {
    return this.columns.type[row];
  }

  ownerId(row: number): number {
    return this.columns.owner[row];
  }

  targetId(row: number): number {
    return this.columns.target[row];
  }

  get nameCount(): number {
    return this.names.size;
  }

  nameKey(id: number): string {
    return this.names.keyOnce(id);
  }

  nameId(key: string): number {
    return this.names.find(key);
  }

  namesBelow(ids: readonly number[], self: boolean): Uint8Array {
    return this.names.below(ids, self);
  }

  namesFailing(passes: (text: string, start: number, end: number) => boolean): Uint8Array {
    return this.names.failing(passes);
  }

  forEachOwner(fn: (ownerId: number, rows: Int32Array, start: number, count: number) => void): void {
    const { order, start, count, rows } = this.ownerLists;
    for (let i = 0; i < order.length; i++) {
      const id = order[i];
      fn(id, rows, start[id], count[id]);
    }
  }

  get records(): ZoneRecord[] {
    if (!this.all) {
      const n = this.columns.length;
      const all: ZoneRecord[] = new Array(n);
      for (let r = 0; r < n; r++) all[r] = this.record(r);
      this.all = all;
    }
    return this.all;
  }

  /** The record of a row (the same object every time). */
  record(row: number): ZoneRecord {
    let v = this.views[row];
    if (v === undefined) {
      v = this.parsed.get(row) ?? new RecordView(this, row);
      this.views[row] = v;
    }
    return v;
  }

  /** The RDATA values of a fast-path row, parsed again from its entry's text. */
  decodeValues(row: number, entry: Entry, typeTok: number, rdataEnd: number): unknown[] {
    const def = RR_TYPE_BY_CODE.get(this.columns.type[row]);
    if (!def) return [];
    const lines = this.file.linesAt(entryLine(entry), entry.lineCount);
    let data: Token[] = [];
    lexEach(lines, 0, undefined, (e) => { data = e.tokens.filter(isDataToken); });
    const cur: FieldCursor = { words: data.slice(typeTok + 1, rdataEnd), i: 0, origin: this.names.originKey(this.columns.origin[row]) };
    return readFields(def.fields, cur);
  }
}

function typeText(code: number): string {
  return RR_TYPE_BY_CODE.get(code)?.name ?? typeName(code);
}

/** The type code whose mnemonic is exactly `key` (byType keys are upper case mnemonics), or -1. */
function typeId(key: string): number {
  const code = typeCodeByName(key);
  return code !== undefined && typeText(code) === key ? code : -1;
}
