// Folding ranges: entries that span lines (parenthesised blocks) and runs of
// two or more comment-only lines. Pure; 0-based lines.
import type { Entry, Zone } from '../zone/api';
import { entryLine, isBlank, runToEnd } from '../zone/api';

export interface Fold {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

/** The folding ranges in document order, at most `limit` (an editor shows so many: VS Code 5000). */
export function foldingRanges(zone: Zone, limit = Infinity): Fold[] {
  return runToEnd(foldingRangesInSlices(zone, limit, Infinity));
}

/** foldingRanges in slices of `entriesPerSlice` entries, yielding how far it is (0 to 1): editors
 *  ask again after each pause in typing, and a million entries take tens of milliseconds. */
export function* foldingRangesInSlices(zone: Zone, limit: number, entriesPerSlice: number): Generator<number, Fold[]> {
  const folds = new Folds(zone, limit);
  const n = zone.file.entries.length;
  for (let i = 0; i < n && folds.add(i, Math.min(n, i + entriesPerSlice)); i += entriesPerSlice) {
    if (i + entriesPerSlice < n) yield (i + entriesPerSlice) / n;
  }
  return folds.finish();
}

/** The folds found entry by entry (a class: its loop runs outside the generator, which V8
 *  would not optimise). */
class Folds {
  private readonly out: Fold[] = [];
  private readonly entries: readonly Entry[];
  private readonly lines: readonly string[];
  private commentStart = -1;
  private commentEnd = -1;

  constructor(zone: Zone, private readonly limit: number) {
    this.entries = zone.file.entries;
    this.lines = zone.file.lines;
  }

  /** Adds the folds of entries [from, to); false once the limit is reached. */
  add(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (this.out.length >= this.limit) return false;
      const e = this.entries[i];
      const line = entryLine(e);
      if (e.lineCount > 1) {
        this.flush();
        this.out.push({ startLine: line, endLine: line + e.lineCount - 1, kind: 'region' });
        continue;
      }
      // a one-line entry whose first non-blank is ';' is a comment and nothing else (the lexer
      // reads the rest of the line into it): no re-lex, no trimmed copy of the line
      if (startsWithComment(this.lines[line] ?? '')) {
        if (this.commentStart < 0) this.commentStart = line;
        this.commentEnd = line;
        continue;
      }
      this.flush();
    }
    return this.out.length < this.limit;
  }

  finish(): Fold[] {
    this.flush();
    return this.out.slice(0, this.limit);
  }

  private flush(): void {
    if (this.commentStart >= 0 && this.commentEnd > this.commentStart) this.out.push({ startLine: this.commentStart, endLine: this.commentEnd, kind: 'comment' });
    this.commentStart = -1;
  }
}

const SEMI = 59;

/** True when the first character after the lexer's blanks is ';'. */
function startsWithComment(line: string): boolean {
  let i = 0;
  while (isBlank(line.charCodeAt(i))) i++;
  return line.charCodeAt(i) === SEMI;
}
