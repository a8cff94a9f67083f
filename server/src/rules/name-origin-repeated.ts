// A name written without its trailing dot is relative: the origin is appended (RFC 1035 §5.1),
// so `www CNAME shop.example` in zone shop.example. points at shop.example.shop.example. This
// rule warns when the owner or a domain-name field ends with the zone origin twice, and offers
// to append the dot to the name as written. Reads the record only (no dependsOn); O(1) per
// record: the doubled origin is computed once per origin, and its hints (appliesToOwner,
// appliesToTarget) let a big zone's engine skip records whose names do not repeat it. RRSIG
// signer and NSEC next name are left out: signers write them, always absolute, and a signed
// zone has one per name.
// Record scope: depends on zone.origin, so a host must re-run it when the origin changes.
import { rfc, type RecordRule } from './rule';
import type { Loc, Zone, ZoneRecord } from '../zone/model';
import { rrTypeByName } from '../zone/rr-types';
import { isAbsolute, isInZone, nameKey } from '../zone/names';
import { originKey } from './support/origin-key';
import { fieldLoc } from './support/record-locs';
import { NAME_FIELDS, writtenToken } from './support/name-fields';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';

let last = { origin: '', twice: '' };

/** The origin written twice ('shop.example.shop.example.'), or undefined without an origin or at the root. */
function twiceOf(zone: Zone): string | undefined {
  const o = originKey(zone);
  if (!o || o === '.') return undefined;
  if (last.origin !== o) last = { origin: o, twice: o + o };
  return last.twice;
}

/** True when the key is `<origin><origin>` or ends with `.<origin><origin>` (a label boundary). */
function repeated(key: string, twice: string): boolean {
  return key.length >= twice.length && isInZone(key, twice);
}

/** True when a name (key) ends with the zone's origin twice. */
function repeatsOrigin(key: string, zone: Zone): boolean {
  const twice = twiceOf(zone);
  return !!twice && repeated(key, twice);
}

/** A field's name as a key when it repeats the origin. Names without escapes are compared in
 *  place, ASCII case-insensitively: no string per record (most names end otherwise). */
function valueRepeats(v: unknown, twice: string): string | undefined {
  if (typeof v !== 'string' || v.length < twice.length) return undefined;
  if (v.indexOf('\\') < 0) {
    const off = v.length - twice.length;
    for (let i = twice.length - 1; i >= 0; i--) {
      let c = v.charCodeAt(off + i);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== twice.charCodeAt(i)) return undefined;
    }
    if (off > 0 && v.charCodeAt(off - 1) !== 46) return undefined; // a label boundary before it
  }
  const key = nameKey(v);
  return repeated(key, twice) ? key : undefined;
}

function report(rec: ZoneRecord, what: string, name: string, key: string, loc: Loc, origin: string, report: (a: { loc: Loc; message: string; data?: unknown }) => void): void {
  const meantKey = key.slice(0, key.length - origin.length);
  // the name as written minus one origin (case kept) when no escape changes its length
  const meant = name.length === key.length ? name.slice(0, name.length - origin.length) : meantKey;
  const fixes: FixData['fixes'] = [];
  const tok = writtenToken(rec, loc);
  if (tok && !isAbsolute(tok.text) && nameKey(tok.text + '.') === meantKey) {
    fixes.push(rewriteFix(`Add the trailing dot: ${tok.text}.`, loc, `${tok.text}.`));
  }
  report({
    loc,
    message: `${what} ${name}: the origin twice — a name written without its trailing dot is relative; did you mean ${meant}? (RFC 1035 §5.1)`,
    data: fixes.length ? ({ fixes } satisfies FixData) : undefined,
  });
}

export const nameOriginRepeated: RecordRule = {
  id: 'name-origin-repeated',
  scope: 'record',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 1035 §5.1', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.1')],
  summary: 'A name ending with the zone origin twice (shop.example.shop.example.): written without its trailing dot, so the origin was appended; a fix adds the dot.',
  appliesToOwner: repeatsOrigin,
  rdataTypes: [...NAME_FIELDS.keys()],
  // an MX, NS, SRV, CNAME, DNAME or PTR record has one name in its RDATA, its target: a big
  // zone's engine asks once per target name instead of reading every such record
  appliesToTarget: repeatsOrigin,
  check(rec, ctx) {
    const twice = twiceOf(ctx.zone);
    if (!twice) return;
    const origin = last.origin;
    const put = (a: { loc: Loc; message: string; data?: unknown }): void => ctx.report(a);
    // the owner where it is written (records that inherit it would repeat the same finding)
    if ((rec.ownerExplicit || rec.generated) && repeated(rec.ownerKey, twice)) {
      report(rec, 'owner', rec.owner, rec.ownerKey, rec.ownerLoc, origin, put);
    }
    const fields = NAME_FIELDS.get(rec.type);
    if (!fields) return;
    for (const i of fields) {
      const key = valueRepeats(rec.values[i], twice);
      if (key === undefined) continue;
      report(rec, `${rec.type} ${rrTypeByName(rec.type)?.fields[i].name ?? 'name'}`, rec.values[i] as string, key, fieldLoc(rec, i), origin, put);
    }
  },
  fixes: fixesFromData,
};
