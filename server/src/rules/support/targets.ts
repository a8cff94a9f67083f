// The host names that MX, NS and SRV records point at, and where they are
// written. Shared by the target rules and the go-to-definition feature.
import type { Loc, ZoneRecord } from '../../zone/model';

export { TARGET_FIELD, targetName } from '../../zone/targets';
import { TARGET_FIELD } from '../../zone/targets';

/** Where the target is written (the RDATA when the record is generic or generated). */
export function targetLoc(rec: ZoneRecord): Loc {
  const i = TARGET_FIELD[rec.type];
  return (i !== undefined ? rec.fields[i]?.loc : undefined) ?? rec.rdataLoc;
}
