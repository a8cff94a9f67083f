// Findings silenced in the zone file itself: `; dane-zone: ignore=<id>,…` at the end of an
// entry or on the comment lines directly above it silences those checks on that entry;
// `; dane-zone: ignore-file=<id>,…` on a comment line of its own (at the top, by custom), in the
// whole file. Unlike the daneZone.rules setting and `--rule`, the choice travels with the zone,
// so the editor and a CI run of `dane-zone check` agree. Findings of a zone BIND or Knot refuse
// to load are never silenced. The parser reads the comments (zone.ignores); this module reads
// only the lines of comment blocks below them. Also the quick-fixes that write such comments.
// No I/O.
import type { IgnoreNote, Severity, SourceFile, Zone } from '../zone/model';
import type { Entry } from '../zone/syntax';
import { entryLine } from '../zone/line-blocks';
import { absRange } from '../zone/locate';
import { commentOnlyAt, lineOf } from '../zone/ignore-comment';
import type { Finding, QuickFix, TextEditSpec } from './rule';
import { PARSE_PROBLEM_CODES, RULES } from './registry';

/** Problems and rules whose findings mean BIND or Knot refuse the zone, or dane-zone failed:
 *  never silenced. */
const NOT_IGNORABLE = new Set([...PARSE_PROBLEM_CODES.filter((p) => p.severity === 'error').map((p) => p.id), ...RULES.filter((r) => r.loadRefused === true).map((r) => r.id)]);
/** Codes whose findings are refusals when they are errors: reading problems that are mostly
 *  warnings (ttl-missing where BIND refuses the zone), rules with loadRefused 'errors'. */
const NOT_IGNORABLE_ERRORS = new Set([...PARSE_PROBLEM_CODES.map((p) => p.id), ...RULES.filter((r) => r.loadRefused === 'errors').map((r) => r.id)]);
const KNOWN = new Set([...RULES.map((r) => r.id), ...PARSE_PROBLEM_CODES.map((p) => p.id)]);

/** Why `id` cannot be named in an ignore comment, or undefined when it can (ParseOptions.ignorable). */
export function whyNotIgnorable(id: string): string | undefined {
  if (!KNOWN.has(id)) return `'${id}' is not a dane-zone check: this ignore comment ignores nothing by that name (the ids are in the README's rule table, and in each problem's code)`;
  if (NOT_IGNORABLE.has(id)) return `'${id}' cannot be ignored: BIND or Knot refuses a zone with it (or dane-zone failed on it); correct the zone`;
  return undefined;
}

/** Whether findings of `id` can be silenced by an ignore comment; with `severity`, whether this
 *  finding can. */
export function canIgnore(id: string, severity?: string): boolean {
  return KNOWN.has(id) && !NOT_IGNORABLE.has(id) && !(severity === 'error' && NOT_IGNORABLE_ERRORS.has(id));
}

/** The first line of the entry a comment line speaks of: the first line below its block of
 *  comment lines, unless that is blank or the file ends. `known` keeps the answer for every line
 *  of a block walked, so a block of many ignore comments is walked once. */
function entryBelow(file: SourceFile, line: number, known = new Map<number, number | undefined>()): number | undefined {
  if (known.has(line)) return known.get(line);
  const walked: number[] = [];
  let found: number | undefined;
  for (let n = line + 1; ; n++) {
    if (known.has(n)) { found = known.get(n); break; }
    const text = lineOf(file, n);
    if (text === undefined || text.trim() === '') break;
    if (commentOnlyAt(text) < 0) { found = n; break; }
    walked.push(n);
  }
  known.set(line, found);
  for (const n of walked) known.set(n, found);
  return found;
}

interface Silenced {
  /** ids silenced in the whole file */
  wide: Set<string>;
  /** ids silenced on the entry starting at a line */
  at: Map<number, Set<string>>;
  /** entryBelow's answers for this file */
  below: Map<number, number | undefined>;
}

/** What the zone's ignore comments silence, by file. */
function silencedByFile(zone: Zone): Map<SourceFile, Silenced> {
  const out = new Map<SourceFile, Silenced>();
  for (const n of zone.ignores) {
    if (n.comment.malformed || (n.comment.fileWide && !n.commentOnly)) continue;
    const file = n.loc.file;
    let s = out.get(file);
    if (!s) out.set(file, (s = { wide: new Set(), at: new Map(), below: new Map() }));
    let ids: Set<string> | undefined;
    if (n.comment.fileWide) ids = s.wide;
    else {
      const line = n.commentOnly ? entryBelow(file, entryLine(n.loc.entry), s.below) : entryLine(n.loc.entry);
      if (line === undefined) continue;
      ids = s.at.get(line);
      if (!ids) s.at.set(line, (ids = new Set()));
    }
    for (const x of n.comment.ids) ids.add(x.id);
  }
  return out;
}

/** `findings` without those an ignore comment of the zone silences. A zone without ignore
 *  comments (most) costs nothing; one with them, a map lookup per finding. Errors that stop a
 *  zone loading stay, also when a code that is mostly a warning is one (ttl-missing where BIND
 *  refuses the zone, ds-digest-type 0). */
export function withoutIgnored(zone: Zone, findings: Finding[]): Finding[] {
  if (!zone.ignores.length) return findings;
  const silenced = silencedByFile(zone);
  return findings.filter((f) => {
    if (!canIgnore(f.ruleId, f.severity)) return true;
    const s = silenced.get(f.loc.file);
    if (!s) return true;
    if (s.wide.has(f.ruleId)) return false;
    let line = entryLine(f.loc.entry);
    // a finding on a comment line (a record's `cert=` link) speaks of the entry below it
    if (commentOnlyAt(lineOf(f.loc.file, line) ?? '') >= 0) line = entryBelow(f.loc.file, line, s.below) ?? line;
    return !s.at.get(line)?.has(f.ruleId);
  });
}

const PROBLEM_CODES = new Set(PARSE_PROBLEM_CODES.map((p) => p.id));
const DIRECTIVE_AT = /^\$(INCLUDE|ORIGIN|TTL)(?![^\s;])/i;

/** Why an `ignore=` comment on lines of its own silences nothing where it is, or undefined. */
function strayBecause(n: IgnoreNote, below: Map<number, number | undefined>): string | undefined {
  const file = n.loc.file;
  const line = entryBelow(file, entryLine(n.loc.entry), below);
  if (line === undefined) return 'a blank line or the end of the file comes before any record (an ignore comment on a line of its own speaks for the entry directly below its comment lines): remove the blank line, or move the comment';
  const directive = DIRECTIVE_AT.exec(lineOf(file, line) ?? '')?.[1]?.toUpperCase();
  if (directive === 'INCLUDE') return "it stands above an $INCLUDE line, which has no findings of its own (those shown there are the included file's): silence them with an ignore comment in that file";
  // a $TTL or $ORIGIN line has reading problems of its own, and no rule findings
  if (directive && n.comment.ids.some((x) => !PROBLEM_CODES.has(x.id))) return `it stands above a $${directive} line, which holds no record, and rule findings are on records: put the comment directly above the record it is for`;
  return undefined;
}

/** `ignore-invalid` warnings for `ignore=` comments of their own lines that speak for no entry
 *  (a blank line or the file's end below them) or for a directive: they would silence nothing,
 *  silently. Read from the comments and the lines now, so an edit below one is seen at once. */
export function strayIgnoreFindings(zone: Zone, severity: Severity | 'off' = 'warning'): Finding[] {
  if (!zone.ignores.length || severity === 'off') return [];
  const below = new Map<SourceFile, Map<number, number | undefined>>();
  const out: Finding[] = [];
  for (const n of zone.ignores) {
    if (!n.commentOnly || n.comment.fileWide || n.comment.malformed) continue;
    let known = below.get(n.loc.file);
    if (!known) below.set(n.loc.file, (known = new Map()));
    const why = strayBecause(n, known);
    if (why) out.push({ ruleId: 'ignore-invalid', severity, message: `this ignore comment ignores nothing: ${why}`, loc: n.loc });
  }
  return out;
}

/** An ignore comment already written, and where a new id goes in it. */
interface Written { line: number; col: number }

const writtenAt = (n: IgnoreNote): Written => {
  const r = absRange(n.loc);
  return { line: r.startLine, col: r.startCol + n.comment.listEnd };
};

/** "Ignore <id> here" and "Ignore <id> in this file": an id added to an ignore comment already
 *  there, else a new comment line (above the comment lines over the entry, so that a
 *  `cert=` link stays directly above its record; at the top of the file). */
export function ignoreFixes(zone: Zone, file: SourceFile, entry: Entry, id: string): QuickFix[] {
  const first = entryLine(entry);
  const edit = (line: number, col: number, newText: string): TextEditSpec[] => [{ file: file.id, range: { startLine: line, startCol: col, endLine: line, endCol: col }, newText }];
  const mine = zone.ignores.filter((n) => n.loc.file === file && !n.comment.malformed);
  // a finding on a comment line (a `cert=` link) is the entry's below it, as withoutIgnored has it
  const target = commentOnlyAt(lineOf(file, first) ?? '') >= 0 ? entryBelow(file, first) ?? first : first;
  const here = mine.find((n) => !n.comment.fileWide && (n.commentOnly ? entryBelow(file, entryLine(n.loc.entry)) === target : entryLine(n.loc.entry) === target));
  const wide = mine.find((n) => n.comment.fileWide && n.commentOnly);
  let top = first;
  while (top > 0 && commentOnlyAt(lineOf(file, top - 1) ?? '') >= 0) top--;
  // a new first line goes after a byte order mark, which must stay the file's first character
  const bom = lineOf(file, 0)?.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = (n: IgnoreNote | undefined, line: number, text: string): TextEditSpec[] => {
    if (!n) return edit(line, line === 0 ? bom : 0, text);
    const w = writtenAt(n);
    return edit(w.line, w.col, `,${id}`);
  };
  return [
    { title: `Ignore ${id} here (dane-zone: ignore comment)`, edits: at(here, top, `; dane-zone: ignore=${id}\n`) },
    { title: `Ignore ${id} in this file (dane-zone: ignore-file comment)`, edits: at(wide, 0, `; dane-zone: ignore-file=${id}\n`) },
  ];
}
