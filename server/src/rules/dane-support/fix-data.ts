// Fix payloads: a rule computes the edits while it has what they need at hand (a certificate,
// the zone's keys) and stores them in Finding.data, anchored to locations; they become ranges
// when the finding is published (settleFixData), and `fixes(data)` only re-validates and returns
// them (the code-action handler keeps no cache).
import type { LocEdit, QuickFix, ReportedFix, TextEditSpec } from '../rule';
import type { Loc } from '../../zone/model';
import { locRange } from './loc-range';

export interface FixData {
  /** as reported (edits at locations), or as published (edits with ranges) */
  fixes: (ReportedFix | QuickFix)[];
  /** where a single-record RRset's "Add next-key 3 1 1 from …" fix (NEXT_KEY_COMMAND) puts the
   *  record: at `_25._tcp.<host>`, or at the RRset's own owner name where senders reach it another
   *  way (a CNAME's target, a wildcard) */
  nextKey?: { file: string; host: string } | { file: string; owner: string };
}

/** Client command (the editor's "Generate TLSA record from certificate…") run with
 *  `{ uri, host }` or `{ uri, owner }` so it only asks for the certificate file, then calls
 *  daneZone/generateTlsa. */
export const NEXT_KEY_COMMAND = 'daneZone.generateTlsa';

const isEdit = (e: unknown): e is TextEditSpec => {
  const x = e as TextEditSpec;
  return !!x && typeof x.file === 'string' && typeof x.newText === 'string' && !!x.range &&
    ['startLine', 'startCol', 'endLine', 'endCol'].every((k) => Number.isInteger((x.range as unknown as Record<string, unknown>)[k]));
};

const isLocEdit = (e: unknown): e is LocEdit => !!e && typeof e === 'object' && 'loc' in e;

/** An edit's range where its location is now. */
function settledEdit(e: LocEdit | TextEditSpec): TextEditSpec {
  if (!isLocEdit(e)) return e;
  const r = locRange(e.loc);
  const range = e.atEnd ? { startLine: r.endLine, startCol: r.endCol, endLine: r.endLine, endCol: r.endCol } : r;
  return { file: e.loc.file.id, range, newText: e.newText };
}

/** A finding's data as it is published: its fixes' edits with the ranges of their locations now
 *  (a new object; the cached finding keeps its locations). Other data is returned as it is. */
export function settleFixData(data: unknown): unknown {
  const d = data as FixData | undefined;
  if (!d || !Array.isArray(d.fixes) || !d.fixes.some((f) => Array.isArray(f?.edits) && f.edits.some(isLocEdit))) return data;
  return { ...d, fixes: d.fixes.map((f) => ({ ...f, edits: Array.isArray(f.edits) ? (f.edits as (LocEdit | TextEditSpec)[]).map(settledEdit) : f.edits })) };
}

/** The quick-fixes stored in a finding's data (malformed entries dropped), their edits settled. */
export function fixesFromData(data: unknown): QuickFix[] {
  const fixes = (settleFixData(data) as FixData | undefined)?.fixes;
  if (!Array.isArray(fixes)) return [];
  return fixes.filter((f): f is QuickFix => !!f && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every(isEdit) &&
    (f.command === undefined || typeof f.command.command === 'string'));
}

/** The preferred fix that writes `newText` over what `loc` covers (one token, as written). */
export function rewriteFix(title: string, loc: Loc, newText: string): ReportedFix {
  return { title, preferred: true, edits: [{ loc, newText }] };
}
