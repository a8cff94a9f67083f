// Incremental re-parse after an edit: re-lex from the entry the edit touches
// until lexing meets an old entry boundary again, re-parse those entries, and
// keep re-parsing old entries only while the carried state (origin, TTL, owner,
// class) differs. Everything else, with its records, is reused (lines moved by block:
// line-blocks.ts).
import type { CertLinkNote, Directive, IgnoreNote, ParseProblem, SourceFile, Zone, ZoneRecord } from './model';
import type { Entry } from './syntax';
import { GENERATE_MAX, generatedIn } from './generate';
import { closedBelow, lexEach, lexLines, MAX_ENTRY_LINES } from './lexer';
import {
  copyState, emptyZone, forEachIndex, ZoneIndexer, entryContext, hostState, parseTopEntry, producerOf, sameStart, startState, zoneOrigin,
  type ParseOptions, type ParseState,
} from './parser';
import type { Rec } from './record';
import { attachNew, detach, entryLine, setEntryLine, shiftFrom } from './line-blocks';

export interface LineRange {
  /** first and last changed line, inclusive, in the new text */
  from: number;
  to: number;
}

export interface ReparseResult {
  zone: Zone;
  removed: ZoneRecord[];
  added: ZoneRecord[];
}

/** Index of the first entry that ends after `line` (entries are sorted and contiguous). */
function entryAt(entries: readonly Entry[], line: number): number {
  let lo = 0, hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (entryLine(e) + e.lineCount <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry starting at or after `line`, searching from index `from` (entries
 *  are in line order). */
export function firstEntryFrom(entries: readonly Entry[], line: number, from = 0): number {
  let lo = from, hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entryLine(entries[mid]) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the entry starting exactly at `line` at or after index `from`, or -1. */
function entryStartingAt(entries: readonly Entry[], line: number, from: number): number {
  const i = firstEntryFrom(entries, line, from);
  return i < entries.length && entryLine(entries[i]) === line ? i : -1;
}

function order(a: ZoneRecord, b: ZoneRecord): number {
  const x = a as Rec, y = b as Rec;
  return (x.top ? entryLine(x.top) : 0) - (y.top ? entryLine(y.top) : 0) || x.topIndex - y.topIndex;
}

/** Index of the first record of `list` (in file order) that comes after `rec` (or is it, with `orEqual`). */
function boundOf(list: readonly ZoneRecord[], rec: ZoneRecord, orEqual: boolean): number {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = order(list[mid], rec);
    if (c < 0 || (c === 0 && !orEqual)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records an edit removes or adds, by index and key, in file order. In each index list
 *  they are one run: no record left in the zone comes between two of them. */
function byIndexKey(zone: Zone, recs: readonly ZoneRecord[]): Map<Map<string, ZoneRecord[]>, Map<string, ZoneRecord[]>> {
  const groups = new Map<Map<string, ZoneRecord[]>, Map<string, ZoneRecord[]>>();
  for (const r of recs) {
    forEachIndex(zone, r, (index, key) => {
      let keys = groups.get(index);
      if (!keys) groups.set(index, (keys = new Map()));
      const run = keys.get(key);
      if (run) run.push(r);
      else keys.set(key, [r]);
    });
  }
  return groups;
}

/** Takes each key's run of removed records out of its list with one binary search and one
 *  splice (a search and splice per record, in a list of 300 000 A records, was 12% of a
 *  pasted line at 1M). Call it while the records' entries still have the lines they were
 *  indexed with. */
function removeFromIndexes(zone: Zone, removed: readonly ZoneRecord[]): void {
  if (removed.length === 1) return forEachIndex(zone, removed[0], (index, key) => takeRun(index, key, removed));
  for (const [index, keys] of byIndexKey(zone, removed)) {
    for (const [key, run] of keys) takeRun(index, key, run);
  }
}

/** Takes `run` (consecutive in the key's list) out of the list. */
function takeRun(index: Map<string, ZoneRecord[]>, key: string, run: readonly ZoneRecord[]): void {
  const list = index.get(key);
  if (!list) return;
  const at = boundOf(list, run[0], true);
  let whole = at + run.length <= list.length;
  for (let i = 0; whole && i < run.length; i++) whole = list[at + i] === run[i];
  if (whole) list.splice(at, run.length);
  else for (const r of run) { const i = list.indexOf(r); if (i >= 0) list.splice(i, 1); }
  if (!list.length) index.delete(key);
}

/** Puts each key's run of added records into its list at once (lines are the new ones). */
function addToIndexes(zone: Zone, added: readonly ZoneRecord[]): void {
  if (added.length === 1) return forEachIndex(zone, added[0], (index, key) => putRun(index, key, [added[0]]));
  for (const [index, keys] of byIndexKey(zone, added)) {
    for (const [key, run] of keys) putRun(index, key, run);
  }
}

/** Puts `run` (records of one key, in file order, none of the list's between them) into the key's list. */
function putRun(index: Map<string, ZoneRecord[]>, key: string, run: ZoneRecord[]): void {
  const list = index.get(key);
  if (!list) index.set(key, run);
  else if (run.length === 1) list.splice(boundOf(list, run[0], false), 0, run[0]);
  else list.splice(boundOf(list, run[0], false), 0, ...run);
}

/** Index of the first item produced by an entry at or after `line` (lists are in file order). */
function firstFrom(items: readonly (ZoneRecord | ParseProblem | Directive | IgnoreNote | CertLinkNote)[], line: number): number {
  let lo = 0, hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const top = producerOf(items[mid]);
    if ((top ? entryLine(top) : 0) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records a top-level entry produced (incremental mode): consecutive in zone.records. */
export function recordsOfTopEntry(zone: Zone, entry: Entry): ZoneRecord[] {
  const count = entry.out?.recordCount ?? 0;
  if (!count) return [];
  const from = firstFrom(zone.records, entryLine(entry));
  return zone.records.slice(from, from + count);
}

function spliceIn<T>(list: T[], at: number, count: number, items: T[]): T[] {
  if (items.length < 10000) {
    list.splice(at, count, ...items);
    return list;
  }
  return list.slice(0, at).concat(items, list.slice(at + count));
}

/** The first entry from `a` on to re-lex when an entry above it, left with '(' open, is closed by
 *  a ')' now within MAX_ENTRY_LINES below it. Found through its "unclosed '('" problem: a zone
 *  without syntax errors near the edit costs a binary search. */
function closedAbove(prev: Zone, lines: readonly string[], from: number, a: number): number {
  const old = prev.file.entries;
  const problems = prev.problems;
  const end = a < old.length ? entryLine(old[a]) : Infinity;
  for (let i = firstFrom(problems, from - MAX_ENTRY_LINES); i < problems.length; i++) {
    const e = producerOf(problems[i]);
    if (!e || entryLine(e) >= end) break;
    if (e.unclosed && closedBelow(lines, entryLine(e))) return entryAt(old, entryLine(e));
  }
  return a;
}

/**
 * Re-parses `prev` (built with `incremental: true`) for new `lines`, where only
 * `changed` lines differ and `oldLineCount` is the line count `prev` was built from.
 * Mutates and reuses prev's entries and indexes: prev must not be used afterwards.
 */
export function reparse(prev: Zone, lines: string[], changed: LineRange, oldLineCount: number, opts: ParseOptions): ReparseResult {
  return patch(prev, opts, readEdited(prev, lines, changed, oldLineCount, opts)!);
}

/**
 * True when reparse() would re-read a `$GENERATE` entry that makes `records` records or more: the
 * edit changed what the entry starts from (a `$TTL`, `$ORIGIN` or owner above it), or is in it.
 * Such a re-read is one piece of work that holds an editor's server (100 000 records: about a
 * second); its host reads the zone whole in turns instead. Reads the edited entries into a zone
 * of its own and leaves `prev` as it was.
 */
export function reparseRereadsGenerate(prev: Zone, lines: string[], changed: LineRange, oldLineCount: number, opts: ParseOptions, records: number): boolean {
  const oldLines = prev.file.lines;
  const read = readEdited(prev, lines, changed, oldLineCount, opts, records);
  prev.file.lines = oldLines;
  return read === undefined;
}

/** What reparse() reads: the entries from the edit on, parsed (nothing of `prev` changed but its
 *  file's lines); undefined where it would re-read a `$GENERATE` entry of `stopAtGenerated`
 *  records or more (its file's lines as they were). */
interface Edited {
  a: number;
  j: number;
  start: number;
  delta: number;
  fresh: Entry[];
  tail: Entry[];
  zone: Zone;
  added: ZoneRecord[];
  endState: ParseState | undefined;
}

function readEdited(prev: Zone, lines: string[], changed: LineRange, oldLineCount: number, opts: ParseOptions, stopAtGenerated?: number): Edited | undefined {
  const old = prev.file.entries;
  const delta = lines.length - oldLineCount;
  let a = entryAt(old, changed.from);
  // An entry left with '(' open ended only because of the line after it (one that reads as a
  // record, a directive, the end): re-lex it too. A ')' typed up to MAX_ENTRY_LINES below it
  // closes it: then from there (closedAbove).
  while (a > 0 && old[a - 1].unclosed) a--;
  // (the comment lines directly above that line were left to it: lexer.ts unclosedEntryLines)
  let c = a;
  while (c > 0 && old[c - 1].commentText !== undefined && !old[c - 1].unclosed) c--;
  if (c < a && c > 0 && old[c - 1].unclosed) a = c - 1;
  a = closedAbove(prev, lines, changed.from, a);
  const start = a < old.length ? entryLine(old[a]) : a > 0 ? entryLine(old[a - 1]) + old[a - 1].lineCount : 0;

  const fresh: Entry[] = [];
  let k = old.length;
  lexEach(lines, Math.min(start, lines.length), (n) => {
    if (n <= changed.to) return false;
    const j = entryStartingAt(old, n - delta, a);
    if (j < 0) return false;
    k = j;
    return true;
  }, (e) => fresh.push(e));

  const tooLong = (line: number, count: number): boolean =>
    stopAtGenerated !== undefined && generatedIn(lines, line, line + count - 1, GENERATE_MAX) >= stopAtGenerated;
  if (fresh.some((e) => tooLong(entryLine(e), e.lineCount))) return undefined;

  // One SourceFile object for the document's whole life: reused records point at it.
  const file: SourceFile = prev.file;
  const oldLines = file.lines;
  file.lines = lines;
  const zone = emptyZone(file);
  zone.byOwner = prev.byOwner;
  zone.byType = prev.byType;
  zone.byTarget = prev.byTarget;
  const ctx = entryContext(zone, opts);
  const startOut = a < old.length ? old[a].out : undefined;
  const state: ParseState = startOut ? startState(startOut) : copyState((a < old.length ? undefined : prev.endState) ?? hostState(opts));

  // The new records, in order: what the entries parsed below produce.
  const added = ctx.topRecords;

  let prevEntry: Entry | undefined = a > 0 ? old[a - 1] : undefined;
  for (const e of fresh) {
    parseTopEntry(file, e, prevEntry, state, ctx, true);
    prevEntry = e;
  }
  // Old entries after the edit: re-parse the first (its comment-above link may have
  // changed) and then only while the carried state differs, or while the one before is a
  // comment line (a re-read comment is a new entry: a record's `cert=` link found there must
  // be the new one, or its place stays behind). They still have their lines of before the edit
  // (moved below, once it is known which of them stay).
  const tail: Entry[] = [];
  let j = k;
  for (; j < old.length; j++) {
    const e = old[j];
    if (j > k && e.out && sameStart(state, e.out) && prevEntry?.commentText === undefined) break;
    const line = entryLine(e) + delta;
    if (tooLong(line, e.lineCount)) {
      file.lines = oldLines; // nothing else of `prev` was changed yet
      return undefined;
    }
    const relexed = lexLines(lines.slice(line, line + e.lineCount)).entries[0];
    setEntryLine(relexed, line);
    relexed.lineCount = e.lineCount;
    parseTopEntry(file, relexed, prevEntry, state, ctx, true);
    tail.push(relexed);
    prevEntry = relexed;
  }
  const endState = j < old.length ? prev.endState : state;
  return { a, j, start, delta, fresh, tail, zone, added, endState };
}

/** Patches `prev` in place with what readEdited() read: the zone after the edit. */
function patch(prev: Zone, opts: ParseOptions, edited: Edited): ReparseResult {
  const { a, j, start, delta, fresh, tail, zone, added, endState } = edited;
  const old = prev.file.entries;
  const file = prev.file;

  // The zone's lists are patched in place: splice out what entries a..j-1 produced
  // and splice in what the new entries produced.
  // Entries before `a` are untouched and keep their lines: binary search, not a count
  // over every entry before the edit (a million entries on each keystroke).
  const pos = { records: firstFrom(prev.records, start), problems: firstFrom(prev.problems, start), directives: firstFrom(prev.directives, start), ignores: firstFrom(prev.ignores, start), certLinks: firstFrom(prev.certLinks, start) };
  const gone = { records: 0, problems: 0, directives: 0, ignores: 0, certLinks: 0 };
  for (let i = a; i < j; i++) {
    const o = old[i].out;
    if (o) { gone.records += o.recordCount; gone.problems += o.problems.length; gone.directives += o.directives.length; gone.ignores += o.ignores.length; gone.certLinks += o.certLinks.length; }
  }
  // Entries a..j-1 produced these (an entry's records are consecutive in the zone's list).
  const removed = prev.records.slice(pos.records, pos.records + gone.records);
  // Indexes: patch changes in place, a run per key (the records leave while every entry still
  // has the line they were indexed by); rebuild only when the edit changed a quarter of the zone
  // or more. Rebuilding from 2000 records on made a '(' typed mid-zone at 1M (8 700 records
  // removed) cost 1.6 s of re-indexing a million records.
  const rebuild = removed.length + added.length > Math.max(2000, prev.records.length / 4);
  if (!rebuild) removeFromIndexes(zone, removed);

  // The entries after the replaced ones move by the lines the edit added or removed.
  for (let i = a; i < j; i++) detach(old[i]);
  shiftFrom(old, j, delta);

  const replacement = fresh.concat(tail);
  const outs = replacement.map((e) => e.out!);
  zone.records = spliceIn(prev.records, pos.records, gone.records, added);
  zone.problems = spliceIn(prev.problems, pos.problems, gone.problems, outs.flatMap((o) => o.problems));
  zone.directives = spliceIn(prev.directives, pos.directives, gone.directives, outs.flatMap((o) => o.directives));
  zone.ignores = spliceIn(prev.ignores, pos.ignores, gone.ignores, outs.flatMap((o) => o.ignores));
  zone.certLinks = spliceIn(prev.certLinks, pos.certLinks, gone.certLinks, outs.flatMap((o) => o.certLinks));

  file.entries = spliceIn(old, a, j - a, replacement);
  attachNew(file, file.entries, a, a + replacement.length);
  zone.endState = endState;

  if (rebuild) {
    zone.byOwner = new Map();
    zone.byType = new Map();
    zone.byTarget = new Map();
    const indexer = new ZoneIndexer(zone);
    for (const r of zone.records) indexer.index(r);
    indexer.flush();
  } else addToIndexes(zone, added);

  zone.origin = zoneOrigin(zone, opts);
  // (an entry re-read alone has no zone-wide $GENERATE bound: zone-store.ts reads the zone whole
  // again when this count passes it, or when a whole read was cut by it)
  let generated = prev.generatedCount ?? 0;
  for (const r of removed) if (r.generated) generated--;
  for (const r of added) if (r.generated) generated++;
  zone.generatedCount = generated;
  zone.generateCut = prev.generateCut;
  return { zone, removed, added };
}
