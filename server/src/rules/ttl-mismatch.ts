// All records of one RRset (owner, class, type) share one TTL (RFC 2181 §5.2);
// servers silently use one of them (BIND: the first). RRSIGs form one set per
// covered type (RFC 4034 §3), so they are grouped by that.
import type { ZoneRecord } from '../zone/model';
import { rfc, type OwnerRule } from './rule';
import { byPosition } from './cname-and-other-data';
import { recordLine, ttlLoc } from './support/record-locs';
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
  check(_ownerKey, records, ctx) {
    const sets = new Map<string, ZoneRecord[]>();
    for (const r of records) {
      const k = rrsetKey(r);
      const list = sets.get(k);
      if (list) list.push(r);
      else sets.set(k, [r]);
    }
    for (const set of sets.values()) {
      if (set.length < 2) continue;
      const sorted = [...set].sort(byPosition);
      const first = sorted[0];
      for (const rec of sorted.slice(1)) {
        if (rec.ttl === first.ttl) continue;
        ctx.report({
          loc: ttlLoc(rec),
          message: `TTL ${rec.ttl} (${compactDuration(rec.ttl)}) differs from the ${rec.type} RRset's TTL ${first.ttl} (${compactDuration(first.ttl)}); servers use one TTL for the whole set`,
          related: [{ loc: ttlLoc(first), message: `first ${rec.type} record at ${rec.owner} (line ${recordLine(first)})` }],
        });
      }
    }
  },
};
