// Completion of domain names from the zone's own owners: in any RDATA field of kind
// 'name' (MX exchange, NS, SRV and SVCB/HTTPS targets, CNAME, DNAME, PTR ...) and, for
// an owner being typed as `_25._tcp.`, the TLSA names of MX hosts that have no TLSA yet.
// Names are written as the operator writes them: relative to the $ORIGIN in effect at
// the cursor, `@` for the origin itself, absolute with a trailing dot outside it.
// A 1M-record zone must answer at once: owners come from the sorted owner keys
// (owner-index.ts) by the typed prefix, at most NAME_LIMIT entries from at most
// SCAN_LIMIT owners looked at, and the answer says when it left names out.
// Pure: no LSP types.
import type { Entry, RRTypeDef, Zone, ZoneRecord } from '../zone/api';
import { isInZone, nameKey } from '../zone/api';
import { targetName } from '../zone/targets';
import { dropStale, lowerBound, sortedOwners } from './owner-index';

/** Most names one completion answer lists; the client asks again as more is typed. */
export const NAME_LIMIT = 200;
/** Most owners one answer looks at (the work per keystroke stays small on any zone). */
const SCAN_LIMIT = 20 * NAME_LIMIT;

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
    if (d.loc.entry.line >= line) break;
    if (d.name === '$ORIGIN' && d.value) origin = d.value;
  }
  return origin ?? zone.origin;
}

/** How a name key is written at a place whose origin is `origin`. */
function written(key: string, origin: string): { text: string; relative: boolean } {
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
  types: string[];
  /** order group: addresses first, then other names, then aliases where they are not allowed */
  group: number;
}

function byPlace(a: Candidate, b: Candidate): number {
  if (a.group !== b.group) return a.group - b.group;
  if (a.relative !== b.relative) return a.relative ? -1 : 1;
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
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
  // a relative form is the start of its key: the candidates are the keys starting with
  // the prefix, one run of the sorted owners ('@' is the origin alone)
  const keys = p === '@' ? [origin] : sortedOwners(zone);
  const stale: string[] = [];
  let scanned = 0;
  for (let i = p === '@' ? 0 : lowerBound(keys, p); i < keys.length && (p === '@' || keys[i].startsWith(p)); i++) {
    if (++scanned > SCAN_LIMIT) {
      incomplete = true;
      break;
    }
    const key = keys[i];
    // service and policy names (_25._tcp, _dmarc ...) sort first: offered once '_' is typed
    // (never for a host), so that they do not fill the list; wildcards are never offered
    if (p === '' && key.startsWith('_')) {
      i = lowerBound(keys, AFTER_UNDERSCORE) - 1;
      continue;
    }
    if (key.startsWith('*.') || (host && hasServiceLabel(key))) continue;
    const recs = zone.byOwner.get(key);
    if (!recs) {
      if (p !== '@') stale.push(key);
      continue;
    }
    const w = p === '@' ? { text: '@', relative: true } : matching(key, origin, p);
    if (!w || recs.every((r) => r.entry === entry)) continue;
    const types = typesAt(recs);
    const group = !host ? 1 : types.includes('A') || types.includes('AAAA') ? 0 : noAlias && types.includes('CNAME') ? 2 : 1;
    const list = groups[group];
    if (list.length === NAME_LIMIT) {
      incomplete = true;
      // the first group is full: nothing later can come before what it holds
      if (group === firstGroup) break;
      continue;
    }
    list.push({ ...w, key, types, group });
  }
  for (const key of stale) dropStale(zone, key);
  const all = groups.flatMap((g) => g.sort(byPlace));
  if (all.length > NAME_LIMIT) incomplete = true;
  const entries = all.slice(0, NAME_LIMIT).map((c, i) => {
    const types = c.types.join(', ');
    const alias = c.group === 2 ? `an alias: not allowed as ${def.name} target (RFC 2181 §10.3)` : '';
    return {
      label: c.text,
      detail: `${c.key} — ${types}` + (alias ? `; ${alias}` : ''),
      documentation: `\`${c.key}\`, defined in this zone: ${types}.` + (alias ? ` It is ${alias}.` : ''),
      sortText: sortText(i),
    };
  });
  return { entries, incomplete };
}

/**
 * `_25._tcp.<host>` for each MX host inside the zone that has no TLSA record yet, where a
 * DANE sender looks for it (RFC 7672 §2.2.3); lowest MX preference first.
 */
export function tlsaOwnerNames(zone: Zone, prefix: string, origin: string, entry: Entry | undefined): NameList {
  const p = prefix.toLowerCase();
  if (!TLSA_SMTP_PREFIX.startsWith(p) && !p.startsWith(TLSA_SMTP_PREFIX)) return { entries: [], incomplete: false };
  const seen = new Set<string>();
  const found: { text: string; relative: boolean; key: string; host: string; preference: number }[] = [];
  let incomplete = false;
  for (const mx of zone.byType.get('MX') ?? []) {
    const target = targetName(mx);
    if (target === undefined || target === '.') continue;
    const host = nameKey(target);
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
    found.push({ ...w, key, host, preference: typeof mx.values[0] === 'number' ? mx.values[0] : 65535 });
  }
  found.sort((a, b) => a.preference - b.preference || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const entries = found.map((c, i) => ({
    label: c.text,
    detail: `TLSA for MX host ${c.host} — none yet`,
    documentation: `\`${c.key}\`: where DANE senders look up the TLSA records of MX host \`${c.host}\` (RFC 7672 §2.2.3). The zone has none there yet.`,
    sortText: sortText(i),
  }));
  return { entries, incomplete };
}
