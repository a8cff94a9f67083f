// What a sender's TLSA query finds in this zone: the name itself, or the wildcard
// that synthesises an answer for it (RFC 4592 §4.1), and CNAMEs and DNAMEs followed
// inside the zone (RFC 7671 §7, RFC 7672 §2.2.3, RFC 6672 §2.2). A name at or below a
// delegation is the child zone's (RFC 1034 §4.3.2): not answered here. Also the reverse:
// which `_<port>._<proto>` names reach a TLSA owner through CNAMEs. Pure; imports only
// the zone model and support code.
//
// Dependencies for the incremental engine: an answer depends on whether names exist,
// and a name exists while anything at or below it does (an empty non-terminal), so the
// lookups report the names whose whole subtree they read (RecordRule.dependsOnBelow).
// Cuts above those names are the engine's (support/zone-cuts.ts cutsChangedBy).
import type { Zone, ZoneRecord } from '../../zone/model';
import { inZone, mxReach, nameValue } from './mail-graph';
import { isSmtpTlsaOwner, smtpOwnerOf, smtpTlsaHost, splitTlsaOwner } from './tlsa-fields';
import { isInZone, parentKey } from '../../zone/names';
import { originKey } from '../support/origin-key';
import { cutAbove, redirected } from '../support/zone-cuts';
import { targetKey } from '../../zone/targets';

const wildcardOf = (name: string): string => (name === '.' ? '*.' : `*.${name}`);

// The names that exist only because names below them do (empty non-terminals), and the
// ancestors of owners generally: built once per zone object, and only for zones where a
// wildcard could answer a query, then handed on from version to version of an edited zone
// (carryAncestors): a keystroke there asks whether names exist, and a pass over every owner
// cost 25 ms at 200 000 records.
const ancestorsByZone = new WeakMap<Zone, Ancestors>();

/** The proper ancestors of a zone's owners, as how many names one label below each exist
 *  (owners, or such ancestors themselves): kept up to date name by name as owners come and go. */
class Ancestors {
  /** name -> how many existing names are its children; held only while more than 0 */
  private readonly children = new Map<string, number>();

  static of(zone: Zone): Ancestors {
    const a = new Ancestors();
    const isOwner = (k: string): boolean => zone.byOwner.has(k);
    for (const key of zone.byOwner.keys()) a.joined(key, isOwner);
    return a;
  }

  has(name: string): boolean {
    return this.children.has(name);
  }

  names(): string[] {
    return [...this.children.keys()];
  }

  /** `key` came to exist: its parent has one child more, and exists from now on (so on up). */
  private joined(key: string, isOwner: (k: string) => boolean): void {
    for (let p = parentKey(key); p !== undefined; p = parentKey(p)) {
      const n = this.children.get(p) ?? 0;
      this.children.set(p, n + 1);
      if (n > 0 || isOwner(p)) return; // p existed already
    }
  }

  /** `key` no longer exists: its parent has one child less, and goes with the last one unless it is an owner. */
  private left(key: string, isOwner: (k: string) => boolean): void {
    for (let p = parentKey(key); p !== undefined; p = parentKey(p)) {
      const n = this.children.get(p)! - 1;
      if (n > 0) {
        this.children.set(p, n);
        return;
      }
      this.children.delete(p);
      if (isOwner(p)) return;
    }
  }

  /** Brought from the owners before an edit to those of `to` after it: only the names that
   *  gained their first record or lost their last one change anything. */
  update(to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
    // records at each touched name before the edit: after it, less the added, plus the removed
    const delta = new Map<string, number>();
    for (const r of removed) delta.set(r.ownerKey, (delta.get(r.ownerKey) ?? 0) + 1);
    for (const r of added) delta.set(r.ownerKey, (delta.get(r.ownerKey) ?? 0) - 1);
    // names whose owner-ness changes, with their state before: still so until handled
    const before = new Map<string, boolean>();
    for (const [key, d] of delta) {
      const was = (to.byOwner.get(key)?.length ?? 0) + d > 0;
      if (was !== to.byOwner.has(key)) before.set(key, was);
    }
    const isOwner = (k: string): boolean => before.get(k) ?? to.byOwner.has(k);
    for (const [key, was] of [...before]) {
      before.delete(key);
      if (this.children.has(key)) continue; // it exists for the names below it either way
      if (was) this.left(key, isOwner);
      else this.joined(key, isOwner);
    }
  }
}

function ancestors(zone: Zone): Ancestors {
  let set = ancestorsByZone.get(zone);
  if (!set) ancestorsByZone.set(zone, (set = Ancestors.of(zone)));
  return set;
}

/** Hands the ancestors of `from` on to `to`, the next version of an edited zone, brought up to
 *  date at the names the edit touched. Shared: `from` must not be asked again (the editor's
 *  rule cache moves on to `to`). */
export function carryAncestors(from: Zone, to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
  const set = ancestorsByZone.get(from);
  if (!set || ancestorsByZone.has(to)) return;
  set.update(to, removed, added);
  ancestorsByZone.set(to, set);
}

/** The names that exist only as ancestors of owners, or every proper ancestor of one (for tests:
 *  what the editor handed on, or, with `build`, a fresh build's); undefined when not built. */
export function ancestorNames(zone: Zone, build = false): string[] | undefined {
  return (build ? Ancestors.of(zone) : ancestorsByZone.get(zone))?.names().sort();
}

/** True when `name` exists in the zone: it holds records or a name below it does (RFC 4592 §2.2.2). */
export function nameExists(zone: Zone, name: string): boolean {
  return zone.byOwner.has(name) || ancestors(zone).has(name);
}

// Whether the zone has a wildcard holding TLSA or CNAME: only those can make a TLSA lookup find
// something (a wildcard with other types answers with neither). Most zones have none, and then
// a lookup is one index read, as before wildcards were counted.
const wildcardsByZone = new WeakMap<Zone, boolean>();

function hasLookupWildcards(zone: Zone): boolean {
  let has = wildcardsByZone.get(zone);
  if (has === undefined) {
    has = false;
    for (const type of ['TLSA', 'CNAME']) {
      const recs = zone.byType.get(type) ?? [];
      for (let i = 0; i < recs.length && !has; i++) has = isLookupWildcard(recs[i]);
    }
    wildcardsByZone.set(zone, has);
  }
  return has;
}

const isLookupWildcard = (r: ZoneRecord): boolean => (r.type === 'TLSA' || r.type === 'CNAME') && r.ownerKey.charCodeAt(0) === 0x2a && r.ownerKey.charCodeAt(1) === 0x2e;

/** hasLookupWildcards of `from` for `to`, the next version of an edited zone, where the edit's
 *  records tell it without reading every TLSA and CNAME record again (per keystroke). */
export function carryLookupWildcards(from: Zone, to: Zone, removed: readonly ZoneRecord[], added: readonly ZoneRecord[]): void {
  const had = wildcardsByZone.get(from);
  if (had === undefined || wildcardsByZone.has(to)) return;
  if (added.some(isLookupWildcard)) wildcardsByZone.set(to, true);
  else if (!had || !removed.some(isLookupWildcard)) wildcardsByZone.set(to, had);
}

/** The owner whose records answer a query for `q`: `q` itself, or the wildcard at its closest
 *  encloser when `q` does not exist (RFC 4592 §4.1); undefined when no records answer (or none
 *  that hold TLSA or CNAME). Pushes to `below`, when given, the name whose subtree decides this
 *  (the nearest owner at or above `q`). */
export function answeringOwner(zone: Zone, q: string, below?: string[]): string | undefined {
  if (!below && !hasLookupWildcards(zone)) return zone.byOwner.has(q) ? q : undefined;
  below ??= [];
  const chain = [q];
  let e = q;
  while (!zone.byOwner.has(e)) {
    const p = parentKey(e);
    if (p === undefined) {
      below.push('.');
      return undefined;
    }
    chain.push((e = p));
  }
  below.push(e);
  if (e === q) return q;
  // No wildcard at any ancestor up to the nearest owner: nothing is synthesised (the common case,
  // answered without the zone's ancestor set).
  let wild = false;
  for (let i = 1; i < chain.length && !wild; i++) wild = zone.byOwner.has(wildcardOf(chain[i]));
  if (!wild || nameExists(zone, q)) return undefined; // an existing q (an empty non-terminal) is never synthesised
  for (let i = 1; i < chain.length; i++) {
    if (!nameExists(zone, chain[i])) continue;
    const w = wildcardOf(chain[i]); // the source of synthesis at the closest encloser
    return zone.byOwner.has(w) ? w : undefined;
  }
  return undefined;
}

/** The records a query for `name` finds in this zone: the name's, or the wildcard's that answers
 *  it; none ([]) when no record does; undefined when this zone cannot say (the name is outside
 *  it or below a delegation). `below` gets the names whose subtrees decide it. */
export function recordsAnswering(zone: Zone, name: string, below: string[] = []): readonly ZoneRecord[] | undefined {
  if (!inZone(zone, name) || cutAbove(zone, name)) return undefined;
  const owner = answeringOwner(zone, name, below);
  return (owner === undefined ? undefined : zone.byOwner.get(owner)) ?? [];
}

/** Whether a TLSA query for `_25._tcp.<host>` finds TLSA: at the name, through a wildcard, or at
 *  the end of CNAMEs and DNAMEs inside the zone. A CNAME to a name this zone does not answer for
 *  (outside it, or delegated) counts as finding TLSA: such an alias is published for TLSA (RFC 7671
 *  §7). Undefined when the query itself leaves what this zone answers (a host outside the zone,
 *  as the end of an MX host's CNAMEs may be; a delegated name, a DNAME out of the zone): the
 *  answer is not in these records. */
export function findsSmtpTlsa(zone: Zone, host: string, below?: string[]): boolean | undefined {
  let q = smtpOwnerOf(host);
  // another zone's name: its TLSA, or their absence, are published there (RFC 7672 §2.2.3)
  if (!inZone(zone, q)) return undefined;
  const seen: string[] = [];
  let aliased = false; // a CNAME was followed
  for (let hop = 0; hop < 9; hop++) {
    const cut = cutAbove(zone, q);
    if (cut) {
      below?.push(cut.at); // the cut's subtree decides (an edit there may move it, or retarget the DNAME)
      const next = cut.kind === 'dname' ? redirected(q, cut) : undefined;
      if (next === undefined || !inZone(zone, next)) return aliased ? true : undefined; // the child zone or another zone answers
      seen.push(q);
      if (seen.includes(next)) return false; // a DNAME loop
      q = next;
      continue;
    }
    // When the host exists, whatever answers _25._tcp.<host> is at or below it (the closest
    // encloser is): the host's subtree decides, and the answer needs no walk up (one index read
    // in a zone without lookup wildcards; the editor asks this for every MX record at open).
    let owner: string | undefined;
    if (hop === 0 && below && zone.byOwner.has(host)) {
      below.push(host);
      owner = answeringOwner(zone, q);
    } else owner = answeringOwner(zone, q, below);
    const recs = owner === undefined ? undefined : zone.byOwner.get(owner);
    if (!recs) return false;
    let target: string | undefined;
    for (let i = 0; i < recs.length; i++) {
      if (recs[i].type === 'TLSA') return true;
      if (recs[i].type === 'CNAME') target ??= nameValue(recs[i], 0);
    }
    if (!target) return false;
    if (!inZone(zone, target)) return true;
    seen.push(q);
    if (seen.includes(target)) return false; // a CNAME loop
    q = target;
    aliased = true;
  }
  return false;
}

/** True for a name a TLS client queries TLSA at (`_<port>._<proto>.<host>`, RFC 6698 §3), or a
 *  wildcard standing for such names (`*._<proto>.<host>`). */
export function isServiceName(key: string): boolean {
  return !!splitTlsaOwner(key) || (key.startsWith('*.') && !!splitTlsaOwner(`_0.${key.slice(2)}`));
}

/** Whether a query for some `_<port>._<proto>.<name>` is answered by the wildcard `*.<name>`:
 *  true while one of `_tcp`, `_udp`, `_sctp` does not exist below `<name>` (RFC 4592 §4.1).
 *  Never when `<name>` is itself a service name (`*._25._tcp.<host>`): no client queries names
 *  below one. `below` gets `<name>`, whose subtree decides it. */
export function wildcardAnswersServices(zone: Zone, wildcardKey: string, below: string[]): boolean {
  const parent = wildcardKey.slice(2);
  if (splitTlsaOwner(parent)) return false;
  below.push(parent);
  return ['_tcp', '_udp', '_sctp'].some((p) => !nameExists(zone, `${p}.${parent}`));
}

/** Whether CNAMEs from a service name (or a wildcard for them) lead to `key`, walking the zone's
 *  reverse index (at most 9 names); `names`: the names walked (they decide it). */
export function reachedFromServiceName(zone: Zone, key: string): { reached: boolean; names: string[] } {
  const names = [key];
  for (let i = 0; i < names.length; i++) {
    for (const r of zone.byTarget.get(names[i]) ?? []) {
      if (r.type !== 'CNAME') continue;
      if (isServiceName(r.ownerKey)) return { reached: true, names };
      if (!names.includes(r.ownerKey) && names.length < 9) names.push(r.ownerKey);
    }
  }
  return { reached: false, names };
}

// The DNAME records by target key, per zone version (undefined: the zone has none): the names
// above a TLSA owner are asked for the DNAMEs pointing at them, and the apex may be the target
// of thousands of other records (CNAMEs, MX) that the zone's byTarget lists with them.
const dnamesByTargetOf = new WeakMap<Zone, Map<string, ZoneRecord[]> | null>();

function dnamesByTarget(zone: Zone): Map<string, ZoneRecord[]> | undefined {
  let map = dnamesByTargetOf.get(zone);
  if (map === undefined) {
    const list = zone.byType.get('DNAME');
    map = null;
    if (list?.length) {
      map = new Map();
      for (const r of list) {
        const t = targetKey(r);
        if (t === undefined) continue;
        const at = map.get(t);
        if (at) at.push(r);
        else map.set(t, [r]);
      }
    }
    dnamesByTargetOf.set(zone, map);
  }
  return map ?? undefined;
}

/** The names whose TLSA queries reach `key` through this zone's CNAMEs and DNAMEs (`key`
 *  first, at most 9): a CNAME owner stands for its target, and a name below a DNAME's owner for
 *  the name the DNAME rewrites it to (RFC 6672 §2.2), at any label of `key` up to the apex
 *  (`_tcp.<host>`, the host, a name above it, the apex: `old.<apex> DNAME <apex>` makes
 *  `_25._tcp.<host>.old.<apex>` a query for `key`). Chains are followed back; a loop (a DNAME
 *  to an ancestor of its owner maps names without end) stops at 9 names. `read`: the names whose
 *  records, and records pointing at them, decide it (dependsOn); `dnamesTo`: the names above
 *  those up to the apex, of which only the DNAMEs pointing at them decide it (dependsOnDnamesTo:
 *  typing a DNAME to one re-checks, an edit of the apex's other records does not). DNAMEs to a
 *  name above the apex are not followed back. */
export function queriesReaching(zone: Zone, key: string): { names: string[]; read: string[]; dnamesTo: string[] } {
  const names = [key];
  const read: string[] = [];
  const dnamesTo: string[] = [];
  const apex = zone.origin ? originKey(zone) : undefined; // the first SOA's owner, else the origin (zoneOrigin)
  const dnames = dnamesByTarget(zone);
  const add = (n: string): void => {
    if (!names.includes(n) && names.length < 9) names.push(n);
  };
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    read.push(n);
    for (const r of zone.byTarget.get(n) ?? []) {
      if (r.type !== 'CNAME') continue;
      // a CNAME at or below a delegation is the child zone's: not followed, but the cut that
      // hides it is read (removing it makes the CNAME lead queries here)
      const cut = cutAbove(zone, r.ownerKey);
      if (!cut) add(r.ownerKey);
      else read.push(r.ownerKey, cut.at);
    }
    if (apex === undefined || !isInZone(n, apex)) continue;
    for (let a = parentKey(n); a !== undefined && isInZone(a, apex); a = parentKey(a)) {
      dnamesTo.push(a);
      const to = dnames?.get(a);
      if (!to) continue;
      const prefix = n.slice(0, n.length - a.length);
      for (const r of to) {
        // a name already below the DNAME's owner is not mapped back through it again: with a
        // target above its owner (the apex) that would only add `x.old.old.<apex>` and so on
        if (r.ownerKey === '.' || isInZone(n, r.ownerKey)) continue;
        const from = prefix + r.ownerKey;
        // the DNAME answers for `from` only when it is the topmost cut above it (read: a cut
        // that appears or goes above `from` re-checks)
        const cut = cutAbove(zone, from);
        if (cut?.kind === 'dname' && cut.at === r.ownerKey) add(from);
        else read.push(from);
      }
    }
  }
  return { names, read: [...new Set(read)], dnamesTo: [...new Set(dnamesTo)] };
}

/** Whether a sender delivering to an MX host of this zone queries TLSA at `key` (a
 *  `_25._tcp.<host>` name): an MX record names, directly or through CNAMEs and DNAMEs, the host
 *  of `key` or of a name whose query reaches `key` (queriesReaching). `names`: what decides it. */
export function smtpTlsaQueried(zone: Zone, key: string): SmtpTlsaQueried {
  const last = lastQueried.get(zone);
  if (last?.key === key) return last.answer;
  const answer = smtpTlsaQueriedNow(zone, key);
  lastQueried.set(zone, { key, answer });
  return answer;
}

export interface SmtpTlsaQueried {
  readonly named: boolean;
  /** read only: the answer is shared by the rules that ask (dependsOn may return it as it is) */
  readonly names: readonly string[];
  /** the names whose incoming DNAMEs decide it (dependsOnDnamesTo), read only as `names` */
  readonly dnamesTo: readonly string[];
}

// tlsa-not-at-mx-target and tlsa-at-mail-domain each ask smtpTlsaQueried for an RRset in check()
// and in dependsOn(), one after the other (both engines go record by record): the last answer
// per zone version is kept, so it is worked out once for the four (a new version, a new answer).
const lastQueried = new WeakMap<Zone, { key: string; answer: SmtpTlsaQueried }>();

function smtpTlsaQueriedNow(zone: Zone, key: string): SmtpTlsaQueried {
  const reach = queriesReaching(zone, key);
  const names = [...reach.read];
  let named = false;
  for (const n of reach.names) {
    const host = smtpTlsaHost(n);
    if (!host) continue;
    const r = mxReach(zone, host);
    names.push(...r.names);
    if (r.named) named = true;
  }
  return { named, names: [...new Set(names)], dnamesTo: reach.dnamesTo };
}

/** False when SMTP senders surely do not get the TLSA RRset at `key` (smtpGetsTlsaAt would say
 *  so): no `_25._tcp` name, no `*._tcp` wildcard, no CNAME to it and no DNAME in the zone (no
 *  query can reach it); undefined when smtpGetsTlsaAt must be asked. For a check that runs for
 *  every TLSA record, most of them at `_443._tcp` names: no reverse walk, no arrays. */
export function surelyNotSmtpTlsa(zone: Zone, key: string): false | undefined {
  if (isSmtpTlsaOwner(key) || key.startsWith('*.')) return undefined;
  if (zone.byType.get('DNAME')?.length) return undefined;
  const to = zone.byTarget.get(key);
  if (to) for (const r of to) if (r.type === 'CNAME') return undefined;
  return false;
}

/** Whether SMTP senders get the TLSA RRset at `key`: it is a `_25._tcp.<host>` name, a name
 *  whose TLSA queries a `_25._tcp` name's CNAMEs or DNAMEs lead to (RFC 7671 §7), or a wildcard
 *  `*._tcp.<host>` that answers `_25._tcp.<host>` (no such name exists) for a host an MX record
 *  names (a wildcard for every port says nothing about SMTP otherwise). For the rules that hold
 *  SMTP to its own usages and digests: `names` (dependsOn), `below` (dependsOnBelow) and
 *  `dnamesTo` (dependsOnDnamesTo) decide it. */
export function smtpGetsTlsaAt(zone: Zone, key: string): SmtpGetsTlsa {
  // its three dependsOn questions and check() ask it one after the other, for two rules: the last
  // answer per zone version is kept, as smtpTlsaQueried keeps its own
  const last = lastGets.get(zone);
  if (last?.key === key) return last.answer;
  const answer = smtpGetsTlsaAtNow(zone, key);
  lastGets.set(zone, { key, answer });
  return answer;
}

export interface SmtpGetsTlsa {
  readonly smtp: boolean;
  readonly names: readonly string[];
  readonly below: readonly string[];
  readonly dnamesTo: readonly string[];
}

const lastGets = new WeakMap<Zone, { key: string; answer: SmtpGetsTlsa }>();

function smtpGetsTlsaAtNow(zone: Zone, key: string): SmtpGetsTlsa {
  if (isSmtpTlsaOwner(key)) return { smtp: true, names: [], below: [], dnamesTo: [] };
  if (key.startsWith('*._tcp.')) {
    const host = key.slice('*._tcp.'.length);
    const q = smtpOwnerOf(host);
    const mx = mxReach(zone, host);
    return { smtp: mx.named && !nameExists(zone, q), names: mx.names, below: [q], dnamesTo: [] };
  }
  const reach = queriesReaching(zone, key);
  return { smtp: reach.names.some(isSmtpTlsaOwner), names: reach.read, below: [], dnamesTo: reach.dnamesTo };
}
