// Go-to-definition from a name a record points at (MX exchange, NS host, SRV/SVCB/HTTPS
// target, CNAME, DNAME, PTR, SOA MNAME, NAPTR replacement, NSEC next name) to the records
// at that name in this zone, and find-references from a name back to the
// records that point at it. Both read the same fields (POINTER_FIELDS). Pure.
import type { Loc, Zone, ZoneRecord } from '../zone/api';
import { nameKey } from '../zone/api';
import { RR_TYPES } from '../zone/rr-types';
import { TARGET_FIELD, targetName } from '../rules/support/targets';
import { fieldLoc } from '../rules/support/record-locs';
import { hitAt } from './locate-at';

/** Name fields that are not links to follow. SOA RNAME is a mailbox (RFC 1035 §3.3.13:
 *  hostmaster.example.com. is hostmaster@example.com), nothing about the records at
 *  hostmaster.example.com. RRSIG's signer is always the zone's own name (RFC 4034 §3.1.7)
 *  and written by the signer: a signed zone has one RRSIG per RRset, so the apex's references
 *  would be mostly RRSIGs (measured: 200k signatures took 3 s to list, the server busy). */
const NOT_POINTERS = new Set(['SOA rname', 'RRSIG signer']);

/** Per type, the RDATA fields naming a name whose records they refer to: every other name field of the type table. */
const POINTER_FIELDS: ReadonlyMap<string, readonly number[]> = new Map(
  RR_TYPES.map((t) => [t.name, t.fields.flatMap((f, i) => (f.kind === 'name' && !NOT_POINTERS.has(`${t.name} ${f.name}`) ? [i] : []))] as const)
    .filter(([, fields]) => fields.length > 0),
);

/** The pointer fields the zone's byTarget index leaves out, by type (SOA, NAPTR, SVCB, HTTPS,
 *  NSEC). References read these types' records through byType: the editor's model
 *  build stays as it is, and the cost falls on the request only. */
const UNINDEXED: readonly (readonly [string, readonly number[]])[] = [...POINTER_FIELDS]
  .map(([type, fields]) => [type, fields.filter((i) => i !== TARGET_FIELD[type])] as const)
  .filter(([, fields]) => fields.length > 0);

/** The name a cursor is on: an owner, or a pointer field of a record. */
export function nameAt(zone: Zone, line: number, col: number): { name: string; isTarget: boolean } | undefined {
  const hit = hitAt(zone, line, col);
  const rec = hit?.record;
  if (!rec || !hit.where) return undefined;
  if (hit.where.part === 'owner') return { name: rec.owner, isTarget: false };
  if (hit.where.part === 'field') {
    const v = rec.values[hit.where.index];
    if (typeof v === 'string' && isPointerField(rec.type, hit.where.index)) return { name: v, isTarget: true };
  }
  return undefined;
}

/** Records at the target name under the cursor (their whole entries). */
export function definitionAt(zone: Zone, line: number, col: number): Loc[] {
  const n = nameAt(zone, line, col);
  if (!n || !n.isTarget) return [];
  const recs = zone.byOwner.get(nameKey(n.name)) ?? [];
  return recs.map((r) => r.loc);
}

/** Where the name under the cursor is pointed at (every field definitionAt follows), plus its own records if asked. */
export function referencesAt(zone: Zone, line: number, col: number, includeDeclaration: boolean): Loc[] {
  const n = nameAt(zone, line, col);
  if (!n) return [];
  const key = nameKey(n.name);
  const out: Loc[] = [];
  if (includeDeclaration) for (const r of zone.byOwner.get(key) ?? []) out.push(r.ownerLoc);
  for (const p of pointerFieldsTo(zone, key)) out.push(fieldLoc(p.rec, p.index));
  return out;
}

/** True when field `index` of a `type` record names a name whose records it refers to. */
export function isPointerField(type: string, index: number): boolean {
  return POINTER_FIELDS.get(type)?.includes(index) ?? false;
}

/** The records' pointer fields (POINTER_FIELDS) that name `key`: what references lists and rename rewrites. */
export function pointerFieldsTo(zone: Zone, key: string): { rec: ZoneRecord; index: number }[] {
  const out: { rec: ZoneRecord; index: number }[] = [];
  // The zone indexes records by the name they point at (not the root: null MX and the like).
  const pointing = key === '.' ? zone.records.filter((r) => targetName(r) === '.') : zone.byTarget.get(key) ?? [];
  for (const r of pointing) out.push({ rec: r, index: TARGET_FIELD[r.type] });
  for (const [type, fields] of UNINDEXED) {
    for (const r of zone.byType.get(type) ?? []) for (const i of fields) if (pointsAt(r.values[i], key)) out.push({ rec: r, index: i });
  }
  return out;
}

/** nameKey(v) === key, without lower-casing names that cannot match (NSEC: one per name of a signed zone). */
function pointsAt(v: unknown, key: string): boolean {
  if (typeof v !== 'string') return false;
  if (v.indexOf('\\') < 0) return v.length === key.length && v.toLowerCase() === key;
  return nameKey(v) === key;
}
