// Where to point a finding inside a record: a field, the TTL token, the type.
// Builds Locs from the entry's tokens (the model keeps no TTL location).
import type { Loc, ZoneRecord } from '../../zone/model';
import { dataTokens } from '../../zone/locate';

/** Location of the i-th RDATA field, or the whole RDATA when the record has no such field. */
export function fieldLoc(rec: ZoneRecord, i: number): Loc {
  return rec.fields[i]?.loc ?? rec.rdataLoc;
}

const TTL_TOKEN = /^[0-9]+[0-9smhdw]*$/i;

/** Location of the TTL the record was written with; the type token when the TTL was inherited. */
export function ttlLoc(rec: ZoneRecord): Loc {
  if (!rec.ttlExplicit || rec.generated) return rec.typeLoc;
  const t = rec.typeLoc.span;
  const toks = dataTokens(rec.file, rec.entry);
  // data tokens before the type: owner (if written), then TTL and class in either order
  for (let i = rec.ownerExplicit ? 1 : 0; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.line > t.line || (tok.line === t.line && tok.start >= t.start)) break;
    if (TTL_TOKEN.test(tok.text)) {
      return { file: rec.file, entry: rec.entry, span: { line: tok.line, start: tok.start, endLine: tok.line, end: tok.end } };
    }
  }
  return rec.typeLoc;
}

/** The first line of a record's source, for messages ("line 12"). 1-based. */
export function recordLine(rec: ZoneRecord): number {
  return rec.entry.line + 1;
}
