// Answers about one name, kept per zone for names that hold many records. A rule asked
// once for every record at a name, or pointing at it, would otherwise walk that name's
// records each time: quadratic when thousands of records share a name (bench/scaling.mjs
// found four such rules). Names with few records are answered directly, keeping nothing.
// A zone object is complete when its rules run and is not changed afterwards (an edit
// builds a new zone object), so an answer holds for the zone's life.
import type { Zone, ZoneRecord } from '../../zone/model';

const MANY_RECORDS = 8;
const NONE: readonly ZoneRecord[] = [];

export class NameMemo<T> {
  private readonly byZone = new WeakMap<Zone, Map<string, T>>();

  constructor(private readonly compute: (zone: Zone, records: readonly ZoneRecord[], name: string) => T) {}

  get(zone: Zone, name: string): T {
    const records = zone.byOwner.get(name) ?? NONE;
    if (records.length < MANY_RECORDS) return this.compute(zone, records, name);
    let answers = this.byZone.get(zone);
    if (!answers) this.byZone.set(zone, (answers = new Map()));
    if (answers.has(name)) return answers.get(name) as T;
    const v = this.compute(zone, records, name);
    answers.set(name, v);
    return v;
  }
}
