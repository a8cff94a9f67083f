// What a rule is. One rule = one file named by its id, exporting a Rule.
// Rules read the zone model only; they never do I/O themselves (certificate
// files come through RuleHost, which the server or CLI provides).
import type { Loc, Severity, Zone, ZoneRecord, ZoneRows } from '../zone/model';

export interface RfcRef {
  /** e.g. 'RFC 7672 §3.1.3' */
  label: string;
  /** e.g. 'https://www.rfc-editor.org/rfc/rfc7672#section-3.1.3' */
  url: string;
}

/** Absolute range, 0-based lines and UTF-16 columns (what LSP uses; converted in one place). */
export interface AbsRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface TextEditSpec {
  /** file id (SourceFile.id) the edit applies to */
  file: string;
  range: AbsRange;
  newText: string;
}

/** An edit as a rule reports it: what `loc` covers replaced by `newText` (or, `atEnd`, `newText`
 *  inserted after it). Its range is made when the finding is published (settleFixData): findings
 *  are cached across edits that move lines, and a range made at report time would write the fix
 *  over whatever line is there now. */
export interface LocEdit {
  loc: Loc;
  atEnd?: boolean;
  newText: string;
}

/** A quick-fix as a rule stores it in a finding's data, its edits anchored to locations. */
export interface ReportedFix {
  title: string;
  preferred?: boolean;
  edits: LocEdit[];
  command?: { command: string; arguments?: unknown[] };
}

export interface QuickFix {
  title: string;
  preferred?: boolean;
  edits: TextEditSpec[];
  /** a client command to run instead of (or after) the edits, for fixes that need the user's
   *  input first, e.g. "Add next-key 3 1 1 from …" asks for a certificate file */
  command?: { command: string; arguments?: unknown[] };
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  loc: Loc;
  /** JSON payload the rule's `fixes` turns into edits (goes into Diagnostic.data) */
  data?: unknown;
  related?: { loc: Loc; message: string }[];
}

export interface ReportArgs {
  loc: Loc;
  /** no line numbers in the text: findings are cached across edits that move lines;
   *  point at other places with `related` (their positions are computed late) */
  message: string;
  data?: unknown;
  related?: { loc: Loc; message: string }[];
  /** override of the rule's default severity for this finding (user settings still win) */
  severity?: Severity;
}

/** Services a host gives rules (file reading for certificate links, the clock). */
export interface RuleHost {
  now(): Date;
  /** read a file named relative to `fromFile` (a SourceFile.id); undefined = host has no file access */
  readFile?(fromFile: string, relPath: string): { bytes: Uint8Array; path: string } | { error: string };
  /** per-rule options from settings, e.g. expiry warning days */
  options: Record<string, unknown>;
}

export interface RuleContext {
  zone: Zone;
  host: RuleHost;
  report(args: ReportArgs): void;
}

interface RuleBase {
  id: string;
  defaultSeverity: Severity;
  rfc: RfcRef[];
  /** one line, shown in the README rule table and hovers */
  summary: string;
  /** quick-fixes for a finding of this rule, built only from the finding's data */
  fixes?(data: unknown): QuickFix[];
  /** its findings are zones BIND or Knot refuse to load (a CNAME beside other data, no NS at
   *  the apex): an ignore comment cannot silence them (rules/ignore.ts); 'errors': only its
   *  findings of severity error are (an NS target without an address, but not an MX's) */
  loadRefused?: true | 'errors';
}

/** Looks at one record at a time, and at most at the other records of its owner
 *  (re-run only for the owners an edit touched). */
export interface RecordRule extends RuleBase {
  scope: 'record';
  /** record types this rule looks at (upper case); omitted = all */
  types?: readonly string[];
  /** defaults that differ by the type of the record checked: the engine gives a finding this
   *  severity instead of defaultSeverity (the README's rule table shows them; a user setting
   *  for the rule still wins) */
  defaultSeverityByType?: Readonly<Record<string, Severity>>;
  /** owner names (keys) besides the record's own that check() reads, e.g. an MX target:
   *  while typing, the record is checked again when records at one of them change */
  dependsOn?(rec: ZoneRecord, zone: Zone): readonly string[];
  /** names whose whole subtree check() reads, e.g. whether a name exists (an empty non-terminal
   *  exists while a name below it does) or which wildcard answers it: while typing, the record
   *  is checked again when records at or below one of them change */
  dependsOnBelow?(rec: ZoneRecord, zone: Zone): readonly string[];
  /** names whose incoming DNAMEs check() reads (a DNAME pointing at one makes names below its
   *  owner aliases of names below it, RFC 6672): while typing, the record is checked again when
   *  a DNAME record with one of them as its target is added or removed, and not for other
   *  records at or pointing at them (the apex has many) */
  dependsOnDnamesTo?(rec: ZoneRecord, zone: Zone): readonly string[];
  /** false when check() has nothing to say about any record of this zone (e.g. it has no
   *  DNAME): the engines then leave the rule out, one question per zone instead of per name */
  appliesToZone?(zone: Zone): boolean;
  /** what about the whole zone decides check()'s answers beyond the records it reads (whether
   *  the zone is signed, how many signatures it verifies), as a short string asked once per
   *  edit: when an edit changes it, the editor's engine checks the whole zone again */
  zoneState?(zone: Zone, host: RuleHost): string;
  /** types whose records check() reads wherever they are, not only at the names dependsOn
   *  lists (rrsig-bogus: the DNSKEYs): when an edit adds or removes one, the editor's engine
   *  checks every record of this rule's `types` again */
  recheckOnTypes?: readonly string[];
  /** false when check() has nothing to say about any record at this owner (it reads the
   *  owner name only): a big zone's engine asks once per name instead of once per record */
  appliesToOwner?(ownerKey: string, zone: Zone): boolean;
  /** with appliesToOwner: its answers for every name of a column-stored zone at once, by name
   *  id (1 yes, 2 no), where one pass over the names costs less than a question per name (the
   *  engine asks it of zones of many names only); undefined: the engine asks appliesToOwner.
   *  Must agree with appliesToOwner on every name. */
  ownerAnswers?(zone: Zone, rows: ZoneRows): Uint8Array | undefined;
  /** with ownerAnswers: from how many names on the engine asks it (default 200 000, where a
   *  pass like namesBelow starts to pay; a pass over the names' characters pays at any size) */
  ownerAnswersFrom?: number;
  /** with appliesToOwner: types whose RDATA check() reads whatever the owner (a name field), so a
   *  big zone's engine checks their records where appliesToOwner says no, and keeps their values
   *  (of the rule's other types it keeps none: the owner's name decides about them) */
  rdataTypes?: readonly string[];
  /** with rdataTypes: for those of them with a target (zone/targets.ts TARGET_FIELD: MX, NS, SRV,
   *  CNAME, DNAME, PTR), false when check() has nothing to say about a record whose owner
   *  appliesToOwner turns down and whose target key is this one (a record without a target key,
   *  the root, counts as a no). A big zone's engine then asks once per target name instead of
   *  checking every such record. */
  appliesToTarget?(targetKey: string, zone: Zone): boolean;
  check(rec: ZoneRecord, ctx: RuleContext): void;
}

/** Looks at all records of one owner name (re-run only for owners that changed). */
export interface OwnerRule extends RuleBase {
  scope: 'owner';
  /** record types this rule looks at (upper case): it runs only for owners holding
   *  a record of one of them; omitted = every owner */
  types?: readonly string[];
  /** true when the rule looks only at records whose type occurs more than once at the
   *  owner (RRsets of two or more): it is not run for owners without such a type */
  repeatedTypesOnly?: boolean;
  check(ownerKey: string, records: readonly ZoneRecord[], ctx: RuleContext): void;
}

/** Looks across owners (MX targets, TLSA at MX hosts, SOA count). Must use the
 *  zone's indexes and stay linear in the number of records it looks at. */
export interface ZoneRule extends RuleBase {
  scope: 'zone';
  /** record types whose records this rule reads (upper case). While editing, an edit
   *  that adds or removes no record of these types keeps the rule's last findings
   *  instead of re-running it (incremental-engine.ts). Omitted = re-run on every edit. */
  types?: readonly string[];
  check(zone: Zone, ctx: RuleContext): void;
}

export type Rule = RecordRule | OwnerRule | ZoneRule;

export function rfc(label: string, url: string): RfcRef {
  return { label, url };
}
