// Document formatting: aligns owner/TTL/class/type/RDATA columns of records,
// keeping every token's text as written, so the file means the same
// afterwards (a test re-parses every fixture before and after). A class written
// before the TTL moves after it: same meaning, and the order every peer reads
// (ldns-read-zone refuses class-first). An entry with parentheses after its type
// (a multi-line SOA, TLSA or TXT) has its head aligned like any other record: its
// first line from the first RDATA token on is kept as written, and its other lines
// move by as much as that token did, so they stay lined up under it (blanks there
// mean nothing: no string or escape crosses a line), comments on those lines too. A
// one-line record's trailing comment starts at the file's comment column: one blank
// past the widest commented record's RDATA (align.ts, COMMENT_CAP). Lines with errors, entries
// with a parenthesis before the type, directives and comments are left as they
// are. Pure: returns whole-line replacements.
import type { AbsRange } from '../rules/rule';
import type { Entry, SourceFile, Token, Zone } from '../zone/api';
import { entryLine, entryTokensInto, firstEntryFrom, isDataToken, runToEnd, TokenPool, TokKind } from '../zone/api';
import { alignRow, commentColumn, OWNER_CAP, SPACES, type IndentStyle, type Row, type Widths } from './align';
import { isClassToken, recordsOfEntry } from './locate-at';

export interface LineEdit {
  range: AbsRange;
  newText: string;
}

/** The row of a formattable entry read from its tokens; undefined when it is none (a parenthesis
 *  before the type, TTL or class twice). `rdata`: also take the RDATA and the comment (the widths
 *  need them only for the comment column). An entry with parentheses after the type gets
 *  `rawFrom` instead: where its first RDATA token starts on the first line, which is kept as
 *  written from there on (its comments with it). */
function rowOf(toks: readonly Token[], leadingBlank: boolean, typeIdx: number, rdata: boolean): Row | undefined {
  const row: Row = { owner: '', type: '', rdata: NO_WORDS };
  let d = 0; // data-token index
  let prev: Token | undefined;
  let after = -1; // column of the first token after the type (on the first line: no '(' before it)
  let paren = false;
  for (const t of toks) {
    if (t.kind === TokKind.Open || t.kind === TokKind.Close) {
      if (d <= typeIdx) return undefined;
      paren = true;
      if (after < 0) after = t.start;
      continue;
    }
    if (t.kind === TokKind.Comment) {
      if (rdata) row.comment = t.text;
      continue;
    }
    if (!isDataToken(t)) continue;
    const i = d++;
    if (i === 0 && !leadingBlank) row.owner = t.text;
    else if (i < typeIdx) {
      if (isClassToken(t.text)) {
        if (row.cls !== undefined) return undefined;
        row.cls = t.text;
      } else {
        if (row.ttl !== undefined) return undefined;
        row.ttl = t.text;
      }
    } else if (i === typeIdx) {
      row.type = t.text;
      if (!rdata) return row;
    } else if (rdata) {
      if (after < 0) after = t.start;
      if (paren) continue;
      // tokens that touch stay together: 'alpn="h2"' is one SvcParam, 'alpn= "h2"' is not
      const words = row.rdata === NO_WORDS ? (row.rdata = []) : row.rdata;
      if (i > typeIdx + 1 && prev && prev.line === t.line && prev.end === t.start) words[words.length - 1] += t.text;
      else words.push(t.text);
    }
    prev = t;
  }
  if (paren) {
    row.rawFrom = after;
    row.comment = undefined;
  }
  return d > typeIdx ? row : undefined;
}
const NO_WORDS: string[] = [];

/** The columns a row's RDATA takes, its words one blank apart as alignRow writes them. */
function rdataWidth(r: Row): number {
  let width = r.rdata.length ? r.rdata.length - 1 : 0;
  for (const word of r.rdata) width += word.length;
  return width;
}

/** Whether an entry ends with a comment (its RDATA is then measured for the comment column). */
const endsInComment = (toks: readonly Token[]): boolean => toks.length > 0 && toks[toks.length - 1].kind === TokKind.Comment;

/** Entries with an error (a parse error, a bad field): never reformatted. A warning (a DS digest
 *  type not to use, a TTL over 2^31 - 1) is about a record read whole, formatted like the rest. */
function troubled(zone: Zone): Set<Entry> {
  const s = new Set<Entry>();
  for (const p of zone.problems) if (p.severity === 'error' && p.loc.file === zone.file) s.add(p.loc.entry);
  return s;
}

/** A formatter's pass over entries [from, to): each formattable entry (the only record of an
 *  entry of this file, without a problem) with its tokens (good until the next call of `fn`) and
 *  the type's data-token index. A plain function: V8 optimises no loop running inside a generator. */
function eachRecordLine(zone: Zone, bad: Set<Entry>, pool: TokenPool, from: number, to: number,
  fn: (entry: Entry, toks: readonly Token[], typeIdx: number, index: number) => void): void {
  const entries = zone.file.entries;
  for (let i = from; i < to; i++) {
    const entry = entries[i];
    if (entry.lexErrors.length || bad.has(entry)) continue;
    const recs = recordsOfEntry(zone, entry);
    if (recs.length !== 1 || recs[0].generated || recs[0].file !== zone.file) continue;
    fn(entry, entryTokensInto(pool, zone.file, entry), recs[0].typeTokenIndex, i);
  }
}

/** The column widths of a document's lines, kept per source file (one object for a document's
 *  life) from version to version: each entry's lengths and, per column, how many entries have
 *  each length. After an edit only the entries it replaced are measured (an edit keeps the other
 *  entry objects); measuring every line again made the first range format of each version of a
 *  1M-record zone take 1-2 s. */
class WidthTally {
  /** the zone the tally is of (not kept alive by it: after a big edit, an old zone has its own
   *  indexes), and its entries (a copy: an edit splices the file's list in place) */
  zone: WeakRef<Zone> | undefined = undefined;
  entries: Entry[] = [];
  /** per entry, the lengths it widens the columns to (owner, TTL, class, type, and the width of
   *  a commented one-line record's RDATA plus one; 0 = none) */
  lengths = new Int32Array(0);
  /** per column, the number of entries by length */
  private readonly counts = [new Int32Array(64), new Int32Array(16), new Int32Array(16), new Int32Array(16), new Int32Array(64)];

  /** Counts (sign 1) or uncounts (sign -1) the lengths of entry i. */
  count(i: number, sign: number): void {
    for (let c = 0; c < COLUMNS; c++) {
      const len = this.lengths[i * COLUMNS + c];
      if (len === 0) continue;
      let counts = this.counts[c];
      if (len >= counts.length) {
        const more = new Int32Array(Math.max(len + 1, counts.length * 2));
        more.set(counts);
        this.counts[c] = counts = more;
      }
      counts[len] += sign;
    }
  }

  /** Sets entry i's lengths from its row (undefined: it widens nothing). */
  measure(i: number, r: Row | undefined): void {
    const at = i * COLUMNS;
    this.lengths[at] = r && r.owner.length <= OWNER_CAP ? r.owner.length : 0;
    this.lengths[at + 1] = r?.ttl?.length ?? 0;
    this.lengths[at + 2] = r?.cls?.length ?? 0;
    this.lengths[at + 3] = r?.type.length ?? 0;
    this.lengths[at + 4] = r?.comment !== undefined ? rdataWidth(r) + 1 : 0;
    this.count(i, 1);
  }

  /** Uncounts the entries an edit replaced (those between the ones `entries` kept from the tally's,
   *  at its start and its end) and makes room for the new ones; returns where those are. Finding
   *  them compares every entry (about 30 ms at a million: most of a range format after an edit). */
  forgetReplaced(entries: readonly Entry[]): { from: number; to: number; removed: number } {
    const old = this.entries;
    const n = entries.length;
    const same = Math.min(old.length, n);
    let from = 0, to = n, oldTo = old.length;
    while (from < same && old[from] === entries[from]) from++;
    while (oldTo > from && to > from && old[oldTo - 1] === entries[to - 1]) { oldTo--; to--; }
    for (let i = from; i < oldTo; i++) this.count(i, -1);
    // Shift the kept entries' lengths in place (a new 16 MB array per edit of a 1M-line zone
    // cost 20-30 ms in page faults); the new entries' lengths start at 0.
    const had = this.lengths;
    if (n * COLUMNS <= had.length) had.copyWithin(to * COLUMNS, oldTo * COLUMNS, old.length * COLUMNS);
    else {
      this.lengths = new Int32Array(Math.ceil(n * 1.25) * COLUMNS);
      this.lengths.set(had.subarray(0, from * COLUMNS));
      this.lengths.set(had.subarray(oldTo * COLUMNS, old.length * COLUMNS), to * COLUMNS);
    }
    this.lengths.fill(0, from * COLUMNS, to * COLUMNS);
    return { from, to, removed: oldTo - from };
  }

  /** Takes `zone` as the one the tally is of, with a copy of its entries. */
  keep(zone: Zone, from: number, to: number, removed: number): void {
    const entries = zone.file.entries;
    // a few replaced entries: splice them into the copy (no second million-entry array)
    if (to - from < 10_000) this.entries.splice(from, removed, ...entries.slice(from, to));
    else this.entries = entries.slice();
    this.zone = new WeakRef(zone);
  }

  widths(style: IndentStyle): Widths {
    const top = (counts: Int32Array): number => {
      let len = counts.length - 1;
      while (len > 0 && counts[len] === 0) len--;
      return len;
    };
    const w = { owner: top(this.counts[0]), ttl: top(this.counts[1]), cls: top(this.counts[2]), type: top(this.counts[3]), comment: 0 };
    // the widest commented RDATA whose comment column stays within COMMENT_CAP
    const rdata = this.counts[4];
    for (let len = rdata.length - 1; len > 0 && !w.comment; len--) if (rdata[len]) w.comment = commentColumn(w, len - 1, style);
    return w;
  }
}
const COLUMNS = 5;
const tallies = new WeakMap<SourceFile, WidthTally>();

/** The widths of the zone's columns: measured over the whole file the first time, then over
 *  what changed since the zone the file's tally is of. */
function* columnWidths(zone: Zone, bad: Set<Entry>, pool: TokenPool, entriesPerSlice: number, style: IndentStyle): Generator<number, Widths> {
  const file = zone.file;
  const entries = file.entries;
  const n = entries.length;
  let t = tallies.get(file);
  if (t?.zone?.deref() === zone) return t.widths(style);
  // Until it is done (a cancel can end a format between slices) the file has no tally.
  tallies.delete(file);
  let tally: WidthTally, from = 0, to = n, removed = 0;
  if (!t) {
    tally = new WidthTally();
    tally.lengths = new Int32Array(n * COLUMNS);
  } else {
    tally = t;
    ({ from, to, removed } = tally.forgetReplaced(entries));
  }
  const measure = (entry: Entry, toks: readonly Token[], typeIdx: number, i: number): void => {
    tally.measure(i, rowOf(toks, entry.leadingBlank, typeIdx, endsInComment(toks)));
  };
  for (let i = from; i < to; i += entriesPerSlice) {
    eachRecordLine(zone, bad, pool, i, Math.min(to, i + entriesPerSlice), measure);
    if (i + entriesPerSlice < to) yield (i + entriesPerSlice - from) / (2 * (to - from));
  }
  tally.keep(zone, from, to, removed);
  tallies.set(file, tally);
  return tally.widths(style);
}

/**
 * Edits that align the zone's one-line records, each replacing a run of whole lines (what an
 * editor applies quickly: a zone whose lines all change is a few edits, not one per line).
 * The columns are as wide as the whole file needs; `lines` (first and last, inclusive) limits
 * the edits to the entries starting there. Two passes over the entries, re-lexing each one into
 * a token pool: the first measures the columns (after an edit, only the entries it replaced:
 * WidthTally), the second writes the lines. Keeping a row per
 * record between the two made a 100k-record zone take over a second, half of it in the garbage
 * collector.
 */
export function formatEdits(zone: Zone, lines?: { first: number; last: number }, style: IndentStyle = SPACES): LineEdit[] {
  return runToEnd(formatInSlices(zone, lines, Infinity, style));
}

/** formatEdits in slices of `entriesPerSlice` entries, yielding how far it is (0 to 1) between
 *  them, so a server can answer other requests while it formats a big zone. */
export function* formatInSlices(zone: Zone, lines: { first: number; last: number } | undefined, entriesPerSlice: number, style: IndentStyle = SPACES): Generator<number, LineEdit[]> {
  const bad = troubled(zone);
  const pool = new TokenPool();
  const entries = zone.file.entries;
  const n = entries.length;
  const widths = yield* columnWidths(zone, bad, pool, entriesPerSlice, style);
  // A range format writes only the entries that start in its lines.
  const from = lines ? firstEntryFrom(entries, lines.first) : 0;
  const to = lines ? firstEntryFrom(entries, lines.last + 1) : n;
  const edits: LineEdit[] = [];
  let run: string[] = []; // the new lines of the last edit, joined when its run ends
  const endRun = (): void => {
    if (run.length > 1) edits[edits.length - 1].newText = run.join('\n');
  };
  const text = zone.file.lines;
  const emit = (line: number, next: string): void => {
    const old = text[line] ?? '';
    if (next === old) return;
    const last = edits[edits.length - 1];
    if (last && last.range.endLine === line - 1) {
      last.range.endLine = line;
      last.range.endCol = old.length;
      run.push(next);
      return;
    }
    endRun();
    run = [next];
    edits.push({ range: { startLine: line, startCol: 0, endLine: line, endCol: old.length }, newText: next });
  };
  const write = (entry: Entry, toks: readonly Token[], typeIdx: number): void => {
    const r = rowOf(toks, entry.leadingBlank, typeIdx, true);
    if (!r) return;
    if (r.rawFrom === undefined) {
      emit(entryLine(entry), alignRow(r, widths, style));
      return;
    }
    const old = text[entryLine(entry)] ?? '';
    const rest = old.slice(r.rawFrom);
    r.rdata = [rest];
    const head = alignRow(r, widths, style);
    emit(entryLine(entry), head);
    // how far the first RDATA token moved on screen (tabs as wide as the editor shows them)
    const shift = screenWidth(head.slice(0, head.length - rest.length), style.tabSize) - screenWidth(old.slice(0, r.rawFrom), style.tabSize);
    if (shift === 0 || entry.lineCount === 1 || !canShift(text, entry, shift, style.tabSize)) return;
    for (let l = entryLine(entry) + 1, end = entryLine(entry) + entry.lineCount; l < end; l++) {
      const cont = text[l];
      const n = indentOf(cont);
      if (n === cont.length) continue;
      emit(l, indentText(screenWidth(cont.slice(0, n), style.tabSize) + shift, style) + cont.slice(n));
    }
  };
  for (let i = from; i < to; i += entriesPerSlice) {
    yield Math.min(1, 0.5 + (i - from) / (2 * (to - from)));
    eachRecordLine(zone, bad, pool, i, Math.min(to, i + entriesPerSlice), write);
  }
  endRun();
  return edits;
}

/** How many blanks `text` starts with. */
function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** The columns `text` takes on screen, a tab reaching the next stop `tabSize` apart (the
 *  editor's FormattingOptions.tabSize: how wide it shows the file's tabs). */
function screenWidth(text: string, tabSize: number): number {
  let col = 0;
  for (let i = 0; i < text.length; i++) col = text.charCodeAt(i) === 9 ? (Math.floor(col / tabSize) + 1) * tabSize : col + 1;
  return col;
}

/** Blanks `width` columns wide: tabs, then spaces to the column, when the editor indents with tabs. */
function indentText(width: number, style: IndentStyle): string {
  if (!style.useTabs) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / style.tabSize)) + ' '.repeat(width % style.tabSize);
}

/** Whether the lines after an entry's first can move by `shift` columns and stay lined up with
 *  its RDATA: each indent is deep enough to lose -shift columns, and a line starting with `$`
 *  keeps one (at column 0 it reads as a directive, which ends the entry). Blank lines are left
 *  alone. */
function canShift(lines: readonly string[], entry: Entry, shift: number, tabSize: number): boolean {
  for (let l = entryLine(entry) + 1, end = entryLine(entry) + entry.lineCount; l < end; l++) {
    const text = lines[l] ?? '';
    const end = indentOf(text);
    if (end === text.length) continue;
    const keep = text.charCodeAt(end) === 0x24 ? 1 : 0; // '$'
    if (screenWidth(text.slice(0, end), tabSize) - keep < -shift) return false;
  }
  return true;
}

/** Applies formatEdits' edits (runs of whole lines, in order, not overlapping) to the lines. */
export function applyLineEdits(lines: readonly string[], edits: readonly LineEdit[]): string[] {
  const out = [...lines];
  for (let i = edits.length - 1; i >= 0; i--) {
    const r = edits[i].range;
    out.splice(r.startLine, r.endLine - r.startLine + 1, ...edits[i].newText.split('\n'));
  }
  return out;
}
