// Open documents and their analysis (zone model + findings). The server's
// handlers read zones from here; nothing here knows about LSP messages.
import { opendirSync, readFileSync, realpathSync, statSync, type Dir, type Dirent } from 'node:fs';
import { CERT_MAX_BYTES, generateLimitFromEnv, INCLUDE_MAX_BYTES, regularFileError } from '../read-zone-file';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Finding, RuleHost } from '../rules/rule';
import type { Directive, SourceFile, Zone } from '../zone/model';
import { GENERATE_MAX, GENERATE_ZONE_MAX, generatedIn, parseRange, rangeRecords } from '../zone/generate';
import type { Entry } from '../zone/syntax';
import { buildZoneInSlices, runToEnd, type IncludeResult, type ParseOptions } from '../zone/parser';
import { problemFindings, type RuleSettings } from '../rules/engine';
import { whyNotIgnorable, withoutIgnored } from '../rules/ignore';
import { RuleCache } from '../rules/incremental-engine';
import { reparse, reparseRereadsGenerate } from '../zone/incremental';
import { includeSites } from '../zone/include-sites';
import { noteOwnerChanges } from '../features/owner-index';
import { originFromFileName } from '../zone/origin-hint';
import { ZoneDocument, type ContentChange } from './zone-document';
import { inTurns } from './in-turns';
import { CERT_FILE_NAME } from '../cert/file-names';
import type { FolderEntry } from './doc-state';
import { toDocSettings } from './settings';
import { entryLine } from '../zone/line-blocks';

/** An $INCLUDE of a file in an open zone: the origin and default TTL it gives the file there. */
export interface IncludeSite {
  /** the open zone's URI (the $INCLUDE may be in a file that zone includes: see `loc`) */
  zone: string;
  loc: Directive['loc'];
  origin: string;
  ttl?: number;
}

export interface DocSettings {
  rules: RuleSettings;
  options: Record<string, unknown>;
  /** most diagnostics published for a document (daneZone.problemLimit) */
  problemLimit: number;
  /** how many owners the outline lists (daneZone.outlineLimit) */
  outlineLimit: number;
}

export interface Analysis {
  zone: Zone;
  findings: Finding[];
  version: number;
  /** line count the zone was built from (for the next incremental re-parse) */
  lineCount: number;
  settingsKey: string;
  /** the origin and TTL an open zone's $INCLUDE of this document gave it (includerKey) */
  includer: string;
}

/** A first (full) analysis of a document this long (about 150k records, 2 s or more here) runs
 *  in turns that let other messages through. Shorter ones run in one piece: in turns, an analysis
 *  of 100k records took 10-20% longer (among other things one more mark-compact; bench/RESULTS.md). */
export const SLICED_MIN_LINES = 200_000;
/** A document whose `$GENERATE` lines make this many records is read in turns too, whatever its
 *  length: one line of 100 000 held the server for 0.35-0.8 s, and its range is read in slices. */
export const SLICED_MIN_GENERATED = 25_000;
const LINES_PER_SLICE = 10_000;
const RECORDS_PER_SLICE = 10_000;
/** A slice of reading ends after this many records of $GENERATE lines (each substituted, lexed
 *  and built): a message waits for the slice under way. Of 100 000 records, the longest slice
 *  took 47 ms (p50 of 7 runs) in slices of 10 000 and 22 ms in slices of 1000; the whole read
 *  312 and 321 ms (300 ms in one piece). */
const GENERATED_PER_SLICE = 1_000;
/** The reading's share of a full analysis, for progress (1M records: model 10 s, rules 3.5 s). */
const READ_SHARE = 0.75;

// A document's settings as the key its analyses were made with: serialised once per settings
// object (the settings cache hands out the same one until a refresh), not on every keystroke.
const settingsKeys = new WeakMap<DocSettings, string>();
export function settingsKeyOf(s: DocSettings): string {
  let k = settingsKeys.get(s);
  if (k === undefined) settingsKeys.set(s, (k = JSON.stringify(s)));
  return k;
}

/** An analysis in progress: its steps (each yields how far it is, 0 to 1), and who waits for it. */
interface AnalysisJob {
  readonly version: number;
  /** the settings it runs with */
  readonly settingsKey: string;
  /** the origin and TTL an including zone gave the document when it started (includerKey) */
  readonly includer: string;
  readonly steps: Generator<number, Analysis>;
  running: boolean;
  ended: boolean;
  /** the document was edited since it started (see detach): it reads the lines as they were */
  detached?: boolean;
  /** it started in place of a read an edit dropped: no edit drops it (see change) */
  undroppable: boolean;
  readonly waiters: ((a: Analysis | undefined) => void)[];
}

/** What an analysis reads, taken when it starts. */
interface AnalysisStart {
  uri: string;
  version: number;
  lines: string[];
  /** the records the document's $GENERATE lines make (for progress) */
  generated: number;
  settings: DocSettings;
  settingsKey: string;
  includer: string;
  opts: ParseOptions;
  /** the analysis before and the lines edited since, where the edit is re-parsed */
  reparsed?: { prev: Analysis; dirty: { from: number; to: number } };
}

/** Hears about analyses that run in turns (the server shows them as work-done progress). */
export interface AnalysisObserver {
  started(uri: string): void;
  /** `done`: the share of the work done, 0 to 1 */
  progressed(uri: string, done: number): void;
  /** finished, cancelled (an edit finishes it at once; close and new settings cancel it) or failed */
  ended(uri: string): void;
}

/** Ends a job's turns when something else ended the job first. */
const ENDED = new Error('analysis ended elsewhere');

/** A step's progress (0 to 1) mapped onto [from, to] of the whole. */
function* scaled<T>(steps: Generator<number, T>, from: number, to: number): Generator<number, T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield from + (to - from) * r.value;
  }
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

function includedPath(f: SourceFile): string {
  return resolve(uriToPath(f.id) ?? f.id);
}

/** The file an $INCLUDE reads or tried to read: a file that was missing is the one that matters
 *  when it appears (its path as the host resolves it, relative to the including file). */
function includeTarget(d: Directive): string | undefined {
  if (d.includedFile) return includedPath(d.includedFile);
  if (d.name !== '$INCLUDE' || !d.args[0]) return undefined;
  const from = uriToPath(d.loc.file.id);
  return from ? resolve(dirname(from), d.args[0].replace(/^"(.*)"$/, '$1')) : undefined;
}

/** True when the zone read (or tried to read) one of `paths` through $INCLUDE. */
function readsAny(zone: Zone, paths: ReadonlySet<string>): boolean {
  return zone.directives.some((d) => { const t = includeTarget(d); return !!t && paths.has(t); });
}

/** The zone's own (top-level) $INCLUDE entries that read (or tried to read) one of `paths`,
 *  directly or through other included files. */
function topIncludeSites(zone: Zone, paths: ReadonlySet<string>): Entry[] {
  const siteOf = includeSites(zone);
  const out = new Set<Entry>();
  for (const d of zone.directives) {
    const t = includeTarget(d);
    if (!t || !paths.has(t)) continue;
    // a failed $INCLUDE of the zone's own file is its own site; in an included file, that file's
    const site = d.includedFile ? siteOf(d.includedFile) : d.loc.file.id === zone.file.id ? d : siteOf(d.loc.file);
    if (site) out.add(site.loc.entry);
  }
  return [...out];
}

/** 1 for a `$TTL` line, 2 for an `$ORIGIN` line (directives start in the first column), else 0. */
function stateDirectiveKind(line: string): number {
  if (line.charCodeAt(0) !== 36) return 0; // '$'
  const word = /^\$(\w+)/.exec(line)?.[1].toUpperCase();
  return word === 'TTL' ? 1 : word === 'ORIGIN' ? 2 : 0;
}

function realOrResolved(path: string): string {
  try { return realpathSync(path); } catch { return resolve(path); }
}

/** True when a whole read of the zone cut a $GENERATE line at GENERATE_ZONE_MAX, or could: its
 *  $GENERATE records and one more line's worth would pass it. */
function nearGenerateBound(zone: Zone): boolean {
  return zone.generateCut === true || (zone.generatedCount ?? 0) + GENERATE_MAX > GENERATE_LIMIT;
}

const GENERATE_LIMIT = generateLimitFromEnv() ?? GENERATE_ZONE_MAX;
/** How many entries completion after `cert=` lists of one folder, and reads of it at most. */
const CERT_FOLDER_MAX = 500;
const CERT_FOLDER_READ = 20_000;

export class ZoneStore {
  readonly docs = new Map<string, ZoneDocument>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly ruleCaches = new Map<string, RuleCache>();
  /** per document, whether its version's re-parse would re-read a long $GENERATE line */
  private readonly generateRereads = new Map<string, { version: number; rereads: boolean }>();
  /** analyses that can seed an incremental re-parse */
  private readonly previous = new Map<string, Analysis>();
  private readonly jobs = new Map<string, AnalysisJob>();
  /** per URI, a version whose analysis in turns threw: it is not tried in turns again */
  private readonly failed = new Map<string, number>();
  workspaceFolders: string[] = [];
  /** folders outside the workspace whose files may be read too: the client's copy of the sample
   *  zone with its certificates (initializationOptions.sampleFolder), which no workspace holds */
  readRoots: string[] = [];
  settingsFor: (uri: string) => DocSettings = () => toDocSettings(undefined);
  now: () => Date = () => new Date();
  observer: AnalysisObserver | undefined;
  /** hears of each file read through $INCLUDE (absolute path), e.g. to watch it on disk */
  onIncludeRead: ((path: string) => void) | undefined;
  /** hears of an open document analysed again because the zone that $INCLUDEs it now gives it
   *  another origin or TTL (that zone analysed, opened or closed) */
  onIncluderChanged: ((uri: string) => void) | undefined;
  /** per document, re-checks for an includer's change since the last edit, open or close: a
   *  cycle of open files that $INCLUDE each other with relative $ORIGINs would never settle */
  private readonly includerRechecks = new Map<string, number>();
  /** per open document included with other origins too, otherIncludesKey when last looked at */
  private readonly otherIncludes = new Map<string, string>();
  /** documents whose last read in turns an edit dropped (see change) */
  private readonly droppedRead = new Set<string>();

  open(uri: string, text: string, version: number): ZoneDocument {
    this.cancel(uri);
    const doc = new ZoneDocument(uri, version, text);
    this.docs.set(uri, doc);
    this.analyses.delete(uri);
    this.includerRechecks.clear();
    return doc;
  }

  change(uri: string, changes: readonly ContentChange[], version: number): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    // An analysis in progress reads the document's lines: finish it before they change (it then
    // seeds the incremental re-parse of this edit). A document read in turns only for its
    // $GENERATE records lets it go on with the lines as they were (detach): finished now, the
    // rest would run in one piece (up to a line of 100 000 records).
    const job = this.jobs.get(uri);
    if (job && doc.lines.length < SLICED_MIN_LINES) this.detach(doc, job);
    else if (job) this.finish(uri, job);
    doc.apply(changes, version);
    // typed into the long $GENERATE line, the edit is read whole again: the read under way is
    // dropped, so the last version comes a read after the keystroke, not two (two keystrokes
    // 150 ms apart: 547 ms, medians of 5, against 1093 when let end). Not the read that took a
    // dropped one's place: typed in without pause, every read would be dropped.
    if (job?.detached && !job.ended && !job.undroppable && this.typedInLongGenerate(doc)) {
      this.cancel(uri);
      this.droppedRead.add(uri);
    }
    this.includerRechecks.clear();
    const a = this.analyses.get(uri);
    if (a) this.previous.set(uri, a);
    this.analyses.delete(uri);
  }

  close(uri: string): void {
    this.cancel(uri);
    this.failed.delete(uri);
    this.docs.delete(uri);
    this.analyses.delete(uri);
    this.previous.delete(uri);
    this.ruleCaches.delete(uri);
    this.generateRereads.delete(uri);
    this.otherIncludes.delete(uri);
    this.droppedRead.delete(uri);
    this.includerRechecks.clear();
    this.recheckIncluded();
  }

  /** Forget analyses (settings or a linked file changed): the next one is a full one. */
  invalidate(uri?: string): void {
    for (const u of uri ? [uri] : [...this.docs.keys()]) {
      this.cancel(u);
      this.analyses.delete(u);
      this.previous.delete(u);
    }
  }

  /**
   * Files at `paths` (absolute) changed (an edit, open or close of their document, or a change
   * on disk): open documents that read one of them through $INCLUDE, directly or through other
   * included files, get their top-level $INCLUDE entries marked as changed, so that their next
   * (incremental) analysis reads the file again. Returns those documents.
   */
  includesChanged(paths: readonly string[]): string[] {
    const changed = new Set(paths.map((p) => resolve(p)));
    const out: string[] = [];
    for (const [uri, doc] of this.docs) {
      if (!changed.size) break;
      if (this.jobs.has(uri)) {
        // an analysis in progress may have read the old text already: start it again
        this.cancel(uri);
        out.push(uri);
        continue;
      }
      let a = this.analyses.get(uri);
      if (!a && this.previous.has(uri) && doc.dirty && readsAny(this.previous.get(uri)!.zone, changed)) a = this.analysis(uri);
      if (!a || a.version !== doc.version) continue;
      const sites = topIncludeSites(a.zone, changed);
      if (!sites.length) continue;
      this.previous.set(uri, a);
      this.analyses.delete(uri);
      for (const e of sites) {
        const from = entryLine(e), to = from + e.lineCount - 1;
        doc.dirty = doc.dirty ? { from: Math.min(doc.dirty.from, from), to: Math.max(doc.dirty.to, to) } : { from, to };
      }
      out.push(uri);
    }
    return out;
  }

  /** The current analysis of an open document (computed when missing, at once). */
  analysis(uri: string): Analysis | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === doc.version) {
      if (cached.settingsKey === settingsKeyOf(this.settingsFor(uri))) return cached;
      // settings came after it: the next analysis is a full one with them
      this.invalidate(uri);
    }
    const job = this.jobs.get(uri);
    if (job && job.settingsKey === settingsKeyOf(this.settingsFor(uri))) {
      const a = this.finish(uri, job);
      // a read of the lines before an edit (detach): it seeds the analysis of the document as it is
      if (a.version === doc.version) return a;
    }
    this.cancel(uri);
    return this.finish(uri, this.startJob(doc));
  }

  /** The current analysis, computed in turns that let other messages through
   *  (undefined when the document closes or its settings change meanwhile, or the analysis
   *  throws: `analysis()` then runs it at once, so the caller sees the error). */
  analysisInTurns(uri: string): Promise<Analysis | undefined> {
    const doc = this.docs.get(uri);
    if (!doc) return Promise.resolve(undefined);
    if (!this.longAnalysisAhead(uri)) return Promise.resolve(this.analysis(uri));
    let job = this.jobs.get(uri);
    if (job && job.settingsKey !== settingsKeyOf(this.settingsFor(uri))) job = (this.cancel(uri), undefined);
    job ??= this.startJob(doc);
    const done = new Promise<Analysis | undefined>((resolve) => job.waiters.push(resolve));
    if (!job.running) {
      job.running = true;
      this.observer?.started(uri);
      inTurns(job.steps, () => (job.ended ? ENDED : undefined), (d) => this.observer?.progressed(uri, d)).then(
        (a) => this.end(uri, job, a),
        (e) => {
          if (e === ENDED) return; // finished at once by an edit, or cancelled
          this.failed.set(uri, job.version);
          this.cancel(uri);
        },
      );
    }
    return done;
  }

  /** True when the document's next analysis is a full one of a long document (worth doing in
   *  turns): 200 000 lines or more, or as many with the records its $GENERATE lines make. */
  longAnalysisAhead(uri: string): boolean {
    const doc = this.docs.get(uri);
    if (!doc || this.failed.get(uri) === doc.version) return false;
    // the $GENERATE lines are counted only when a full read is ahead (not at each keystroke)
    const long = (): boolean => {
      if (doc.lines.length >= SLICED_MIN_LINES) return true;
      const generated = doc.generatedRecords(GENERATE_MAX);
      return generated >= SLICED_MIN_GENERATED || doc.lines.length + generated >= SLICED_MIN_LINES;
    };
    if (this.jobs.has(uri)) return long();
    const key = settingsKeyOf(this.settingsFor(uri));
    const cached = this.analyses.get(uri);
    if (cached && cached.version === doc.version && cached.settingsKey === key) return false;
    if (this.reparses(doc, key)) return false;
    return long();
  }

  /** True when the document's next analysis re-parses the edited lines of the previous one
   *  instead of reading the document whole. Near the zone-wide $GENERATE bound an edit reads the
   *  zone whole, and so does one of a long $TTL's or $GENERATE's line (rereadsWhole). */
  private reparses(doc: ZoneDocument, key: string): boolean {
    const prev = this.previous.get(doc.uri);
    return !!prev && !!doc.dirty && prev.settingsKey === key && !this.rereadsWhole(doc, prev) && !nearGenerateBound(prev.zone) &&
      !this.rereadsLongGenerate(doc, prev);
  }

  /** True when, in a document short by its lines, the edit's re-parse would re-read a $GENERATE
   *  line of SLICED_MIN_GENERATED records or more though the edit is not in it: a `$TTL`,
   *  `$ORIGIN` or owner above it changed what it starts from (1.1-1.4 s in one piece for 100 000
   *  records). Found by reading the edited entries once (reparseRereadsGenerate), remembered
   *  for the version: the server asks this several times per edit. */
  private rereadsLongGenerate(doc: ZoneDocument, prev: Analysis): boolean {
    // the zone before the edit tells (a count kept by the parser): the document's lines are not
    // looked at per keystroke (a pass over 100 000 lines took 2 ms of each)
    if (doc.lines.length >= SLICED_MIN_LINES || (prev.zone.generatedCount ?? 0) < SLICED_MIN_GENERATED) return false;
    const known = this.generateRereads.get(doc.uri);
    if (known?.version === doc.version) return known.rereads;
    const rereads = reparseRereadsGenerate(prev.zone, doc.lines, doc.dirty!, prev.lineCount, this.parseOptions(doc), SLICED_MIN_GENERATED);
    this.generateRereads.set(doc.uri, { version: doc.version, rereads });
    return rereads;
  }

  /** True when an edit touched `$GENERATE` lines that make (or made) SLICED_MIN_GENERATED records
   *  or more, in a document short by its lines: its re-parse expanded them in one piece that held
   *  the server (0.4 s for 100 000 records), where a whole read in turns lets messages through.
   *  (A document long by its lines keeps the re-parse: its whole read takes seconds.) */
  private editsLongGenerate(doc: ZoneDocument, prev: Analysis): boolean {
    const dirty = doc.dirty;
    const lines = doc.lines;
    if (!dirty || lines.length >= SLICED_MIN_LINES) return false;
    let n = generatedIn(lines, dirty.from, dirty.to, GENERATE_MAX);
    // the edited lines as they were
    const oldTo = dirty.to + prev.lineCount - lines.length;
    for (const d of prev.zone.directives) {
      if (n >= SLICED_MIN_GENERATED) break;
      if (d.name !== '$GENERATE' || d.loc.file.id !== doc.uri) continue;
      const at = entryLine(d.loc.entry);
      const range = at >= dirty.from && at <= oldTo ? parseRange(d.args[0] ?? '') : undefined;
      if (range && typeof range !== 'string') n += rangeRecords(range);
    }
    return n >= SLICED_MIN_GENERATED;
  }

  /** True when an edit is read again whole, in turns like an open, instead of re-parsed: it
   *  touched a long $GENERATE line of a short document (editsLongGenerate), or, in a long one, a
   *  `$TTL` or `$ORIGIN` line with 200 000 lines or more after it before the next such line,
   *  each of whose records may change (a new default TTL, a new origin). A
   *  re-parse of those is one piece of work that holds the server: a `$TTL` keystroke at the top
   *  of the 1M bench zone took 15-17 s of re-parse and 5-6 s of rules. */
  private rereadsWhole(doc: ZoneDocument, prev: Analysis): boolean {
    if (this.editsLongGenerate(doc, prev)) return true;
    const dirty = doc.dirty;
    const lines = doc.lines;
    if (!dirty || lines.length < SLICED_MIN_LINES) return false;
    let kinds = 0;
    for (let i = dirty.from; i <= dirty.to && i < lines.length; i++) kinds |= stateDirectiveKind(lines[i]);
    // the edited lines as they were: a directive deleted or typed over changes what follows too
    const oldTo = dirty.to + prev.lineCount - lines.length;
    for (const d of prev.zone.directives) {
      if (d.loc.file.id !== doc.uri || (d.name !== '$TTL' && d.name !== '$ORIGIN')) continue;
      const at = entryLine(d.loc.entry);
      if (at >= dirty.from && at <= oldTo) kinds |= d.name === '$TTL' ? 1 : 2;
    }
    if (!kinds) return false;
    const end = Math.min(lines.length, dirty.to + 1 + SLICED_MIN_LINES);
    for (let i = dirty.to + 1; i < end; i++) if (stateDirectiveKind(lines[i]) & kinds) return false;
    return end - dirty.to - 1 >= SLICED_MIN_LINES;
  }

  /** True when the lines edited since the last analysis hold $GENERATE lines of
   *  SLICED_MIN_GENERATED records or more. */
  private typedInLongGenerate(doc: ZoneDocument): boolean {
    return !!doc.dirty && generatedIn(doc.lines, doc.dirty.from, doc.dirty.to, GENERATE_MAX) >= SLICED_MIN_GENERATED;
  }

  /** An edit comes while a document short by its lines is read in turns (for its $GENERATE
   *  records): the read goes on with the lines as they were, and the document takes a copy to
   *  edit (about 1 ms for 200 000 lines). When the read ends it seeds the re-parse of the edits
   *  since, or, where they are read whole again (the $GENERATE line typed in; change drops the
   *  read then, but not one that took a dropped read's place), its diagnostics are published for
   *  its version (DiagnosticsPublisher.publishOlder). Dropped at every keystroke, the read
   *  started again at the next one: typed in without pause, the document got no diagnostics. */
  private detach(doc: ZoneDocument, job: AnalysisJob): void {
    if (job.detached) return;
    job.detached = true;
    doc.lines = doc.lines.slice();
    // the read has every edit until now: its result, not the analysis before it, is what the
    // edits from now on change
    doc.dirty = undefined;
    this.previous.delete(doc.uri);
  }

  private startJob(doc: ZoneDocument): AnalysisJob {
    const settings = this.settingsFor(doc.uri);
    const job: AnalysisJob = { version: doc.version, settingsKey: settingsKeyOf(settings), includer: this.includerKey(doc.uri), steps: this.analyse(doc, settings), running: false, ended: false, waiters: [], undroppable: this.droppedRead.delete(doc.uri) };
    this.jobs.set(doc.uri, job);
    return job;
  }

  /** Runs the rest of a job now. */
  private finish(uri: string, job: AnalysisJob): Analysis {
    let a: Analysis;
    try {
      a = runToEnd(job.steps);
    } catch (e) {
      this.cancel(uri);
      throw e;
    }
    return this.end(uri, job, a);
  }

  private end(uri: string, job: AnalysisJob, a: Analysis): Analysis {
    job.ended = true;
    this.jobs.delete(uri);
    if (job.running) this.observer?.ended(uri);
    const doc = this.docs.get(uri);
    if (doc && doc.version !== a.version) this.previous.set(uri, a); // edited meanwhile (detach): the seed of its re-parse
    else {
      this.analyses.set(uri, a);
      this.previous.delete(uri);
      if (doc) doc.dirty = undefined;
    }
    for (const w of job.waiters.splice(0)) w(a);
    this.recheckIncluded();
    return a;
  }

  /** Open documents whose analysis was made (or is being made, in turns) with another origin or
   *  TTL than an including zone gives them now (a zone analysed, or closed): analysed again in
   *  full. An analysis in progress is not let finish: its findings would be published, then
   *  replaced (a long included file opened before its zone showed each of its relative names as
   *  an error for seconds after the zone opened). */
  private recheckIncluded(): void {
    // only a document an open zone includes, or one read as included, may have changed: one pass
    // over the zones' directives, not one per open document
    const included = new Set<string>();
    for (const uri of this.docs.keys()) {
      const zone = (this.analyses.get(uri) ?? this.previous.get(uri))?.zone;
      if (zone) for (const d of zone.directives) if (d.includedFile && this.docs.has(d.includedFile.id)) included.add(d.includedFile.id);
    }
    for (const [uri, a] of [...this.analyses]) {
      if ((!a.includer && !included.has(uri)) || a.includer === this.includerKey(uri) || !this.recheckAllowed(uri)) continue;
      this.invalidate(uri);
      this.onIncluderChanged?.(uri);
    }
    for (const [uri, job] of [...this.jobs]) {
      if (job.includer === this.includerKey(uri) || !this.recheckAllowed(uri)) continue;
      this.cancel(uri);
      this.onIncluderChanged?.(uri);
    }
    // the zones that include a file with other origins changed (one opened, edited or closed):
    // published again with what its information diagnostic says now (its analysis stays)
    for (const uri of new Set([...included, ...this.otherIncludes.keys()])) {
      const key = this.otherIncludesKey(uri);
      if (key === (this.otherIncludes.get(uri) ?? '')) continue;
      if (key) this.otherIncludes.set(uri, key);
      else this.otherIncludes.delete(uri);
      this.onIncluderChanged?.(uri);
    }
  }

  /** Counts a re-check for an includer's change: at most 3 per document between edits. */
  private recheckAllowed(uri: string): boolean {
    const n = this.includerRechecks.get(uri) ?? 0;
    if (n >= 3) return false;
    this.includerRechecks.set(uri, n + 1);
    return true;
  }

  private cancel(uri: string): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    job.ended = true;
    this.jobs.delete(uri);
    if (job.running) this.observer?.ended(uri);
    for (const w of job.waiters.splice(0)) w(undefined);
  }

  /** True while the open document's analyses build on this zone's owner Map (an incremental
   *  re-parse changes it in place; a full analysis makes a new one). */
  keepsOwners(uri: string, zone: Zone): boolean {
    const a = this.docs.has(uri) ? (this.analyses.get(uri) ?? this.previous.get(uri)) : undefined;
    return a?.zone.byOwner === zone.byOwner;
  }

  zone(uri: string): Zone | undefined {
    return this.analysis(uri)?.zone;
  }

  /** The services rules (and DANE hovers) get for a document: clock, file reading, options, and
   *  `workspaceFolder` (daneZone.certificates paths are relative to the document's folder). */
  hostFor(uri: string, settings: DocSettings = this.settingsFor(uri)): RuleHost {
    const path = uriToPath(uri);
    const workspaceFolder = path ? this.workspaceFolders.find((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)) : undefined;
    return { now: this.now, readFile: (from, p) => this.readFile(from, p), options: { ...settings.options, workspaceFolder } };
  }

  /** The $INCLUDEs of `uri` in the other open zones (their analyses before an edit while the
   *  edit's is not made yet), by the including zone's URI, then in the order read. Not in a zone
   *  `uri` includes itself: two open files that include each other would pass their origins round
   *  and round (`$ORIGIN sub` in both: sub.sub.sub...). */
  includeSitesOf(uri: string): IncludeSite[] {
    const own = this.analyses.get(uri) ?? this.previous.get(uri);
    const sites: IncludeSite[] = [];
    for (const other of [...this.docs.keys()].sort()) {
      if (other === uri) continue;
      const a = this.analyses.get(other) ?? this.previous.get(other);
      if (!a || own?.zone.directives.some((d) => d.includedFile?.id === other)) continue;
      for (const d of a.zone.directives) if (d.name === '$INCLUDE' && d.includedFile?.id === uri && d.value) sites.push({ zone: other, loc: d.loc, origin: d.value, ttl: d.ttl });
    }
    return sites;
  }

  /** The origin and default TTL an open zone's $INCLUDE of `uri` gives it: the first of
   *  includeSitesOf, whatever order the zones were opened in (a fresh start gives the same). */
  private includerState(uri: string): { origin: string; ttl?: number } | undefined {
    const site = this.includeSitesOf(uri)[0];
    return site && { origin: site.origin, ttl: site.ttl };
  }

  /** The $INCLUDEs of `uri` that give it another origin or TTL than the one it is read with
   *  (none when all agree): the information diagnostic that says so names them. */
  otherIncludeSites(uri: string): { chosen: IncludeSite; others: IncludeSite[] } | undefined {
    const [chosen, ...rest] = this.includeSitesOf(uri);
    const others = rest.filter((s) => s.origin !== chosen.origin || s.ttl !== chosen.ttl);
    return others.length ? { chosen, others } : undefined;
  }

  /** The key of otherIncludeSites (what its diagnostic says), '' when none. */
  private otherIncludesKey(uri: string): string {
    const o = this.otherIncludeSites(uri);
    return o ? [o.chosen, ...o.others].map((s) => `${s.zone} ${entryLine(s.loc.entry)} ${s.origin} ${s.ttl}`).join('|') : '';
  }

  /** The origin and TTL an including zone gives the document, as a key ('' when none): an
   *  analysis (or a worker's check) made with another is out of date. */
  includerKey(uri: string): string {
    const s = this.includerState(uri);
    return s ? `${s.origin} ${s.ttl}` : '';
  }

  /** The origin and default TTL the document's reading starts with: a file another open zone
   *  $INCLUDEs (hosts.inc, opened alone) starts with those it has there; else with the origin its
   *  name suggests. The worker's first check of a long document reads it so too. */
  readingStart(uri: string): { origin?: string; ttl?: number } {
    const includer = this.includerState(uri);
    if (includer) return includer;
    const path = uriToPath(uri);
    return { origin: path ? originFromFileName(path) : undefined };
  }

  private parseOptions(doc: ZoneDocument): ParseOptions {
    const { origin, ttl } = this.readingStart(doc.uri);
    return { fileId: doc.uri, origin, ttl, originGuessed: true, readInclude: (from: string, p: string) => this.readInclude(from, p), ignorable: whyNotIgnorable, generateLimit: GENERATE_LIMIT };
  }

  /** The analysis of the document as it is now: what it reads is taken at once, not at its first
   *  step (a read in turns goes on with the lines as they were when an edit comes: see detach). */
  private analyse(doc: ZoneDocument, settings: DocSettings): Generator<number, Analysis> {
    const settingsKey = settingsKeyOf(settings);
    const includer = this.includerKey(doc.uri);
    const prev = this.previous.get(doc.uri);
    // a re-parse keeps the origin the lines above the edit were read with: not when the zone that
    // includes this one gives it another now
    const reparsed = prev && doc.dirty && prev.includer === includer && this.reparses(doc, settingsKey) ? { prev, dirty: doc.dirty } : undefined;
    const from: AnalysisStart = { uri: doc.uri, version: doc.version, lines: doc.lines, generated: reparsed ? 0 : doc.generatedRecords(GENERATE_MAX), settings, settingsKey, includer, opts: this.parseOptions(doc), reparsed };
    return this.analysisSteps(from);
  }

  private *analysisSteps({ uri, version, lines, generated, settings, settingsKey, includer, opts, reparsed }: AnalysisStart): Generator<number, Analysis> {
    const host = this.hostFor(uri, settings);
    let cache = this.ruleCaches.get(uri);
    if (!cache) this.ruleCaches.set(uri, (cache = new RuleCache()));
    // The zone shares the document's line array: locations are computed late from it.
    if (reparsed) {
      const { prev, dirty } = reparsed;
      const { zone, removed, added } = reparse(prev.zone, lines, dirty, prev.lineCount, opts);
      // an entry re-read alone knows no zone-wide $GENERATE bound: near it, the zone is read whole
      if (!nearGenerateBound(zone)) {
        noteOwnerChanges(zone, removed, added);
        const findings = withoutIgnored(zone, [...problemFindings(zone, settings.rules), ...cache.update(zone, removed, added, host, settings.rules)]);
        return { zone, findings, version, lineCount: lines.length, settingsKey, includer };
      }
    }
    const read = buildZoneInSlices({ id: uri, lines, entries: [] }, { ...opts, incremental: true }, LINES_PER_SLICE, GENERATED_PER_SLICE, generated);
    const zone = yield* scaled(read, 0, READ_SHARE);
    const checked = yield* scaled(cache.fullInSlices(zone, host, settings.rules, RECORDS_PER_SLICE), READ_SHARE, 1);
    const findings = withoutIgnored(zone, [...problemFindings(zone, settings.rules), ...checked]);
    return { zone, findings, version, lineCount: lines.length, settingsKey, includer };
  }

  /** True when the path is inside one of the workspace folders or read roots (no folders: the document's own folder tree is not assumed). */
  insideWorkspace(path: string): boolean {
    const real = realOrResolved(path);
    const under = (f: string) => real === f || real.startsWith(f.endsWith(sep) ? f : f + sep);
    return this.workspaceFolders.some(under) || this.readRoots.some((f) => under(realOrResolved(f)));
  }

  /** The folders and certificate files (by their extension) in the folder `relDir` of the file
   *  `fromId`'s, inside the workspace: for completion after `cert=`. At most CERT_FOLDER_MAX, in
   *  name order; hidden ones only when the name typed starts with a dot. */
  certFolder(fromId: string, relDir: string, hidden = false): FolderEntry[] | undefined {
    const r = this.resolveFrom(fromId, relDir || '.');
    if ('error' in r) return undefined;
    // a folder of very many files (a server's zone folder): read up to CERT_FOLDER_READ entries
    const list: Dirent[] = [];
    let dir: Dir | undefined;
    try {
      dir = opendirSync(r.path);
      for (let d = dir.readSync(); d && list.length < CERT_FOLDER_READ; d = dir.readSync()) list.push(d);
    } catch {
      return undefined;
    } finally {
      dir?.closeSync();
    }
    const out: FolderEntry[] = [];
    for (const d of list.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= CERT_FOLDER_MAX) break;
      if (d.name.startsWith('.') && !hidden) continue;
      let folder = d.isDirectory();
      if (d.isSymbolicLink()) try { folder = statSync(join(r.path, d.name)).isDirectory(); } catch { continue; }
      if (folder || CERT_FILE_NAME.test(d.name)) out.push({ name: d.name, folder });
    }
    return out;
  }

  private resolveFrom(fromId: string, rel: string): { path: string } | { error: string } {
    const fromPath = uriToPath(fromId) ?? fromId;
    if (!fromPath.startsWith('/') && !/^[A-Za-z]:/.test(fromPath)) return { error: 'the document is not a file on disk, so relative paths cannot be followed' };
    const full = resolve(dirname(fromPath), rel);
    if (!this.insideWorkspace(full)) return { error: `refused: ${full} is outside the workspace folder` };
    return { path: full };
  }

  readInclude(fromId: string, rel: string): IncludeResult | { error: string } {
    const r = this.resolveFrom(fromId, rel);
    if ('error' in r) return r;
    const uri = pathToFileURL(r.path).toString();
    this.onIncludeRead?.(r.path);
    const open = this.docs.get(uri);
    if (open) return { id: uri, text: open.getText() };
    // a FIFO would hold the server (every document) for good
    const bad = regularFileError(r.path, INCLUDE_MAX_BYTES);
    if (bad) return { error: bad };
    try {
      return { id: uri, text: readFileSync(r.path, 'utf8') };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${r.path}` : `cannot read ${r.path}: ${(e as Error).message}` };
    }
  }

  readFile(fromId: string, rel: string): { bytes: Uint8Array; path: string } | { error: string } {
    const r = this.resolveFrom(fromId, rel);
    if ('error' in r) return r;
    const bad = regularFileError(r.path, CERT_MAX_BYTES);
    if (bad) return { error: bad };
    try {
      return { bytes: readFileSync(r.path), path: r.path };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${r.path}` : `cannot read ${r.path}: ${(e as Error).message}` };
    }
  }
}
