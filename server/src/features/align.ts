// Column alignment of records' heads and single-line records: owner, TTL, class, type, RDATA and a
// trailing comment each start in their own column. Works on the tokens' raw text
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

export interface Widths {
  owner: number;
  ttl: number;
  cls: number;
  type: number;
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
  if (r.rdata.length) {
    put(r.type, w.type);
    line += r.rdata.join(' ');
  } else line += r.type;
  if (r.comment) line += ` ${r.comment}`;
  return line;
}
