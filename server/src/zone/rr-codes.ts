// Numeric registries the field kinds need: DNSSEC algorithms (RFC 8624), CERT
// types (RFC 4398), classes, and the type code lookup (the types are rr-types.ts's table).
import { CERT_TYPE_VALUES, DNSSEC_ALGORITHMS, META_TYPE_BY_CODE, TYPE_BY_MNEMONIC, typeCodeOfText, type ValueDoc } from './rr-types';

// mnemonic -> number, from the documented values in rr-types.ts (one table for both)
const byName = (values: readonly ValueDoc[]): Record<string, number> => Object.fromEntries(values.map((x) => [x.name, x.value]));

export const ALGORITHMS: Record<string, number> = byName(DNSSEC_ALGORITHMS.filter((x) => !x.numberOnly));

/** Registered mnemonics a zone file cannot use (BIND 9.18 and Knot 3.2 refuse them): name -> number. */
export const NUMBER_ONLY_ALGORITHMS: Record<string, number> = byName(DNSSEC_ALGORITHMS.filter((x) => x.numberOnly));

export const CERT_TYPES: Record<string, number> = byName(CERT_TYPE_VALUES);

export const CLASSES: Record<string, number> = { IN: 1, CS: 2, CH: 3, HS: 4 };

// Zone files repeat the same few spellings ("IN", "A", "in"): remember them.
const typeCache = new Map<string, number | undefined>();
const classCache = new Map<string, number | undefined>();

/** Type code for a mnemonic or TYPEnnn (case-insensitive), or undefined. */
export function typeCodeByName(text: string): number | undefined {
  if (typeCache.has(text)) return typeCache.get(text);
  const v = typeCodeOfText(text);
  if (typeCache.size < 4096) typeCache.set(text, v);
  return v;
}

/**
 * Why a type code cannot be stored in a zone, or undefined: 0 is reserved, 41 (OPT),
 * 128-255 (questions and meta types: NXNAME, TKEY, TSIG, IXFR, AXFR, MAILB, MAILA, ANY) exist
 * only in messages (RFC 6895 §3.1). BIND refuses them ("invalid use of a meta type").
 * 65535 is reserved too, but BIND and Knot load it, so it is not refused here.
 */
export function metaTypeProblem(code: number, byMnemonic = false): string | undefined {
  if (code === 0) return 'TYPE0 is reserved and cannot be used for a record (RFC 6895 §3.1)';
  if (code === 41 || (code >= 128 && code <= 255)) {
    const meta = META_TYPE_BY_CODE.get(code);
    const name = meta?.name;
    // named as written: 'AXFR (TYPE252)' for a mnemonic, 'TYPE252 (AXFR)' for TYPEnnn
    const label = !name ? `TYPE${code}` : byMnemonic ? `${name} (TYPE${code})` : `TYPE${code} (${name})`;
    // NXNAME: defined as a meta type, which only an NSEC type bitmap lists (RFC 9824 §2)
    const what = meta?.inBitmap ? `meta type (${meta.inBitmap.rfc}; only an NSEC type bitmap lists it)` : `${code >= 128 && code !== 249 && code !== 250 ? 'question or ' : ''}meta type`;
    return `${label} is a ${what}: it exists only in DNS messages and cannot be a record in a zone (RFC 6895 §3.1)`;
  }
  return undefined;
}

/** The type code of a meta type's mnemonic (OPT, AXFR, ANY, ...), or undefined. */
export function metaTypeCode(text: string): number | undefined {
  const t = TYPE_BY_MNEMONIC.get(text.toUpperCase());
  return t && 'meta' in t ? t.code : undefined;
}

/** The mnemonic of a class code (CLASSnnn when it has none). */
export function className(code: number): string {
  return CLASS_BY_CODE.get(code) ?? `CLASS${code}`;
}
// Called for every record with a class: a reverse map, not a scan of CLASSES.
const CLASS_BY_CODE = new Map(Object.entries(CLASSES).map(([k, v]) => [v, k]));

/** Class number for IN/CH/HS/CS or CLASSnnn, or undefined. */
export function classCodeByName(text: string): number | undefined {
  const c = text.charCodeAt(0) | 32; // classes start with c, h, i (IN CH HS CS CLASSnnn)
  if (text.length > 10 || (c !== 99 && c !== 104 && c !== 105)) return undefined;
  if (classCache.has(text)) return classCache.get(text);
  const v = classCodeUncached(text);
  if (classCache.size < 1024) classCache.set(text, v);
  return v;
}

function classCodeUncached(text: string): number | undefined {
  const up = text.toUpperCase();
  if (up in CLASSES) return CLASSES[up];
  const m = /^CLASS([0-9]{1,5})$/.exec(up);
  if (m && Number(m[1]) <= 65535) return Number(m[1]);
  return undefined;
}
