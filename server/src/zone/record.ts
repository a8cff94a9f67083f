// The record class behind ZoneRecord. Keeps values and token indices only;
// locations and raw text are computed on demand from the entry (rarely needed:
// only for findings and editor features).
import type { Entry } from './syntax';
import type { Field, Loc, SourceFile, ZoneRecord } from './model';
import type { RRTypeDef } from './rr-types';
import { dataTokens, entryLoc, locOfTokens } from './locate';

export interface RecordInit {
  owner: string;
  ownerKey: string;
  ttl: number;
  ttlExplicit: boolean;
  class: string;
  type: string;
  typeCode: number;
  def: RRTypeDef | undefined;
  values: unknown[];
  generic: boolean;
  file: SourceFile;
  entry: Entry;
  generated: boolean;
  /** data-token index of the owner (-1 inherited), of the type, and of each field start */
  ownerTok: number;
  typeTok: number;
  fieldToks: number[];
  /** one past the last RDATA token */
  rdataEnd: number;
  comment?: string;
  commentAbove?: string;
}

export class Rec implements ZoneRecord {
  readonly owner: string;
  readonly ownerKey: string;
  readonly ttl: number;
  readonly ttlExplicit: boolean;
  readonly class: string;
  readonly type: string;
  readonly typeCode: number;
  readonly values: unknown[];
  readonly generic: boolean;
  readonly file: SourceFile;
  readonly entry: Entry;
  readonly generated: boolean;
  readonly comment?: string;
  readonly commentAbove?: string;
  readonly def: RRTypeDef | undefined;
  /** the top-level entry that produced this record and its index there (incremental mode: ordering) */
  top: Entry | undefined;
  topIndex = 0;
  private readonly ownerTok: number;
  private readonly typeTok: number;
  private readonly fieldToks: number[];
  private readonly rdataEnd: number;

  constructor(r: RecordInit) {
    this.owner = r.owner;
    this.ownerKey = r.ownerKey;
    this.ttl = r.ttl;
    this.ttlExplicit = r.ttlExplicit;
    this.class = r.class;
    this.type = r.type;
    this.typeCode = r.typeCode;
    this.def = r.def;
    this.values = r.values;
    this.generic = r.generic;
    this.file = r.file;
    this.entry = r.entry;
    this.generated = r.generated;
    this.ownerTok = r.ownerTok;
    this.typeTok = r.typeTok;
    this.fieldToks = r.fieldToks;
    this.rdataEnd = r.rdataEnd;
    this.top = undefined;
    if (r.comment !== undefined) this.comment = r.comment;
    if (r.commentAbove !== undefined) this.commentAbove = r.commentAbove;
  }

  field(name: string): unknown {
    const fields = this.def?.fields;
    if (!fields) return undefined;
    for (let i = 0; i < fields.length; i++) if (fields[i].name === name) return this.values[i];
    return undefined;
  }

  get ownerExplicit(): boolean {
    return this.ownerTok >= 0;
  }

  get fields(): Field[] {
    const defs = this.def?.fields ?? [];
    const toks = this.generated ? [] : dataTokens(this.file, this.entry);
    return defs.map((d, i) => {
      const from = this.generic || this.generated ? this.typeTok + 1 : this.fieldToks[i];
      const to = this.generic || this.generated ? this.rdataEnd : (this.fieldToks[i + 1] ?? this.rdataEnd);
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

  get rdataText(): string {
    if (this.generated) return presentValues(this);
    return dataTokens(this.file, this.entry).slice(this.typeTok + 1, this.rdataEnd).map((t) => t.text).join(' ');
  }

  get rdataKey(): string {
    return presentValues(this).toLowerCase();
  }

  get loc(): Loc {
    return entryLoc(this.file, this.entry);
  }

  get ownerLoc(): Loc {
    if (this.ownerTok < 0 || this.generated) return this.generated ? this.loc : locOfTokens(this.file, this.entry, this.typeTok, this.typeTok + 1);
    return locOfTokens(this.file, this.entry, this.ownerTok, this.ownerTok + 1);
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
    if (this.generic || this.generated || this.fieldToks[i] === undefined) return this.rdataLoc;
    return locOfTokens(this.file, this.entry, this.fieldToks[i], this.fieldToks[i + 1] ?? this.rdataEnd);
  }
}

/** Presentation of a record's values, as ldns prints RDATA (used by presentRecord too). */
export function presentValues(rec: ZoneRecord): string {
  const def = (rec as Rec).def;
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
    case 'text': return quote(String(v));
    case 'text-rest': return (v as string[]).map(quote).join(' ');
    case 'hex-rest': case 'hex': return String(v).toUpperCase();
    case 'salt': return v === '' ? '-' : String(v).toUpperCase();
    case 'type-bitmap': return (v as string[]).join(' ');
    case 'svc-params': return Object.entries(v as Record<string, string>).map(([k, x]) => (x === '' ? k : `${k}=${x}`)).join(' ');
    case 'caa-tag': return String(v);
    default: return String(v);
  }
}
