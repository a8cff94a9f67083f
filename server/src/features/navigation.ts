// Go-to-definition from a target name (MX exchange, NS host, SRV target, CNAME,
// DNAME, PTR) to the records at that name in this zone, and find-references
// from a name back to the records that point at it. Pure.
import type { Loc, Zone } from '../zone/api';
import { nameKey } from '../zone/api';
import { TARGET_FIELD, targetLoc, targetName } from '../rules/support/targets';
import { hitAt } from './locate-at';

/** The name a cursor is on: an owner, or the target field of a pointing record. */
export function nameAt(zone: Zone, line: number, col: number): { name: string; isTarget: boolean } | undefined {
  const hit = hitAt(zone, line, col);
  const rec = hit?.record;
  if (!rec || !hit.where) return undefined;
  if (hit.where.part === 'owner') return { name: rec.owner, isTarget: false };
  if (hit.where.part === 'field') {
    const t = targetName(rec);
    if (t !== undefined && hit.where.index === TARGET_FIELD[rec.type]) return { name: t, isTarget: true };
    const v = rec.values[hit.where.index];
    if (rec.fields[hit.where.index]?.kind === 'name' && typeof v === 'string') return { name: v, isTarget: true };
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

/** Where the name under the cursor is pointed at (target fields), plus its own records if asked. */
export function referencesAt(zone: Zone, line: number, col: number, includeDeclaration: boolean): Loc[] {
  const n = nameAt(zone, line, col);
  if (!n) return [];
  const key = nameKey(n.name);
  const out: Loc[] = [];
  if (includeDeclaration) for (const r of zone.byOwner.get(key) ?? []) out.push(r.ownerLoc);
  // The zone indexes records by the name they point at (not the root: null MX and the like).
  const pointing = key === '.' ? zone.records.filter((r) => targetName(r) === '.') : zone.byTarget.get(key) ?? [];
  for (const r of pointing) out.push(targetLoc(r));
  return out;
}
