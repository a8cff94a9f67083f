// The records of one owner in file order, and the ones that can form an RRset
// of more than one record. Most owners hold no two records of one type, so the
// RRset rules (duplicate-record, ttl-mismatch) find that out first, allocating nothing.
import type { ZoneRecord } from '../../zone/model';
import { entryLine } from '../../zone/line-blocks';

/** File order: records of included files sort by where their entries sit, which is enough here. */
export function byPosition(a: ZoneRecord, b: ZoneRecord): number {
  if (a.file !== b.file) return 0;
  return entryLine(a.entry) - entryLine(b.entry);
}

/** `records` sorted by position; the list itself when it is in order already (the zone's indexes keep file order). */
export function inPositionOrder(records: readonly ZoneRecord[]): readonly ZoneRecord[] {
  for (let i = 1; i < records.length; i++) {
    const a = records[i - 1], b = records[i];
    // across files byPosition is no total order: leave those lists to the sort
    if (a.file !== b.file || entryLine(a.entry) > entryLine(b.entry)) return [...records].sort(byPosition);
  }
  return records;
}

// Up to this many records, pairwise comparison beats counting in a Map.
const FEW = 8;

/** The records whose type occurs more than once in `records`, in their order; undefined when none does. */
export function withRepeatedType(records: readonly ZoneRecord[]): ZoneRecord[] | undefined {
  const n = records.length;
  if (n < 2) return undefined;
  let out: ZoneRecord[] | undefined;
  if (n <= FEW) {
    for (let i = 0; i < n; i++) {
      const t = records[i].type;
      for (let j = 0; j < n; j++) {
        if (j !== i && records[j].type === t) {
          (out ??= []).push(records[i]);
          break;
        }
      }
    }
    return out;
  }
  const count = new Map<string, number>();
  for (const r of records) count.set(r.type, (count.get(r.type) ?? 0) + 1);
  for (const r of records) if (count.get(r.type)! > 1) (out ??= []).push(r);
  return out;
}
