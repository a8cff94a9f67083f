// TTL values: plain seconds or BIND units (1h30m, 1W). RFC 1035 §5.1, RFC 2181 §8.

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds for a TTL word, or undefined when it is not a TTL. */
export function parseTtl(text: string): number | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  const c0 = text.charCodeAt(0);
  if (c0 < 48 || c0 > 57) return undefined;
  let total = 0;
  let cur = 0;
  let digits = 0;
  let sawUnit = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      cur = cur * 10 + (c - 48);
      digits++;
      // leading zeros do not count: BIND and Knot read 000000000003600 as 3600
      if (cur > 0xffffffff) return undefined;
      continue;
    }
    const mult = UNIT[text[i].toLowerCase()];
    if (mult === undefined || digits === 0) return undefined;
    total += cur * mult;
    cur = 0;
    digits = 0;
    sawUnit = true;
  }
  if (digits > 0) {
    if (sawUnit) return undefined; // '1h30' is not a TTL in BIND
    total += cur;
  }
  // A TTL is a 32-bit field: a larger number is no TTL at all (BIND then reads it
  // as the type and fails), not a large TTL that resolvers would clamp.
  return total > 0xffffffff ? undefined : total;
}

/** Why a word that looks like a TTL is not one ('1h30': the last number has no unit), or undefined. */
export function ttlHint(text: string): string | undefined {
  if (/^\d+[smhdw]\d+$/i.test(text) || /^(\d+[smhdw])+\d+$/i.test(text)) return `a TTL with units needs a unit on every number, e.g. ${text}${/h\d+$/i.test(text) ? 'm' : 's'}`;
  if (/^\d+[a-z]/i.test(text) && /[^smhdw\d]/i.test(text)) return 'TTL units are s, m, h, d and w';
  return undefined;
}

/** Human form of a TTL for hovers: 3600 -> '1 hour', 5400 -> '1 hour 30 minutes'. */
export function humanTtl(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const parts: string[] = [];
  const units: [number, string][] = [[604800, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  let rest = seconds;
  for (const [size, name] of units) {
    const k = Math.floor(rest / size);
    if (k > 0) {
      parts.push(`${k} ${name}${k === 1 ? '' : 's'}`);
      rest -= k * size;
    }
  }
  return parts.join(' ');
}

export const TTL_MAX = 0x7fffffff;
