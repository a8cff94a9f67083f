// Syntax layer types: entries and tokens with positions. No I/O, no LSP types.
// Positions are (line, column) in UTF-16 code units, the unit editors use.
// Token lines are relative to their entry's first line, and an edited document's entries count
// their lines within blocks, so an edit above an entry only moves the blocks after it
// (incremental re-parse, line-blocks.ts).

export const enum TokKind {
  Word = 0, // unquoted text; may contain \X and \DDD escapes (kept raw)
  Quoted = 1, // "..." (raw text includes the quotes)
  Open = 2, // (
  Close = 3, // )
  Comment = 4, // ; to end of line (raw text includes the ;)
}

export interface Token {
  kind: TokKind;
  /** line relative to the entry's first line */
  line: number;
  start: number;
  end: number;
  text: string;
}

/** One logical line of the master file: a directive, a record or blank/comment. */
export interface Entry {
  /** first line (0-based) counted from `lineBlock`'s base, or from the file's start when the entry
   *  is in no block: read and set it with entryLine() and setEntryLine() (line-blocks.ts) */
  lineInBlock: number;
  /** the block of an edited document's entries that this one counts its line from (an edit moves
   *  the blocks after it, not each entry) */
  lineBlock?: import('./line-blocks').LineBlock;
  /** number of physical lines (>= 1) */
  lineCount: number;
  /** true when the first physical line starts with white space (owner omitted) */
  leadingBlank: boolean;
  /** tokens while the entry is being parsed; dropped afterwards to save memory
   *  (entryTokens() in locate.ts re-lexes an entry on demand) */
  tokens: Token[];
  /** lexical problems found in this entry (unterminated quote, stray parenthesis ...) */
  lexErrors: SyntaxProblem[];
  /** true when a '(' was still open where the entry ended (then the next line decides where it ends) */
  unclosed?: boolean;
  /** comment text when the entry is only a comment (links the record below it) */
  commentText?: string;
  /** what the entry produced, in incremental mode (see model.ts): the entry itself, with the
   *  fields below filled in (an object of its own per entry was a million more at 1M records) */
  out?: import('./model').EntryOutput;
  context?: import('./parser').ParseState;
  lastOwner?: string;
  lastOwnerKey?: string;
  recordCount?: number;
  problems?: import('./model').ParseProblem[];
  directives?: import('./model').Directive[];
  ignores?: import('./model').IgnoreNote[];
  certLinks?: import('./model').CertLinkNote[];
}

/** A span inside one entry: relative lines, like tokens. */
export interface Span {
  line: number;
  start: number;
  endLine: number;
  end: number;
}

export interface SyntaxProblem {
  span: Span;
  message: string;
}
