// The record class behind ZoneRecord. Keeps values and token indices only;
// locations and raw text are computed on demand from the entry (rarely needed:
// only for findings and editor features).
import type { Entry, Token } from './syntax';
import type { Field, Loc, SourceFile, ZoneRecord } from './model';
import { RR_TYPE_BY_CODE, type RRTypeDef } from './rr-types';
import { KIND_PARSERS, type FieldCursor } from './field-kinds';
import { dataTokens, entryLoc, locOfTokens } from './locate';
import { CERT_TYPES } from './rr-codes';
import { ipv6Key, isIpv6At } from './ip-text';

const CERT_TYPE_NAMES = new Map(Object.entries(CERT_TYPES).map(([k, n]) => [n, k]));

/** RRSIG times in their canonical YYYYMMDDHHmmSS form (RFC 4034 §3.2), as ldns prints them. */
function rrsigTimeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

export interface RecordInit {
  owner: string;
  ownerKey: string;
  ttl: number;
  ttlExplicit: boolean;
  class: string;
  type: string;
  typeCode: number;
  values: unknown[];
  generic: boolean;
  file: SourceFile;
  entry: Entry;
  generated: boolean;
  /** data-token index of the owner (-1 inherited, else 0) and of the type */
  ownerTok: number;
  typeTok: number;
  /** one past the last RDATA token */
  rdataEnd: number;
  /** a $GENERATE record's RDATA text when no values present it (generic `\#` RDATA kept as bytes) */
  generatedRdata?: string;
}

// Flags and token indices packed into one small integer: a million records
// should not cost a million extra arrays (field boundaries are found again on demand).
const OWNER_EXPLICIT = 1, TTL_EXPLICIT = 2, GENERIC = 4, GENERATED = 8;
const TYPE_SHIFT = 4; // 4 bits: the type token is at most the 4th data token
const END_SHIFT = 8;

/**
 * What every record offers on top of its stored parts: field boundaries, raw text and
 * locations, found again on demand from the entry's tokens. Two kinds of record share
 * it: Rec (the editor's records, values parsed up front) and the column store's view
 * (column-zone.ts: a whole-file check keeps columns, not a million objects).
 */
export abstract class RecordBase implements ZoneRecord {
  derived: unknown = undefined;
  abstract readonly owner: string;
  abstract readonly ownerKey: string;
  abstract readonly ttl: number;
  abstract readonly class: string;
  abstract readonly type: string;
  abstract readonly typeCode: number;
  abstract readonly values: unknown[];
  abstract readonly file: SourceFile;
  abstract readonly entry: Entry;
  abstract readonly ttlExplicit: boolean;
  abstract readonly generic: boolean;
  abstract readonly generated: boolean;
  abstract readonly ownerExplicit: boolean;
  abstract readonly comment: string | undefined;
  abstract readonly commentAbove: string | undefined;
  /** data-token index of the type, and one past the last RDATA token */
  protected abstract readonly typeTok: number;
  protected abstract readonly rdataEnd: number;

  get def(): RRTypeDef | undefined {
    return this.generic && this.values.length === 0 ? undefined : RR_TYPE_BY_CODE.get(this.typeCode);
  }

  field(name: string): unknown {
    const fields = this.def?.fields;
    if (!fields) return undefined;
    for (let i = 0; i < fields.length; i++) if (fields[i].name === name) return this.values[i];
    return undefined;
  }

  /** Data-token index where each field starts, found again by running the field parsers. */
  private fieldStarts(toks: Token[]): number[] {
    const defs = this.def?.fields ?? [];
    const rdata = toks.slice(this.typeTok + 1, this.rdataEnd);
    const cur: FieldCursor = { words: rdata, i: 0, origin: '.' };
    return defs.map((d) => {
      const at = this.typeTok + 1 + cur.i;
      KIND_PARSERS[d.kind](cur, d.name);
      return at;
    });
  }

  get fields(): Field[] {
    const defs = this.def?.fields ?? [];
    const whole = this.generic || this.generated;
    const toks = this.generated ? [] : dataTokens(this.file, this.entry);
    const starts = whole ? [] : this.fieldStarts(toks);
    return defs.map((d, i) => {
      const from = whole ? this.typeTok + 1 : starts[i];
      const to = whole ? this.rdataEnd : (starts[i + 1] ?? this.rdataEnd);
      return {
        name: d.name,
        kind: d.kind,
        doc: d.doc,
        value: this.values[i],
        raw: toks.slice(from, Math.max(from + 1, to)).map((t) => t.text).join(' '),
        loc: this.generated ? this.loc : locOfTokens(this.file, this.entry, from, Math.max(from + 1, to), toks),
      };
    });
  }

  /** the RDATA text of a generated record whose values do not present it (generic RDATA) */
  protected get generatedRdata(): string | undefined { return undefined; }

  get rdataText(): string {
    // a generated record has no tokens of its own; without values its text was kept (else presentValues would ask back)
    if (this.generated) return this.generatedRdata ?? presentValues(this);
    return dataTokens(this.file, this.entry).slice(this.typeTok + 1, this.rdataEnd).map((t) => t.text).join(' ');
  }

  get rdataKey(): string {
    return rdataKeyOf(this);
  }

  get loc(): Loc {
    return entryLoc(this.file, this.entry);
  }

  get ownerLoc(): Loc {
    if (this.generated) return this.loc;
    if (!this.ownerExplicit) return locOfTokens(this.file, this.entry, this.typeTok, this.typeTok + 1);
    return locOfTokens(this.file, this.entry, 0, 1);
  }

  get typeTokenIndex(): number {
    return this.typeTok;
  }

  get typeLoc(): Loc {
    if (this.generated) return this.loc;
    return locOfTokens(this.file, this.entry, this.typeTok, this.typeTok + 1);
  }

  get rdataLoc(): Loc {
    if (this.generated) return this.loc;
    return locOfTokens(this.file, this.entry, this.typeTok + 1, Math.max(this.typeTok + 2, this.rdataEnd));
  }

  /** location of field i (its tokens), or the RDATA for generic/generated records */
  fieldLoc(i: number): Loc {
    if (this.generic || this.generated) return this.rdataLoc;
    return this.fields[i]?.loc ?? this.rdataLoc;
  }
}

/** A record parsed by parser.ts: values, flags and token indices kept on the object. */
export class Rec extends RecordBase {
  readonly owner: string;
  readonly ownerKey: string;
  readonly ttl: number;
  readonly class: string;
  readonly type: string;
  readonly typeCode: number;
  readonly values: unknown[];
  readonly file: SourceFile;
  readonly entry: Entry;
  private readonly bits: number;
  /** trailing comment / comment above, when there are any */
  private notes: { comment?: string; commentAbove?: string; rdata?: string } | undefined;
  /** the top-level entry that produced this record and its index there (incremental mode: ordering) */
  top: Entry | undefined;
  topIndex: number;

  constructor(r: RecordInit) {
    super();
    this.owner = r.owner;
    this.ownerKey = r.ownerKey;
    this.ttl = r.ttl;
    this.class = r.class;
    this.type = r.type;
    this.typeCode = r.typeCode;
    this.values = r.values;
    this.file = r.file;
    this.entry = r.entry;
    this.bits = (r.ownerTok >= 0 ? OWNER_EXPLICIT : 0) | (r.ttlExplicit ? TTL_EXPLICIT : 0) | (r.generic ? GENERIC : 0) |
      (r.generated ? GENERATED : 0) | (r.typeTok << TYPE_SHIFT) | (r.rdataEnd << END_SHIFT);
    this.notes = r.generatedRdata === undefined ? undefined : { comment: undefined, commentAbove: undefined, rdata: r.generatedRdata };
    this.top = undefined;
    this.topIndex = 0;
  }

  get ttlExplicit(): boolean { return (this.bits & TTL_EXPLICIT) !== 0; }
  get generic(): boolean { return (this.bits & GENERIC) !== 0; }
  get generated(): boolean { return (this.bits & GENERATED) !== 0; }
  get ownerExplicit(): boolean { return (this.bits & OWNER_EXPLICIT) !== 0; }
  protected get typeTok(): number { return (this.bits >> TYPE_SHIFT) & 15; }
  protected get rdataEnd(): number { return this.bits >>> END_SHIFT; }
  get comment(): string | undefined { return this.notes?.comment; }
  get commentAbove(): string | undefined { return this.notes?.commentAbove; }
  protected override get generatedRdata(): string | undefined { return this.notes?.rdata; }

  setComments(comment: string | undefined, commentAbove: string | undefined): void {
    if (comment === undefined && commentAbove === undefined) return;
    // one literal with all fields: one object shape, no property added after creation
    this.notes = { comment, commentAbove, rdata: this.notes?.rdata };
  }
}

/** Presentation of a record's values, as ldns prints RDATA (used by presentRecord too). */
// The types whose RDATA names compare without case (RFC 4034 §6.2, less NSEC per RFC 6840 §5.1);
// in other types a name's case is part of the data (RFC 3597 §7).
const NAMES_WITHOUT_CASE = new Set(['NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'PTR', 'HINFO', 'MINFO', 'MX',
  'RP', 'AFSDB', 'RT', 'SIG', 'PX', 'NXT', 'NAPTR', 'KX', 'SRV', 'DNAME', 'A6', 'RRSIG']);

/** The RDATA as one string per distinct record (RFC 2181 §5): field by field, addresses in one
 *  form, names without case where RFC 4034 §6.2 says so, text and base64 as they are. */
export function rdataKeyOf(rec: ZoneRecord): string {
  const def = (rec as RecordBase).def;
  if (!def || rec.values.length === 0) return rec.rdataText;
  const lowerNames = NAMES_WITHOUT_CASE.has(rec.type);
  return def.fields.map((f, i) => {
    const v = rec.values[i];
    if (f.kind === 'name') return lowerNames ? String(v).toLowerCase() : String(v);
    if (f.kind === 'ipv6' && typeof v === 'string' && isIpv6At(v)) return ipv6Key(v);
    return presentValue(f.kind, v);
  }).join(' ');
}

export function presentValues(rec: ZoneRecord): string {
  const def = (rec as RecordBase).def;
  if (!def || rec.values.length === 0) return rec.rdataText;
  return def.fields.map((f, i) => presentValue(f.kind, rec.values[i])).join(' ');
}

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += '\\' + s[i];
    else if (c < 32 || c >= 127) out += '\\' + String(c & 255).padStart(3, '0');
    else out += s[i];
  }
  return out + '"';
}

export function presentValue(kind: string, v: unknown): string {
  if (v === undefined) return '';
  switch (kind) {
    case 'text': case 'long-text': case 'uri': case 'naptr-regexp': return quote(String(v));
    case 'text-rest': return (v as string[]).map(quote).join(' ');
    case 'hex-rest': case 'hex': return String(v).toUpperCase();
    case 'salt': return v === '' ? '-' : String(v).toUpperCase();
    case 'type-bitmap': case 'nsec-bitmap': case 'apl': return (v as string[]).join(' ');
    case 'svc-params': return Object.entries(v as Record<string, string>).map(([k, x]) => (x === '' ? k : `${k}=${x}`)).join(' ');
    case 'caa-tag': return String(v);
    case 'time': return typeof v === 'number' ? rrsigTimeText(v) : String(v);
    case 'cert-type': return CERT_TYPE_NAMES.get(Number(v)) ?? String(v);
    default: return String(v);
  }
}
