// Locations: re-lexing an entry on demand and turning token indices into spans,
// and spans into absolute ranges. The one place that computes absolute positions.
import type { AbsRange } from '../rules/rule';
import { lexEach, isDataToken, type TokenPool } from './lexer';
import type { Loc, SourceFile } from './model';
import type { Entry, Span, Token } from './syntax';
import { entryLine } from './line-blocks';

/** The tokens of an entry (its cached tokens, or re-lexed from the file's lines). Do not
 *  change them: the last entry's tokens are kept for the next call, since a record's
 *  locations and text are asked one after the other (an outline asks three times a record). */
export function entryTokens(file: SourceFile, entry: Entry): Token[] {
  if (entry.tokens.length) return entry.tokens;
  if (entry === lastEntry && file === lastFile) return lastTokens;
  lastTokens = relex(file, entry, undefined);
  lastEntry = entry;
  lastFile = file;
  return lastTokens;
}
// An entry object keeps its text for life: an edit makes new entries where text changed
// (incremental.ts), so the tokens kept for one stay right.
let lastEntry: Entry | undefined;
let lastFile: SourceFile | undefined;
let lastTokens: Token[] = [];

/** entryTokens re-lexed into `pool`: the tokens are good until the pool's next use (a pass
 *  over a million entries makes no token objects). */
export function entryTokensInto(pool: TokenPool, file: SourceFile, entry: Entry): Token[] {
  return entry.tokens.length ? entry.tokens : relex(file, entry, pool);
}

/** Re-lexes just this entry, in place: stops where the next entry would start. */
function relex(file: SourceFile, entry: Entry, pool: TokenPool | undefined): Token[] {
  let tokens: Token[] = [];
  const keep = (e: Entry): void => {
    tokens = e.tokens;
  };
  if (file.linesAt) lexEach(file.linesAt(entryLine(entry), entry.lineCount), 0, () => true, keep, pool);
  else lexEach(file.lines, entryLine(entry), () => true, keep, pool);
  return tokens;
}

/** The data tokens (words and quoted strings) of an entry. */
export function dataTokens(file: SourceFile, entry: Entry): Token[] {
  return entryTokens(file, entry).filter(isDataToken);
}

export function spanOf(first: Token, last: Token = first): Span {
  return { line: first.line, start: first.start, endLine: last.line, end: last.end };
}

/** A loc covering data tokens [from, to) of the entry; falls back to the entry start. */
export function locOfTokens(file: SourceFile, entry: Entry, from: number, to: number, toks: Token[] = dataTokens(file, entry)): Loc {
  const a = toks[from];
  const b = toks[Math.max(from, to - 1)] ?? a;
  if (!a) return entryStartLoc(file, entry);
  return { file, entry, span: spanOf(a, b) };
}

/** The whole entry, from its first to its last token. */
export function entryLoc(file: SourceFile, entry: Entry): Loc {
  const toks = entryTokens(file, entry);
  if (!toks.length) return entryStartLoc(file, entry);
  return { file, entry, span: spanOf(toks[0], toks[toks.length - 1]) };
}

export function entryStartLoc(file: SourceFile, entry: Entry): Loc {
  return { file, entry, span: { line: 0, start: 0, endLine: 0, end: 0 } };
}

/** Absolute range of a location (0-based lines, UTF-16 columns). */
export function absRange(loc: Loc): AbsRange {
  const base = entryLine(loc.entry);
  return { startLine: base + loc.span.line, startCol: loc.span.start, endLine: base + loc.span.endLine, endCol: loc.span.end };
}

/** The entry of `file` that covers absolute `line` (every line belongs to one entry), when the
 *  file keeps its entries (the editor's model; a column-stored file keeps none). */
export function entryAtLine(file: SourceFile, line: number): Entry | undefined {
  const es = file.entries;
  let lo = 0;
  let hi = es.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = es[mid];
    if (line < entryLine(e)) hi = mid - 1;
    else if (line >= entryLine(e) + e.lineCount) lo = mid + 1;
    else return e;
  }
  return undefined;
}
