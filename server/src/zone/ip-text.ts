// IPv4 and IPv6 addresses in their text forms, the one test of them (the address field kinds,
// SVCB hints, SPF ip4:/ip6:). By char code on a span of a larger text: a whole-file check
// (scan.ts) tests every A and AAAA record without making a string.

const COLON = 58, DOT = 46;

/** Four decimal octets 0-255 without leading zeros, at text[a, b). */
export function isIpv4At(text: string, a = 0, b = text.length): boolean {
  let octets = 0, digits = 0, value = 0, lead = 0;
  for (let i = a; i <= b; i++) {
    const c = i < b ? text.charCodeAt(i) : 46; // a '.' after the last octet closes it
    if (c >= 48 && c <= 57) {
      if (digits === 0) lead = c;
      else if (lead === 48) return false; // leading zero
      value = value * 10 + (c - 48);
      if (++digits > 3) return false;
      continue;
    }
    if (c !== 46 || digits === 0 || value > 255) return false;
    octets++;
    digits = 0;
    value = 0;
  }
  return octets === 4;
}

/** An IPv6 address in the text forms of RFC 4291 §2.2 (groups of 1-4 hex digits, one '::',
 *  a dotted IPv4 tail), at text[a, b). By char code, as isIpv4At: node's isIPv6 is a large
 *  regular expression and takes a string (1% of a whole-file check), and it accepts a zone
 *  index (`%eth0` names an interface, not an address). */
export function isIpv6At(text: string, a = 0, b = text.length): boolean {
  let groups = 0; // 16-bit groups written; an IPv4 tail is two
  let gap = false; // '::' seen
  let i = a;
  if (b - a >= 2 && text.charCodeAt(i) === COLON && text.charCodeAt(i + 1) === COLON) {
    gap = true;
    i += 2;
    if (i === b) return true;
  }
  for (;;) {
    const start = i;
    while (i < b && i - start < 5 && isHexDigit(text.charCodeAt(i))) i++;
    const digits = i - start;
    if (digits === 0) return false;
    if (i < b && text.charCodeAt(i) === DOT) {
      if (!isIpv4At(text, start, b)) return false;
      groups += 2;
      break;
    }
    if (digits > 4) return false;
    groups++;
    if (i === b) break;
    if (text.charCodeAt(i) !== COLON || ++i === b) return false; // a ':' must have a group after it
    if (text.charCodeAt(i) === COLON) {
      if (gap) return false;
      gap = true;
      if (++i === b) break;
    }
  }
  return gap ? groups <= 7 : groups === 8;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** One text form per IPv6 address (eight groups, lower case, no leading zeros), so that
 *  `2001:DB8:0::1` and `2001:db8::1` compare equal; the input must pass isIpv6At. */
export function ipv6Key(text: string): string {
  let t = text.toLowerCase();
  const dot = t.lastIndexOf('.');
  if (dot >= 0) {
    // a dotted IPv4 tail is the last two groups
    const colon = t.lastIndexOf(':');
    const o = t.slice(colon + 1).split('.').map(Number);
    t = `${t.slice(0, colon + 1)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? t.split('::') : [t, undefined];
  const h = head ? head.split(':') : [];
  const tl = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  return groups.map((g) => parseInt(g, 16).toString(16)).join(':');
}
