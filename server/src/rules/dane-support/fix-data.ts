// Fix payloads of the DANE rules: the rule computes the edits while it has the
// certificate at hand and stores them in Finding.data; `fixes(data)` only
// re-validates and returns them (the code-action handler keeps no cache).
import type { QuickFix, TextEditSpec } from '../rule';
import type { Loc } from '../../zone/model';
import { locRange } from './loc-range';

export interface FixData {
  fixes: QuickFix[];
  /** the host of a single-record RRset (its "Add next-key 3 1 1 from …" fix runs NEXT_KEY_COMMAND) */
  nextKey?: { file: string; host: string };
}

/** Client command (the editor's "Generate TLSA record from certificate…") run with
 *  `{ uri, host }` so it only asks for the certificate file, then calls daneZone/generateTlsa. */
export const NEXT_KEY_COMMAND = 'daneZone.generateTlsa';

const isEdit = (e: unknown): e is TextEditSpec => {
  const x = e as TextEditSpec;
  return !!x && typeof x.file === 'string' && typeof x.newText === 'string' && !!x.range &&
    ['startLine', 'startCol', 'endLine', 'endCol'].every((k) => Number.isInteger((x.range as unknown as Record<string, unknown>)[k]));
};

/** The quick-fixes stored in a finding's data (malformed entries dropped). */
export function fixesFromData(data: unknown): QuickFix[] {
  const fixes = (data as FixData | undefined)?.fixes;
  if (!Array.isArray(fixes)) return [];
  return fixes.filter((f): f is QuickFix => !!f && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every(isEdit) &&
    (f.command === undefined || typeof f.command.command === 'string'));
}

/** The preferred fix that writes `newText` over what `loc` covers (one token, as written). */
export function rewriteFix(title: string, loc: Loc, newText: string): QuickFix {
  return { title, preferred: true, edits: [{ file: loc.file.id, range: locRange(loc), newText }] };
}
