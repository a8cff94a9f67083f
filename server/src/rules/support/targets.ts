// The host names that MX, NS and SRV records point at, and where they are
// written. Shared by the target rules and the go-to-definition feature.
import type { Loc, ZoneRecord } from '../../zone/model';

/** RDATA field index of the target host name, per type. */
export const TARGET_FIELD: Readonly<Record<string, number>> = { MX: 1, NS: 0, SRV: 3, CNAME: 0, DNAME: 0, PTR: 0 };

/** The target name (absolute) of an MX/NS/SRV/CNAME/DNAME/PTR record, when it parsed. */
export function targetName(rec: ZoneRecord): string | undefined {
  const i = TARGET_FIELD[rec.type];
  if (i === undefined) return undefined;
  const v = rec.values[i];
  return typeof v === 'string' ? v : undefined;
}

/** Where the target is written (the RDATA when the record is generic or generated). */
export function targetLoc(rec: ZoneRecord): Loc {
  const i = TARGET_FIELD[rec.type];
  return (i !== undefined ? rec.fields[i]?.loc : undefined) ?? rec.rdataLoc;
}
