// What is under a cursor: the entry at a line, the data token at a column, and
// which part of a record (owner, TTL, class, type, field i) that token is.
// Shared by hover, completion, navigation and zone info. Pure; reads the model.
import type { Directive, Entry, SourceFile, Token, Zone, ZoneRecord } from '../zone/api';
import { dataTokens, entryAtLine, entryLine, recordsOfTopEntry } from '../zone/api';
import type { Span } from '../zone/syntax';

/** The entry of `file` that covers absolute `line` (every line belongs to one entry). */
export function entryAt(file: SourceFile, line: number): Entry | undefined {
  return entryAtLine(file, line);
}

const byEntryCache = new WeakMap<Zone, Map<Entry, ZoneRecord[]>>();
const directiveCache = new WeakMap<Zone, Map<Entry, Directive>>();

/** Records read from an entry (several for $GENERATE). */
export function recordsOfEntry(zone: Zone, entry: Entry): readonly ZoneRecord[] {
  // The editor's zones keep what each entry produced: no index over every record to build
  // after each edit (the first hover after a keystroke on a 1M-record zone took ~0.8 s).
  // Records an $INCLUDE brought in belong to the included file's entries, not this one.
  if (entry.out) {
    const recs = recordsOfTopEntry(zone, entry);
    return recs.every((r) => r.entry === entry) ? recs : recs.filter((r) => r.entry === entry);
  }
  let m = byEntryCache.get(zone);
  if (!m) {
    m = new Map();
    for (const r of zone.records) {
      const list = m.get(r.entry);
      if (list) list.push(r);
      else m.set(r.entry, [r]);
    }
    byEntryCache.set(zone, m);
  }
  return m.get(entry) ?? [];
}

export function directiveOfEntry(zone: Zone, entry: Entry): Directive | undefined {
  const out = entry.out;
  if (out) return out.directives.find((d) => d.loc.entry === entry);
  let m = directiveCache.get(zone);
  if (!m) {
    m = new Map();
    for (const d of zone.directives) m.set(d.loc.entry, d);
    directiveCache.set(zone, m);
  }
  return m.get(entry);
}

/** Position compare of (relLine, col) pairs. */
function before(l1: number, c1: number, l2: number, c2: number): boolean {
  return l1 < l2 || (l1 === l2 && c1 < c2);
}

/** True when a token lies inside a span (both entry-relative). */
export function tokenInSpan(t: Token, s: Span): boolean {
  return !before(t.line, t.start, s.line, s.start) && !before(s.endLine, s.end, t.line, t.end);
}

export type Part =
  | { part: 'owner' }
  | { part: 'ttl' }
  | { part: 'class' }
  | { part: 'type' }
  | { part: 'field'; index: number };

export interface Hit {
  file: SourceFile;
  entry: Entry;
  /** data tokens of the entry (entry-relative lines) */
  tokens: Token[];
  /** index in `tokens` of the token under the cursor */
  index: number;
  token: Token;
  record?: ZoneRecord;
  where?: Part;
  directive?: Directive;
}

const CLASS_RE = /^(IN|CH|CS|HS|ANY|NONE|CLASS[0-9]+)$/i;

export function isClassToken(text: string): boolean {
  return CLASS_RE.test(text);
}

/** The data token at (line, col) of the zone's own file and what it is. Cursor at a token's end counts. */
export function hitAt(zone: Zone, line: number, col: number): Hit | undefined {
  const file = zone.file;
  const entry = entryAt(file, line);
  if (!entry) return undefined;
  const rel = line - entryLine(entry);
  const tokens = dataTokens(file, entry);
  let index = tokens.findIndex((t) => t.line === rel && t.start <= col && col < t.end);
  if (index < 0) index = tokens.findIndex((t) => t.line === rel && t.end === col);
  if (index < 0) return undefined;
  const token = tokens[index];
  const hit: Hit = { file, entry, tokens, index, token };
  const directive = directiveOfEntry(zone, entry);
  if (directive) {
    hit.directive = directive;
    return hit;
  }
  const recs = recordsOfEntry(zone, entry);
  const rec = recs.find((r) => !r.generated);
  if (!rec) return hit;
  hit.record = rec;
  hit.where = partOf(rec, token);
  return hit;
}

/** Which part of `rec` a token of its entry is. */
export function partOf(rec: ZoneRecord, t: Token): Part | undefined {
  if (rec.ownerExplicit && tokenInSpan(t, rec.ownerLoc.span)) return { part: 'owner' };
  const ts = rec.typeLoc.span;
  if (tokenInSpan(t, ts)) return { part: 'type' };
  if (before(t.line, t.start, ts.line, ts.start)) return isClassToken(t.text) ? { part: 'class' } : { part: 'ttl' };
  const fields = rec.fields;
  for (let i = 0; i < fields.length; i++) if (tokenInSpan(t, fields[i].loc.span)) return { part: 'field', index: i };
  return undefined;
}
