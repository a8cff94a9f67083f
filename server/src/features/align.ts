// Column alignment of records' heads and single-line records: owner, TTL, class, type, RDATA and a
// trailing comment each start in their own column (the comment's unless the line reaches past
// COMMENT_CAP: it then follows the RDATA with one blank). Works on the tokens' raw text
// only (never re-spells a value), so the records read back the same. Pure.

export interface Row {
  /** owner as written; '' when inherited (the line must then start with blanks) */
  owner: string;
  ttl?: string;
  cls?: string;
  type: string;
  /** RDATA tokens as written */
  rdata: string[];
  /** trailing comment, raw, with its ';' */
  comment?: string;
  /** set for an entry with parentheses after the type: the column its first RDATA token starts
   *  at on the first line; `rdata` is then that line from there on, as written */
  rawFrom?: number;
}

/** Owners longer than this do not widen the owner column for everyone (format.ts measures). */
export const OWNER_CAP = 32;

/** Lines whose RDATA ends past this column do not push everyone's trailing comments right: a
 *  long TLSA digest or DKIM key would put them out of sight (format.ts measures). */
export const COMMENT_CAP = 80;

export interface Widths {
  owner: number;
  ttl: number;
  cls: number;
  type: number;
  /** the visual column trailing comments start at; 0: none, each follows its RDATA after a blank */
  comment: number;
}

/** How the editor indents (LSP FormattingOptions): columns are then padded with tabs to tab
 *  stops `tabSize` apart, else with spaces. */
export interface IndentStyle {
  tabSize: number;
  useTabs: boolean;
}

export const SPACES: IndentStyle = { tabSize: 8, useTabs: false };

/** Blanks from visual column `at` to column `to` (a tab stop when padding with tabs). */
function pad(at: number, to: number, style: IndentStyle): string {
  if (!style.useTabs) return ' '.repeat(to - at);
  return '\t'.repeat((to - Math.floor(at / style.tabSize) * style.tabSize) / style.tabSize);
}

/** Where a column `width` wide, starting at `from`, ends: one blank after its widest text, at
 *  the next tab stop when padding with tabs (columns then start at tab stops). */
function columnEnd(from: number, width: number, style: IndentStyle): number {
  const end = from + width + 1;
  return style.useTabs ? Math.ceil(end / style.tabSize) * style.tabSize : end;
}

/** The visual column a record's RDATA starts at when its owner fits its column. */
function dataColumn(w: Widths, style: IndentStyle): number {
  let col = columnEnd(0, Math.max(w.owner, 1), style);
  if (w.ttl) col = columnEnd(col, w.ttl, style);
  if (w.cls) col = columnEnd(col, w.cls, style);
  return columnEnd(col, w.type, style);
}

/** The column trailing comments start at when the widest commented RDATA is `rdataWidth`
 *  columns wide: one blank past it, at the next tab stop when padding with tabs; 0 when that
 *  is past COMMENT_CAP. */
export function commentColumn(w: Widths, rdataWidth: number, style: IndentStyle): number {
  const at = columnEnd(dataColumn(w, style), rdataWidth, style);
  return at <= COMMENT_CAP ? at : 0;
}

/** One aligned line. An inherited owner keeps the line starting with blanks. */
export function alignRow(r: Row, w: Widths, style: IndentStyle = SPACES): string {
  // a column nobody uses takes no room; a used column is followed by one blank at least
  let line = '';
  let col = 0; // the visual column the line has reached
  const put = (text: string, width: number): void => {
    // a text wider than its column (an owner past OWNER_CAP) pushes the rest on
    const past = col + text.length;
    const end = Math.max(columnEnd(col, width, style), style.useTabs ? (Math.floor(past / style.tabSize) + 1) * style.tabSize : past + 1);
    line += text + pad(past, end, style);
    col = end;
  };
  put(r.owner, Math.max(w.owner, r.owner ? 0 : 1));
  if (w.ttl) put(r.ttl ?? '', w.ttl);
  if (w.cls) put(r.cls ?? '', w.cls);
  const last = r.rdata.length ? r.rdata.join(' ') : r.type;
  if (r.rdata.length) put(r.type, w.type);
  line += last;
  col += last.length;
  // a line reaching the comment column (too long to set it, or an owner past OWNER_CAP)
  // keeps its comment one blank after it
  if (r.comment) line += (w.comment > col ? pad(col, w.comment, style) : ' ') + r.comment;
  return line;
}
