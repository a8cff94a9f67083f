// Findings silenced in the zone file itself: `; dane-zone: ignore=<id>,…` at the end of an
// entry or on the comment lines directly above it silences those checks on that entry;
// `; dane-zone: ignore-file=<id>,…` among the comment lines at the top of a file, in the whole
// file. Unlike the daneZone.rules setting and `--rule`, the choice travels with the zone, so the
// editor and a CI run of `dane-zone check` agree. Errors that stop a zone loading cannot be
// silenced. Also the quick-fixes that write such comments. Reads the text; no I/O.
import type { SourceFile } from '../zone/model';
import { TokKind, type Entry } from '../zone/syntax';
import { entryLine } from '../zone/line-blocks';
import { entryTokens } from '../zone/locate';
import { commentOnlyAt, headEnd, isIgnoreComment, lineOf, LOOK_UP_LINES, readIgnoreComment } from '../zone/ignore-comment';
import type { Finding, QuickFix, TextEditSpec } from './rule';
import { PARSE_PROBLEM_CODES, RULES } from './registry';

/** Problems that mean BIND and Knot refuse the zone, or dane-zone failed: never silenced. */
const NOT_IGNORABLE = new Set(PARSE_PROBLEM_CODES.filter((p) => p.severity === 'error').map((p) => p.id));
const KNOWN = new Set([...RULES.map((r) => r.id), ...PARSE_PROBLEM_CODES.map((p) => p.id)]);

/** Why `id` cannot be named in an ignore comment, or undefined when it can (ParseOptions.ignorable). */
export function whyNotIgnorable(id: string): string | undefined {
  if (!KNOWN.has(id)) return `'${id}' is not a dane-zone check: this ignore comment ignores nothing by that name (the ids are in the README's rule table, and in each problem's code)`;
  if (NOT_IGNORABLE.has(id)) return `'${id}' cannot be ignored: BIND and Knot refuse a zone with such an error (or dane-zone failed on it)`;
  return undefined;
}

/** Whether findings of `id` can be silenced by an ignore comment. */
export function canIgnore(id: string): boolean {
  return KNOWN.has(id) && !NOT_IGNORABLE.has(id);
}

/** The ids an ignore comment at the top of `file` silences in the whole file. */
function fileWideIds(file: SourceFile): Set<string> {
  const ids = new Set<string>();
  const end = headEnd(file);
  for (let n = 0; n < end; n++) {
    const line = lineOf(file, n)!;
    const at = commentOnlyAt(line);
    if (at < 0) continue;
    const r = readIgnoreComment(line.slice(at));
    if (r?.fileWide) for (const x of r.ids) ids.add(x.id);
  }
  return ids;
}

/** The ids the ignore comments of an entry (its own, and those directly above it) silence there. */
function entryIds(file: SourceFile, entry: Entry): Set<string> | undefined {
  let ids: Set<string> | undefined;
  const add = (text: string): void => {
    const r = readIgnoreComment(text);
    if (r && !r.fileWide) for (const x of r.ids) (ids ??= new Set()).add(x.id);
  };
  const first = entryLine(entry);
  // the entry's own comments, lexed only when a line has the marker (a ';' in quotes is no comment)
  for (let n = first; n < first + entry.lineCount; n++) {
    if (!lineOf(file, n)?.includes('dane-zone:')) continue;
    for (const t of entryTokens(file, entry)) if (t.kind === TokKind.Comment && isIgnoreComment(t.text)) add(t.text);
    break;
  }
  for (let n = first - 1; n >= 0 && first - n <= LOOK_UP_LINES; n--) {
    const line = lineOf(file, n)!;
    const at = commentOnlyAt(line);
    if (at < 0) break;
    if (line.includes('dane-zone:')) add(line.slice(at));
  }
  return ids;
}

/** `findings` without those an ignore comment silences. A zone without ignore comments costs a
 *  look at the lines of each finding's entry and the line above it. */
export function withoutIgnored(findings: readonly Finding[]): Finding[] {
  const byFile = new Map<SourceFile, { wide: Set<string>; entries: Map<number, Set<string> | undefined> }>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (NOT_IGNORABLE.has(f.ruleId)) { out.push(f); continue; }
    const file = f.loc.file;
    let known = byFile.get(file);
    if (!known) byFile.set(file, (known = { wide: fileWideIds(file), entries: new Map() }));
    if (known.wide.has(f.ruleId)) continue;
    const line = entryLine(f.loc.entry);
    let ids = known.entries.get(line);
    if (ids === undefined && !known.entries.has(line)) known.entries.set(line, (ids = entryIds(file, f.loc.entry)));
    if (ids?.has(f.ruleId)) continue;
    out.push(f);
  }
  return out;
}

/** An ignore comment already written, and where a new id goes in it. */
interface Written { line: number; col: number }

function writtenIn(text: string, line: number, col: number, fileWide: boolean): Written | undefined {
  const r = readIgnoreComment(text);
  return r && !r.malformed && r.fileWide === fileWide ? { line, col: col + r.listEnd } : undefined;
}

/** "Ignore <id> here" and "Ignore <id> in this file": an id added to an ignore comment already
 *  there, else a new comment line (above the comment lines over the entry, so that a
 *  `cert=` link stays directly above its record; at the top of the file). */
export function ignoreFixes(file: SourceFile, entry: Entry, id: string): QuickFix[] {
  const first = entryLine(entry);
  const edit = (line: number, col: number, newText: string): TextEditSpec[] => [{ file: file.id, range: { startLine: line, startCol: col, endLine: line, endCol: col }, newText }];
  let here: Written | undefined;
  for (const t of entryTokens(file, entry)) {
    if (t.kind === TokKind.Comment) here ??= writtenIn(t.text, first + t.line, t.start, false);
  }
  let top = first;
  for (let n = first - 1; n >= 0 && first - n <= LOOK_UP_LINES; n--) {
    const line = lineOf(file, n)!;
    const at = commentOnlyAt(line);
    if (at < 0) break;
    here ??= writtenIn(line.slice(at), n, at, false);
    top = n;
  }
  let wide: Written | undefined;
  for (let n = 0, end = headEnd(file); n < end && !wide; n++) {
    const line = lineOf(file, n)!;
    const at = commentOnlyAt(line);
    if (at >= 0) wide = writtenIn(line.slice(at), n, at, true);
  }
  return [
    { title: `Ignore ${id} here (dane-zone: ignore comment)`, edits: here ? edit(here.line, here.col, `,${id}`) : edit(top, 0, `; dane-zone: ignore=${id}\n`) },
    { title: `Ignore ${id} in this file (dane-zone: ignore-file comment)`, edits: wide ? edit(wide.line, wide.col, `,${id}`) : edit(0, 0, `; dane-zone: ignore-file=${id}\n`) },
  ];
}
