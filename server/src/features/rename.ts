// Rename of a name (textDocument/prepareRename and rename), as a DNS operator renames a host:
// the owners of its records, every name field that points at it (navigation.ts POINTER_FIELDS),
// the TLSA owners `_port._proto.N` below it (DANE looks for them under the host's name,
// RFC 7672 §2.2.1, §3: left behind, the host loses DANE) and SPF terms naming it in TXT strings.
// Each place keeps the form it was written in (relative, absolute, @). Other names below it are
// left as they are. Pure: zone in, edits out.
import type { Loc, Zone, ZoneRecord } from '../zone/api';
import { absRange, dataTokens, entryLine, firstEntryFrom, isInZone, labels, nameKey, resolveName } from '../zone/api';
import { isAbsolute } from '../zone/names';
import { TokKind, type Entry } from '../zone/syntax';
import type { SourceFile } from '../zone/model';
import { policyKindOf, spfOf } from '../rules/dane-support/policy-rules';
import { spfTermName } from '../mail-policy/spf';
import { SPF } from '../rules/dane-support/policy-kinds';
import { txtText } from '../rules/dane-support/txt-text';
import { hitAt } from './locate-at';
import { isPointerField, pointerFieldsTo } from './navigation';

export interface NameEdit {
  loc: Loc;
  newText: string;
}

export type RenamePrep = { loc: Loc; placeholder: string } | { error: string };
export type RenameResult = { edits: NameEdit[] } | { error: string };

/** A place a name is written: `written` as in the file, `resolved` what it reads as there. */
interface Place {
  loc: Loc;
  written: string;
  resolved: string;
  /** an SPF term's domain: always absolute, with or without its final dot */
  spf?: boolean;
}

/** A name that moves with the rename: N itself (prefix '') or a TLSA owner below it. */
interface Moved {
  key: string;
  /** the labels before N ('_25._tcp'), canonical */
  prefix: string;
  places: Place[];
}

interface Plan {
  name: string;
  loc: Loc;
  moved: Moved[];
}

const NOT_A_NAME = 'nothing to rename here: put the cursor on an owner name, or on a name a record points at (MX, NS, CNAME, SRV target, …)';

/** TLSA owner labels in front of a host: `_25._tcp` (RFC 6698 §3, RFC 7672 §3). */
const TLSA_PREFIX = /^_[0-9]+\._(tcp|udp|sctp)$/;

/** What prepareRename answers: the name's token and the name as the new one is read (relative to
 *  the zone's origin), or why it cannot be renamed. */
export function prepareRenameAt(zone: Zone, line: number, col: number): RenamePrep {
  // SPF terms are looked for by the rename itself (a pass over every TXT record: 50-100 ms at 1M records)
  const plan = planAt(zone, line, col, false);
  if ('error' in plan) return plan;
  return { loc: plan.loc, placeholder: relativeTo(plan.name, zone.origin) ?? plan.name };
}

/** The edits that rename the name under the cursor to `newName` (relative names are read
 *  relative to the zone's origin), or why they cannot be made. */
export function renameAt(zone: Zone, line: number, col: number, newName: string): RenameResult {
  const plan = planAt(zone, line, col, true);
  if ('error' in plan) return plan;
  const target = newTarget(zone, newName.trim());
  if ('error' in target) return target;
  const edits: NameEdit[] = [];
  const seen = new Set<string>();
  for (const m of plan.moved) {
    const to = m.prefix ? `${m.prefix}.${target.name}` : target.name;
    const why = collision(zone, m.key, to);
    if (why) return { error: why };
    for (const p of m.places) {
      if (p.spf && !/^[A-Za-z0-9_.-]+$/.test(to)) return { error: `${to} cannot be written in the SPF term at line ${lineOf(p.loc)} (SPF names are letters, digits, '-', '_' and dots): rename it to such a name, or edit that term by hand` };
      const at = absRange(p.loc);
      const id = `${at.startLine}:${at.startCol}`;
      if (seen.has(id)) continue;
      seen.add(id);
      edits.push({ loc: p.loc, newText: rewrite(p, to) });
    }
  }
  return { edits };
}

/** The name under the cursor and every place it, and the TLSA owners below it, are written
 *  (in SPF terms too when `withSpf`). */
function planAt(zone: Zone, line: number, col: number, withSpf: boolean): Plan | { error: string } {
  const hit = hitAt(zone, line, col);
  if (!hit) return { error: NOT_A_NAME };
  if (hit.directive) {
    return { error: hit.directive.name === '$GENERATE' ? 'names made by $GENERATE are not renamed: edit the $GENERATE line itself' : `nothing to rename on a ${hit.directive.name} line: rename the names of the records` };
  }
  const rec = hit.record;
  const where = hit.where;
  if (!rec || !where) return { error: NOT_A_NAME };
  let name: string, loc: Loc;
  if (where.part === 'owner') {
    name = rec.owner;
    loc = rec.ownerLoc;
  } else if (where.part === 'field' && isPointerField(rec.type, where.index) && typeof rec.values[where.index] === 'string') {
    name = rec.values[where.index] as string;
    loc = rec.fields[where.index].loc;
  } else return { error: NOT_A_NAME };
  const key = nameKey(name);
  if (!zone.origin) return { error: "the zone's origin is unknown (no $ORIGIN and no SOA): rename needs it to read names" };
  if (key === zone.origin) return { error: `${name} is the zone's apex: to rename the zone, change its $ORIGIN (or the name of the zone in the server's configuration and the file), not its names` };
  if (!isInZone(key, zone.origin)) return { error: `${name} is outside this zone (${zone.origin}): its records are in another zone, rename it there` };
  const moved: Moved[] = [];
  for (const [childKey, prefix] of tlsaOwnersBelow(zone, key)) moved.push({ key: childKey, prefix, places: [] });
  moved.unshift({ key, prefix: '', places: [] });
  for (const m of moved) {
    const why = ownerPlaces(zone, m) ?? pointerPlaces(zone, m);
    if (why) return { error: why };
  }
  const why = withSpf ? spfPlaces(zone, moved) : undefined;
  if (why) return { error: why };
  return { name, loc, moved };
}

/** Names `_port._proto.<key>` that hold TLSA or CNAME records (a TLSA RRset shared through a
 *  CNAME) or that a CNAME points at, with their prefix. Read from those types' records, not from
 *  every owner of the zone (a pass over 700 000 owners took 80 ms of a rename at 1M records). */
function tlsaOwnersBelow(zone: Zone, key: string): Map<string, string> {
  const out = new Map<string, string>();
  const tail = '.' + key;
  const consider = (k: string): void => {
    // most names do not start with '_': one character read instead of their end
    if (k.charCodeAt(0) !== 95 || k.length <= tail.length || !k.endsWith(tail) || out.has(k)) return;
    const prefix = k.slice(0, k.length - tail.length);
    if (TLSA_PREFIX.test(prefix)) out.set(k, prefix);
  };
  for (const r of zone.byType.get('TLSA') ?? []) consider(r.ownerKey);
  for (const r of zone.byType.get('CNAME') ?? []) {
    consider(r.ownerKey);
    if (typeof r.values[0] === 'string') consider(nameKey(r.values[0]));
  }
  return out;
}

/** Where the records of `m` write their owner; why they cannot be renamed, if so. */
function ownerPlaces(zone: Zone, m: Moved): string | undefined {
  const recs = zone.byOwner.get(m.key) ?? [];
  const written = new Set<Entry>();
  for (const r of recs) {
    const why = notEditable(zone, r, `${r.owner} has a record`);
    if (why) return why;
    if (!r.ownerExplicit) continue;
    written.add(r.entry);
    m.places.push({ loc: r.ownerLoc, written: ownerText(r), resolved: r.owner });
  }
  // a blank owner repeats the owner written above it: that line must be one of these records
  for (const r of recs) {
    if (r.ownerExplicit) continue;
    const from = ownerWriter(r.file, r.entry);
    if (!from || !written.has(from)) {
      const at = from ? `line ${entryLine(from) + 1}` : 'above it';
      return `the record at line ${lineOf(r.loc)} starts with white space and repeats the owner ${r.owner} from ${at}, which is no record of it that can be renamed: write the owner on line ${lineOf(r.loc)} first`;
    }
  }
  return undefined;
}

/** The entry whose owner a blank-led entry repeats: the nearest record line above it, past blank
 *  lines, comments, $ORIGIN and $TTL; undefined past an $INCLUDE or $GENERATE line. */
function ownerWriter(file: SourceFile, entry: Entry): Entry | undefined {
  const entries = file.entries;
  for (let i = firstEntryFrom(entries, entryLine(entry)) - 1; i >= 0; i--) {
    const e = entries[i];
    const toks = dataTokens(file, e);
    if (!toks.length) continue;
    const first = toks[0].text.toUpperCase();
    if (!e.leadingBlank && first.startsWith('$')) {
      if (first === '$ORIGIN' || first === '$TTL') continue;
      return undefined;
    }
    if (!e.leadingBlank) return e;
  }
  return undefined;
}

/** Where records point at `m`; why they cannot be renamed, if so. */
function pointerPlaces(zone: Zone, m: Moved): string | undefined {
  for (const { rec, index } of pointerFieldsTo(zone, m.key)) {
    const why = notEditable(zone, rec, `a ${rec.type} record points at ${rec.values[index] as string}`);
    if (why) return why;
    const f = rec.fields[index];
    m.places.push({ loc: f.loc, written: f.raw, resolved: rec.values[index] as string });
  }
  return undefined;
}

/** SPF terms (a:, mx:, ptr:, include:, exists:, redirect=, exp=) of TXT records naming a moved
 *  name, where their text maps exactly onto the file (no escape inside the string). */
function spfPlaces(zone: Zone, moved: Moved[]): string | undefined {
  const byKey = new Map(moved.map((m) => [m.key, m]));
  // every moved name ends in N's; an SPF domain has no other characters than these
  const needle = moved[0].key.slice(0, -1);
  if (!/^[a-z0-9_.-]+$/.test(needle)) return undefined;
  for (const rec of zone.byType.get('TXT') ?? []) {
    // parsed only where N is written (5 000 SPF records parsed took 20 ms of a rename at 100k)
    if (!spfNaming(rec, needle)) continue;
    const text = txtText(rec)!;
    for (const t of spfOf(rec)!.terms) {
      // only a domain written in the term (a bare a or mx names the owner without writing it)
      if (t.domain === undefined) continue;
      const d = t.domain;
      const m = byKey.get(spfTermName(t, rec.ownerKey) ?? '');
      if (!m) continue;
      const why = notEditable(zone, rec, `an SPF record names ${d}`);
      if (why) return why;
      const word = text.text.slice(t.start, t.end);
      const from = t.start + word.indexOf(t.mechanism === 'redirect' || t.mechanism === 'exp' ? '=' : ':') + 1;
      const loc = text.text.startsWith(d, from) ? text.exactLocOf(from, from + d.length) : undefined;
      if (!loc) {
        const why = acrossStrings(rec, from, from + d.length) ? 'across two of its strings: join them' : 'in a string written with escapes: write the string without escapes';
        return `the SPF record at line ${lineOf(rec.loc)} names ${d} ${why}, or rename that term by hand first`;
      }
      m.places.push({ loc, written: d, resolved: d, spf: true });
    }
  }
  return undefined;
}

/** Whether text offsets [start, end) of a TXT record's joined strings span more than one of them. */
function acrossStrings(rec: ZoneRecord, start: number, end: number): boolean {
  let at = 0;
  for (const str of rec.values[0] as string[]) {
    at += str.length;
    if (start < at) return end > at;
  }
  return false;
}

/** Whether a TXT record is SPF and its strings, joined, hold `needle` (lower case) in any case.
 *  Asked of every TXT record: no string made where one string without capitals cannot hold it
 *  (lower-casing 50 000 DKIM keys took 45 ms of a rename at 1M records). */
function spfNaming(rec: ZoneRecord, needle: string): boolean {
  const v = rec.values[0];
  if (!Array.isArray(v)) return false;
  if (v.length === 1) {
    const s = v[0] as string;
    if (s.includes(needle)) return policyKindOf(rec) === SPF;
    if (!/[A-Z]/.test(s)) return false;
  }
  return policyKindOf(rec) === SPF && v.join('').toLowerCase().includes(needle);
}

/** Why a record's text cannot be edited here: made by $GENERATE, or in an $INCLUDEd file. */
function notEditable(zone: Zone, rec: ZoneRecord, what: string): string | undefined {
  if (rec.generated) return `${what} made by the $GENERATE line at line ${lineOf(rec.loc)}: rename is not offered for names $GENERATE makes or points at; edit that line instead`;
  if (rec.file !== zone.file) return `${what} in ${rec.file.id} (brought in by $INCLUDE): rename is not offered across $INCLUDEd files; rename there by hand`;
  return undefined;
}

/** The owner token's text (a quoted owner without its quotes, as it is read). */
function ownerText(r: ZoneRecord): string {
  const t = dataTokens(r.file, r.entry)[0];
  return t.kind === TokKind.Quoted ? t.text.slice(1, -1) : t.text;
}

/** The new name, absolute, read relative to the zone's origin; or why it cannot be one. */
function newTarget(zone: Zone, text: string): { name: string } | { error: string } {
  if (!text) return { error: 'the new name is empty' };
  // what would end the name, or start a comment or directive, in a zone file
  const bare = text.replace(/\\([0-9]{3}|[^0-9])/g, 'x');
  if (/[\s"();]/.test(bare) || bare.startsWith('$')) return { error: `'${text}' cannot be written as one name in a zone file: escape white space, quotes, parentheses, ';' and a leading '$' (\\032, \\", \\(, \\), \\;, \\$)` };
  const r = resolveName(text, zone.origin);
  if (!r.name) return { error: `'${text}' is not a domain name: ${r.error}` };
  const key = nameKey(r.name);
  if (key === zone.origin) return { error: `${r.name} is the zone's apex: a name cannot be renamed onto it` };
  if (!isInZone(key, zone.origin)) return { error: `${r.name} is outside this zone (${zone.origin}): a relative name is read relative to the zone's origin; write a name of this zone` };
  return { name: r.name };
}

/** Why `from` cannot become `to`: too long, or `to` already has records (rename would merge them). */
function collision(zone: Zone, fromKey: string, to: string): string | undefined {
  const r = resolveName(to, '.');
  if (!r.name) return `${to} is not a domain name: ${r.error}`;
  const toKey = nameKey(to);
  if (toKey === fromKey) return undefined;
  const there = zone.byOwner.get(toKey);
  if (!there?.length) return undefined;
  const types = [...new Set(there.map((x) => x.type))].join(', ');
  return `${to} already has records (${types}, line ${lineOf(there[0].loc)}): renaming onto it would merge two names' records; rename or remove those first`;
}

/** The text that writes `to` where `p` was written, in the same form. */
function rewrite(p: Place, to: string): string {
  if (p.spf) return p.written.endsWith('.') ? to : to.slice(0, -1);
  const w = p.written;
  if (isAbsolute(w)) return to;
  const origin = w === '@' ? nameKey(p.resolved) : originOf(w, p.resolved);
  return relativeTo(to, origin) ?? to;
}

/** The origin a relative name was read against: what follows it in the name it resolved to. */
function originOf(written: string, resolved: string): string {
  return nameKey(resolved.slice(written.length + 1) || '.');
}

/** `name` written relative to `origin` (a key): '@' for the origin itself, undefined when the
 *  name is not below it. */
function relativeTo(name: string, origin: string): string | undefined {
  const own = labels(name);
  const k = origin === '.' ? 0 : labels(origin).length;
  if (own.length < k) return undefined;
  if (k > 0 && nameKey(own.slice(own.length - k).join('.') + '.') !== origin) return undefined;
  if (own.length === k) return '@';
  const rel = own.slice(0, own.length - k).join('.');
  return rel === '@' ? '\\@' : rel;
}

function lineOf(loc: Loc): number {
  return absRange(loc).startLine + 1;
}
