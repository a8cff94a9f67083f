// Base32 with the extended hex alphabet (RFC 4648 §7), as NSEC3 writes hashed owner names
// (RFC 5155 §3.3): lower case, no padding. Pure.

const DIGITS = '0123456789abcdefghijklmnopqrstuv';

/** The text of `bytes` (`\#` RDATA presented in its type's form). */
export function base32hexText(bytes: Uint8Array): string {
  let bits = 0, val = 0, out = '';
  for (const x of bytes) {
    val = (val << 8) | x; bits += 8;
    while (bits >= 5) { out += DIGITS[(val >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += DIGITS[(val << (5 - bits)) & 31];
  return out;
}

/** The octets of base32hex `text` (checked by the parser before: field-kinds.ts base32hexError). */
export function base32hexOctets(text: string): number[] {
  const out: number[] = [];
  let bits = 0, acc = 0;
  for (const ch of text.toLowerCase()) {
    acc = (acc << 5) | DIGITS.indexOf(ch);
    bits += 5;
    if (bits >= 8) { bits -= 8; out.push((acc >>> bits) & 0xff); }
  }
  return out;
}

/** The value of a base32hex digit's character code (either case), -1 for another character. */
export function base32hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 118) return c - 87; // a-v
  if (c >= 65 && c <= 86) return c - 55; // A-V
  return -1;
}

/** Reads the `count` base32hex digits of `text` from `start` into `out` (whole octets; no string
 *  made); false at a character that is no digit. */
export function base32hexInto(text: string, start: number, count: number, out: Uint8Array): boolean {
  let acc = 0, bits = 0, j = 0;
  for (let i = start; i < start + count; i++) {
    const v = base32hexDigit(text.charCodeAt(i));
    if (v < 0) return false;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >>> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  return true;
}
