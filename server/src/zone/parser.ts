// Parser + model builder: entries -> records and directives with absolute names,
// inherited owner/TTL/class and typed RDATA (RFC 1035 §5.1, RFC 2308 §4, RFC 3597).
// One bad entry yields its problem and parsing goes on with the next entry.
// Never throws; does no I/O ($INCLUDE text comes from opts.readInclude).
import { printable } from './printable';
import type { CertLinkNote, Directive, DirectiveName, EntryOutput, IgnoreNote, Loc, ParseProblem, Severity, SourceFile, Zone, ZoneRecord } from './model';
import { TokKind, type Entry, type Token } from './syntax';
import { lexEach, lexLines, splitLines, isDataToken, TokenPool } from './lexer';
import { appendToBlocks, entryLine, startBlocks } from './line-blocks';
import { entryStartLoc, spanOf } from './locate';
import { NameCache, nameKey, resolveName } from './names';
import { parseTtl, ttlHint, TTL_MAX } from './ttl';
import { classCodeByName, className, metaTypeCode, metaTypeProblem, typeCodeByName } from './rr-codes';
import { RR_TYPE_BY_CODE, typeName } from './rr-types';
import { KIND_PARSERS, type FieldCursor } from './field-kinds';
import { parseGeneric } from './generic-rdata';
import { GENERATE_MAX, GENERATE_ZONE_MAX, parseRange, rangeRecords, substitute, type NegativeValue } from './generate';
import { Rec } from './record';
import { targetKey } from './targets';
import { CERT_LINK_RE, isIgnoreComment, misspeltCertLink, readCertLink, readIgnoreComment } from './ignore-comment';

export interface IncludeResult {
  id: string;
  text: string;
}

export interface ParseOptions {
  /** id of the document (URI or path) */
  fileId: string;
  /** origin to assume before any $ORIGIN (e.g. from the file name, or the CLI's --origin), absolute */
  origin?: string;
  /** default TTL to assume before any $TTL: what an including zone's $TTL gives a file it
   *  $INCLUDEs, when the editor opens that file alone */
  ttl?: number;
  /** `origin` is only a guess (from the file name): a $ORIGIN in the file, not the guess, then
   *  names the zone when it has no SOA. An origin the user gave (--origin) stays the zone's. */
  originGuessed?: boolean;
  /** reads a file named by $INCLUDE, relative to the including file; the host enforces workspace limits */
  readInclude?(fromFileId: string, path: string): IncludeResult | { error: string };
  maxIncludeDepth?: number;
  /** keep entry tokens after parsing (editor features); default false to save memory */
  keepTokens?: boolean;
  /** scanZone: type codes whose parsed RDATA values the column store keeps (the types the
   *  rules read); other rows parse their values again when asked. Default: every type. */
  keepValues?: ReadonlySet<number>;
  /** why a check cannot be named in an ignore comment (unknown, or an error that stops the zone
   *  loading), undefined when it can; without it, ids are not looked up */
  ignorable?(id: string): string | undefined;
  /** records all the $GENERATE lines of a whole read expand at most (GENERATE_ZONE_MAX; the
   *  CLI and the server take DANE_ZONE_GENERATE_MAX) */
  generateLimit?: number;
}

/** What carries over from one entry to the next. */
export interface ParseState {
  origin: string;
  defaultTtl?: number;
  lastTtl?: number;
  lastOwner?: string;
  lastOwnerKey?: string;
  lastClass?: string;
  /** class of the first record: every record must have it */
  zoneClass?: string;
  warnedNoTtl?: boolean;
  /** a $ORIGIN came after the last record: a blank-led record now repeats an owner the new
   *  origin does not name (BIND warns) */
  afterOrigin?: boolean;
}

export interface ParseContext {
  opts: ParseOptions;
  zone: Zone;
  stack: string[];
  /** outputs of the top-level entry being parsed (incremental mode), else undefined */
  out: EntryOutput | undefined;
  top: Entry | undefined;
  names: NameCache;
  /** where records of a whole-file parse go (the zone's lists and indexes, or the column store) */
  indexer: RecordSink;
  /** incremental mode: the records of the top-level entries parsed, in order, for the caller to take */
  topRecords: ZoneRecord[];
  /** the last context snapshot taken for an entry (incremental mode; EntryOutput.context) */
  lastContext?: ParseState;
  /** records the $GENERATE lines of a whole read have made: a line whose range would take them
   *  past GENERATE_ZONE_MAX is cut. Absent in an editor's re-read of single entries: zone-store.ts
   *  reads a zone whole again where a line could be cut */
  generated?: { count: number };
  /** a whole read in slices: the count of `generated` at which the slice ends. A top-level
   *  $GENERATE line that reaches it stops in the middle of its range and leaves the rest in
   *  `paused` (one line of 100 000 records held an editor's server for 0.4-0.8 s) */
  sliceEnd?: number;
  /** the rest of a $GENERATE line stopped at `sliceEnd`: reads on until the next `sliceEnd`
   *  (setting `paused` again if it stops again) */
  paused?: () => void;
}

export interface RecordSink {
  add(rec: ZoneRecord): void;
}

export function copyState(s: ParseState): ParseState {
  return { ...s };
}

/** Equal states but for the previous owner (what EntryOutput.context keeps). */
function sameContext(a: ParseState, b: ParseState): boolean {
  return a.origin === b.origin && a.defaultTtl === b.defaultTtl && a.lastTtl === b.lastTtl &&
    a.lastClass === b.lastClass && a.zoneClass === b.zoneClass && !!a.warnedNoTtl === !!b.warnedNoTtl && !!a.afterOrigin === !!b.afterOrigin;
}

/** The whole parse state before the entry that produced `out`. */
export function startState(out: EntryOutput): ParseState {
  return { ...out.context, lastOwner: out.lastOwner, lastOwnerKey: out.lastOwnerKey };
}

/** True when `state` is the state the entry that produced `out` started in. */
export function sameStart(state: ParseState, out: EntryOutput): boolean {
  return state.lastOwnerKey === out.lastOwnerKey && state.lastOwner === out.lastOwner && sameContext(state, out.context);
}

const EMPTY: Token[] = [];

// An entry's outputs start as this shared empty list: most entries produce one record
// and no problem or directive, and a million entries should not cost 3 million arrays.
const NONE: never[] = [];

/** The list with the item appended: a new exact-size list when it was empty or held one item
 *  (most entries produce one record and most names hold one or two: push would grow the
 *  array to 17 slots, 100 MB of empty slots over a million names). */
function appended<T>(list: T[], item: T): T[] {
  if (list.length > 1) {
    list.push(item);
    return list;
  }
  return list.length === 0 ? [item] : [list[0], item];
}

// The top-level entry that produced a problem or directive (incremental mode), so an
// edit finds where an entry's outputs sit in the zone's lists by binary search.
const producedBy = new WeakMap<ParseProblem | Directive | IgnoreNote | CertLinkNote, Entry>();

/** The top-level entry that produced the record, problem, directive or note (incremental mode). */
export function producerOf(item: ZoneRecord | ParseProblem | Directive | IgnoreNote | CertLinkNote): Entry | undefined {
  return item instanceof Rec ? item.top : producedBy.get(item as ParseProblem | Directive | IgnoreNote | CertLinkNote);
}

function problem(ctx: ParseContext, code: string, severity: Severity, message: string, loc: Loc, more?: Pick<ParseProblem, 'rewrite' | 'type' | 'ownerKey'>): void {
  const p: ParseProblem = { code, severity, message: printable(message), loc };
  if (more?.rewrite) p.rewrite = more.rewrite;
  if (more?.type) p.type = more.type;
  if (more?.ownerKey) p.ownerKey = more.ownerKey;
  if (ctx.out && ctx.top) {
    producedBy.set(p, ctx.top);
    ctx.out.problems = appended(ctx.out.problems, p);
  } else ctx.zone.problems.push(p);
}

function emitRecord(ctx: ParseContext, rec: Rec): void {
  if (ctx.out && ctx.top) {
    rec.top = ctx.top;
    rec.topIndex = ctx.out.recordCount++;
    ctx.topRecords.push(rec);
  } else ctx.indexer.add(rec);
}

function tokLoc(file: SourceFile, entry: Entry, a: Token, b: Token = a): Loc {
  return { file, entry, span: spanOf(a, b) };
}

function commentText(t: Token): string {
  return t.text.slice(1).trim();
}

function newZone(file: SourceFile, origin: string): Zone {
  return { origin, records: [], directives: [], problems: [], ignores: [], certLinks: [], byOwner: new Map(), byType: new Map(), byTarget: new Map(), file };
}

export function emptyZone(file: SourceFile, origin = ''): Zone {
  return newZone(file, origin);
}

/** A source file whose entries are lexed (and then parsed) one by one by buildZone. */
export function makeSourceFile(id: string, text: string): SourceFile {
  return { id, lines: splitLines(text), entries: [] };
}

/** Parses a whole zone file. Never throws. */
export function parseZone(text: string, opts: ParseOptions): Zone {
  return buildZone(makeSourceFile(opts.fileId, text), opts);
}

/** Lexes and parses a source file (its `entries` are filled in as it goes). */
export function buildZone(file: SourceFile, opts: ParseOptions & { incremental?: boolean }): Zone {
  return runToEnd(buildZoneInSlices(file, opts, Infinity));
}

/** buildZone in slices of about `linesPerSlice` lines: it yields between slices (entries are
 *  never split, but for a $GENERATE line's range: a slice also ends after `generatedPerSlice`
 *  records it made), so a host can let other work run while a big zone is read. Each yield tells
 *  how far it is (0 to 1): the share of the document's lines read, or, given the records its
 *  $GENERATE lines make (`generatedAhead`), of its lines and those records. */
export function* buildZoneInSlices(file: SourceFile, opts: ParseOptions & { incremental?: boolean }, linesPerSlice: number, generatedPerSlice = linesPerSlice, generatedAhead = 0): Generator<number, Zone> {
  const zone = newZone(file, '');
  const indexer = new ZoneIndexer(zone);
  const ctx: ParseContext = { opts, zone, stack: [file.id], out: undefined, top: undefined, names: new NameCache(), indexer, topRecords: [], generated: { count: 0 } };
  const state: ParseState = hostState(opts);
  yield* parseEntries(file, state, ctx, opts.incremental === true, { lines: linesPerSlice, generated: generatedPerSlice, generatedAhead }, indexer);
  indexer.flush();
  if (opts.incremental) zone.endState = state;
  zone.origin = zoneOrigin(zone, opts);
  zone.generatedCount = ctx.generated!.count;
  return zone;
}

/** Runs a sliced computation to its end in one go. */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function hostOrigin(opts: ParseOptions): string {
  return opts.origin ? nameKey(opts.origin.endsWith('.') ? opts.origin : opts.origin + '.') : '';
}

/** The parse state a file starts in: the host's origin, and its default TTL when it gives one. */
export function hostState(opts: ParseOptions): ParseState {
  return opts.ttl === undefined ? { origin: hostOrigin(opts) } : { origin: hostOrigin(opts), defaultTtl: opts.ttl };
}

/** The zone's origin: the first SOA owner (an SOA whose RDATA does not read, as while its serial
 *  is typed, still names it), else the host's origin, else the first $ORIGIN (a guessed host
 *  origin comes after the first $ORIGIN). */
export function zoneOrigin(zone: Zone, opts: ParseOptions): string {
  const soa = zone.byType.get('SOA')?.[0];
  if (soa) return soa.ownerKey;
  const unread = zone.problems.find((p) => p.ownerKey !== undefined && p.type === 'SOA');
  if (unread) return unread.ownerKey!;
  const host = hostOrigin(opts);
  if (host && !opts.originGuessed) return host;
  return zone.directives.find((d) => d.name === '$ORIGIN' && d.value)?.value ?? host;
}

/** Adds what an entry produced (incremental mode) to the zone's lists and indexes. */
function addOutputs(ctx: ParseContext, out: EntryOutput): void {
  const zone = ctx.zone;
  addRecords(ctx, 0, ctx.topRecords.length);
  ctx.topRecords.length = 0;
  for (const p of out.problems) zone.problems.push(p);
  for (const d of out.directives) zone.directives.push(d);
  for (const n of out.ignores) zone.ignores.push(n);
  for (const n of out.certLinks) zone.certLinks.push(n);
}

/** How much a slice reads: `lines` lines, `generated` records of $GENERATE lines; and how many of
 *  those the whole read makes (for progress; 0 when not counted). */
interface SliceSizes {
  lines: number;
  generated: number;
  generatedAhead: number;
}

/** Adds records `from` to `to` of those the entry produced (incremental mode) to the zone's list and indexes. */
function addRecords(ctx: ParseContext, from: number, to: number): void {
  const recs = ctx.topRecords;
  for (let i = from; i < to; i++) ctx.indexer.add(recs[i]);
}

/** addOutputs in slices of `perSlice` records, for the records of a $GENERATE line read in
 *  slices (100 000 added at once held the server for 80-130 ms), each yield saying `done`. */
function* addOutputsInSlices(ctx: ParseContext, indexer: ZoneIndexer, out: EntryOutput, perSlice: number, done: number): Generator<number, void> {
  const count = ctx.topRecords.length;
  let from = 0;
  for (; count - from > perSlice; from += perSlice) {
    addRecords(ctx, from, from + perSlice);
    indexer.flush();
    yield done;
  }
  addRecords(ctx, from, count);
  ctx.topRecords.length = 0;
  addOutputs(ctx, out); // its problems, directives and ignore comments
}

function* parseEntries(file: SourceFile, state: ParseState, ctx: ParseContext, incremental: boolean, sizes: SliceSizes, indexer: ZoneIndexer): Generator<number, void> {
  const entries = file.entries;
  entries.length = 0;
  let prev: Entry | undefined;
  // an edited document's entries keep their lines in blocks (an edit moves blocks, not entries)
  let block = incremental ? startBlocks(file) : undefined;
  // a $GENERATE line stopped in the middle of its range (ctx.paused)
  let pausedAt: Entry | undefined;
  const onEntry = (entry: Entry): void => {
    entries.push(entry);
    if (block) block = appendToBlocks(block, entry);
    parseTopEntry(file, entry, prev, state, ctx, incremental);
    // right away, while the entry's outputs are fresh in the cache (not in a second pass); those
    // of a line stopped midway once it ends (indexed in each slice of its reading, its 100 000
    // records took 15-20% more CPU time to read, in the collector's scavenges)
    if (ctx.paused) pausedAt = entry;
    else if (entry.out) addOutputs(ctx, entry.out);
    prev = entry;
  };
  const pool = tokenPool(ctx);
  const lines = file.lines;
  let line = 0;
  // a slice also ends after sizes.generated $GENERATE records (a few such lines make as many
  // records as a long zone has lines), in the middle of a line's range if need be
  const made = ctx.generated;
  const sliced = made && sizes.generated < Infinity;
  const startSlice = (): void => { if (sliced) ctx.sliceEnd = made.count + sizes.generated; };
  const sliceFull = made && ((): boolean => made.count >= ctx.sliceEnd! || ctx.paused !== undefined);
  const ahead = made ? sizes.generatedAhead : 0;
  const progress = (at: number): number => (ahead > 0 ? Math.min(1, (at + made!.count) / (lines.length + ahead)) : at / lines.length);
  startSlice();
  for (;;) {
    line = lexEach(lines, line, sliced ? sliceFull : undefined, onEntry, pool, line + sizes.lines);
    while (ctx.paused) {
      const resume = ctx.paused;
      indexer.flush();
      yield progress(entryLine(pausedAt!));
      startSlice();
      ctx.paused = undefined;
      resume();
      if (!ctx.paused && pausedAt!.out) yield* addOutputsInSlices(ctx, indexer, pausedAt!.out, 10 * sizes.generated, progress(entryLine(pausedAt!)));
    }
    if (line >= lines.length) return;
    indexer.flush(); // whole between slices
    startSlice();
    yield progress(line);
  }
}

/** Reused tokens when entries drop theirs after parsing (parseTopEntry). */
function tokenPool(ctx: ParseContext): TokenPool | undefined {
  return ctx.opts.keepTokens ? undefined : new TokenPool();
}

/** Parses one entry of a file, recording its outputs on the entry in incremental mode. */
export function parseTopEntry(file: SourceFile, entry: Entry, prev: Entry | undefined, state: ParseState, ctx: ParseContext, incremental: boolean): void {
  const above = prev?.commentText !== undefined && entryLine(prev) + prev.lineCount === entryLine(entry) ? prev.commentText : undefined;
  const saved = ctx.out;
  const savedTop = ctx.top;
  if (incremental) {
    // The state but for the owner rarely changes between entries: they share one snapshot of it
    // (never changed after this). A snapshot per new owner was 15% of reading a big zone.
    if (!ctx.lastContext || !sameContext(ctx.lastContext, state)) ctx.lastContext = { ...state, lastOwner: undefined, lastOwnerKey: undefined };
    // the entry keeps its outputs itself (no object per entry)
    entry.context = ctx.lastContext;
    entry.lastOwner = state.lastOwner;
    entry.lastOwnerKey = state.lastOwnerKey;
    entry.recordCount = 0;
    entry.problems = NONE;
    entry.directives = NONE;
    entry.ignores = NONE;
    entry.certLinks = NONE;
    entry.out = entry as EntryOutput;
    ctx.out = entry.out;
    ctx.top = entry;
  }
  try {
    entry.commentText = parseEntry(file, entry, state, ctx, above);
  } catch (e) {
    unreadable(ctx, file, entry, e);
  }
  endEntryPart(file, entry, ctx, saved, savedTop, incremental);
}

// A bug in a field parser must not take the server down: report it on the entry.
function unreadable(ctx: ParseContext, file: SourceFile, entry: Entry, e: unknown): void {
  ctx.paused = undefined;
  problem(ctx, 'internal', 'error', `dane-zone could not read this entry (${(e as Error).message}); please report it`, entryStartLoc(file, entry));
}

/** After an entry, or a part of a $GENERATE line stopped midway (ctx.paused): the context as it
 *  was. A line stopped midway keeps its tokens, and its rest is read as this entry's. */
function endEntryPart(file: SourceFile, entry: Entry, ctx: ParseContext, saved: EntryOutput | undefined, savedTop: Entry | undefined, incremental: boolean): void {
  ctx.out = saved;
  ctx.top = savedTop;
  const rest = ctx.paused;
  if (!rest) {
    if (!ctx.opts.keepTokens) entry.tokens = EMPTY;
    return;
  }
  ctx.paused = () => {
    if (incremental) {
      ctx.out = entry.out;
      ctx.top = entry;
    }
    try {
      rest();
    } catch (e) {
      unreadable(ctx, file, entry, e);
    }
    endEntryPart(file, entry, ctx, saved, savedTop, incremental);
  };
}

// An ignore comment that ignores nothing would let a finding through that its writer meant to
// silence, or silence nothing at all: each such mistake is shown where it is written.
function checkIgnoreComments(ctx: ParseContext, file: SourceFile, entry: Entry, toks: readonly Token[], commentOnly: boolean, commentAbove: string | undefined, include: boolean): void {
  for (const t of toks) {
    const r = readIgnoreComment(t.text);
    if (!r) continue;
    const at = (start: number, end: number): Loc => ({ file, entry, span: { line: t.line, start: t.start + start, endLine: t.line, end: t.start + end } });
    const whole = at(0, t.text.trimEnd().length);
    const note: IgnoreNote = { loc: whole, comment: r, commentOnly };
    if (ctx.out && ctx.top) {
      producedBy.set(note, ctx.top);
      ctx.out.ignores = appended(ctx.out.ignores, note);
    } else ctx.zone.ignores.push(note);
    if (r.malformed) {
      problem(ctx, 'ignore-invalid', 'warning', `this ignore comment ignores nothing: ${r.malformed}`, whole);
      continue;
    }
    // a `cert=` link counts only directly above its record (cert/link.ts): this line cuts it off
    if (commentOnly && commentAbove !== undefined && CERT_LINK_RE.test(commentAbove)) {
      problem(ctx, 'ignore-invalid', 'warning', "this comment comes between a 'cert=' link and its record, which then links no certificate (the link must be directly above the record): put the ignore comment above the link", whole);
    }
    // what shows at an $INCLUDE line is the included file's: silenced there, not here
    if (include && !r.fileWide) {
      problem(ctx, 'ignore-invalid', 'warning', "an $INCLUDE line has no findings of its own: those shown here are the included file's; silence them with an ignore comment in that file", whole);
      continue;
    }
    if (r.fileWide && !commentOnly) {
      problem(ctx, 'ignore-invalid', 'warning', "'ignore-file' ignores nothing at the end of an entry: put it on a comment line of its own (at the top of the file, by custom), or write 'ignore=' for this entry", whole);
      continue;
    }
    for (const x of r.ids) {
      const why = ctx.opts.ignorable?.(x.id);
      if (why) problem(ctx, 'ignore-invalid', 'warning', why, at(x.start, x.end));
    }
  }
}

/** What a UTF-8 decoder puts for bytes that are not UTF-8. */
export const REPLACEMENT = '\uFFFD';

// Bytes that are not UTF-8 (a Latin-1 'é' in a TXT string) reach the text as U+FFFD, three
// octets: the data is no longer what the file holds, and an editor saving the file writes them.
function notUtf8(ctx: ParseContext, file: SourceFile, entry: Entry, t: Token): void {
  problem(ctx, 'not-utf8', 'warning',
    "U+FFFD here: the file's bytes at this place are not UTF-8 (or it holds this character), and they are read as the octets EF BF BD, not as they are in the file; write other octets as \\DDD escapes (RFC 1035 §5.1)",
    { file, entry, span: spanOf(t, t) });
}

/** A context for re-parsing single entries of an existing zone (incremental.ts). */
export function entryContext(zone: Zone, opts: ParseOptions): ParseContext {
  return { opts, zone, stack: [zone.file.id], out: undefined, top: undefined, names: new NameCache(), indexer: new ZoneIndexer(zone), topRecords: [] };
}

/** A UTF-8 byte order mark, as a decoder leaves it at the start of a file's text. */
const BOM = 0xfeff;

// A file saved "UTF-8 with BOM" (older Notepad, PowerShell 5's Out-File) starts with EF BB BF.
// BIND and Knot read those bytes as part of the first word and refuse the zone; without this,
// the first line's '$ORIGIN' read as an owner name and the error named the wrong word. Reported
// once, then the entry is read as if the mark were not there (so the rest of the file is checked).
function byteOrderMark(ctx: ParseContext, file: SourceFile, entry: Entry, toks: Token[]): void {
  problem(ctx, 'byte-order-mark', 'error',
    'the file starts with a byte order mark (U+FEFF, the bytes EF BB BF): BIND ("unknown RR type") and Knot read it as part of the first word and refuse the zone; save the file as UTF-8 without a BOM',
    { file, entry, span: { line: 0, start: 0, endLine: 0, end: 1 } });
  const t = toks[0];
  t.start = 1;
  t.text = t.text.slice(1);
  if (t.text) return;
  // the mark alone before a blank, a quote or a comment
  toks.shift();
  entry.leadingBlank = !(toks[0]?.line === 0 && toks[0].start === 1);
}

/** Keeps a `cert=` comment's link, to report one that links no record (rules/cert-links.ts). */
function noteCertLink(ctx: ParseContext, file: SourceFile, entry: Entry, t: Token, toks: readonly Token[]): void {
  // most comments: not a 'dane-zone:' one
  if (!/cert/i.test(t.text)) return;
  let path = readCertLink(t.text);
  const misspelt = path === undefined;
  if (misspelt) path = misspeltCertLink(t.text);
  if (path === undefined) return;
  const note: CertLinkNote = { loc: { file, entry, span: { line: t.line, start: t.start, endLine: t.line, end: t.start + t.text.trimEnd().length } }, path, commentOnly: toks.every((x) => x.kind === TokKind.Comment) };
  if (misspelt) note.misspelt = true;
  if (ctx.out && ctx.top) {
    producedBy.set(note, ctx.top);
    ctx.out.certLinks = appended(ctx.out.certLinks, note);
  } else ctx.zone.certLinks.push(note);
}

/** Parses one entry; returns its text when it is a comment-only entry (for the next record). */
function parseEntry(file: SourceFile, entry: Entry, state: ParseState, ctx: ParseContext, commentAbove: string | undefined): string | undefined {
  const toks = entry.tokens;
  if (toks.length && toks[0].line === 0 && toks[0].start === 0 && toks[0].text.charCodeAt(0) === BOM && entryLine(entry) === 0) byteOrderMark(ctx, file, entry, toks);
  for (const p of entry.lexErrors) problem(ctx, 'syntax', 'error', p.message, { file, entry, span: p.span });
  const data: Token[] = [];
  let comment: Token | undefined;
  let ignores: Token[] | undefined;
  for (const t of toks) {
    if (isDataToken(t)) data.push(t);
    else if (t.kind === TokKind.Comment) {
      comment = t;
      if (isIgnoreComment(t.text)) (ignores ??= []).push(t);
      else noteCertLink(ctx, file, entry, t, toks);
    }
  }
  if (ignores) {
    const include = !entry.leadingBlank && data[0]?.kind === TokKind.Word && data[0].text.toUpperCase() === '$INCLUDE';
    checkIgnoreComments(ctx, file, entry, ignores, data.length === 0, commentAbove, include);
  }
  if (data.length === 0) return comment ? commentText(comment) : undefined;
  for (const t of data) if (t.text.indexOf(REPLACEMENT) >= 0) notUtf8(ctx, file, entry, t);
  if (!entry.leadingBlank && data[0].kind === TokKind.Word && data[0].text.charCodeAt(0) === 36) {
    parseDirective(file, entry, data, state, ctx);
    return undefined;
  }
  const rec = buildRecord(file, entry, data, state, ctx, false, entry.lexErrors.length > 0);
  if (rec) {
    rec.setComments(comment ? commentText(comment) : undefined, commentAbove);
    emitRecord(ctx, rec);
  }
  return undefined;
}

/**
 * Adds records arriving in file order to the zone's list and indexes (a whole-file
 * parse, or re-indexing after a big edit). Records of one name are usually written together, and types repeat: the last
 * name's and type's lists are kept at hand, so most records cost no Map lookup. The name's list
 * goes into byOwner when its run of records ends (`flush` after the last record): a name with two
 * records then costs one Map store, not two (a million records: 300 000 stores fewer).
 */
export class ZoneIndexer {
  private ownerKey: string | undefined;
  private ownerList: ZoneRecord[] | undefined;
  /** ownerList is not in byOwner yet */
  private ownerPending = false;
  private type: string | undefined;
  private typeList: ZoneRecord[] | undefined;

  constructor(private readonly zone: Zone) {}

  add(rec: ZoneRecord): void {
    this.zone.records.push(rec);
    this.index(rec);
  }

  /** Indexes a record already in the zone's list. */
  index(rec: ZoneRecord): void {
    const zone = this.zone;
    const key = rec.ownerKey;
    if (key === this.ownerKey) {
      const next = appended(this.ownerList!, rec);
      if (next !== this.ownerList) {
        this.ownerList = next;
        this.ownerPending = true;
      }
    } else {
      this.flush();
      const had = zone.byOwner.get(key);
      this.ownerKey = key;
      this.ownerList = appended(had ?? NONE, rec);
      this.ownerPending = this.ownerList !== had;
    }
    const typeSame = rec.type === this.type;
    this.typeList = appendTo(zone.byType, rec.type, rec, typeSame ? this.typeList : zone.byType.get(rec.type));
    this.type = rec.type;
    const target = targetKey(rec);
    if (target !== undefined) appendTo(zone.byTarget, target, rec);
  }

  /** Puts the last name's list into byOwner: call it before anything reads the indexes. */
  flush(): void {
    if (!this.ownerPending) return;
    this.zone.byOwner.set(this.ownerKey!, this.ownerList!);
    this.ownerPending = false;
  }
}

/** Appends to the key's list (`list`: the key's current list, when the caller knows it); returns the list now held. */
function appendTo(index: Map<string, ZoneRecord[]>, key: string, rec: ZoneRecord, list = index.get(key)): ZoneRecord[] {
  const next = appended(list ?? NONE, rec);
  if (next !== list) index.set(key, next);
  return next;
}

/** The zone's indexes and the record's key in each: the one place that says which indexes
 *  exist (ZoneIndexer spells the same out without a callback: it runs for every record). */
export function forEachIndex(zone: Zone, rec: ZoneRecord, fn: (index: Map<string, ZoneRecord[]>, key: string) => void): void {
  fn(zone.byOwner, rec.ownerKey);
  fn(zone.byType, rec.type);
  const target = targetKey(rec);
  if (target !== undefined) fn(zone.byTarget, target);
}

const DIRECTIVES: DirectiveName[] = ['$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE'];

function parseDirective(file: SourceFile, entry: Entry, data: Token[], state: ParseState, ctx: ParseContext): void {
  const name = data[0].text.toUpperCase() as DirectiveName;
  const loc = tokLoc(file, entry, data[0], data[data.length - 1]);
  if (!DIRECTIVES.includes(name)) {
    problem(ctx, 'syntax', 'error', `unknown directive '${data[0].text}': expected $ORIGIN, $TTL, $INCLUDE or $GENERATE`, tokLoc(file, entry, data[0]));
    return;
  }
  const args = data.slice(1);
  const directive: Directive = { name, args: args.map((t) => t.text), loc };
  if (ctx.out && ctx.top) {
    producedBy.set(directive, ctx.top);
    ctx.out.directives = appended(ctx.out.directives, directive);
  } else ctx.zone.directives.push(directive);
  const bad = (msg: string, a: Token = data[0], b: Token = a): void => problem(ctx, 'directive-invalid', 'error', msg, tokLoc(file, entry, a, b));
  const extra = (n: number): boolean => {
    if (args.length <= n) return false;
    bad(`${name} takes ${n === 1 ? 'one argument' : `at most ${n} arguments`}: unexpected '${args[n].text}'`, args[n], args[args.length - 1]);
    return true;
  };
  switch (name) {
    case '$ORIGIN': {
      if (!args.length) return bad('$ORIGIN needs a domain name');
      if (extra(1)) return;
      const r = resolveName(args[0].text, state.origin);
      if (r.error || !r.name) return bad(`$ORIGIN: ${r.error}`, args[0]);
      state.origin = nameKey(r.name);
      state.afterOrigin = true;
      directive.value = state.origin;
      return;
    }
    case '$TTL': {
      if (!args.length) return bad('$TTL needs a TTL (seconds or a duration like 1h)');
      if (extra(1)) return;
      const v = parseTtl(args[0].text);
      if (v === undefined) {
        const hint = ttlHint(args[0].text);
        return bad(`$TTL: expected seconds or a duration like 1h30m, found '${args[0].text}'${hint ? ` (${hint})` : ''}`, args[0]);
      }
      if (v > TTL_MAX) problem(ctx, 'ttl-range', 'warning', `$TTL ${v} is over 2147483647: it is read as 0, as BIND does (RFC 2181 §8)`, tokLoc(file, entry, args[0]));
      state.defaultTtl = v > TTL_MAX ? 0 : v;
      return;
    }
    case '$INCLUDE':
      return parseInclude(file, entry, args, directive, state, ctx, bad);
    case '$GENERATE':
      return parseGenerate(file, entry, args, state, ctx, bad);
  }
}

function parseInclude(
  file: SourceFile, entry: Entry, args: Token[], directive: Directive, state: ParseState, ctx: ParseContext,
  bad: (msg: string, a?: Token, b?: Token) => void,
): void {
  if (!args.length) return bad('$INCLUDE needs a file name');
  if (args.length > 2) return bad(`$INCLUDE takes a file name and an optional origin: unexpected '${args[2].text}'`, args[2]);
  const path = args[0].kind === TokKind.Quoted ? args[0].text.slice(1, -1) : args[0].text;
  let origin = state.origin;
  if (args[1]) {
    const r = resolveName(args[1].text, state.origin);
    if (r.error || !r.name) return bad(`$INCLUDE origin: ${r.error}`, args[1]);
    origin = nameKey(r.name);
  }
  // the origin and default TTL the included file starts with: an editor opening that file alone
  // takes them
  directive.value = origin;
  const ttl = state.defaultTtl ?? state.lastTtl;
  if (ttl !== undefined) directive.ttl = ttl;
  const fail = (msg: string): void => problem(ctx, 'include-failed', 'error', msg, tokLoc(file, entry, args[0]));
  const reader = ctx.opts.readInclude;
  if (!reader) return problem(ctx, 'include-failed', 'info', `$INCLUDE '${path}' is not followed here (no file access)`, tokLoc(file, entry, args[0]));
  const max = ctx.opts.maxIncludeDepth ?? 8;
  if (ctx.stack.length > max) return fail(`$INCLUDE nested deeper than ${max} files`);
  const got = reader(file.id, path);
  if ('error' in got) return fail(`$INCLUDE '${path}': ${got.error}`);
  if (ctx.stack.includes(got.id)) return fail(`$INCLUDE cycle: ${[...ctx.stack, got.id].join(' -> ')}`);
  const inc = makeSourceFile(got.id, got.text);
  directive.includedFile = inc;
  const inner: ParseState = { ...state, origin };
  ctx.stack.push(got.id);
  // Included entries are parsed into the including entry's outputs.
  let prev: Entry | undefined;
  lexEach(inc.lines, 0, undefined, (e) => {
    inc.entries.push(e);
    parseTopEntry(inc, e, prev, inner, ctx, false);
    prev = e;
  }, tokenPool(ctx));
  ctx.stack.pop();
  // RFC 1035 §5.1: origin and current owner revert after the include; TTL state carries on (BIND).
  state.defaultTtl = inner.defaultTtl;
  state.lastTtl = inner.lastTtl;
  state.lastClass = inner.lastClass;
}

/** A quoted $GENERATE rhs as BIND's lexer hands it on: `\"` loses its backslash, other escapes
 *  stay for the RDATA parse (`"\"a q\""` is the one string "a q"; `"a\"q"` leaves an unclosed
 *  quote, which BIND refuses). */
function generateQuotedRhs(inner: string): string {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] !== '\\' || i + 1 >= inner.length) { out += inner[i]; continue; }
    out += inner[i + 1] === '"' ? '"' : inner[i] + inner[i + 1];
    i++;
  }
  return out;
}

function parseGenerate(
  file: SourceFile, entry: Entry, args: Token[], state: ParseState, ctx: ParseContext,
  bad: (msg: string, a?: Token, b?: Token) => void,
): void {
  const usage = '$GENERATE needs: range lhs [ttl] [class] type rhs';
  // BIND reads a $GENERATE line as one line of tokens and refuses parentheses in it
  // ("unbalanced parentheses"), where RDATA of a record may have them: the rhs is one token
  const paren = entry.tokens.find((x) => x.kind === TokKind.Open || x.kind === TokKind.Close);
  if (paren) return bad(`$GENERATE: parentheses are not allowed here (BIND refuses them: "unbalanced parentheses"); write the line on one line, and quote RDATA with several fields`, paren);
  if (args.length < 4) return bad(usage, args[0] ?? undefined);
  const range = parseRange(args[0].text);
  if (typeof range === 'string') return bad(`$GENERATE: ${range}`, args[0]);
  if (range.cutFrom !== undefined) {
    problem(ctx, 'generate-cut', 'warning', `$GENERATE: the range makes ${range.cutFrom} records, which BIND loads; dane-zone expands at most ${GENERATE_MAX} a line, so it reads only the first (for ${range.start}) and the rules do not see the others`, { file, entry, span: spanOf(args[0]) });
  }
  const count = rangeRecords(range);
  const limit = ctx.opts.generateLimit ?? GENERATE_ZONE_MAX;
  if (ctx.generated && count > 1 && ctx.generated.count + count > limit) {
    problem(ctx, 'generate-cut', 'warning', `$GENERATE: with this range's ${count} records, the $GENERATE lines of this zone make more than ${limit}, which BIND loads; dane-zone expands at most ${limit} in all (DANE_ZONE_GENERATE_MAX sets it), so it reads only the first of this line (for ${range.start}) and the rules do not see the others`, { file, entry, span: spanOf(args[0]) });
    range.stop = range.start;
    ctx.zone.generateCut = true;
  }
  const lhsTok = args[1];
  // BIND reads [ttl] [class] type, then the rhs as one token: RDATA with several fields is quoted.
  let t = 2;
  let ttlSeen = false, classSeen = false;
  while (t < args.length - 1) {
    if (!ttlSeen && parseTtl(args[t].text) !== undefined) ttlSeen = true;
    else if (!classSeen && classCodeByName(args[t].text) !== undefined) classSeen = true;
    else break;
    t++;
  }
  const typeKnown = typeCodeByName(args[t].text) !== undefined;
  if (typeKnown && t + 1 >= args.length) return bad(`${usage}: the rhs after ${args[t].text.toUpperCase()} is missing`, args[t]);
  // With an unknown type, the whole line goes to buildRecord, which names the type problem.
  const rhsIdx = typeKnown ? t + 1 : args.length - 1;
  if (rhsIdx < args.length - 1) {
    const rest = args.slice(rhsIdx);
    // an example only where quoting the words as they are keeps their meaning
    const eg = rest.some((x) => x.kind === TokKind.Quoted) ? '' : `: "${rest.map((x) => x.text).join(' ')}"`;
    return bad(`$GENERATE takes the rhs as one token (BIND): unexpected '${args[rhsIdx + 1].text}' after '${args[rhsIdx].text}'; quote RDATA with several fields${eg}`, args[rhsIdx + 1], args[args.length - 1]);
  }
  const middle = args.slice(2, rhsIdx);
  const rhsTok = args[rhsIdx];
  const quoted = rhsTok.kind === TokKind.Quoted;
  const rhs = quoted ? generateQuotedRhs(rhsTok.text.slice(1, -1)) : rhsTok.text;
  // a bad modifier is blamed on itself, inside its token
  const badIn = (what: string, tok: Token, inner: number, e: { error: string; start: number; end: number }): void => {
    if (tok.text.includes('\n')) return bad(`$GENERATE ${what}: ${e.error}`, tok);
    problem(ctx, 'directive-invalid', 'error', `$GENERATE ${what}: ${e.error}`,
      { file, entry, span: { line: tok.line, start: tok.start + inner + e.start, endLine: tok.line, end: tok.start + inner + e.end } });
  };
  // BIND loads a negative value (printed as -19, or ffffffed in hex): one warning, at its modifier
  let warned = false;
  const negativeIn = (what: string, tok: Token, inner: number, i: number) => (at: NegativeValue): void => {
    if (warned) return;
    warned = true;
    const error = `the offset makes a negative value (${at.value} at iteration ${i}); BIND loads it, written with a minus sign in base d and as 32-bit two's complement in o, x, X and n`;
    if (tok.text.includes('\n')) return void problem(ctx, 'directive-invalid', 'warning', `$GENERATE ${what}: ${error}`, tokLoc(file, entry, tok));
    problem(ctx, 'directive-invalid', 'warning', `$GENERATE ${what}: ${error}`,
      { file, entry, span: { line: tok.line, start: tok.start + inner + at.start, endLine: tok.line, end: tok.start + inner + at.end } });
  };
  // $GENERATE does not change the current owner (BIND): what a blank-led line after it repeats
  const { lastOwner, lastOwnerKey } = state;
  // a top-level line of a read in slices stops where the slice ends (the included files of an
  // $INCLUDE are read in one piece)
  const stops = ctx.sliceEnd !== undefined && ctx.stack.length === 1;
  const expandFrom = (from: number): void => {
    for (let i = from; i <= range.stop; i += range.step) {
      if (stops && ctx.generated!.count >= ctx.sliceEnd!) {
        ctx.paused = () => expandFrom(i);
        return;
      }
      const owner = substitute(lhsTok.text, i, warned ? undefined : negativeIn('lhs', lhsTok, 0, i));
      if (typeof owner !== 'string') return badIn('lhs', lhsTok, 0, owner);
      const rdata = substitute(rhs, i, warned ? undefined : negativeIn('rhs', rhsTok, quoted ? 1 : 0, i));
      if (typeof rdata !== 'string') return badIn('rhs', rhsTok, quoted ? 1 : 0, rdata);
      // The generated entry is lexed like a typed one, then built as a record of this entry.
      const line = [owner, ...middle.map((x) => x.text), rdata].join(' ');
      const synthetic = lexLines([line]).entries[0];
      // what BIND's re-read of the generated text refuses (an unclosed quote: "unexpected end of input")
      if (synthetic.lexErrors.length) return bad(`$GENERATE rhs: the generated record '${line}' does not read: ${synthetic.lexErrors[0].message}`, rhsTok);
      const data = synthetic.tokens.filter(isDataToken);
      const rec = buildRecord(file, entry, data, state, ctx, true, false, i);
      state.lastOwner = lastOwner;
      state.lastOwnerKey = lastOwnerKey;
      if (!rec) return; // the first bad one is enough: the others fail the same way
      emitRecord(ctx, rec);
      if (ctx.generated) ctx.generated.count++;
    }
  };
  expandFrom(range.start);
}

function buildRecord(
  file: SourceFile, entry: Entry, data: Token[], state: ParseState, ctx: ParseContext,
  generated: boolean, quiet: boolean, iteration?: number,
): Rec | undefined {
  const where = (a: Token, b: Token = a): Loc => (generated ? tokLoc(file, entry, entry.tokens.find(isDataToken) ?? a) : tokLoc(file, entry, a, b));
  const gen = iteration === undefined ? '' : ` ($GENERATE iteration ${iteration})`;
  const err = (code: string, msg: string, a: Token, b: Token = a, more: Pick<ParseProblem, 'rewrite' | 'type'> = {}): undefined => {
    // a generated record's text is the $GENERATE line's: nothing to rewrite in place; an SOA
    // keeps naming the zone while its RDATA is being typed (zoneOrigin)
    const soa = more.type === 'SOA' ? { ownerKey } : undefined;
    if (!quiet) problem(ctx, code, 'error', msg + gen, where(a, b), generated ? { type: more.type, ...soa } : { ...more, ...soa });
    return undefined;
  };
  let i = 0;
  let owner: string, ownerKey: string;
  let ownerTok = -1;
  // a record ends the state a $ORIGIN left, whatever becomes of it (as scan.ts ends it)
  const afterOrigin = state.afterOrigin;
  if (!generated) state.afterOrigin = undefined;
  if (!entry.leadingBlank || generated) {
    // BIND reads a quoted owner ("www") as the name inside; Knot refuses it. Follow BIND, but warn.
    const quoted = data[0].kind === TokKind.Quoted;
    const r = ctx.names.resolve(quoted ? data[0].text.slice(1, -1) : data[0].text, state.origin);
    if (quoted && !quiet && r.name) problem(ctx, 'syntax', 'warning', 'quoted owner name: BIND reads it, Knot refuses it; write it without quotes', where(data[0]));
    if (r.error || !r.name || !r.key) return err('syntax', `owner: ${r.error}`, data[0]);
    ownerKey = r.key;
    owner = r.name;
    ownerTok = 0;
    i = 1;
    // the name a blank-led line below repeats, even when this record turns out bad (BIND takes
    // the owner as it reads it): an SOA with a bad serial made the NS lines under it "repeat an
    // owner there is none of", and a bad record's next lines went to the owner before it
    state.lastOwner = owner;
    state.lastOwnerKey = ownerKey;
  } else {
    if (!state.lastOwner || !state.lastOwnerKey) return err('syntax', 'this line starts with white space, so it repeats the previous owner, but there is none: write the owner name at the start of the line', data[0]);
    owner = state.lastOwner;
    ownerKey = state.lastOwnerKey;
    if (afterOrigin && !quiet) {
      problem(ctx, 'syntax', 'warning', `this line starts with white space, so its owner is the previous record's, ${owner}, not the $ORIGIN set just above it (${state.origin}); BIND warns "record with inherited owner immediately after $ORIGIN": write the owner (@ for the new origin)`, where(data[0]));
    }
  }
  let ttl: number | undefined;
  let cls: string | undefined;
  for (let n = 0; n < 2 && i < data.length; n++) {
    const t = data[i].text;
    if (ttl === undefined) {
      const v = parseTtl(t);
      if (v !== undefined) { ttl = v; i++; continue; }
    }
    const classCode = cls === undefined ? classCodeByName(t) : undefined;
    if (classCode !== undefined) {
      cls = className(classCode);
      i++;
      continue;
    }
    break;
  }
  const typeTok = data[i];
  if (!typeTok) return err('syntax', 'missing record type: expected a type such as A, AAAA, MX, TXT or TLSA after the owner, TTL and class', data[data.length - 1]);
  const typeCode = typeCodeByName(typeTok.text);
  if (typeCode === undefined) {
    const t = typeTok.text;
    const meta = metaTypeCode(t);
    if (meta !== undefined) return err('syntax', metaTypeProblem(meta, true)!, typeTok);
    const ttlWhy = ttlHint(t);
    const hint = parseTtl(t) !== undefined ? ' (a second TTL?)' : classCodeByName(t) !== undefined ? ' (a second class?)' :
      /^TYPE\d+$/i.test(t) ? ` (TYPEnnn takes a number from 0 to 65535)` : ttlWhy ? ` (a TTL? ${ttlWhy})` : '';
    return err('syntax', `expected a record type (A, AAAA, MX, TXT, TLSA, ... or TYPEnnn), found '${t}'${hint}`, typeTok);
  }
  const metaWhy = metaTypeProblem(typeCode);
  if (metaWhy) return err('syntax', metaWhy, typeTok);
  const typeIdx = i;
  const def = RR_TYPE_BY_CODE.get(typeCode);
  const type = def ? def.name : typeName(typeCode);
  const rdata = data.slice(i + 1);
  let values: unknown[] = [];
  let generic = false;
  if (rdata.length && rdata[0].text === '\\#') {
    generic = true;
    const g = parseGeneric(rdata.slice(1).map((t) => t.text), def?.fields);
    if (g.error) return err('rdata-invalid', `${typeName(typeCode)}: ${g.error}`, rdata[0], rdata[rdata.length - 1], { type: typeName(typeCode) });
    values = g.values ?? [];
    const bad = values.length && def?.check ? def.check(values) : undefined;
    if (bad) return err('rdata-invalid', `${typeName(typeCode)}: generic RDATA: ${bad.message}`, rdata[0], rdata[rdata.length - 1], { type: typeName(typeCode) });
    const note = values.length && def?.note ? def.note(values) : undefined;
    if (note && !quiet) problem(ctx, note.code, note.severity, note.message, where(rdata[0], rdata[rdata.length - 1]));
  } else if (!def) {
    return err('rdata-invalid', `type ${typeTok.text.toUpperCase()} is not known to dane-zone: write its RDATA in the generic form '\\# <length> <hex>' (RFC 3597 §5)`, typeTok);
  } else {
    const cur: FieldCursor = { words: rdata, i: 0, origin: state.origin, names: ctx.names };
    values = new Array(def.fields.length); // exact size: no growth slack per record
    // first word of each field, for the field def.check may blame (a few types have a check)
    const fieldFrom: number[] | undefined = def.check || def.note ? [] : undefined;
    for (let k = 0; k < def.fields.length; k++) {
      const fd = def.fields[k];
      if (fieldFrom) fieldFrom.push(cur.i);
      values[k] = KIND_PARSERS[fd.kind](cur, fd.name);
      if (cur.error) break;
    }
    if (!cur.error && cur.i < rdata.length) {
      const last = def.fields[def.fields.length - 1];
      cur.error = { message: `unexpected '${rdata[cur.i].text}' after the last field of ${def.name} (${last.name})`, from: cur.i, to: rdata.length };
    }
    if (!cur.error && def.check) {
      const bad = def.check(values);
      if (bad) {
        // the last field may span several words (a digest split by spaces): blame them all
        const from = fieldFrom![bad.field] ?? 0;
        cur.error = { message: bad.message, from, to: bad.field === def.fields.length - 1 ? rdata.length : fieldFrom![bad.field + 1] ?? rdata.length };
      }
    }
    if (cur.error) {
      const a = rdata[Math.min(cur.error.from, rdata.length - 1)] ?? typeTok;
      const b = rdata[Math.min(Math.max(cur.error.from, cur.error.to - 1), rdata.length - 1)] ?? a;
      const layout = def.fields.map((x) => x.name).join(' ');
      // a missing field: say the whole layout, so the message names what was expected
      const msg = rdata.length === 0 ? `${def.name} needs RDATA: ${layout}` :
        cur.error.message.startsWith('missing ') && !cur.error.message.includes(':') ? `${def.name} ${cur.error.message} (${def.name} is: ${layout})` : `${def.name} ${cur.error.message}`;
      return err('rdata-invalid', msg, rdata.length ? a : typeTok, rdata.length ? b : typeTok, { rewrite: cur.error.rewrite, type: def.name });
    }
    const note = def.note?.(values);
    if (note && !quiet) problem(ctx, note.code, note.severity, note.message, where(rdata[fieldFrom![note.field]] ?? typeTok));
  }
  // TTL: explicit, else $TTL, else the last explicit TTL, else the SOA minimum (BIND, RFC 2308 §4).
  const ttlExplicit = ttl !== undefined;
  if (ttl !== undefined) {
    if (ttl > TTL_MAX) {
      // RFC 2181 §8: such a TTL means 0; BIND loads it as 0 (with a warning), so the record has TTL 0 here too
      if (!quiet) problem(ctx, 'ttl-range', 'warning', `TTL ${ttl} is over 2147483647: it is read as 0, as BIND does (RFC 2181 §8)`, where(data[ownerTok + 1] ?? typeTok));
      ttl = 0;
    }
    state.lastTtl = ttl;
  } else if (state.defaultTtl !== undefined) ttl = state.defaultTtl;
  else if (state.lastTtl !== undefined) ttl = state.lastTtl;
  else if (typeCode === 6) {
    // BIND: an SOA without TTL (and no $TTL) makes its MINIMUM the default for every
    // record that has none, even after a record with an explicit TTL.
    ttl = typeof values[6] === 'number' ? (values[6] as number) : 0;
    state.defaultTtl = ttl;
    if (!state.warnedNoTtl && !quiet) {
      state.warnedNoTtl = true;
      problem(ctx, 'ttl-missing', 'warning', `no TTL and no $TTL before this SOA: using its minimum ${ttl} for every record without a TTL, as BIND does; add '$TTL <seconds>' at the top (RFC 2308 §4)`, where(typeTok));
    }
  } else {
    // Nothing gives this record a TTL: BIND rejects the zone ("no TTL specified;
    // zone rejected"), so this is an error on every such record, not a default.
    ttl = 0;
    if (!quiet) problem(ctx, 'ttl-missing', 'error', `no TTL for this ${typeName(typeCode)} record: it has none, and no $TTL, earlier TTL or SOA comes before it (BIND rejects the zone); add '$TTL <seconds>' at the top or a TTL after the owner (RFC 2308 §4)`, where(typeTok));
  }
  const klass = cls ?? state.lastClass ?? state.zoneClass ?? 'IN';
  if (!state.zoneClass) state.zoneClass = klass;
  else if (klass !== state.zoneClass) return err('syntax', `class ${klass} differs from the zone's class ${state.zoneClass}`, typeTok);
  state.lastClass = klass;
  return new Rec({
    owner, ownerKey, ttl, ttlExplicit, class: klass, type, typeCode,
    values, generic, file, entry, generated, ownerTok, typeTok: typeIdx, rdataEnd: data.length,
    generatedRdata: generated && values.length === 0 ? data.slice(typeIdx + 1).map((t) => t.text).join(' ') : undefined,
  });
}

export type { ParseProblem };
