// An open zone document as lines, with incremental edits applied line-wise
// (no whole-text rebuild per keystroke on a 65 MB zone). The lines keep no line ends: that is
// exact while every line ends the same way (LF, or CRLF). A document with lone CRs or mixed
// ends (no editor that normalises them sends one, other clients may) keeps its whole text
// instead, and each edit is applied to it: a '\r' typed before a '\n', or a '\n' after a lone
// '\r', joins two line ends into one, which line-wise edits cannot see.
import type { Range } from 'vscode-languageserver/node';
import { generatedIn } from '../zone/generate';
import { splitLines } from '../zone/lexer';

export interface ContentChange {
  range?: Range;
  text: string;
}

/** The first line ending of `text` (LF when it has none). */
export function eolOf(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

type LineEnds = 'none' | 'lf' | 'crlf' | 'mixed';

/** How a text ends its lines: 'none' (one line), 'lf' or 'crlf' throughout, else 'mixed' (lone
 *  CRs, or LF beside CRLF). */
function lineEnds(text: string): LineEnds {
  if (text.indexOf('\r') < 0) return text.indexOf('\n') < 0 ? 'none' : 'lf';
  // every '\r' followed by '\n', and every '\n' preceded by '\r'
  return /\r(?!\n)|(?:^|[^\r])\n/.test(text) ? 'mixed' : 'crlf';
}

/** `list.splice(at, count, ...items)` in place, for any number of items: spread into one call,
 *  130 000 pasted lines overflowed the stack and the edit was lost. */
function spliceLines(list: string[], at: number, count: number, items: readonly string[]): void {
  const CHUNK = 10000;
  if (items.length < CHUNK) {
    list.splice(at, count, ...items);
    return;
  }
  list.splice(at, count);
  for (let k = 0; k < items.length; k += CHUNK) list.splice(at + k, 0, ...items.slice(k, k + CHUNK));
}

export class ZoneDocument {
  lines: string[];
  /** first and last (inclusive, in new coordinates) lines touched since the last analysis */
  dirty: { from: number; to: number } | undefined;
  /** the document's line ending (its first one; LF when it has none): edits the server makes use it */
  eol: string;
  /** the text as opened, until the first edit (lines.join would copy it again) */
  private opened: string | undefined;
  /** how the lines end: not at all yet ('none': one line, as a new file), the same way throughout
   *  ('lf', 'crlf'), or 'mixed', whose text is `exact` */
  private ends: LineEnds;
  /** the whole text of a document whose line ends are mixed (lone CRs, LF beside CRLF) */
  private exact: string | undefined;

  constructor(
    readonly uri: string,
    public version: number,
    text: string,
  ) {
    this.lines = splitLines(text);
    this.dirty = undefined;
    this.eol = eolOf(text);
    this.opened = text;
    this.ends = lineEnds(text);
    this.exact = this.ends === 'mixed' ? text : undefined;
  }

  /** How many records the document's `$GENERATE` lines make (each up to `perLine`), counted
   *  once per version: a short document of a few such lines is as much work as a long one. */
  generatedRecords(perLine: number): number {
    if (this.generatedAt?.version !== this.version) this.generatedAt = { version: this.version, records: generatedIn(this.lines, 0, this.lines.length - 1, perLine) };
    return this.generatedAt.records;
  }

  private generatedAt: { version: number; records: number } | undefined;

  getText(): string {
    return this.exact ?? this.lines.join('\n');
  }

  /** The text as it is now, with its own line ends while unedited (and always where they are mixed). */
  text(): string {
    return this.opened ?? this.getText();
  }

  /** The offset of a position in the whole text (mixed line ends only): lines and characters as
   *  the lines hold them, each line end one or two characters long. */
  private offsetIn(text: string, line: number, character: number): number {
    let at = 0;
    for (let l = 0; l < line; l++) {
      const end = at + this.lines[l].length;
      if (end >= text.length) return text.length;
      at = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    return Math.min(text.length, at + Math.min(character, this.lines[line]?.length ?? 0));
  }

  /** How the lines end once `text` is typed into a document whose lines end as `ends` (not
   *  'mixed'): the first line ends typed into one line decide (a new file that an editor with
   *  CRLF files fills), and text of other ends mixes them. */
  private static endsAfter(ends: Exclude<LineEnds, 'mixed'>, text: string): LineEnds {
    const typed = lineEnds(text);
    return typed === 'none' || typed === ends ? ends : ends === 'none' ? typed : 'mixed';
  }

  apply(changes: readonly ContentChange[], version: number): void {
    this.opened = undefined;
    for (const c of changes) {
      if (!c.range) {
        this.lines = splitLines(c.text);
        this.eol = eolOf(c.text);
        this.ends = lineEnds(c.text);
        this.exact = this.ends === 'mixed' ? c.text : undefined;
        this.dirty = { from: 0, to: this.lines.length - 1 };
        continue;
      }
      if (this.ends !== 'mixed') {
        const ends = ZoneDocument.endsAfter(this.ends, c.text);
        // the first line ends typed decide those of the edits the server makes
        if (this.ends === 'none' && ends !== 'none') this.eol = eolOf(c.text);
        // the edit mixes the line ends: from now on the whole text is kept (rare)
        if (ends === 'mixed') this.exact = this.lines.join(this.ends === 'crlf' ? '\r\n' : '\n');
        this.ends = ends;
      }
      if (this.exact !== undefined) {
        const text = this.exact;
        const a = this.offsetIn(text, c.range.start.line, c.range.start.character);
        const b = Math.max(a, this.offsetIn(text, c.range.end.line, c.range.end.character));
        this.exact = text.slice(0, a) + c.text + text.slice(b);
        const before = this.lines;
        this.lines = splitLines(this.exact);
        this.dirtyBetween(before, this.lines);
        continue;
      }
      const sl = Math.min(c.range.start.line, this.lines.length - 1);
      const el = Math.min(c.range.end.line, this.lines.length - 1);
      const prefix = (this.lines[sl] ?? '').slice(0, c.range.start.character);
      const suffix = (this.lines[el] ?? '').slice(c.range.end.character);
      const repl = splitLines(prefix + c.text + suffix);
      if (repl.length === 1 && el === sl) this.lines[sl] = repl[0];
      else spliceLines(this.lines, sl, el - sl + 1, repl);
      const to = sl + repl.length - 1;
      const shift = repl.length - (el - sl + 1);
      // Map the region dirtied by earlier changes through this one, then widen it.
      const map = (line: number): number => (line > el ? line + shift : line >= sl ? to : line);
      if (!this.dirty) this.dirty = { from: sl, to };
      else this.dirty = { from: Math.min(map(this.dirty.from), sl), to: Math.max(map(this.dirty.to), to) };
    }
    this.version = version;
  }

  /** Marks as dirty the lines of `after` that differ from `before`'s (the lines both start and
   *  end with stay): where an edit of the whole text joined or split line ends. */
  private dirtyBetween(before: readonly string[], after: readonly string[]): void {
    let head = 0;
    while (head < before.length && head < after.length && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    const oldTo = before.length - 1 - tail;
    // at least one line of the old text in the region (as a line-wise edit always has)
    const from = Math.max(0, Math.min(head, oldTo)), to = Math.max(from, after.length - 1 - tail);
    if (!this.dirty) this.dirty = { from, to };
    else {
      // the region dirtied before, mapped through this change as apply() maps it
      const map = (line: number): number => (line > oldTo ? line + (after.length - before.length) : line >= from ? to : line);
      this.dirty = { from: Math.min(map(this.dirty.from), from), to: Math.max(map(this.dirty.to), to) };
    }
  }

  lineAt(line: number): string {
    return this.lines[line] ?? '';
  }
}
