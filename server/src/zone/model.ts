// The zone model: records with absolute names, inherited owner/TTL/class and
// typed RDATA, each tied back to the entry and tokens it came from.
// No I/O, no LSP types. Rules read this; LSP features read this.
import type { Entry, Span } from './syntax';
import type { FieldKind } from './field-kinds';
import type { ParseState } from './parser';

/** A source of entries: the edited document or a file pulled in by $INCLUDE. */
export interface SourceFile {
  /** URI or path, as given by the host (server: URI; CLI: path) */
  id: string;
  /** the physical lines (kept so locations can be computed late, by re-lexing an entry) */
  lines: string[];
  entries: Entry[];
  /** lines [from, from + count), when the file can give them without splitting all its text */
  linesAt?(from: number, count: number): string[];
  /** an edited document's first block of entries (line-blocks.ts: an edit moves blocks, not every entry's line) */
  lineBlocks?: import('./line-blocks').LineBlock;
}

/** Where something is: a span inside an entry of a source file. Absolute lines are computed late. */
export interface Loc {
  file: SourceFile;
  entry: Entry;
  span: Span;
}

/** One parsed RDATA field. `value` depends on `kind` (see field-kinds.ts). */
export interface Field {
  name: string;
  kind: FieldKind;
  /** number for integer kinds, string for names/text/hex/base64 (hex lowercased, no spaces),
   *  string[] for text-rest (character-strings, unescaped), etc. */
  value: unknown;
  /** the raw presentation text (tokens joined by single spaces) */
  raw: string;
  loc: Loc;
  /** documentation of the field from the RR type table */
  doc: string;
}

/** One resource record. Implemented by record.ts (locations are computed on demand,
 *  so a million-record zone does not keep a million token arrays). */
export interface ZoneRecord {
  /** owner, absolute, presentation form with trailing dot (escapes kept, case kept) */
  readonly owner: string;
  /** lowercase owner: the key for indexes and comparisons */
  readonly ownerKey: string;
  readonly ttl: number;
  /** true when the TTL was written on this record */
  readonly ttlExplicit: boolean;
  readonly class: string;
  /** mnemonic in upper case (TYPE65534 when unknown) */
  readonly type: string;
  readonly typeCode: number;
  /** typed values of the RDATA fields, in table order (empty for unknown types) */
  readonly values: readonly unknown[];
  /** the value of the named field (see rr-types.ts), or undefined */
  field(name: string): unknown;
  /** fields with names, kinds, raw text and locations (built on demand) */
  readonly fields: Field[];
  /** true when the RDATA was written in RFC 3597 `\# len hex` form */
  readonly generic: boolean;
  /** RDATA as written, tokens joined by single spaces */
  readonly rdataText: string;
  /** canonical RDATA (names lowercased), for comparing records */
  readonly rdataKey: string;
  readonly file: SourceFile;
  readonly entry: Entry;
  /** true when this record came from a $GENERATE directive */
  readonly generated: boolean;
  /** the whole entry */
  readonly loc: Loc;
  /** owner token, or the entry start when the owner is inherited */
  readonly ownerLoc: Loc;
  readonly ownerExplicit: boolean;
  readonly typeLoc: Loc;
  /** index of the type among the entry's data tokens (owner, TTL and class come before it) */
  readonly typeTokenIndex: number;
  /** the RDATA part of the entry (first to last RDATA token) */
  readonly rdataLoc: Loc;
  /** trailing comment text of the record (without ';'), if any */
  readonly comment?: string;
  /** comment on the line directly above the record, if any (without ';') */
  readonly commentAbove?: string;
  /** what rule support code derived from the record and keeps with it (records never change):
   *  read and written only through rules/support/derived.ts */
  derived: unknown;
}

export type DirectiveName = '$ORIGIN' | '$TTL' | '$INCLUDE' | '$GENERATE';

export interface Directive {
  name: DirectiveName;
  args: string[];
  /** for $ORIGIN: the resolved origin (lowercase, absolute); for $INCLUDE: the origin the
   *  included file starts with (its origin argument, else the one in effect) */
  value?: string;
  loc: Loc;
  /** for $INCLUDE: the file the host resolved, when it could */
  includedFile?: SourceFile;
  /** for $INCLUDE: the default TTL the included file starts with, when one is in effect */
  ttl?: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found while reading the zone (lexer, parser, field kinds, directives). */
export interface ParseProblem {
  code: string; // e.g. 'syntax', 'bad-field', 'include-failed'
  severity: Severity;
  message: string;
  loc: Loc;
  /** text that would make what `loc` covers right (a quick-fix; its range is made from `loc`
   *  when the finding is, so an edit above it does not leave it behind) */
  rewrite?: { title: string; text: string };
  /** rdata-invalid: the type the record was written as (an SOA with a bad serial is still an SOA) */
  type?: string;
  /** rdata-invalid of an SOA: its owner (it names the zone: zoneOrigin) */
  ownerKey?: string;
}

/** An ignore comment the parser read (`; dane-zone: ignore=…`, ignore-comment.ts), well written
 *  or not: rules/ignore.ts silences findings by them. */
export interface IgnoreNote {
  /** the comment token */
  loc: Loc;
  comment: import('./ignore-comment').IgnoreComment;
  /** on a line of its own (it speaks of the entry below it), not at the end of an entry */
  commentOnly: boolean;
}

/** A certificate link the parser read (`; dane-zone: cert=<path>`, cert/link.ts): a TLSA or
 *  SMIMEA record takes it from the line directly above it or from its own end; kept so that a
 *  link that links no record is reported, not silently left unchecked. */
export interface CertLinkNote {
  /** the comment token */
  loc: Loc;
  /** the path as written ('' when none) */
  path: string;
  /** on a line of its own (it speaks of the record below it), not at the end of an entry */
  commentOnly: boolean;
  /** spelt otherwise than a link is read (`;dane-zone:cert=`): no record takes it */
  misspelt?: true;
}

export interface Zone {
  /** the zone origin (absolute, lowercase, trailing dot), from $ORIGIN or the first SOA, or '' if unknown */
  origin: string;
  records: ZoneRecord[];
  directives: Directive[];
  problems: ParseProblem[];
  /** the ignore comments of the zone's files, in file order */
  ignores: IgnoreNote[];
  /** the certificate links written in the zone's files, in file order */
  certLinks: CertLinkNote[];
  /** records by ownerKey */
  byOwner: Map<string, ZoneRecord[]>;
  /** records by type mnemonic ('MX', 'TLSA', ...): zone-scope rules start here instead of scanning all records */
  byType: Map<string, ZoneRecord[]>;
  /** records by the name they point at (MX/NS/SRV/CNAME/DNAME/PTR target key): who refers to a name */
  byTarget: Map<string, ZoneRecord[]>;
  /** the document the zone was read from (first file) */
  file: SourceFile;
  /** parse state after the last entry (incremental mode) */
  endState?: ParseState;
  /** the records as rows, when the zone is stored column-wise (a whole-file check) */
  rows?: ZoneRows;
  /** records its $GENERATE lines made (GENERATE_ZONE_MAX bounds them in a whole read), and
   *  whether that bound cut one: an editor reads such a zone whole again at each edit */
  generatedCount?: number;
  generateCut?: boolean;
}

/** Records as rows of a column-stored zone (column-zone.ts): the rule engine picks the
 *  records a rule needs by type and owner before any record object is made. */
export interface ZoneRows {
  /** number of rows (= records.length); row i is records[i] */
  readonly count: number;
  typeCode(row: number): number;
  /** the row's owner as a name id (0 <= id < nameCount) */
  ownerId(row: number): number;
  readonly nameCount: number;
  /** the key of a name id (not kept: for questions asked once per name) */
  nameKey(id: number): string;
  /** the id of a key, -1 when no name of the zone has it */
  nameId(key: string): number;
  /** per name id: 1 when the name (with `self` false: only an ancestor of it) is one of the
   *  names `ids`, else 2 (one pass over the names, no key strings) */
  namesBelow(ids: readonly number[], self: boolean): Uint8Array;
  /** per name id: 1 when `passes` fails on some part of the name, else 2 (NameTable.failing:
   *  a name written in the text is asked about its span and its origin's key, no key strings) */
  namesFailing(passes: (text: string, start: number, end: number) => boolean): Uint8Array;
  /** the row's target (byTarget's key, targets.ts) as a name id, or -1 when it has none */
  targetId(row: number): number;
  /** one more than the largest type code of a row (0 without rows): the size of a table by type
   *  code (65 536 entries for every zone made a check of a thousand small zones 40% slower) */
  readonly typeCodeLimit: number;
  record(row: number): ZoneRecord;
  /** owners in byOwner's order, each with its rows in file order: rows[start .. start + count) */
  forEachOwner(fn: (ownerId: number, rows: Int32Array, start: number, count: number) => void): void;
}

/** What one top-level entry produced (kept in incremental mode, so an edit re-parses only what it touched). */
export interface EntryOutput {
  /** the parse state before this entry, but for the owner (parser.ts startState gives it whole):
   *  one object shared by the entries it holds for, which is most of them */
  context: ParseState;
  /** the previous owner before this entry (state.lastOwner, lastOwnerKey) */
  lastOwner: string | undefined;
  lastOwnerKey: string | undefined;
  /** how many records it produced: they are that many consecutive ones of zone.records
   *  (incremental.ts recordsOfTopEntry; an array per entry was 6% of a big zone's model) */
  recordCount: number;
  problems: ParseProblem[];
  directives: Directive[];
  ignores: IgnoreNote[];
  certLinks: CertLinkNote[];
}
