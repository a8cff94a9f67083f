// Lexer: physical lines -> entries (logical lines joined by parentheses) of tokens.
// Never throws; problems are attached to the entry. Works on a line array so an
// editor edit can re-lex from the entry it touches (see incremental.ts).
import { TokKind, type Entry, type SyntaxProblem, type Token } from './syntax';
import { typeCodeOfText } from './rr-types';
import { parseTtl } from './ttl';

const SPACE = 32, TAB = 9, SEMI = 59, QUOTE = 34, LPAR = 40, RPAR = 41, BSLASH = 92, DOLLAR = 36;

/** Most lines an entry in parentheses spans; past them its '(' counts as unclosed and the next
 *  line starts a new entry. The longest RDATA (65535 bytes) written as hex, 16 bytes a line, takes
 *  4096. Without a bound, one '(' typed mid-zone made the rest of the file one entry: each key
 *  re-read it all, and the ')' that closed it re-read every record after it (1M: seconds). */
export const MAX_ENTRY_LINES = 10_000;

/** Lines as editors count them: \n, \r\n and lone \r end a line. */
export function splitLines(text: string): string[] {
  if (text.indexOf('\r') < 0) return text.split('\n');
  return text.split(/\r\n|\r|\n/);
}

/** The characters that separate tokens (and may start a line whose owner is inherited). */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** A lexed entry plus its open-parenthesis depth at the end (0 for a complete entry). */
interface LexState {
  entry: Entry;
  depth: number;
  /** position of the first unmatched '(' (relative), for the error message */
  openAt?: { line: number; col: number };
  pool: TokenPool | undefined;
}

/**
 * Token objects and one token list, reused from entry to entry by a caller that is
 * done with an entry's tokens when its onEntry returns (a whole-file parse that does
 * not keep tokens): a million entries then leave no token garbage behind.
 */
export class TokenPool {
  private readonly spare: Token[] = [];
  private used = 0;
  readonly list: Token[] = [];

  /** Starts a new entry: every token handed out so far may be reused. */
  reset(): Token[] {
    this.used = 0;
    this.list.length = 0;
    return this.list;
  }

  token(kind: TokKind, line: number, start: number, end: number, text: string): Token {
    if (this.used === this.spare.length) this.spare.push({ kind, line, start, end, text });
    const t = this.spare[this.used++];
    t.kind = kind; t.line = line; t.start = start; t.end = end; t.text = text;
    return t;
  }
}

function addToken(st: LexState, kind: TokKind, line: number, start: number, end: number, text: string): void {
  st.entry.tokens.push(st.pool ? st.pool.token(kind, line, start, end, text) : { kind, line, start, end, text });
}

// Entries without problems share one empty list (a million entries, a million fewer arrays).
const NO_PROBLEMS: SyntaxProblem[] = [];

function addProblem(entry: Entry, p: SyntaxProblem): void {
  if (entry.lexErrors === NO_PROBLEMS) entry.lexErrors = [];
  entry.lexErrors.push(p);
}

function problem(line: number, start: number, end: number, message: string): SyntaxProblem {
  return { span: { line, start, endLine: line, end }, message };
}

/** Adds the tokens of one physical line to the entry being built. */
function lexLine(text: string, rel: number, st: LexState): void {
  const { entry } = st;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) { i++; continue; }
    if (c === SEMI) {
      addToken(st, TokKind.Comment, rel, i, n, text.slice(i));
      return;
    }
    if (c === LPAR) {
      if (st.depth === 0) st.openAt = { line: rel, col: i };
      st.depth++;
      addToken(st, TokKind.Open, rel, i, i + 1, '(');
      i++;
      continue;
    }
    if (c === RPAR) {
      if (st.depth === 0) {
        addProblem(entry, problem(rel, i, i + 1, "unexpected ')': no '(' is open"));
      } else {
        st.depth--;
      }
      addToken(st, TokKind.Close, rel, i, i + 1, ')');
      i++;
      continue;
    }
    const start = i;
    if (c === QUOTE) {
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BSLASH) { i += 2; continue; }
        i++;
        if (d === QUOTE) { closed = true; break; }
      }
      if (i > n) i = n;
      if (!closed) addProblem(entry, problem(rel, start, n, 'unterminated quoted string: expected a closing \'"\' on this line'));
      addToken(st, TokKind.Quoted, rel, start, i, text.slice(start, i));
      continue;
    }
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === BSLASH) { i += 2; continue; }
      // A '"' ends a word and opens a quoted string, as in BIND: TXT a"b" is "a" "b",
      // and a stray quote in an owner (www") is an unterminated string, not part of a name.
      if (isBlank(d) || d === SEMI || d === LPAR || d === RPAR || d === QUOTE) break;
      i++;
    }
    if (i > n) i = n;
    addToken(st, TokKind.Word, rel, start, i, text.slice(start, i));
  }
}

/**
 * Lexes lines[from..] into entries until `stopAt(lineIndex)` says a new entry may
 * start there and returns true (used by incremental re-lexing), or the end.
 * Returns the entries and the line where lexing stopped.
 */
export function lexLines(
  lines: readonly string[],
  from = 0,
  stopAt?: (line: number) => boolean,
): { entries: Entry[]; next: number } {
  const entries: Entry[] = [];
  const next = lexEach(lines, from, stopAt, (e) => { entries.push(e); });
  return { entries, next };
}

/** Like lexLines, but hands each entry to `onEntry` as soon as it is complete, so a
 *  caller can parse it and let its tokens go (a 1M-record file never holds all tokens).
 *  With a pool, the entry's tokens are valid only until onEntry returns. Stops before an
 *  entry that starts where `stopAt` says so or at or after line `until` (a slice's end);
 *  returns the line it stopped at. */
export function lexEach(
  lines: readonly string[],
  from: number,
  stopAt: ((line: number) => boolean) | undefined,
  onEntry: (entry: Entry) => void,
  pool?: TokenPool,
  until = Infinity,
): number {
  let i = from;
  const total = lines.length;
  while (i < total) {
    if (i > from && (i >= until || (stopAt && stopAt(i)))) break;
    const first = lines[i];
    const start = i;
    const entry: Entry = {
      lineInBlock: i,
      lineBlock: undefined,
      lineCount: 1,
      leadingBlank: first.length > 0 && isBlank(first.charCodeAt(0)),
      tokens: pool ? pool.reset() : [],
      lexErrors: NO_PROBLEMS,
      // every field up front: one object shape for all entries (fast property access)
      unclosed: false,
      commentText: undefined,
      out: undefined,
      context: undefined,
      lastOwner: undefined,
      lastOwnerKey: undefined,
      recordCount: 0,
      problems: undefined,
      directives: undefined,
      ignores: undefined,
      certLinks: undefined,
    };
    let st: LexState = { entry, depth: 0, openAt: undefined, pool };
    lexLine(first, 0, st);
    i++;
    while (st.depth > 0 && i < total && i - start < MAX_ENTRY_LINES) {
      const text = lines[i];
      // A directive at the start of a line cannot continue a record: the '(' was
      // never closed. Stop here so one missing ')' costs one diagnostic.
      if (text.charCodeAt(0) === DOLLAR) break;
      lexLine(text, i - start, st);
      i++;
    }
    if (st.depth > 0) {
      const keep = unclosedEntryLines((k) => lines[start + k], i - start, i < total);
      if (keep < i - start) {
        // read again up to the record the ')' was forgotten before
        entry.tokens = pool ? pool.reset() : [];
        entry.lexErrors = NO_PROBLEMS;
        st = { entry, depth: 0, openAt: undefined, pool };
        for (let k = 0; k < keep; k++) lexLine(lines[start + k], k, st);
        i = start + keep;
      }
    }
    entry.lineCount = i - start;
    if (st.depth > 0 && st.openAt) {
      entry.unclosed = true;
      const o = st.openAt;
      addProblem(entry, problem(o.line, o.col, o.col + 1, "unclosed '(': expected ')' before the next entry"));
    }
    onEntry(entry);
  }
  return i;
}

/**
 * How many lines an entry whose '(' is never closed keeps: up to the first of its continuation
 * lines [1, count) that reads as a record of its own, where the ')' was most likely forgotten,
 * or all. BIND reads on and fails there or later ("extra input text"); without the cut, one ')'
 * missing in a signed zone's multi-line RRSIG took every record up to the file's end or
 * MAX_ENTRY_LINES into one broken entry, and their absence showed as phantom findings. Comment
 * lines directly above the entry that follows (`moreBelow`: a directive or MAX_ENTRY_LINES ended
 * the lines read) are that entry's, as an ignore or `cert=` comment over it is. An entry that
 * closes is never cut: its lines are data, whatever they look like. Shared by the scanner
 * (scan.ts), so both readers end the entry at the same line.
 */
export function unclosedEntryLines(lineAt: (k: number) => string, count: number, moreBelow: boolean): number {
  let end = count;
  for (let k = 1; k < count; k++) {
    if (readsAsRecord(lineAt(k))) { end = k; break; }
  }
  if (end < count || moreBelow) while (end > 1 && isCommentLine(lineAt(end - 1))) end--;
  return end;
}

/** A line with nothing but a comment (and blanks before it). */
function isCommentLine(line: string): boolean {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return line.charCodeAt(i) === SEMI;
}

/** Whether the entry starting at line `start`, whose '(' was left open, is closed by a ')' below
 *  it now, within MAX_ENTRY_LINES and before a directive line (an edit below such an entry, in the
 *  editor, re-reads it only then: incremental.ts). Counts parentheses as lexEach does, keeps no token. */
export function closedBelow(lines: readonly string[], start: number): boolean {
  const pool = new TokenPool();
  const entry = { tokens: pool.reset(), lexErrors: NO_PROBLEMS } as unknown as Entry;
  const st: LexState = { entry, depth: 0, openAt: undefined, pool };
  lexLine(lines[start], 0, st);
  for (let i = start + 1; st.depth > 0 && i < lines.length && i - start < MAX_ENTRY_LINES; i++) {
    if (lines[i].charCodeAt(0) === DOLLAR) return false;
    entry.tokens = pool.reset();
    lexLine(lines[i], i - start, st);
  }
  return st.depth === 0;
}

const WORD_END = /[ \t;()"]/;

/** A line that starts a record: an owner at its start (or a blank), then at most a TTL and a
 *  class, a known type, and more on the line. Continuation lines (numbers, base64 or hex chunks,
 *  quoted strings, `key=value`) do not read so. */
function readsAsRecord(line: string): boolean {
  let i = 0;
  let words = 0;
  let owner = line.length > 0 && !isBlank(line.charCodeAt(0));
  for (;;) {
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
    if (i >= line.length) return false;
    const c = line.charCodeAt(i);
    if (c === SEMI || c === QUOTE || c === LPAR || c === RPAR || c === DOLLAR || c === BSLASH) return false;
    let j = i + 1;
    while (j < line.length && !WORD_END.test(line[j])) j++;
    const word = line.slice(i, j);
    i = j;
    if (owner) { owner = false; continue; }
    // (not the cached lookups: these words are mostly base64 and hex)
    if (typeCodeOfText(word) !== undefined) {
      // something after the type: its RDATA (or the '(' that opens it)
      while (i < line.length && isBlank(line.charCodeAt(i))) i++;
      return i < line.length && line.charCodeAt(i) !== SEMI;
    }
    const ttlOrClass = parseTtl(word) !== undefined || /^(IN|CH|HS|CS|CLASS[0-9]+)$/i.test(word);
    if (!ttlOrClass || ++words > 2) return false;
  }
}

/** True when the token carries data (not a parenthesis or comment). */
export function isDataToken(t: Token): boolean {
  return t.kind === TokKind.Word || t.kind === TokKind.Quoted;
}
