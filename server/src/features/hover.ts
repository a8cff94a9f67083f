// Hover text for a zone file position: what a type is and its field layout
// (from the RR type table), what a field means and its value (TTLs in human
// units, TLSA/DS/SSHFP numbers with their RFC 7218 style names, names fully
// qualified). Pure: returns markdown and the range it explains.
import type { AbsRange } from '../rules/rule';
import type { Directive, ZoneRecord, Zone } from '../zone/api';
import { absRange, entryLine, entryTokens, rrTypeByName, typeCodeByName, humanTtl, parseTtl, unescapeText } from '../zone/api';
import { TokKind } from '../zone/syntax';
import { TTL_MAX } from '../zone/ttl';
import { tokensIn } from '../rules/dane-support/loc-range';
import { fieldLoc } from '../rules/support/record-locs';
import { serialDiff, sigSpan } from '../rules/support/signed-zone';
import { algorithmName, dsDigestOf, keyTag, signatureVerdict, verifyingSignature, zoneKey } from '../rules/support/rrsig-verify';
import { canonicalRdata } from '../zone/wire';
import { bitmapMetaType, type FieldDef, type RRTypeDef } from '../zone/rr-types';
import { entryAt, hitAt, type Hit } from './locate-at';
import { ignoreCommentHover } from './ignore-comment-help';
import { codeSpan } from './markdown';

export interface HoverResult {
  markdown: string;
  range: AbsRange;
}

const DIRECTIVES: Record<string, string> = {
  $ORIGIN: '`$ORIGIN name` sets the origin that relative names below are completed with (RFC 1035 §5.1).',
  $TTL: '`$TTL ttl` sets the TTL of records below that give none (RFC 2308 §4).',
  $INCLUDE: '`$INCLUDE file [origin]` reads another file here, optionally with its own origin (RFC 1035 §5.1). dane-zone reads a relative path from the directory of the file that includes it (in the editor, only inside the workspace). Name servers differ: BIND reads relative paths from named\'s working directory (the `directory` option), and Knot and NSD have their own rules; check the path your server will use.',
  $GENERATE: "`$GENERATE range lhs [ttl] [class] type rhs` writes one record per number in `start-stop[/step]`; `$` is the number, `${offset,width,base}` formats it (BIND).",
};

const CLASS_NAMES: Record<string, string> = {
  IN: 'Internet (RFC 1035 §3.2.4)',
  CH: 'Chaos (RFC 1035 §3.2.4)',
  CS: 'CSNET (obsolete, RFC 1035 §3.2.4)',
  HS: 'Hesiod (RFC 1035 §3.2.4)',
};

/** `now` (ms since 1970): what RRSIG times are compared with. */
export function hoverAt(zone: Zone, line: number, col: number, now: number = Date.now()): HoverResult | undefined {
  const hit = hitAt(zone, line, col);
  if (!hit) return commentHover(zone, line, col);
  const range = absRange({ file: hit.file, entry: hit.entry, span: { line: hit.token.line, start: hit.token.start, endLine: hit.token.line, end: hit.token.end } });
  if (hit.directive) return directiveHover(hit, hit.directive, range);
  const rec = hit.record;
  if (!rec || !hit.where) return undefined;
  switch (hit.where.part) {
    case 'owner':
      return { markdown: ownerHover(zone, rec), range };
    case 'ttl':
      return { markdown: `**TTL** ${ttlText(hit.token.text)}\n\nHow long resolvers may cache this record.`, range };
    case 'class':
      return { markdown: `**Class ${rec.class}**: ${CLASS_NAMES[rec.class] ?? rec.class}`, range };
    case 'type':
      return { markdown: typeHover(rec.type, rrTypeByName(rec.type)), range };
    case 'field': {
      const def = rrTypeByName(rec.type);
      if (rec.generic) {
        const range2 = absRange(rec.rdataLoc);
        return { markdown: `**RFC 3597 generic RDATA** of ${rec.type}: \`\\# length hex\`${def ? `, read as ${presentFields(rec, def)}` : ''}`, range: range2 };
      }
      const f = def?.fields[hit.where.index];
      if (!def || !f) return undefined;
      const fieldRange = absRange(rec.fields[hit.where.index].loc);
      return { markdown: fieldHover(rec, def, hit.where.index, f, now) + dnssecNote(zone, rec, f), range: fieldRange };
    }
  }
}

/** A hover on a `; dane-zone: ignore=` comment: what it silences. */
function commentHover(zone: Zone, line: number, col: number): HoverResult | undefined {
  const entry = entryAt(zone.file, line);
  if (!entry) return undefined;
  const rel = line - entryLine(entry);
  const t = entryTokens(zone.file, entry).find((x) => x.kind === TokKind.Comment && x.line === rel && x.start <= col && col < x.end);
  const markdown = t && ignoreCommentHover(t.text);
  return markdown ? { markdown, range: absRange({ file: zone.file, entry, span: { line: t.line, start: t.start, endLine: t.line, end: t.start + t.text.trimEnd().length } }) } : undefined;
}

function directiveHover(hit: Hit, d: Directive, range: AbsRange): HoverResult | undefined {
  if (hit.index !== 0) {
    if (d.name === '$TTL') {
      return { markdown: `**$TTL**: default TTL ${hit.token.text} = ${ttlText(hit.token.text)}`, range };
    }
    return undefined;
  }
  return { markdown: `**${d.name}**\n\n${DIRECTIVES[d.name] ?? ''}`, range };
}

/** A TTL as written: its seconds in human units, or over the limit, what it is read as. */
function ttlText(raw: string): string {
  const n = parseTtl(raw);
  if (n === undefined) return raw;
  // as the parser reads it (ttl-range): BIND takes a TTL over 2^31 - 1 as 0
  if (n > TTL_MAX) return `${n} seconds, over 2147483647: read as 0 (as BIND does, RFC 2181 §8)`;
  return `${n} seconds = ${humanTtl(n)}`;
}

function ownerHover(zone: Zone, rec: ZoneRecord): string {
  const at = zone.byOwner.get(rec.ownerKey) ?? [];
  const types = [...new Set(at.map((r) => r.type))];
  return `${codeSpan(rec.owner)}\n\n${at.length} record${at.length === 1 ? '' : 's'} at this name: ${types.join(', ')}`;
}

/** Type hover: summary, code, RFC and the field layout. */
export function typeHover(type: string, def: RRTypeDef | undefined): string {
  // a mnemonic of the table without fields (IPSECKEY) or TYPEnnn: the code is known, the layout not
  if (!def) return `**${type}** (type ${typeCodeByName(type)}): dane-zone does not know this type's fields; write its RDATA in the RFC 3597 form \`\\# length hex\`.`;
  const layout = def.fields.map((f) => `\`${f.name}\``).join(' ');
  const rows = def.fields.map((f) => `- \`${f.name}\` (${f.kind}): ${f.doc}`).join('\n');
  return `**${def.name}** (type ${def.code}): ${def.summary} (${def.rfc})\n\n\`${def.name}\` ${layout}\n\n${rows}`;
}

/** What the meta types a bitmap lists mean (NXNAME: RFC 9824), one paragraph each. */
function bitmapNotes(types: readonly string[]): string {
  const notes = new Set<string>();
  for (const t of types) {
    const meta = bitmapMetaType(t);
    if (meta?.inBitmap) notes.add(`\n\n**${meta.name}** (type ${meta.code}): ${meta.inBitmap.summary} (${meta.inBitmap.rfc})`);
  }
  return [...notes].join('');
}

function presentFields(rec: ZoneRecord, def: RRTypeDef): string {
  return def.fields.map((f, i) => `${f.name} = ${rec.values[i] === undefined ? '(missing)' : codeSpan(valueText(f, rec.values[i]))}`).join(', ');
}

function valueText(f: FieldDef, v: unknown): string {
  if (v === undefined) return '(missing)';
  if (f.values && typeof v === 'number') {
    const named = f.values.find((x) => x.value === v);
    return named ? `${v} (${named.name})` : String(v);
  }
  if (f.kind === 'ttl' && typeof v === 'number') return `${v} (${humanTtl(v)})`;
  if (f.kind === 'text' && typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.map((s) => JSON.stringify(s)).join(' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The octets of each character-string of field i as written: a character typed in the file is
 *  its UTF-8 bytes on the wire, a \\DDD escape one octet (the decoded value cannot tell the two
 *  apart); undefined when the tokens do not line up with the value (a generated record). */
function writtenOctets(rec: ZoneRecord, i: number): number[] | undefined {
  const v = rec.values[i];
  if (rec.generated || !Array.isArray(v)) return undefined;
  const toks = tokensIn(fieldLoc(rec, i)).filter((t) => t.kind === TokKind.Word || t.kind === TokKind.Quoted);
  return toks.length === v.length ? toks.map((t) => unescapeText(t.text).octets) : undefined;
}

function fieldHover(rec: ZoneRecord, def: RRTypeDef, i: number, f: FieldDef, now: number): string {
  const v = rec.values[i];
  let out = `**${def.name} ${f.name}** (${f.kind}): ${f.doc}\n\n`;
  if (f.bits && typeof v === 'number') {
    out += bitsText(f, v);
  } else if (f.kind === 'time' && typeof v === 'number') {
    out += `Value **${utcText(v)}** (${relativeText(v, now, f.name === 'expiration')})`;
  } else if (f.seconds && typeof v === 'number') {
    out += `Value **${v}** seconds = ${humanTtl(v)}`;
  } else if (f.kind === 'salt' && typeof v === 'string') {
    out += v === '' ? 'Value `-`: no salt (length 0)' : `Value ${codeSpan(v)}: ${v.length / 2} octets of salt`;
  } else if (f.values && typeof v === 'number') {
    const named = f.values.find((x) => x.value === v);
    out += named ? `Value **${v} = ${named.name}**: ${named.doc}` : `Value **${v}**: not an assigned value`;
    out += `\n\n${f.values.map((x) => `${x.value} ${x.name}`).join(' · ')}`;
  } else if (f.kind === 'ttl' && typeof v === 'number') {
    out += `Value **${v}** seconds = ${humanTtl(v)}`;
  } else if (f.kind === 'name' && typeof v === 'string') {
    out += `Value ${codeSpan(v)}`;
  } else if (f.kind === 'text-rest' && Array.isArray(v)) {
    const lens = writtenOctets(rec, i) ?? (v as string[]).map((s) => Buffer.byteLength(s, 'latin1'));
    out += v.length === 1 ? `1 character-string of ${lens[0]} octets` : `${v.length} character-strings (${lens.join(' + ')} = ${lens.reduce((a, b) => a + b, 0)} octets); a client joins them without separators`;
  } else if ((f.kind === 'hex-rest' || f.kind === 'hex') && typeof v === 'string') {
    out += `${v.length / 2} octets${def.name === 'TLSA' || def.name === 'SMIMEA' ? tlsaLengthNote(rec, v.length / 2) : ''}`;
  } else if ((f.kind === 'nsec-bitmap' || f.kind === 'type-bitmap') && Array.isArray(v)) {
    out += `Value ${codeSpan((v as string[]).join(' '))}${bitmapNotes(v as string[])}`;
  } else if (typeof v === 'number') {
    out += `Value **${valueText(f, v)}**`;
  } else if (v !== undefined) {
    const known = typeof v === 'string' ? f.suggest?.find((x) => x.text === v.toLowerCase()) : undefined;
    out += `Value ${codeSpan(valueText(f, v))}${known ? `: ${known.doc}` : ''}`;
  }
  return out;
}

/** What DNSSEC makes of a key or a signature: a DNSKEY's key tag (what DS and RRSIG records name
 *  it by), and whether an RRSIG verifies (rrsig-bogus's verdict, on its key tag and signature). */
function dnssecNote(zone: Zone, rec: ZoneRecord, f: FieldDef): string {
  const line = (r: ZoneRecord): number => absRange(r.loc).startLine + 1;
  if (rec.type === 'DNSKEY' || rec.type === 'CDNSKEY') {
    const rdata = canonicalRdata(rec);
    if (!rdata) return '';
    const same = rec.type === 'CDNSKEY' ? (zone.byOwner.get(rec.ownerKey) ?? []).find((r) => r.type === 'DNSKEY' && Buffer.compare(canonicalRdata(r) ?? Buffer.alloc(0), rdata) === 0) : undefined;
    return `\n\nKey tag **${keyTag(rdata)}**: what DS and RRSIG records name this key by (RFC 4034 App. B)${same ? `; the DNSKEY at line ${line(same)}` : ''}`;
  }
  if (rec.type === 'CDS' && typeof rec.values[3] === 'string') {
    // the DNSKEY of the apex whose digest this is (cds-no-dnskey says when none is)
    const key = (zone.byOwner.get(rec.ownerKey) ?? []).find((r) => r.type === 'DNSKEY' && r.values[2] === rec.values[1] && zoneKey(r)?.tag === rec.values[0] && dsDigestOf(rec.owner, r, rec.values[2] as number) === (rec.values[3] as string).toLowerCase());
    return key ? `\n\nThe digest of the DNSKEY at line ${line(key)} (key tag ${rec.values[0]})` : '';
  }
  if (rec.type !== 'RRSIG' || (f.name !== 'keyTag' && f.name !== 'signature')) return '';
  const v = signatureVerdict(rec, zone);
  if (!v) return '';
  const rrset = `the ${rec.values[0]} RRset (${v.rrset.length} record${v.rrset.length === 1 ? '' : 's'})`;
  if (!v.named.length) return `\n\nNot verified: no DNSKEY at ${String(rec.values[7])} has key tag ${rec.values[6]} and algorithm ${algorithmName(rec.values[1] as number)}`;
  const keys = v.named.map((k) => `key tag ${k.tag} (line ${line(k.record)})`).join(', ');
  if (v.verifies) return `\n\nVerifies over ${rrset} with the DNSKEY of ${keys}`;
  // as rrsig-bogus says it: when another signature verifies, the RRset is as signed
  const cause = verifyingSignature(rec, zone) ? 'the signature was damaged, or made over other data' : 'the RRset or the signature changed after signing';
  return `\n\n**Does not verify** over ${rrset} with the DNSKEY of ${keys}: ${cause}`;
}

/** A flags field: the named bits set, then any bits that have no name. */
function bitsText(f: FieldDef, v: number): string {
  const set = f.bits!.filter((b) => (v & b.value) !== 0);
  const rest = set.reduce((n, b) => n & ~b.value, v);
  const common = f.suggest?.find((s) => s.text === String(v));
  if (v === 0) return 'Value **0**: no flags set';
  const parts = set.map((b) => `${b.name} (${b.value})`);
  if (rest) parts.push(`unassigned bits (${rest})`);
  let out = `Value **${v}** = ${parts.join(' + ')}${common ? `: ${common.name}` : ''}`;
  for (const b of set) out += `\n- ${b.name} (${b.value}): ${b.doc}`;
  if (rest) out += `\n- unassigned bits (${rest}): no meaning assigned; set to 0`;
  return out;
}

/** Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`. */
function utcText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** How far a signature time lies from `now` (days, else hours, else minutes), as validators read it:
 *  in 32-bit serial arithmetic (RFC 4034 §3.1.5), where a date past 2106 or over 68 years ahead
 *  is behind. */
function relativeText(seconds: number, now: number, expiration: boolean): string {
  const diff = serialDiff(seconds, Math.floor(now / 1000)) * 1000;
  const wrapped = diff < 0 !== seconds * 1000 < now ? ', as validators read it in 32-bit serial arithmetic (RFC 4034 §3.1.5)' : '';
  const span = sigSpan(Math.abs(diff) / 1000);
  if (expiration) return (diff < 0 ? `expired ${span} ago` : `expires in ${span}`) + wrapped;
  return (diff <= 0 ? `${span} ago` : `in ${span}: the signature is not valid yet`) + wrapped;
}

function tlsaLengthNote(rec: ZoneRecord, octets: number): string {
  const mtype = rec.field('matchingType');
  const want = mtype === 1 ? 32 : mtype === 2 ? 64 : undefined;
  if (want === undefined) return '';
  return octets === want ? ` (the size of a SHA2-${want === 32 ? 256 : 512} digest)` : ` (a SHA2-${want === 32 ? 256 : 512} digest has ${want})`;
}
