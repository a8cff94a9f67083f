// SOA timer sanity. RFC 1912 §2.2 gives the usual ranges, RFC 2308 §5 the
// negative-caching bound for MINIMUM. Each problem is reported on its field.
import type { ZoneRecord } from '../zone/model';
import { rfc, type RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { compactDuration as human } from './support/durations';

const REFRESH = 3;
const RETRY = 4;
const EXPIRE = 5;
const MINIMUM = 6;
const WEEK = 7 * 86400;
const DAY = 86400;

function num(rec: ZoneRecord, i: number): number | undefined {
  const v = rec.values[i];
  return typeof v === 'number' ? v : undefined;
}

export const soaTimers: RecordRule = {
  id: 'soa-timers',
  scope: 'record',
  types: ['SOA'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 1912 §2.2', 'https://www.rfc-editor.org/rfc/rfc1912#section-2.2'),
    rfc('RFC 2308 §5', 'https://www.rfc-editor.org/rfc/rfc2308#section-5'),
  ],
  summary: 'SOA refresh/retry/expire/minimum out of the ranges secondaries and resolvers work well with.',
  check(rec, ctx) {
    const refresh = num(rec, REFRESH);
    const retry = num(rec, RETRY);
    const expire = num(rec, EXPIRE);
    const minimum = num(rec, MINIMUM);
    if (refresh === undefined || retry === undefined || expire === undefined || minimum === undefined) return;
    if (retry >= refresh) {
      ctx.report({
        loc: fieldLoc(rec, RETRY),
        message: `SOA retry (${human(retry)}) should be shorter than refresh (${human(refresh)})`,
      });
    }
    if (expire <= refresh + retry) {
      ctx.report({
        loc: fieldLoc(rec, EXPIRE),
        message: `SOA expire (${human(expire)}) must be longer than refresh + retry (${human(refresh + retry)}), or secondaries drop the zone before they retry`,
      });
    } else if (expire < WEEK) {
      ctx.report({
        loc: fieldLoc(rec, EXPIRE),
        message: `SOA expire (${human(expire)}) is under a week; RFC 1912 suggests 2 to 4 weeks so secondaries survive a long primary outage`,
      });
    }
    if (minimum > DAY) {
      ctx.report({
        loc: fieldLoc(rec, MINIMUM),
        message: `SOA minimum (${human(minimum)}) is the negative-caching TTL; over a day is known to cause trouble (RFC 2308 §5 suggests 1 to 3 hours)`,
      });
    }
    if (refresh < 60) {
      ctx.report({
        loc: fieldLoc(rec, REFRESH),
        message: `SOA refresh (${human(refresh)}) under a minute makes secondaries poll constantly`,
      });
    }
  },
};
