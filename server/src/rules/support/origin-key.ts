// The zone origin as a name key, for record rules that compare every owner with
// it: nameKey builds a new string per call (3 MB per 100k records), so the last
// answer is kept (one string; a new origin replaces it).
import type { Zone } from '../../zone/model';
import { nameKey } from '../../zone/names';

let last = { origin: '', key: '' };

export function originKey(zone: Zone): string {
  if (zone.origin !== last.origin) last = { origin: zone.origin, key: nameKey(zone.origin) };
  return last.key;
}
