// Where to point a finding inside a record: a field, the TTL token, the type.
// Builds Locs from the entry's tokens (the model keeps no TTL location).
import type { Loc, ZoneRecord } from '../../zone/model';

/** Location of the i-th RDATA field, or the whole RDATA when the record has no such field. */
export function fieldLoc(rec: ZoneRecord, i: number): Loc {
  return rec.fields[i]?.loc ?? rec.rdataLoc;
}

const TTL_TOKEN = /^[0-9]+[0-9smhdw]*$/i;

/** Location of the TTL the record was written with; the type token when the TTL was inherited. */
export function ttlLoc(rec: ZoneRecord): Loc {
  if (!rec.ttlExplicit) return rec.typeLoc;
  const entry = rec.loc.entry;
  const t = rec.typeLoc.span;
  // tokens before the type: owner (if written), TTL and class in either order
  for (const tok of entry.tokens) {
    if (tok.line > t.line || (tok.line === t.line && tok.start >= t.start)) break;
    if (TTL_TOKEN.test(tok.text) && !(rec.ownerExplicit && tok === entry.tokens[0])) {
      return { file: rec.loc.file, entry, span: { line: tok.line, start: tok.start, endLine: tok.line, end: tok.end } };
    }
  }
  return rec.typeLoc;
}

/** The first line of a record's source, for messages ("line 12"). 1-based. */
export function recordLine(rec: ZoneRecord): number {
  return rec.loc.entry.line + rec.loc.span.line + 1;
}
