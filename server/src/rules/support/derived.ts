// Data derived once from a record and kept on it (ZoneRecord.derived): about ten rules each ask
// for a TXT record's mail-policy kind or a TLSA record's fields. Records never change, so the
// answer is kept with the record and goes with it. A WeakMap per cache did the same, at a cost:
// the rules of a 1M check took 2.19 s with the WeakMaps' entries to collect, 1.91 s without
// (bench/RESULTS.md, sixth round). The slot says which kind of data it holds: a record asked
// for another kind just computes it again.
import type { ZoneRecord } from '../../zone/model';

class Slot {
  constructor(readonly kind: object, readonly value: unknown) {}
}

/** One kind of derived data, made by `make` the first time a record is asked. */
export class DerivedKind<T> {
  constructor(private readonly make: (rec: ZoneRecord) => T) {}

  of(rec: ZoneRecord): T {
    const slot = rec.derived;
    if (slot instanceof Slot && slot.kind === this) return slot.value as T;
    const value = this.make(rec);
    rec.derived = new Slot(this, value);
    return value;
  }
}
