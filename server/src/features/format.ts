// Document formatting: aligns owner/TTL/class/type/RDATA columns of one-line
// records, keeping every token's text as written, so the file means the same
// afterwards (a test re-parses every fixture before and after). A class written
// before the TTL moves after it: same meaning, and the order every peer reads
// (ldns-read-zone refuses class-first). Lines with
// problems, multi-line (parenthesised) entries, directives and comments are left
// as they are. Pure: returns whole-line replacements.
import type { AbsRange } from '../rules/rule';
import type { Entry, Zone, ZoneRecord } from '../zone/api';
import { entryTokens, isDataToken, TokKind } from '../zone/api';
import { alignRow, columnWidths, type Row } from './align';
import { isClassToken, recordsOfEntry } from './locate-at';

export interface LineEdit {
  range: AbsRange;
  newText: string;
}

function rowOf(zone: Zone, entry: Entry, rec: ZoneRecord): Row | undefined {
  const toks = entryTokens(zone.file, entry);
  const data = toks.filter(isDataToken);
  const comments = toks.filter((t) => t.kind === TokKind.Comment);
  if (toks.some((t) => t.kind === TokKind.Open || t.kind === TokKind.Close)) return undefined;
  const typeStart = rec.typeLoc.span.start;
  const typeIdx = data.findIndex((t) => t.start === typeStart);
  if (typeIdx < 0) return undefined;
  const row: Row = { owner: '', type: data[typeIdx].text, rdata: data.slice(typeIdx + 1).map((t) => t.text) };
  let i = 0;
  if (!entry.leadingBlank) row.owner = data[i++].text;
  for (; i < typeIdx; i++) {
    const t = data[i].text;
    if (isClassToken(t)) {
      if (row.cls !== undefined) return undefined;
      row.cls = t;
    } else {
      if (row.ttl !== undefined) return undefined;
      row.ttl = t;
    }
  }
  if (comments.length) row.comment = comments[comments.length - 1].text;
  return row;
}

/** Entries that carry a problem (parse error, bad field): never reformatted. */
function troubled(zone: Zone): Set<Entry> {
  const s = new Set<Entry>();
  for (const p of zone.problems) if (p.loc.file === zone.file) s.add(p.loc.entry);
  return s;
}

export function formatEdits(zone: Zone): LineEdit[] {
  const bad = troubled(zone);
  const rows: { entry: Entry; row: Row }[] = [];
  for (const entry of zone.file.entries) {
    if (entry.lineCount !== 1 || entry.lexErrors.length || bad.has(entry)) continue;
    const recs = recordsOfEntry(zone, entry);
    if (recs.length !== 1 || recs[0].generated || recs[0].file !== zone.file) continue;
    const row = rowOf(zone, entry, recs[0]);
    if (row) rows.push({ entry, row });
  }
  const widths = columnWidths(rows.map((r) => r.row));
  const edits: LineEdit[] = [];
  for (const { entry, row } of rows) {
    const old = zone.file.lines[entry.line] ?? '';
    const next = alignRow(row, widths);
    if (next === old) continue;
    edits.push({ range: { startLine: entry.line, startCol: 0, endLine: entry.line, endCol: old.length }, newText: next });
  }
  return edits;
}

/** Applies line edits to text (for tests and the CLI); edits must not overlap. */
export function applyLineEdits(lines: readonly string[], edits: readonly LineEdit[]): string[] {
  const out = [...lines];
  for (const e of edits) out[e.range.startLine] = e.newText;
  return out;
}
