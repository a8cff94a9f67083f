// Publishing diagnostics: analyses are coalesced (every change queued before the
// analysis runs is folded into it) and always for the newest version, so the last
// edit is never lost and a stale result is never sent after a newer one. A long
// document's full analysis runs in turns (ZoneStore.analysisInTurns): other messages
// are handled meanwhile, and its diagnostics are published when it is done; a check in a
// worker thread may publish before it (first-diagnostics.ts). A read in turns that an edit
// overtook is published for its own version when the next read is a whole one too
// (publishOlder): typed in without pause, such a document would otherwise get none.
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { Zone } from '../zone/model';
import type { Finding } from '../rules/rule';
import { settingsKeyOf, uriToPath, type Analysis, type IncludeSite, type ZoneStore } from './zone-store';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { locToRange, toDiagnostic } from './convert';
import { absRange } from '../zone/locate';
import { includeSites } from '../zone/include-sites';
import { entryLine } from '../zone/line-blocks';
import { FirstDiagnostics } from './first-diagnostics';

// The diagnostics of an analysis, made once for its publish and every light bulb asked of that
// version (read only: a publish adds its extra diagnostics to a copy).
const diagnosticsOfAnalysis = new WeakMap<Analysis, { limit: number; list: readonly Diagnostic[] }>();

/** The diagnostics of the document's current analysis (computed when missing, at once). */
export function diagnosticsFor(store: ZoneStore, uri: string): readonly Diagnostic[] {
  const a = store.analysis(uri);
  if (!a) return [];
  const limit = store.settingsFor(uri).problemLimit;
  let made = diagnosticsOfAnalysis.get(a);
  if (!made || made.limit !== limit) diagnosticsOfAnalysis.set(a, (made = { limit, list: diagnosticsOf(a.zone, a.findings, uri, limit) }));
  return made.list;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** At most `limit` findings: the errors first, then warnings, information and hints; of the kind
 *  that does not fit whole, those first in the file (by file, line and column), so that an edited
 *  document shows what the same text opened afresh shows (the editor's cache finds them in
 *  another order). The findings kept are in the order found. */
export function withinLimit(findings: readonly Finding[], limit: number): readonly Finding[] {
  if (findings.length <= limit) return findings;
  const perRank = [0, 0, 0, 0];
  for (const f of findings) perRank[SEVERITY_RANK[f.severity]]++;
  // every finding of a rank below `cut`, and the first `room` of rank `cut` in the file
  let cut = 0, room = limit;
  while (perRank[cut] < room) room -= perRank[cut++];
  const at = findings.filter((f) => SEVERITY_RANK[f.severity] === cut)
    .map((f) => ({ f, file: f.loc.file.id, r: absRange(f.loc) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.r.startLine - b.r.startLine || a.r.startCol - b.r.startCol || a.r.endLine - b.r.endLine || a.r.endCol - b.r.endCol)
      || (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : a.f.message < b.f.message ? -1 : a.f.message > b.f.message ? 1 : 0));
  const kept = new Set(at.slice(0, room).map((x) => x.f));
  return findings.filter((f) => SEVERITY_RANK[f.severity] < cut || kept.has(f));
}

/** An included file's name as the including document's folder reaches it (`hosts/web.inc`). */
function includedName(uri: string, fileId: string): string {
  const from = uriToPath(uri), to = uriToPath(fileId);
  if (!from || !to) return fileId.replace(/^.*\//, '');
  const rel = relative(dirname(from), to);
  return rel && !isAbsolute(rel) ? rel.split(sep).join('/') : to;
}

/** The diagnostics of document `uri` from a zone's findings: findings in $INCLUDE'd files
 *  show at the $INCLUDE line. Over `limit` findings, one more diagnostic at the top says how
 *  many are not shown: a publish of 200 000 costs seconds at each keystroke, in the server
 *  and again in the editor. */
export function diagnosticsOf(zone: Zone, all: readonly Finding[], uri: string, limit = Infinity): Diagnostic[] {
  const findings = withinLimit(all, limit);
  const out: Diagnostic[] = [];
  if (findings.length < all.length) {
    out.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'dane-zone', code: 'problem-limit',
      message: `${all.length - findings.length} more problems in this file are not shown (daneZone.problemLimit is ${limit}; errors come first): \`dane-zone check\` lists every one`,
    });
  }
  let siteOf: ReturnType<typeof includeSites> | undefined;
  for (const f of findings) {
    if (f.loc.file.id === uri) out.push(toDiagnostic(f));
    else {
      const site = (siteOf ??= includeSites(zone))(f.loc.file);
      const line = entryLine(f.loc.entry) + f.loc.span.line + 1;
      if (!site) continue;
      // named by its path from the document's folder (two included files may share a name), and
      // linked to its place there, where the editor can go
      const name = includedName(uri, f.loc.file.id);
      const d = toDiagnostic(f, locToRange(site.loc), `in ${name}:${line}: `);
      d.relatedInformation = [{ location: { uri: f.loc.file.id, range: locToRange(f.loc) }, message: `here, in ${name}` }, ...(d.relatedInformation ?? [])];
      out.push(d);
    }
  }
  return out;
}

const ttlText = (ttl: number | undefined): string => (ttl === undefined ? 'no default TTL' : `default TTL ${ttl}`);

/** Where the zones that $INCLUDE document `uri` give it different origins or default TTLs: an
 *  information diagnostic at the top that says which one it is read with, and names the others.
 *  (Read once, with the first includer by name, not once per includer: each including zone checks
 *  the file with its own origin anyway and shows those problems on its $INCLUDE line, so nothing
 *  goes unreported, and a keystroke costs one analysis, not one per includer.) */
function otherIncludesNote(store: ZoneStore, uri: string): Diagnostic | undefined {
  const o = store.otherIncludeSites(uri);
  if (!o) return undefined;
  const where = (s: IncludeSite) => `${includedName(uri, s.loc.file.id)}:${entryLine(s.loc.entry) + 1}`;
  const others = o.others.map((s) => `${where(s)} (${s.origin}, ${ttlText(s.ttl)})`).join(', ');
  // what differs: the origins, the default TTLs, or both
  const differ = [o.others.some((s) => s.origin !== o.chosen.origin) && 'origins', o.others.some((s) => s.ttl !== o.chosen.ttl) && 'default TTLs'].filter(Boolean).join(' and ');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'dane-zone', code: 'include-origins',
    message: `open zones $INCLUDE this file with different ${differ}: it is checked as ${where(o.chosen)} includes it (${o.chosen.origin}, ${ttlText(o.chosen.ttl)}); ` +
      `as ${others} ${o.others.length > 1 ? 'include' : 'includes'} it, its problems show on ${o.others.length > 1 ? 'those $INCLUDE lines' : 'that $INCLUDE line'}`,
    relatedInformation: [o.chosen, ...o.others].map((s) => ({ location: { uri: s.loc.file.id, range: locToRange(s.loc) }, message: `$INCLUDE with ${s.origin}, ${ttlText(s.ttl)}` })),
  };
}

// Debouncing when analyses are slow. vscode-jsonrpc dispatches one queued message
// per event-loop turn, so an immediate flush after a slow analysis re-analyses
// for every keystroke that piled up meanwhile (measured: a 10-character burst on
// the 1M zone took > 10 s to reach its last version). When the last analysis took
// more than SLOW_MS, wait until no change came for QUIET_MS (at most MAX_WAIT_MS)
// so the backlog folds into one analysis of the newest version. Fast analyses keep
// the immediate flush: nothing is added to a single keystroke on small zones.
const SLOW_MS = 30;
const QUIET_MS = 3;
const MAX_WAIT_MS = 100;

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private lastChange = 0;
  private firstPending = 0;
  private lastAnalysisMs = 0;
  /** extra diagnostics by source (e.g. live validation results), per URI */
  private readonly extra = new Map<string, Map<string, Diagnostic[]>>();
  /** the version each document's last publish was made for */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly store: ZoneStore,
    /** false while a document's first settings are on their way: nothing is published for it
     *  then (the server schedules it when they come), not even for an edit or a watched file */
    private readonly settingsKnown: (uri: string) => boolean,
    /** a long document's diagnostics from a worker thread while its own analysis runs */
    private readonly first = new FirstDiagnostics(store),
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    this.lastChange = performance.now();
    if (this.scheduled) return;
    this.scheduled = true;
    this.firstPending = this.lastChange;
    if (this.lastAnalysisMs > SLOW_MS) setTimeout(() => this.whenQuiet(), QUIET_MS);
    else setImmediate(() => this.flush());
  }

  private whenQuiet(): void {
    const now = performance.now();
    if (now - this.lastChange < QUIET_MS && now - this.firstPending < MAX_WAIT_MS) setTimeout(() => this.whenQuiet(), QUIET_MS);
    else this.flush();
  }

  setExtra(uri: string, source: string, diagnostics: Diagnostic[]): void {
    let m = this.extra.get(uri);
    if (!m) this.extra.set(uri, (m = new Map()));
    m.set(source, diagnostics);
    this.schedule(uri);
  }

  /** Drops the extra diagnostics of `source` (live results name the text as validated: an edit
   *  may have moved their ranges). */
  dropExtra(uri: string, source: string): void {
    if (this.extra.get(uri)?.delete(source)) this.schedule(uri);
  }

  /** The extra diagnostics of `source`, if any. */
  extraOf(uri: string, source: string): readonly Diagnostic[] {
    return this.extra.get(uri)?.get(source) ?? [];
  }

  /** Files changed (as the include watch hears of them): see FirstDiagnostics.othersChanged. */
  filesChanged(uris: readonly string[]): void {
    this.first.othersChanged(uris);
  }

  clear(uri: string): void {
    this.first.stop(uri);
    this.pending.delete(uri);
    this.extra.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private flush(): void {
    this.scheduled = false;
    const started = performance.now();
    const uris = [...this.pending];
    this.pending.clear();
    for (const uri of uris) {
      const doc = this.store.docs.get(uri);
      if (!doc || !this.settingsKnown(uri)) continue;
      if (this.store.longAnalysisAhead(uri)) {
        // Publish when it is done; other messages are handled meanwhile, and a worker's check
        // may publish first.
        this.first.start(uri, (version, diagnostics) => this.send(uri, version, diagnostics));
        void this.store.analysisInTurns(uri).then((a) => {
          this.first.stop(uri);
          // the newest version is scheduled whatever the older publish does
          try {
            if (a) this.publishOlder(uri, a);
          } finally {
            this.schedule(uri);
          }
        });
        continue;
      }
      let diagnostics: readonly Diagnostic[];
      try {
        diagnostics = diagnosticsFor(this.store, uri);
      } catch (e) {
        // The server stays up whatever the document holds; say what went wrong.
        diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, source: 'dane-zone', code: 'internal', message: `dane-zone failed to analyse this file: ${(e as Error).message}` }];
      }
      this.send(uri, doc.version, diagnostics);
    }
    this.lastAnalysisMs = performance.now() - started;
  }

  /** A read in turns of a version edited since (ZoneStore.detach) is published for its version
   *  when the document's next analysis is a whole read again (its $GENERATE line typed in):
   *  typed in without pause, the document still gets diagnostics, each a read behind the typing.
   *  Not after a newer version's (the worker's check may have been first). */
  private publishOlder(uri: string, a: Analysis): void {
    const doc = this.store.docs.get(uri);
    if (!doc || a.version === doc.version || a.version <= (this.published.get(uri) ?? -Infinity)) return;
    if (a.settingsKey !== settingsKeyOf(this.store.settingsFor(uri)) || !this.store.longAnalysisAhead(uri)) return;
    this.send(uri, a.version, diagnosticsOf(a.zone, a.findings, uri, this.store.settingsFor(uri).problemLimit));
  }

  private send(uri: string, version: number, diagnostics: readonly Diagnostic[]): void {
    this.published.set(uri, version);
    const all = [...diagnostics];
    const note = otherIncludesNote(this.store, uri);
    if (note) all.unshift(note);
    for (const list of this.extra.get(uri)?.values() ?? []) for (const d of list) all.push(d);
    void this.connection.sendDiagnostics({ uri, version, diagnostics: all });
  }
}
