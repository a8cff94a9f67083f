// Domain names in presentation form: relative/absolute, '@', \X and \DDD escapes,
// label and name length limits (RFC 1035 §2.3.4, §5.1). Pure functions.

export interface NameResult {
  /** absolute presentation form with trailing dot (escapes kept as written) */
  name?: string;
  error?: string;
}

const BSLASH = 92, DOT = 46;

/** Octets of a label too long for a message, as 'label of N octets'. */
function labelTooLong(octets: number): string {
  return `label of ${octets} octets: at most 63 allowed (RFC 1035 §2.3.4)`;
}

/**
 * Wire length checks on a presentation name; returns an error message or undefined.
 * Lengths are octets: a character beyond ASCII counts the octets of its UTF-8 form, an
 * escape one. `written` is how much of `text` the file holds (the rest is the origin
 * appended to a relative name), so a message quotes only text from the file.
 */
function checkLengths(text: string, written = text.length): string | undefined {
  if (text === '.') return undefined;
  let labelLen = 0;
  let wire = 1; // root label
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === BSLASH) {
      const d1 = text.charCodeAt(i + 1);
      if (d1 >= 48 && d1 <= 57) {
        const ddd = text.slice(i + 1, i + 4);
        // an escape cut short by the end of the written name must not borrow the origin's '.e'
        const cut = i < written && i + 4 > written;
        const quoted = text.slice(i, cut ? written : i + 4);
        if (cut || !/^[0-9]{3}$/.test(ddd)) return `bad escape '${quoted}': \\DDD needs three decimal digits`;
        if (Number(ddd) > 255) return `bad escape '${quoted}': \\DDD must be at most 255`;
        i += 3;
      } else if (i + 1 >= n) {
        return 'name ends with a lone backslash';
      } else {
        i += 1;
      }
      labelLen++; // an escaped octet, counts as data
      continue;
    }
    if (c === DOT) {
      if (labelLen === 0) return 'empty label: two dots in a row (or a leading dot)';
      if (labelLen > 63) return labelTooLong(labelLen);
      wire += labelLen + 1;
      labelLen = 0;
      continue;
    }
    if (c < 0x80) labelLen++;
    else if (c < 0x800) labelLen += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { labelLen += 4; i++; }
    else labelLen += 3; // a lone surrogate is written as U+FFFD, 3 octets
  }
  if (labelLen > 63) return labelTooLong(labelLen);
  if (labelLen > 0) wire += labelLen + 1;
  if (wire > 255) return `name of ${wire} octets: at most 255 allowed (RFC 1035 §2.3.4)`;
  return undefined;
}

/** True when text[0, end) ends with an odd run of backslashes: its last one escapes what follows. */
export function endsInEscape(text: string, end: number): boolean {
  let k = 0;
  for (let i = end - 1; i >= 0 && text.charCodeAt(i) === BSLASH; i--) k++;
  return k % 2 === 1;
}

/** True when the name ends with an unescaped dot. */
export function isAbsolute(text: string): boolean {
  return text.charCodeAt(text.length - 1) === DOT && !endsInEscape(text, text.length - 1);
}

/** Makes a written name absolute against the origin ('' when unknown). */
export function resolveName(text: string, origin: string): NameResult {
  if (text === '@') {
    if (!origin) return { error: "'@' used but no $ORIGIN is known" };
    return { name: origin };
  }
  // 'foo\' then the origin would read as 'foo\.example.com.': the backslash would escape
  // the dot between them. BIND refuses such a name (unexpected end of input).
  if (endsInEscape(text, text.length)) return { error: "name ends with a lone backslash: write '\\\\' for a backslash octet (RFC 1035 §5.1)" };
  let full: string;
  if (isAbsolute(text)) {
    full = text;
  } else {
    if (!origin) return { error: `relative name '${text}' but no $ORIGIN is known: write it with a trailing dot or set $ORIGIN` };
    full = origin === '.' ? text + '.' : text + '.' + origin;
  }
  const err = checkLengths(full, text.length);
  if (err) return { error: err };
  return { name: full };
}

/** A resolved name and its key, or why it could not be resolved. */
export interface ResolvedName {
  name?: string;
  key?: string;
  error?: string;
}

/**
 * resolveName plus nameKey, remembering the last few names: zone files repeat an
 * owner on consecutive lines and point MX, CNAME and SRV records at hosts just
 * written. Handing out the same string objects again also lets the zone's index
 * Maps reuse the strings' cached hashes. Results are shared: do not mutate them.
 */
export class NameCache {
  private origin = '';
  private readonly recent = new Map<string, ResolvedName>();

  resolve(text: string, origin: string): ResolvedName {
    if (origin !== this.origin) {
      this.recent.clear();
      this.origin = origin;
    }
    let got = this.recent.get(text);
    if (got === undefined) {
      if (this.recent.size >= 64) this.recent.clear();
      const r = resolveName(text, origin);
      if (r.name === undefined) got = { error: r.error };
      else {
        const key = nameKey(r.name);
        // one string when the key reads the same (most names): no second copy per record
        got = { name: key === r.name ? key : r.name, key };
      }
      this.recent.set(text, got);
    }
    return got;
  }
}

/** A name's text with A-Z lowercased and nothing else: DNS compares names without regard to
 *  the case of ASCII letters only (RFC 4343 §3); the octets of 'Ä' in UTF-8 are not those of 'ä'. */
export function lowerAscii(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return text.toLowerCase();
}

/** Canonical key: escapes decoded, ASCII lowercased, re-escaped minimally. */
export function nameKey(name: string): string {
  if (name.indexOf('\\') < 0) return lowerAscii(name);
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c !== BSLASH) {
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : name[i];
      continue;
    }
    let code: number;
    const d1 = name.charCodeAt(i + 1);
    if (d1 >= 48 && d1 <= 57) {
      code = Number(name.slice(i + 1, i + 4));
      i += 3;
    } else {
      code = d1;
      i += 1;
    }
    if (code >= 65 && code <= 90) code += 32;
    out += escapeOctet(code);
  }
  return out;
}

function escapeOctet(code: number): string {
  if (code === DOT || code === BSLASH || code === 34 || code === 40 || code === 41 || code === 59 || code === 64 || code === 36)
    return '\\' + String.fromCharCode(code);
  if (code <= 32 || code >= 127) return '\\' + String(code).padStart(3, '0');
  return String.fromCharCode(code);
}

/** Labels of a canonical key, most specific first ('a.b.' -> ['a','b']). Escaped dots stay inside labels. */
export function labels(key: string): string[] {
  if (key === '.') return [];
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === BSLASH) { cur += key.slice(i, i + 2); i++; continue; }
    if (c === DOT) { out.push(cur); cur = ''; continue; }
    cur += key[i];
  }
  if (cur) out.push(cur);
  return out;
}

/** True for a name (a key) at or below in-addr.arpa. or ip6.arpa., the reverse tree, whose PTR
 *  records name hosts. */
export function inReverseTree(key: string): boolean {
  return isInZone(key, 'in-addr.arpa.') || isInZone(key, 'ip6.arpa.');
}

/** True when `key` equals `zone` or is below it (both canonical keys). */
export function isInZone(key: string, zone: string): boolean {
  if (zone === '.' || key === zone) return true;
  // the dot before the zone must be a label separator, not an escaped dot ('a\\.' is
  // escaped, 'a\\\\.' is a label ending in a backslash and then a separator)
  const dot = key.length - zone.length - 1;
  return dot > 0 && key.endsWith(zone) && key.charCodeAt(dot) === DOT && !endsInEscape(key, dot);
}

/** The parent name's key ('a.b.c.' -> 'b.c.'), or undefined for the root. */
export function parentKey(key: string): string | undefined {
  if (key === '.') return undefined;
  const end = firstLabelEnd(key);
  return end >= key.length - 1 ? '.' : key.slice(end + 1);
}

/** Where a key's first label ends (its first unescaped dot), or the key's length: the parent
 *  starts after it (callers that only compare lengths need no new string). */
export function firstLabelEnd(key: string): number {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === BSLASH) i++;
    else if (c === DOT) return i;
  }
  return key.length;
}
