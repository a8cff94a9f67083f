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

function cell(text: string, width: number): string {
  // a column nobody uses takes no room; a used column is followed by one blank at least
  if (width === 0) return '';
  return `${text.padEnd(width)} `;
}

/** One aligned line. An inherited owner keeps the line starting with blanks. */
export function alignRow(r: Row, w: Widths): string {
  let line = r.owner ? `${r.owner.padEnd(w.owner)} ` : ' '.repeat(Math.max(w.owner, 1) + 1);
  line += cell(r.ttl ?? '', w.ttl) + cell(r.cls ?? '', w.cls);
  line += r.rdata.length ? `${r.type.padEnd(w.type)} ${r.rdata.join(' ')}` : r.type;
  if (r.comment) line += ` ${r.comment}`;
  return line;
}
