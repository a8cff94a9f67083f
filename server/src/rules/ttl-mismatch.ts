// All records of one RRset (owner, class, type) share one TTL (RFC 2181 §5.2);
// servers silently use one of them (BIND: the first). RRSIGs form one set per
// covered type (RFC 4034 §3), so they are grouped by that.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { inPositionOrder, withRepeatedType } from './support/record-order';
import { ttlLoc } from './support/record-locs';
import { compactDuration } from './support/durations';

function rrsetKey(rec: ZoneRecord): string {
  const covered = rec.type === 'RRSIG' ? `/${String(rec.values[0] ?? '').toUpperCase()}` : '';
  return `${rec.class}/${rec.type}${covered}`;
}

export const ttlMismatch: OwnerRule = {
  id: 'ttl-mismatch',
  scope: 'owner',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 2181 §5.2', 'https://www.rfc-editor.org/rfc/rfc2181#section-5.2')],
  summary: 'Records of one RRset have different TTLs.',
  repeatedTypesOnly: true,
  check(_ownerKey, records, ctx) {
    // an RRset of two or more records needs a type that repeats here: most owners have none
    const candidates = withRepeatedType(records);
    if (!candidates) return;
    const sets = new Map<string, ZoneRecord[]>();
    for (const r of candidates) {
      const k = rrsetKey(r);
      const list = sets.get(k);
      if (list) list.push(r);
      else sets.set(k, [r]);
    }
    for (const set of sets.values()) {
      if (set.length < 2) continue;
      const sorted = inPositionOrder(set);
      const first = sorted[0];
      for (let i = 1; i < sorted.length; i++) {
        const rec = sorted[i];
        if (rec.ttl === first.ttl) continue;
        ctx.report({
          loc: ttlLoc(rec),
          message: `TTL ${rec.ttl} (${compactDuration(rec.ttl)}) differs from the ${rec.type} RRset's TTL ${first.ttl} (${compactDuration(first.ttl)}); servers use one TTL for the whole set`,
          related: [{ loc: ttlLoc(first), message: `first ${rec.type} record at ${rec.owner}` }],
        });
      }
    }
  },
};
