// Document formatting: aligns owner/TTL/class/type/RDATA columns of one-line
// records, keeping every token's text as written, so the file means the same
// afterwards (a test re-parses every fixture before and after). A class written
// before the TTL moves after it: same meaning, and the order every peer reads
// (ldns-read-zone refuses class-first). Lines with
// problems, multi-line (parenthesised) entries, directives and comments are left
// as they are. Pure: returns whole-line replacements.
import type { AbsRange } from '../rules/rule';
import type { Entry, Token, Zone } from '../zone/api';
import { entryTokensInto, firstEntryFrom, isDataToken, runToEnd, TokenPool, TokKind } from '../zone/api';
import { alignRow, widen, type Row, type Widths } from './align';
import { isClassToken, recordsOfEntry } from './locate-at';

export interface LineEdit {
  range: AbsRange;
  newText: string;
}

/** The row of a formattable entry read from its tokens; undefined when it is none (parentheses,
 *  TTL or class twice). `rdata`: also take the RDATA and the comment (the widths need neither). */
function rowOf(toks: readonly Token[], leadingBlank: boolean, typeIdx: number, rdata: boolean): Row | undefined {
  const row: Row = { owner: '', type: '', rdata: NO_WORDS };
  let d = 0; // data-token index
  for (const t of toks) {
    if (t.kind === TokKind.Open || t.kind === TokKind.Close) return undefined;
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
    } else if (i === typeIdx) row.type = t.text;
    else if (rdata) (row.rdata === NO_WORDS ? (row.rdata = []) : row.rdata).push(t.text);
  }
  return d > typeIdx ? row : undefined;
}
const NO_WORDS: string[] = [];

/** Entries that carry a problem (parse error, bad field): never reformatted. */
function troubled(zone: Zone): Set<Entry> {
  const s = new Set<Entry>();
  for (const p of zone.problems) if (p.loc.file === zone.file) s.add(p.loc.entry);
  return s;
}

/** A formatter's pass over entries [from, to): each formattable entry (a one-line record of this
 *  file, without a problem) with its tokens (good until the next call of `fn`) and the type's
 *  data-token index. A plain function: V8 optimises no loop running inside a generator. */
function eachRecordLine(zone: Zone, bad: Set<Entry>, pool: TokenPool, from: number, to: number,
  fn: (entry: Entry, toks: readonly Token[], typeIdx: number) => void): void {
  const entries = zone.file.entries;
  for (let i = from; i < to; i++) {
    const entry = entries[i];
    if (entry.lineCount !== 1 || entry.lexErrors.length || bad.has(entry)) continue;
    const recs = recordsOfEntry(zone, entry);
    if (recs.length !== 1 || recs[0].generated || recs[0].file !== zone.file) continue;
    fn(entry, entryTokensInto(pool, zone.file, entry), recs[0].typeTokenIndex);
  }
}

/**
 * Edits that align the zone's one-line records, each replacing a run of whole lines (what an
 * editor applies quickly: a zone whose lines all change is a few edits, not one per line).
 * The columns are as wide as the whole file needs; `lines` (first and last, inclusive) limits
 * the edits to the entries starting there. Two passes over the entries, re-lexing each one into
 * a token pool: the first measures the columns, the second writes the lines. Keeping a row per
 * record between the two made a 100k-record zone take over a second, half of it in the garbage
 * collector.
 */
export function formatEdits(zone: Zone, lines?: { first: number; last: number }): LineEdit[] {
  return runToEnd(formatInSlices(zone, lines, Infinity));
}

/** Column widths measured over a zone's whole file. A zone object is not changed after it is
 *  built (an edit makes a new one), so a second range format of the same version, as an editor
 *  sends for each changed range on save, measures nothing again. */
const measured = new WeakMap<Zone, Widths>();

/** formatEdits in slices of `entriesPerSlice` entries, yielding how far it is (0 to 1) between
 *  them, so a server can answer other requests while it formats a big zone. */
export function* formatInSlices(zone: Zone, lines: { first: number; last: number } | undefined, entriesPerSlice: number): Generator<number, LineEdit[]> {
  const bad = troubled(zone);
  const pool = new TokenPool();
  const entries = zone.file.entries;
  const n = entries.length;
  let w = measured.get(zone);
  if (!w) {
    const widths: Widths = { owner: 0, ttl: 0, cls: 0, type: 0 };
    const measure = (entry: Entry, toks: readonly Token[], typeIdx: number): void => {
      const r = rowOf(toks, entry.leadingBlank, typeIdx, false);
      if (r) widen(widths, r);
    };
    for (let i = 0; i < n; i += entriesPerSlice) {
      eachRecordLine(zone, bad, pool, i, Math.min(n, i + entriesPerSlice), measure);
      if (i + entriesPerSlice < n) yield (i + entriesPerSlice) / (2 * n);
    }
    measured.set(zone, widths);
    w = widths;
  }
  const widths = w;
  // A range format writes only the entries that start in its lines.
  const from = lines ? firstEntryFrom(entries, lines.first) : 0;
  const to = lines ? firstEntryFrom(entries, lines.last + 1) : n;
  const edits: LineEdit[] = [];
  let run: string[] = []; // the new lines of the last edit, joined when its run ends
  const endRun = (): void => {
    if (run.length > 1) edits[edits.length - 1].newText = run.join('\n');
  };
  const write = (entry: Entry, toks: readonly Token[], typeIdx: number): void => {
    const r = rowOf(toks, entry.leadingBlank, typeIdx, true);
    if (!r) return;
    const old = zone.file.lines[entry.line] ?? '';
    const next = alignRow(r, widths);
    if (next === old) return;
    const last = edits[edits.length - 1];
    if (last && last.range.endLine === entry.line - 1) {
      last.range.endLine = entry.line;
      last.range.endCol = old.length;
      run.push(next);
      return;
    }
    endRun();
    run = [next];
    edits.push({ range: { startLine: entry.line, startCol: 0, endLine: entry.line, endCol: old.length }, newText: next });
  };
  for (let i = from; i < to; i += entriesPerSlice) {
    yield Math.min(1, 0.5 + (i - from) / (2 * (to - from)));
    eachRecordLine(zone, bad, pool, i, Math.min(to, i + entriesPerSlice), write);
  }
  endRun();
  return edits;
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
