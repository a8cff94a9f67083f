// Small helpers the DANE and mail-policy rules share for locations: absolute
// ranges for fix edits, narrowing a Loc to part of a token, and finding the
// comment tokens of an entry. Pure; no LSP types.
import { TokKind, type Entry, type Token } from '../../zone/syntax';
import type { Loc, SourceFile } from '../../zone/model';
import { absRange, entryTokens } from '../../zone/locate';
import type { AbsRange } from '../rule';

/** Absolute range of a Loc (0-based lines, UTF-16 columns), as fix edits need. */
export function locRange(loc: Loc): AbsRange {
  return absRange(loc);
}

/** A Loc covering columns [from, to) of a single-line Loc (clamped to it). */
export function subLoc(loc: Loc, from: number, to: number): Loc {
  const start = Math.min(loc.span.start + from, loc.span.end);
  const end = loc.span.line === loc.span.endLine ? Math.min(loc.span.start + to, loc.span.end) : loc.span.start + to;
  return { ...loc, span: { line: loc.span.line, start, endLine: loc.span.line, end: Math.max(start, end) } };
}

/** Loc of one token of an entry. */
export function tokenLoc(base: Loc, entry: Entry, t: Token): Loc {
  return { file: base.file, entry, span: { line: t.line, start: t.start, endLine: t.line, end: t.end } };
}

/** Tokens of `entry` that lie inside `loc` (same entry). */
export function tokensIn(loc: Loc): Token[] {
  const s = loc.span;
  return entryTokens(loc.file, loc.entry).filter((t) =>
    (t.line > s.line || (t.line === s.line && t.start >= s.start)) && (t.line < s.endLine || (t.line === s.endLine && t.end <= s.end)));
}

export function commentTokens(file: SourceFile, entry: Entry): Token[] {
  return entryTokens(file, entry).filter((t) => t.kind === TokKind.Comment);
}

/** Replacement text for a record's RDATA range that keeps parentheses balanced:
 *  a multi-line record written `3 1 1 ( ab\n cd )` has an open parenthesis inside the range. */
export function balancedRdata(rdataLoc: Loc, newRdata: string): string {
  let open = 0;
  let close = 0;
  for (const t of tokensIn(rdataLoc)) {
    if (t.kind === TokKind.Open) open++;
    else if (t.kind === TokKind.Close) close++;
  }
  return '( '.repeat(Math.max(0, open - close)) + newRdata + ' )'.repeat(Math.max(0, close - open));
}
