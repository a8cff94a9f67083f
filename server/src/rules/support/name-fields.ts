// The domain-name fields of each record type, and the token a name is written as: for the rules
// that read every name of a record (name-origin-repeated, name-not-ascii) and fix it in place.
import type { Loc, ZoneRecord } from '../../zone/model';
import type { Token } from '../../zone/syntax';
import { RR_TYPES } from '../../zone/rr-types';
import { entryTokens } from '../../zone/locate';

/** Types whose names signers write from the zone's own (an RRSIG's signer, an NSEC's next name):
 *  left out, as a signed zone has one per name and a big one would keep their values. */
const SIGNER_WRITTEN = new Set(['RRSIG', 'NSEC']);

/** Type -> indexes of its domain-name fields (the type table's kind 'name'), signer-written
 *  types left out. */
export const NAME_FIELDS: ReadonlyMap<string, readonly number[]> = new Map(
  RR_TYPES.filter((t) => !SIGNER_WRITTEN.has(t.name))
    .map((t) => [t.name, t.fields.flatMap((f, i) => (f.kind === 'name' ? [i] : []))] as const)
    .filter(([, idx]) => idx.length > 0),
);

/** The token a name at `loc` is written as (one token on one line), or undefined: a generated
 *  record's names are the $GENERATE line's. */
export function writtenToken(rec: ZoneRecord, loc: Loc): Token | undefined {
  if (rec.generated) return undefined;
  const span = loc.span;
  return entryTokens(loc.file, loc.entry).find((t) => t.line === span.line && t.start === span.start && t.end === span.end && span.endLine === span.line);
}
