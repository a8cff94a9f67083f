// Reads `; dane-zone: ignore=<id>[,<id>…] [-- why]` and `; dane-zone: ignore-file=<id>…`
// comments, the way a finding is silenced where it is, for the editor and `dane-zone check`
// alike (ESLint's `eslint-disable-next-line`, ShellCheck's `# shellcheck disable=`). The parser
// reports a badly written one; rules/ignore.ts drops the findings they name. Pure text; no I/O.
import type { SourceFile } from './model';

export interface IgnoredId {
  id: string;
  /** offsets in the comment's text (which starts with ';') */
  start: number;
  end: number;
}

export interface IgnoreComment {
  /** ignore-file: the whole file, else the entry the comment ends or the one below it */
  fileWide: boolean;
  ids: IgnoredId[];
  /** where the id list ends (a new id is written here, after a comma) */
  listEnd: number;
  /** how it is written wrong, when it is; `ids` is then empty */
  malformed?: string;
}

// blanks are spaces and tabs, as the scanner skips them (scan.ts ignoreCommentAt)
const HEAD = /^;[; \t]*dane-zone:[ \t]*ignore(-file)?(?![\w-])/;
const ID = /[A-Za-z0-9][A-Za-z0-9-]*/y;

/** A certificate link, `; dane-zone: cert=<path>`, in a comment's text after its ';' (exact
 *  spelling: scripts outside the project write it): read by cert/link.ts, and by the parser,
 *  which reports an ignore comment that cuts one off its record. */
export const CERT_LINK_RE = /^\s*dane-zone: cert=(.*?)\s*$/;

/** The path of a certificate link in a comment's text (from ';'), '' when it names none;
 *  undefined for any other comment. */
export function readCertLink(text: string): string | undefined {
  return CERT_LINK_RE.exec(text.slice(1))?.[1];
}

// a link spelt otherwise (`;dane-zone:cert=`, `; DANE-ZONE: cert =`): read as a plain comment
const LINK_LIKE = /^;[; \t]*dane-zone[ \t]*:[ \t]*cert[ \t]*=[ \t]*(.*?)\s*$/i;

/** A comment's text (from ';') that looks like a certificate link but is not spelt as one is
 *  read: its path ('' when none). Undefined for a link and for any other comment. */
export function misspeltCertLink(text: string): string | undefined {
  return readCertLink(text) === undefined ? LINK_LIKE.exec(text)?.[1] : undefined;
}

/** True when a comment's text (from ';') is an ignore comment, well written or not. */
export function isIgnoreComment(text: string): boolean {
  return HEAD.test(text);
}

/** The ignore comment a comment token's text (from ';') holds, or undefined for any other comment. */
export function readIgnoreComment(text: string): IgnoreComment | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const fileWide = head[1] !== undefined;
  const form = `write it as '; dane-zone: ${fileWide ? 'ignore-file' : 'ignore'}=<rule-id>[,<rule-id>…]', optionally followed by ' -- why'`;
  let i = skipBlanks(text, head[0].length);
  if (text.charCodeAt(i) !== 61 /* = */) return { fileWide, ids: [], listEnd: i, malformed: `no '=' after '${fileWide ? 'ignore-file' : 'ignore'}': ${form}` };
  i = skipBlanks(text, i + 1);
  const ids: IgnoredId[] = [];
  let listEnd = i;
  for (;;) {
    ID.lastIndex = i;
    const m = ID.exec(text);
    if (!m) return { fileWide, ids: [], listEnd, malformed: `${ids.length ? 'no rule id after a comma' : 'no rule id'}: ${form}` };
    ids.push({ id: m[0].toLowerCase(), start: i, end: i + m[0].length });
    listEnd = i + m[0].length;
    i = skipBlanks(text, listEnd);
    if (text.charCodeAt(i) === 44 /* , */) { i = skipBlanks(text, i + 1); continue; }
    break;
  }
  const rest = text.slice(i).trimEnd();
  if (rest !== '' && !rest.startsWith('--')) return { fileWide, ids: [], listEnd, malformed: `'${rest}' after the rule ids: separate ids with commas, and a reason with ' -- ' (${form})` };
  return { fileWide, ids, listEnd };
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** Line `n` of a file (undefined past its end), from its lines or, column-stored, its text. */
export function lineOf(file: SourceFile, n: number): string | undefined {
  if (n < 0) return undefined;
  return file.linesAt ? file.linesAt(n, 1)[0] : file.lines[n];
}

/** Where the text of a comment-only line starts (its ';'), or -1 for any other line. */
export function commentOnlyAt(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.charCodeAt(i) === 59 /* ; */ ? i : -1;
}
