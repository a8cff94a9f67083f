// The host names that MX, NS and SRV records point at, with where they are
// written. Shared by the target rules and the go-to-definition feature's tests.
import type { Field, ZoneRecord } from '../../zone/model';

/** RDATA field index of the target host name, per type. */
export const TARGET_FIELD: Readonly<Record<string, number>> = { MX: 1, NS: 0, SRV: 3 };

/** The target field of an MX/NS/SRV record, when it parsed as a name. */
export function targetField(rec: ZoneRecord): Field | undefined {
  const i = TARGET_FIELD[rec.type];
  if (i === undefined) return undefined;
  const f = rec.fields[i];
  return f && typeof f.value === 'string' ? f : undefined;
}
