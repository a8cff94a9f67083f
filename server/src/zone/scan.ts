// Whole-file scan into the column store (column-zone.ts), for `dane-zone check` and
// other one-shot reads of a zone. Same reading as parser.ts (it is the reference):
// entries are found over the whole text by offsets, and a plain record (no escapes,
// no lexical or field error, TTL and class resolvable) becomes a row without any
// object kept; every other entry (directives, escapes, anything that reports a
// problem) is handed to parser.ts as it is, with the same carried state.
import type { Zone } from './model';
import { TokKind, type Entry, type Token } from './syntax';
import { lexEach, MAX_ENTRY_LINES, unclosedEntryLines } from './lexer';
import { hostState, parseTopEntry, REPLACEMENT, zoneOrigin, type ParseContext, type ParseOptions, type ParseState } from './parser';
import { NameCache, resolveName } from './names';
import { parseTtl, TTL_MAX } from './ttl';
import { classCodeByName, className, typeCodeByName } from './rr-codes';
import { RR_TYPE_BY_CODE } from './rr-types';
import { readFields, type FieldCursor } from './field-kinds';
import { isIpv4At, isIpv6At } from './ip-text';
import { targetKeyOf } from './targets';
import { ColumnSourceFile, ColumnZone, OWNER_EXPLICIT, TTL_EXPLICIT } from './column-zone';
import { grown } from './name-table';
import { entryLine } from './line-blocks';
import { isIgnoreComment, misspeltCertLink, readCertLink } from './ignore-comment';

const SPACE = 32, TAB = 9, LF = 10, CR = 13, SEMI = 59, QUOTE = 34, LPAR = 40, RPAR = 41, BSLASH = 92, DOLLAR = 36, DOT = 46, AT = 64;

/** A zone file's text: one string, or segments that each end where a line ends (but the last;
 *  never between the '\r' and '\n' of a line end), for a file longer than V8's longest string
 *  (read-zone-file.ts). */
export type ZoneText = string | readonly string[];

/** An entry still open at the end of a segment is read again at the start of the next one,
 *  up to this length; a longer one is an unclosed '(' (parser.ts reports it where it ends). */
const CARRY_MAX = 1 << 20;

/** Reads a whole zone file into a column-stored zone. Never throws; does no I/O. */
export function scanZone(text: ZoneText, opts: ParseOptions): Zone {
  const segments = typeof text === 'string' ? [text] : text;
  const file = new ColumnSourceFile(opts.fileId);
  const zone = new ColumnZone(file, segments.reduce((n, t) => n + t.length, 0));
  const ctx: ParseContext = { opts, zone, stack: [file.id], out: undefined, top: undefined, names: new NameCache(), indexer: zone, topRecords: [], generated: { count: 0 } };
  const state: ParseState = hostState(opts);
  new Scanner(file, zone, ctx, state).run(segments.length ? segments : ['']);
  zone.finish();
  zone.origin = zoneOrigin(zone, opts);
  zone.generatedCount = ctx.generated!.count;
  return zone;
}

/** An origin with what checking relative names against it needs. */
interface ScanOrigin {
  key: string;
  /** its index in the zone's name table (NameTable.addOrigin) */
  index: number;
  /** wire length of the origin, or -1 when names relative to it go to names.ts (none known, or escapes) */
  wire: number;
}

class Scanner {
  /** the segment being read */
  private text = '';
  /** it is the last one */
  private final = true;
  // Data tokens (words and quoted strings) of the entry being read, as offsets.
  private tokStart = new Int32Array(64);
  private tokEnd = new Int32Array(64);
  private quoted = new Uint8Array(64);
  private count = 0;
  /** the entry's last comment, or -1 */
  private commentStart = -1;
  private commentEnd = -1;
  private depth = 0;
  /** the text has a '\r' (lines can end in "\r\n" or "\r"), and the next backslash at or after the line being read */
  private hasCR = false;
  private nextBackslash = -1;
  private nextReplacement = -1;
  /** the entry needs parser.ts: an escape, a lexical error */
  private slow = false;
  // The entry before the current one, for "comment directly above": its comment as
  // offsets (a comment-only entry read here) or as text (one parser.ts read).
  private prevCommentStart = -1;
  private prevCommentEnd = -1;
  private prevComment: string | undefined = undefined;
  private prevLine = -1;
  private prevLines = 0;
  // The last owners looked up (text span and origin, and their name id): an owner is
  // often written again on the next line, and comparing the text beats a table probe.
  private readonly recentStart = new Int32Array(2).fill(-1);
  private readonly recentEnd = new Int32Array(2);
  private readonly recentOrigin = new Int32Array(2);
  private readonly recentId = new Int32Array(2);
  private recentNext = 0;
  // The owner that a line starting with a blank repeats (kept as a name id; the
  // state's strings are written only when parser.ts is about to need them).
  private lastOwner = -1;
  private lastOwnerText: string | undefined = undefined;
  private origin!: ScanOrigin;
  private readonly origins = new Map<string, ScanOrigin>();
  // Tokens for the field parsers, reused from record to record.
  private readonly pool: Token[] = [];
  private readonly words: Token[] = [];
  private readonly cursor: FieldCursor;
  private readonly keep: ReadonlySet<number> | undefined;
  private lastClassText = '';
  private lastClassCode = 1;

  constructor(
    private readonly file: ColumnSourceFile,
    private readonly zone: ColumnZone,
    private readonly ctx: ParseContext,
    private readonly state: ParseState,
  ) {
    this.cursor = { words: this.words, i: 0, origin: '', names: ctx.names };
    this.keep = ctx.opts.keepValues;
    this.useOrigin(state.origin);
  }

  run(segments: readonly string[]): void {
    const file = this.file;
    let line = 0;
    let carried = '';
    for (let s = 0; s < segments.length; s++) {
      const text = carried ? carried + segments[s] : segments[s];
      if (!text && s + 1 < segments.length) continue;
      carried = '';
      this.readFrom(text, s === segments.length - 1);
      let start = 0;
      file.addLine(0);
      while (start >= 0) {
        const entryLine = line;
        const c0 = text.charCodeAt(start);
        const leadingBlank = c0 === SPACE || c0 === TAB;
        this.count = 0;
        this.commentStart = -1;
        this.depth = 0;
        this.slow = false;
        let next = this.nextLine(this.lexLine(start));
        line++;
        if (next >= 0) file.addLine(next);
        // An open parenthesis continues the entry, but not into a directive line nor past
        // MAX_ENTRY_LINES (lexer.ts).
        while (this.depth > 0 && next >= 0 && text.charCodeAt(next) !== DOLLAR && line - entryLine < MAX_ENTRY_LINES) {
          next = this.nextLine(this.lexLine(next));
          line++;
          if (next >= 0) file.addLine(next);
        }
        if (this.depth > 0 && next < 0 && !this.final && text.length - start <= CARRY_MAX) {
          // the entry goes on in the next segment: read it again there, whole
          carried = text.slice(start);
          file.dropLinesFrom(file.lineCount - (line - entryLine));
          file.endSegment(start);
          line = entryLine;
          break;
        }
        if (this.depth > 0) {
          this.slow = true; // unclosed '(': parser.ts reports it
          // it ends where lexer.ts ends it: before a later line that reads as a record
          const keep = unclosedEntryLines((k) => this.lineFrom(file.lineStarts[entryLine + k]), line - entryLine, next >= 0);
          if (keep < line - entryLine) {
            line = entryLine + keep;
            next = file.lineStarts[line];
            file.dropLinesFrom(line + 1);
            this.nextBackslash = -1;
            this.nextReplacement = -1;
          }
        }
        this.entry(entryLine, line - entryLine, leadingBlank);
        start = next;
      }
    }
  }

  /** Starts reading the next segment. Offsets into the one before are not kept past this. */
  private readFrom(text: string, final: boolean): void {
    // the comment above the next entry, as text (its offsets were in the segment before)
    if (this.prevCommentStart >= 0) {
      this.prevComment = this.text.slice(this.prevCommentStart + 1, this.prevCommentEnd).trim();
      this.prevCommentStart = -1;
    }
    this.recentStart.fill(-1);
    this.text = text;
    this.final = final;
    this.hasCR = text.indexOf('\r') >= 0;
    this.nextBackslash = -1;
    this.nextReplacement = -1;
    this.file.beginSegment(text, final);
    this.zone.names.readFrom(text);
  }

  /** Where the line after the one ending at `end` starts, or -1 at the end of the text (in a
   *  segment but the last, its text ends with a line end: the next line is in the next one). */
  private nextLine(end: number): number {
    const text = this.text;
    if (end >= text.length) return -1;
    const next = text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    return next === text.length && !this.final ? -1 : next;
  }

  private isLineEnd(c: number): boolean {
    return c === LF || c === CR;
  }

  /** The line starting at `i`, without its line end. */
  private lineFrom(i: number): string {
    return this.text.slice(i, this.lineEnd(i));
  }

  /** Where the line starting at `i` ends (its '\n' or '\r', or the end of the text). */
  private lineEnd(i: number): number {
    const text = this.text;
    if (!this.hasCR) {
      const e = text.indexOf('\n', i);
      return e < 0 ? text.length : e;
    }
    while (i < text.length && !this.isLineEnd(text.charCodeAt(i))) i++;
    return i;
  }

  /** True when the comment at `i` (its ';') is a `dane-zone:` ignore comment or `cert=` link. */
  private noteCommentAt(i: number, end: number): boolean {
    const text = this.text;
    let j = i + 1;
    while (j < end && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB || text.charCodeAt(j) === SEMI)) j++;
    // most comments end here: the first letter is not the 'd' of 'dane-zone:' (a link spelt
    // 'DANE-ZONE:' is reported as misspelt)
    if ((text.charCodeAt(j) | 0x20) !== 100) return false;
    const comment = text.slice(i, end);
    return isIgnoreComment(comment) || readCertLink(comment) !== undefined || misspeltCertLink(comment) !== undefined;
  }

  /** Reads the tokens of one physical line starting at `i`; returns where its line end is. */
  private lexLine(i: number): number {
    const text = this.text;
    const end = this.lineEnd(i);
    if (this.nextBackslash < i) {
      const b = text.indexOf('\\', i);
      this.nextBackslash = b < 0 ? text.length : b;
    }
    // a line with a backslash sends its entry to parser.ts, but the entry's extent
    // (parentheses outside quotes and escapes) must still be found the same way
    const escaped = this.nextBackslash < end;
    if (escaped) this.slow = true;
    // parser.ts also reports U+FFFD, what bytes that are not UTF-8 were read as
    if (this.nextReplacement < i) {
      const r = text.indexOf(REPLACEMENT, i);
      this.nextReplacement = r < 0 ? text.length : r;
    }
    if (this.nextReplacement < end) this.slow = true;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) { i++; continue; }
      if (c === SEMI) {
        this.commentStart = i;
        this.commentEnd = end;
        // parser.ts reads (and reports) an ignore comment, and notes a certificate link
        if (this.noteCommentAt(i, end)) this.slow = true;
        return end;
      }
      if (c === LPAR) { this.depth++; i++; continue; }
      if (c === RPAR) {
        if (this.depth === 0) this.slow = true; // stray ')'
        else this.depth--;
        i++;
        continue;
      }
      if (escaped) {
        i = this.escapedToken(i, end);
        continue;
      }
      if (c === QUOTE) {
        const q = text.indexOf('"', i + 1);
        if (q < 0 || q >= end) {
          this.slow = true; // unterminated: parser.ts reports it
          this.addToken(i, end, 1);
          return end;
        }
        this.addToken(i, q + 1, 1);
        i = q + 1;
        continue;
      }
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        // A '"' ends a word and opens a quoted string, as in lexer.ts.
        if (d === SPACE || d === TAB || d === SEMI || d === LPAR || d === RPAR || d === QUOTE) break;
        j++;
      }
      this.addToken(i, j, 0);
      i = j;
    }
    return end;
  }

  /** A word or quoted string at `i` on a line with escapes (a backslash takes the next
   *  character along); returns where it ends. */
  private escapedToken(i: number, end: number): number {
    const text = this.text;
    const start = i;
    const quoted = text.charCodeAt(i) === QUOTE;
    if (quoted) i++;
    while (i < end) {
      const d = text.charCodeAt(i);
      if (d === BSLASH) { i += 2; continue; }
      if (quoted) {
        i++;
        if (d === QUOTE) break;
      } else if (d === SPACE || d === TAB || d === SEMI || d === LPAR || d === RPAR || d === QUOTE) break;
      else i++;
    }
    if (i > end) i = end; // a backslash ends the line: it escapes nothing
    this.addToken(start, i, quoted ? 1 : 0);
    return i;
  }

  private addToken(start: number, end: number, quoted: number): void {
    if (this.count === this.tokStart.length) {
      this.tokStart = grown(this.tokStart);
      this.tokEnd = grown(this.tokEnd);
      this.quoted = grown(this.quoted);
    }
    this.tokStart[this.count] = start;
    this.tokEnd[this.count] = end;
    this.quoted[this.count] = quoted;
    this.count++;
  }

  private entry(line: number, lines: number, leadingBlank: boolean): void {
    if (this.slow) return this.viaParser(line, lines);
    if (this.count === 0) {
      this.remember(undefined, line, lines);
      this.prevCommentStart = this.commentStart;
      this.prevCommentEnd = this.commentEnd;
      return;
    }
    if (!leadingBlank && this.quoted[0] === 0 && this.text.charCodeAt(this.tokStart[0]) === DOLLAR) return this.viaParser(line, lines);
    // the record after a $ORIGIN ends that state; parser.ts warns when it repeats the owner
    if (this.state.afterOrigin) {
      if (leadingBlank) return this.viaParser(line, lines);
      this.state.afterOrigin = undefined;
    }
    let done: boolean;
    try {
      done = this.record(line, lines, leadingBlank);
    } catch {
      done = false; // a field parser that throws: parser.ts reports it on the entry
    }
    if (!done) return this.viaParser(line, lines);
    this.remember(undefined, line, lines);
  }

  private remember(comment: string | undefined, line: number, lines: number): void {
    this.prevComment = comment;
    this.prevCommentStart = -1;
    this.prevLine = line;
    this.prevLines = lines;
  }

  /** The previous entry's comment text (only a comment-only entry has one). */
  private previousComment(): string | undefined {
    if (this.prevCommentStart >= 0) return this.text.slice(this.prevCommentStart + 1, this.prevCommentEnd).trim();
    return this.prevComment;
  }

  /** Hands the entry to parser.ts, with the carried state as parser.ts keeps it. */
  private viaParser(line: number, lines: number): void {
    const state = this.state;
    if (this.lastOwner >= 0) {
      const key = this.zone.names.key(this.lastOwner);
      state.lastOwnerKey = key;
      state.lastOwner = this.lastOwnerText ?? key;
    }
    lexEach(this.file.linesAt(line, lines), 0, undefined, (e) => {
      e.lineInBlock += line; // in no block: its line
      const prev = this.prevLine < 0 ? undefined : ({ commentText: this.previousComment(), lineInBlock: this.prevLine, lineCount: this.prevLines } as Entry);
      parseTopEntry(this.file, e, prev, state, this.ctx, false);
      this.remember(e.commentText, entryLine(e), e.lineCount);
    });
    if (state.lastOwnerKey !== undefined) {
      this.lastOwner = this.zone.names.internKey(state.lastOwnerKey);
      this.lastOwnerText = state.lastOwner === state.lastOwnerKey ? undefined : state.lastOwner;
    }
    if (state.origin !== this.origin.key) this.useOrigin(state.origin);
  }

  private useOrigin(key: string): void {
    let o = this.origins.get(key);
    if (!o) {
      const checked = key ? resolveName(key, '') : undefined;
      // names relative to an origin with escapes or beyond ASCII (rare; its length in
      // octets is not its length in characters) are left to names.ts
      const plain = checked?.name !== undefined && key.indexOf('\\') < 0 && !/[^\x00-\x7f]/.test(key);
      o = { key, index: this.zone.names.addOrigin(key), wire: !plain ? -1 : key === '.' ? 1 : key.length + 1 };
      this.origins.set(key, o);
    }
    this.origin = o;
  }

  /** A plain record as a row; false (and nothing changed) when parser.ts must read it. */
  private record(line: number, lines: number, leadingBlank: boolean): boolean {
    const text = this.text;
    const state = this.state;
    const ts = this.tokStart, te = this.tokEnd;
    const n = this.count;
    let k = 0;
    let owner = this.lastOwner;
    let ownerText = this.lastOwnerText;
    if (!leadingBlank) {
      if (this.quoted[0] !== 0) return false;
      owner = this.ownerName(ts[0], te[0]);
      if (owner < 0) return false;
      ownerText = this.ownerText;
      k = 1;
    } else if (owner < 0) return false;
    // TTL and class, in either order (RFC 1035 §5.1)
    let ttl = -1, cls = -1;
    for (let m = 0; m < 2 && k < n; m++) {
      const a = ts[k], b = te[k];
      const c0 = text.charCodeAt(a);
      if (ttl < 0 && c0 >= 48 && c0 <= 57) {
        const v = this.ttlOf(a, b);
        if (v >= 0) { ttl = v; k++; continue; }
      }
      const lc = c0 | 32;
      if (cls < 0 && b - a <= 10 && (lc === 99 || lc === 104 || lc === 105)) {
        const code = this.wordCode(this.classCodes, classCodeByName, a, b);
        if (code >= 0) { cls = code; k++; continue; }
      }
      break;
    }
    if (k >= n) return false;
    const typeIdx = k;
    const typeCode = this.wordCode(this.typeCodes, typeCodeByName, ts[k], te[k]);
    if (typeCode < 0) return false;
    const def = RR_TYPE_BY_CODE.get(typeCode);
    if (!def) return false;
    const keepValues = this.keep === undefined || this.keep.has(typeCode);
    // An address whose value no rule reads in bulk is checked in place: no strings, no
    // value list (most of a big zone's records are A and AAAA).
    if (!keepValues && k + 2 === n && this.quoted[k + 1] === 0 && (typeCode === A ? isIpv4At(text, ts[k + 1], te[k + 1]) : typeCode === AAAA && isIpv6At(text, ts[k + 1], te[k + 1]))) {
      return this.addRow(line, lines, leadingBlank, owner, ownerText, ttl, cls, typeCode, typeIdx, undefined);
    }
    // RDATA: the field parsers of parser.ts, on pooled tokens
    const words = this.words;
    words.length = 0;
    for (let j = k + 1; j < n; j++) words.push(this.token(j - k - 1, ts[j], te[j], this.quoted[j]));
    const cur = this.cursor;
    cur.i = 0;
    cur.origin = state.origin;
    cur.error = undefined;
    const values = readFields(def.fields, cur);
    // a field note (parser.ts reports it) sends the entry to the full parser, as an error does
    if (cur.error || cur.i < words.length || (def.check && def.check(values)) || (def.note && def.note(values))) return false;
    return this.addRow(line, lines, leadingBlank, owner, ownerText, ttl, cls, typeCode, typeIdx, keepValues ? values : undefined, values);
  }

  /** Writes the row of a record whose RDATA is good, when its TTL and class resolve. */
  private addRow(
    line: number, lines: number, leadingBlank: boolean, owner: number, ownerText: string | undefined, ttl: number, cls: number,
    typeCode: number, typeIdx: number, kept: unknown[] | undefined, values?: unknown[],
  ): boolean {
    const state = this.state;
    // TTL: explicit, else $TTL, else the last explicit one; the other cases report (parser.ts)
    let ttlValue: number;
    if (ttl >= 0) {
      if (ttl > TTL_MAX) return false;
      ttlValue = ttl;
    } else if (state.defaultTtl !== undefined) ttlValue = state.defaultTtl;
    else if (state.lastTtl !== undefined) ttlValue = state.lastTtl;
    else return false;
    const klass = cls >= 0 ? className(cls) : (state.lastClass ?? state.zoneClass ?? 'IN');
    if (state.zoneClass && klass !== state.zoneClass) return false;
    // The record is good: carry the state on and write its row.
    if (ttl >= 0) state.lastTtl = ttlValue;
    if (!state.zoneClass) state.zoneClass = klass;
    state.lastClass = klass;
    this.lastOwner = owner;
    this.lastOwnerText = ownerText;
    const zone = this.zone;
    const c = zone.columns;
    const row = c.next();
    c.owner[row] = owner;
    c.type[row] = typeCode;
    c.ttl[row] = ttlValue;
    c.klass[row] = this.classCode(klass);
    c.flags[row] = (leadingBlank ? 0 : OWNER_EXPLICIT) | (ttl >= 0 ? TTL_EXPLICIT : 0);
    c.line[row] = line;
    c.lines[row] = lines;
    c.typeTok[row] = typeIdx;
    c.tokens[row] = this.count;
    c.origin[row] = this.origin.index;
    const target = values === undefined ? undefined : targetKeyOf(typeCode, values);
    c.target[row] = target === undefined ? -1 : zone.names.internKey(target);
    zone.keptValues.push(kept);
    if (ownerText !== undefined) zone.ownerText.set(row, ownerText);
    const adjacent = this.prevLine + this.prevLines === line;
    const aboveStart = adjacent ? this.prevCommentStart : -1;
    if (this.commentStart >= 0 || aboveStart >= 0) zone.addComments(row, this.commentStart, this.commentEnd, aboveStart, this.prevCommentEnd);
    if (adjacent && this.prevComment !== undefined) zone.aboveText.set(row, this.prevComment);
    return true;
  }

  // Type and class words seen so far, by their letters packed into a number (words
  // of up to 4 ASCII letters: A, MX, TXT, AAAA, TLSA, IN ...): no string per record.
  private readonly typeCodes = new Map<number, number>();
  private readonly classCodes = new Map<number, number>();

  /** `lookup` of the word at text[a, b) (typeCodeByName, classCodeByName), -1 when unknown. */
  private wordCode(seen: Map<number, number>, lookup: (word: string) => number | undefined, a: number, b: number): number {
    const text = this.text;
    if (b - a > 4) return lookup(text.slice(a, b)) ?? -1;
    let packed = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128 || c === 0) return lookup(text.slice(a, b)) ?? -1; // packed digits must be 1-127
      packed = packed * 128 + c;
    }
    let code = seen.get(packed);
    if (code === undefined) {
      code = lookup(text.slice(a, b)) ?? -1;
      seen.set(packed, code);
    }
    return code;
  }

  /** parseTtl of the word at text[a, b) (starts with a digit), -1 when it is no TTL. */
  private ttlOf(a: number, b: number): number {
    const text = this.text;
    if (b - a > 10) return parseTtl(text.slice(a, b)) ?? -1;
    let v = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return parseTtl(text.slice(a, b)) ?? -1; // units: 1h30m
      v = v * 10 + (c - 48);
    }
    return v > 0xffffffff ? -1 : v;
  }

  private classCode(klass: string): number {
    if (klass !== this.lastClassText) {
      this.lastClassText = klass;
      this.lastClassCode = classCodeByName(klass) ?? 1;
    }
    return this.lastClassCode;
  }

  private token(i: number, start: number, end: number, quoted: number): Token {
    let t = this.pool[i];
    if (t === undefined) {
      t = { kind: TokKind.Word, line: 0, start: 0, end: 0, text: '' };
      this.pool[i] = t;
    }
    t.kind = quoted ? TokKind.Quoted : TokKind.Word;
    t.text = this.text.slice(start, end);
    // offsets in the text (parser.ts: columns of one line): SvcParams tell 'key="v"' from 'key= "v"'
    t.start = start;
    t.end = end;
    return t;
  }

  /** The owner as written when it differs from its key (upper case), set by ownerName. */
  private ownerText: string | undefined = undefined;

  /** The name id of an owner written at text[a, b), or -1 when parser.ts must read it
   *  (an error to report, or a form this fast path leaves to names.ts). */
  private ownerName(a: number, b: number): number {
    const text = this.text;
    const names = this.zone.names;
    const origin = this.origin;
    this.ownerText = undefined;
    if (b - a === 1) {
      const c = text.charCodeAt(a);
      if (c === AT) return origin.key ? names.internKey(origin.key) : -1;
      if (c === DOT) return names.internKey('.');
    }
    let label = 0, wire = 1, upper = false;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (c === DOT) {
        if (label === 0 || label > 63) return -1;
        wire += label + 1;
        label = 0;
        continue;
      }
      if (c >= 65 && c <= 90) upper = true;
      label++;
    }
    const absolute = label === 0;
    if (!absolute) {
      if (label > 63 || origin.wire < 0) return -1;
      wire += label + 1 + origin.wire - 1;
    }
    if (wire > 255) return -1;
    if (upper) {
      const written = text.slice(a, b);
      this.ownerText = absolute ? written : origin.key === '.' ? written + '.' : written + '.' + origin.key;
    }
    const originIndex = absolute ? -1 : origin.index;
    for (let r = 0; r < 2; r++) {
      if (this.recentOrigin[r] === originIndex && this.recentStart[r] >= 0 && sameLetters(text, this.recentStart[r], this.recentEnd[r], a, b)) return this.recentId[r];
    }
    const id = names.internSpan(a, b, originIndex);
    const r = this.recentNext;
    this.recentNext = r ^ 1;
    this.recentStart[r] = a;
    this.recentEnd[r] = b;
    this.recentOrigin[r] = originIndex;
    this.recentId[r] = id;
    return id;
  }
}

const A = 1, AAAA = 28;

/** True when text[a1, b1) and text[a2, b2) are the same name (ASCII case ignored). */
function sameLetters(text: string, a1: number, b1: number, a2: number, b2: number): boolean {
  if (b1 - a1 !== b2 - a2) return false;
  for (let i = 0; i < b1 - a1; i++) {
    const c = text.charCodeAt(a1 + i), d = text.charCodeAt(a2 + i);
    if (c !== d && ((c | 32) !== (d | 32) || (c | 32) < 97 || (c | 32) > 122)) return false;
  }
  return true;
}

