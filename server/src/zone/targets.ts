// The host name a record points at (MX exchange, NS, SRV target, CNAME/DNAME/PTR
// target), for the zone's reverse index and the rules that follow such links.
import type { ZoneRecord } from './model';
import { nameKey } from './names';
import { typeCodeByName } from './rr-codes';

/** RDATA field index of the target host name, per type. */
export const TARGET_FIELD: Readonly<Record<string, number>> = { MX: 1, NS: 0, SRV: 3, CNAME: 0, DNAME: 0, PTR: 0 };

// TARGET_FIELD by type code: asked for every record while indexing, where the keyed
// lookup by mnemonic showed in the profile.
const TARGET_FIELD_BY_CODE = new Map(Object.entries(TARGET_FIELD).map(([type, i]) => [typeCodeByName(type) as number, i]));

/** The target name (absolute, as written) of a record, when it has one and it parsed. */
export function targetName(rec: ZoneRecord): string | undefined {
  return targetOf(rec.typeCode, rec.values);
}

function targetOf(typeCode: number, values: readonly unknown[]): string | undefined {
  const i = TARGET_FIELD_BY_CODE.get(typeCode);
  if (i === undefined) return undefined;
  const v = values[i];
  return typeof v === 'string' ? v : undefined;
}

/** The target as an index key (lower case), or undefined. */
export function targetKey(rec: ZoneRecord): string | undefined {
  return targetKeyOf(rec.typeCode, rec.values);
}

/** targetKey from a record's type and values (the column store has no record object yet). */
export function targetKeyOf(typeCode: number, values: readonly unknown[]): string | undefined {
  const t = targetOf(typeCode, values);
  return t === undefined || t === '.' ? undefined : nameKey(t);
}
