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
