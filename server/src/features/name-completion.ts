// Completion of domain names from the zone's own owners: in any RDATA field of kind
// 'name' (MX exchange, NS, SRV and SVCB/HTTPS targets, CNAME, DNAME, PTR ...) and, for
// an owner being typed as `_25._tcp.`, the TLSA names of MX hosts that have no TLSA yet.
// Names are written as the operator writes them: relative to the $ORIGIN in effect at
// the cursor, `@` for the origin itself, absolute with a trailing dot outside it.
// Names keep the case of the first record's owner as written (BIND keeps it too).
// A 1M-record zone must answer at once: owners come from the sorted owner keys
// (owner-index.ts) by the typed prefix, at most NAME_LIMIT entries from at most
// SCAN_LIMIT owners looked at, and the answer says when it left names out. While a big
// zone's sorted owners are being made, a bounded look in file order answers, incomplete.
// Pure: no LSP types.
import type { Entry, RRTypeDef, Zone, ZoneRecord } from '../zone/api';
import { entryLine, isInZone, nameKey } from '../zone/api';
import { targetName } from '../zone/targets';
import { dropStale, lowerBound, sortedOwners } from './owner-index';

/** Most names one completion answer lists; the client asks again as more is typed. */
export const NAME_LIMIT = 200;
/** Most owners one answer looks at (the work per keystroke stays small on any zone). */
const SCAN_LIMIT = 20 * NAME_LIMIT;
/** Most owners looked at in file order while the sorted owners are being made (a prefix test
 *  each: a few ms), and most of them that match taken (the answer is incomplete anyway). */
const UNSORTED_SCAN_LIMIT = 50_000;
const UNSORTED_TAKE_LIMIT = 5 * NAME_LIMIT;

export interface NameEntry {
  label: string;
  detail: string;
  documentation: string;
  sortText: string;
}

export interface NameList {
  entries: NameEntry[];
  /** true when names were left out (more than NAME_LIMIT match the prefix) */
  incomplete: boolean;
  /** the zone's sorted owners were not made yet (a big zone: ownerIndexInSlices makes them);
   *  the entries come from a bounded look at the owners and are marked incomplete */
  ownersPending?: boolean;
}

/** Fields that name a host: an owner with an address is what they want. */
const HOST_TYPES = new Set(['MX', 'NS', 'SRV', 'SVCB', 'HTTPS']);
/** Targets that must not name an alias (RFC 2181 §10.3; RFC 2782 for SRV); an SVCB/HTTPS
 *  target may (RFC 9460: clients follow its CNAME). */
const NO_ALIAS_TYPES = new Set(['MX', 'NS', 'SRV']);

const TLSA_SMTP_PREFIX = '_25._tcp.';
/** The character after '_': keys from here on no longer start with '_'. */
const AFTER_UNDERSCORE = '`';

/** The origin relative names resolve against at `entry` (lowercase, absolute; '' when unknown). */
export function originAt(zone: Zone, entry: Entry | undefined, line: number): string {
  // the editor's incremental zone keeps each entry's starting state
  if (entry?.out) return entry.out.context.origin;
  // a whole-file parse: the last $ORIGIN of this file above the line
  let origin: string | undefined;
  for (const d of zone.directives) {
    if (d.loc.file !== zone.file) continue;
    if (entryLine(d.loc.entry) >= line) break;
    if (d.name === '$ORIGIN' && d.value) origin = d.value;
  }
  return origin ?? zone.origin;
}

/** How a name key is written at a place whose origin is `origin`. */
export function written(key: string, origin: string): { text: string; relative: boolean } {
  if (!origin) return { text: key, relative: false };
  if (key === origin) return { text: '@', relative: true };
  if (origin !== '.' && isInZone(key, origin)) return { text: key.slice(0, key.length - origin.length - 1), relative: true };
  return { text: key, relative: false };
}

/** The written form of `key` that starts with the typed prefix (`p`, lower case), if any. */
function matching(key: string, origin: string, p: string): { text: string; relative: boolean } | undefined {
  const w = written(key, origin);
  if (w.text.startsWith(p)) return w;
  // typed past the relative part ('mx1.exa') or an absolute name: offer it absolute
  return key !== w.text && key.startsWith(p) ? { text: key, relative: false } : undefined;
}

/** The written form `w` of `key` in the case of `owner`, the first record's owner as written
 *  (BIND keeps the case of the first one too); key case when the two differ in length. */
function asWritten(w: { text: string; relative: boolean }, key: string, owner: string): { text: string; relative: boolean; owner: string } {
  if (owner.length !== key.length) return { ...w, owner: key };
  if (w.text === '@') return { ...w, owner };
  // the relative form is the start of the key; the absolute one is the whole key
  return { text: w.relative ? owner.slice(0, w.text.length) : owner, relative: w.relative, owner };
}

/** Service and policy names (_25._tcp, _dmarc, _domainkey ...) are no host names. */
function hasServiceLabel(key: string): boolean {
  return key.startsWith('_') || key.includes('._');
}

function typesAt(recs: readonly ZoneRecord[]): string[] {
  const out: string[] = [];
  for (const r of recs) if (!out.includes(r.type)) out.push(r.type);
  return out;
}

interface Candidate {
  text: string;
  relative: boolean;
  key: string;
  /** the absolute owner as the operator wrote it (case kept) */
  owner: string;
  /** `text` in lower case: names are listed in key order, whatever their case */
  order: string;
  types: string[];
  /** order group: addresses first, then other names, then aliases where they are not allowed */
  group: number;
}

function byPlace(a: Candidate, b: Candidate): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.relative !== b.relative) return a.relative ? -1 : 1;
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}

function sortText(i: number): string {
  return String(i).padStart(3, '0');
}

/**
 * Owners of the zone for a name field of a `def` record, matching the typed `prefix`.
 * `entry` is the one being typed: a name only it defines is not offered.
 */
export function ownerNames(zone: Zone, def: RRTypeDef, prefix: string, origin: string, entry: Entry | undefined): NameList {
  // every name field of these types is the target host
  const host = HOST_TYPES.has(def.name);
  const noAlias = NO_ALIAS_TYPES.has(def.name);
  const firstGroup = host ? 0 : 1;
  const p = prefix.toLowerCase();
  const groups: Candidate[][] = [[], [], []];
  let incomplete = false;
  /** Takes the owner `key` if it is offered; false when nothing after it in key order can be. */
  const consider = (key: string, recs: readonly ZoneRecord[]): boolean => {
    const w = p === '@' ? { text: '@', relative: true } : matching(key, origin, p);
    if (!w || recs.every((r) => r.entry === entry)) return true;
    const types = typesAt(recs);
    const group = !host ? 1 : types.includes('A') || types.includes('AAAA') ? 0 : noAlias && types.includes('CNAME') ? 2 : 1;
    const list = groups[group];
    if (list.length === NAME_LIMIT) {
      incomplete = true;
      // the first group is full: nothing later can come before what it holds
      return group !== firstGroup;
    }
    list.push({ ...asWritten(w, key, recs[0].owner), order: w.text, key, types, group });
    return true;
  };
  /** Owners never offered here: service and policy names (_25._tcp, _dmarc ...) before '_'
   *  is typed (never for a host), so that they do not fill the list; wildcards. */
  const skipped = (key: string): boolean => (p === '' && key.startsWith('_')) || key.startsWith('*.') || (host && hasServiceLabel(key));
  let ownersPending = false;
  if (p === '@') {
    const recs = zone.byOwner.get(origin);
    if (recs && !skipped(origin)) consider(origin, recs);
  } else {
    const keys = sortedOwners(zone);
    if (keys) incomplete = scanSorted(zone, keys, p, skipped, consider) || incomplete;
    else {
      // a big zone whose sorted owners are still being made: a bounded look in file order
      ownersPending = true;
      incomplete = true;
      scanUnsorted(zone, p, skipped, consider);
    }
  }
  const all = groups.flatMap((g) => g.sort(byPlace));
  if (all.length > NAME_LIMIT) incomplete = true;
  const entries = all.slice(0, NAME_LIMIT).map((c, i) => {
    const types = c.types.join(', ');
    const alias = c.group === 2 ? `an alias: not allowed as ${def.name} target (RFC 2181 §10.3)` : '';
    return {
      label: c.text,
      detail: `${c.owner} — ${types}` + (alias ? `; ${alias}` : ''),
      documentation: `\`${c.owner}\`, defined in this zone: ${types}.` + (alias ? ` It is ${alias}.` : ''),
      sortText: sortText(i),
    };
  });
  return ownersPending ? { entries, incomplete, ownersPending } : { entries, incomplete };
}

/** Visits the run of sorted owner keys that start with `p`, at most SCAN_LIMIT of them;
 *  true when it stopped at that limit. */
function scanSorted(zone: Zone, keys: string[], p: string, skipped: (key: string) => boolean, consider: (key: string, recs: readonly ZoneRecord[]) => boolean): boolean {
  // a relative form is the start of its key: the candidates are the keys starting with the prefix
  const stale: string[] = [];
  let scanned = 0;
  let limited = false;
  for (let i = lowerBound(keys, p); i < keys.length && keys[i].startsWith(p); i++) {
    if (++scanned > SCAN_LIMIT) {
      limited = true;
      break;
    }
    const key = keys[i];
    // service and policy names sort first: past them at once
    if (p === '' && key.startsWith('_')) {
      i = lowerBound(keys, AFTER_UNDERSCORE) - 1;
      continue;
    }
    if (skipped(key)) continue;
    const recs = zone.byOwner.get(key);
    if (!recs) {
      stale.push(key);
      continue;
    }
    if (!consider(key, recs)) break;
  }
  for (const key of stale) dropStale(zone, key);
  return limited;
}

/** Visits the owners that start with `p` among the first UNSORTED_SCAN_LIMIT owners in file
 *  order, at most UNSORTED_TAKE_LIMIT of them. */
function scanUnsorted(zone: Zone, p: string, skipped: (key: string) => boolean, consider: (key: string, recs: readonly ZoneRecord[]) => boolean): void {
  let looked = 0, considered = 0;
  for (const [key, recs] of zone.byOwner) {
    if (++looked > UNSORTED_SCAN_LIMIT) break;
    if (!key.startsWith(p) || skipped(key)) continue;
    if (++considered > UNSORTED_TAKE_LIMIT) break;
    // file order: a full first group does not end the look (later keys may sort before it)
    consider(key, recs);
  }
}

/**
 * `_25._tcp.<host>` for each MX host inside the zone that has no TLSA record yet, where a
 * DANE sender looks for it (RFC 7672 §2.2.3); lowest MX preference first.
 */
/** Where in-zone CNAMEs from `name` lead (at most 8 of them; a loop stops where it started). */
function cnameEnd(zone: Zone, name: string): string {
  let at = name;
  for (let hop = 0; hop < 8; hop++) {
    const cname = zone.byOwner.get(at)?.find((r) => r.type === 'CNAME');
    const next = cname ? targetName(cname) : undefined;
    if (next === undefined || next === '.') return at;
    const key = nameKey(next);
    if (key === name) return at;
    at = key;
  }
  return at;
}

export function tlsaOwnerNames(zone: Zone, prefix: string, origin: string, entry: Entry | undefined): NameList {
  const p = prefix.toLowerCase();
  if (!TLSA_SMTP_PREFIX.startsWith(p) && !p.startsWith(TLSA_SMTP_PREFIX)) return { entries: [], incomplete: false };
  const seen = new Set<string>();
  const found: { text: string; relative: boolean; key: string; host: string; alias?: string; preference: number }[] = [];
  let incomplete = false;
  for (const mx of zone.byType.get('MX') ?? []) {
    const target = targetName(mx);
    if (target === undefined || target === '.') continue;
    // an MX host that is an alias: senders look up TLSA at the name its CNAMEs lead to first
    // (RFC 7672 §2.2.3), so that is the name offered
    const mxHost = nameKey(target);
    const host = cnameEnd(zone, mxHost);
    if (seen.has(host) || (zone.origin && !isInZone(host, zone.origin))) continue;
    seen.add(host);
    const key = TLSA_SMTP_PREFIX + host;
    if ((zone.byOwner.get(key) ?? []).some((r) => r.type === 'TLSA' && r.entry !== entry)) continue;
    const w = matching(key, origin, p);
    if (!w) continue;
    if (found.length === NAME_LIMIT) {
      incomplete = true;
      break;
    }
    found.push({ ...w, key, host, alias: host === mxHost ? undefined : mxHost, preference: typeof mx.values[0] === 'number' ? mx.values[0] : 65535 });
  }
  found.sort((a, b) => a.preference - b.preference || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const entries = found.map((c, i) => ({
    label: c.text,
    detail: `TLSA for MX host ${c.alias ? `${c.alias} (an alias of ${c.host})` : c.host} — none yet`,
    documentation: `\`${c.key}\`: where DANE senders look up the TLSA records of MX host \`${c.alias ?? c.host}\`${c.alias ? `, an alias of \`${c.host}\` (they try the name its CNAME leads to first)` : ''} (RFC 7672 §2.2.3). The zone has none there yet.`,
    sortText: sortText(i),
  }));
  return { entries, incomplete };
}
