// The zone's mail topology for the cross-owner DANE rules: MX records and their
// targets, CNAME targets, and whether `_25._tcp.<host>` has TLSA. Built from the
// zone's byType/byOwner indexes in one pass over MX records (linear). Pure.
import type { Zone, ZoneRecord } from '../../zone/model';
import { smtpOwnerOf } from './tlsa-fields';
import { NameMemo } from '../support/name-memo';
import { isInZone, nameKey } from '../../zone/names';
import { cutAbove, cutNames, redirected } from '../support/zone-cuts';

export function nameValue(rec: ZoneRecord, index = -1): string | undefined {
  const v = index < 0 ? rec.values[rec.values.length - 1] : rec.values[index];
  // as a key: `\099` and `c` are one name (the same form as owner keys and targetKey)
  return typeof v === 'string' ? nameKey(v) : undefined;
}

/** MX exchange (lower case, absolute); undefined for the null MX `0 .` (RFC 7505). */
export function mxTarget(rec: ZoneRecord): string | undefined {
  const t = nameValue(rec);
  return t && t !== '.' ? t : undefined;
}

/** True when `name` is at or below the zone's apex (true when the apex is unknown). The apex
 *  names are the SOA owners, else the $ORIGIN values, else the starting origin (which may only
 *  be a guess from the file name). Not cached: incremental analysis may patch a zone object in
 *  place, and this is cheap (an index lookup). */
export function inZone(zone: Zone, name: string): boolean {
  // A loop over the SOA records, not a mapped array and a closure: asked for every SPF include.
  const soa = zone.byType.get('SOA') ?? [];
  if (soa.length) {
    for (let i = 0; i < soa.length; i++) if (isAtOrBelow(name, soa[i].ownerKey)) return true;
    return false;
  }
  const apexes = originApexes(zone);
  return apexes.length === 0 || apexes.some((o) => isAtOrBelow(name, o));
}

/** The apexes of a zone without an SOA: its $ORIGIN values, else its starting origin. */
function originApexes(zone: Zone): string[] {
  const origins = zone.directives.filter((d) => d.name === '$ORIGIN' && d.value).map((d) => d.value!);
  return origins.length ? origins : zone.origin ? [zone.origin] : [];
}

/** What inZone reads besides the SOA owners, as a string: the $ORIGIN values of a zone without an
 *  SOA ('' with one). The editor's engine checks the whole zone again when it changes. */
export function apexesKey(zone: Zone): string {
  return zone.byType.get('SOA')?.length ? '' : originApexes(zone).join(' ');
}

/** name is the apex `o` or below it (`.` contains every name). */
function isAtOrBelow(name: string, o: string): boolean {
  // isInZone: the dot before `o` must not be escaped ('a\\.example.com.' is not below example.com.)
  return isInZone(name, o);
}

const cnameAt = new NameMemo((_zone, records) => records.find((r) => r.type === 'CNAME'));

/** The CNAME record at a name, if it is an alias (asked for every record pointing at the name). */
export function cnameRecordAt(zone: Zone, name: string): ZoneRecord | undefined {
  return cnameAt.get(zone, name);
}

/** CNAME target of a name in the zone, if it is an alias (a CNAME at or below a zone cut, or
 *  below a DNAME, is not this zone's answer: support/zone-cuts.ts). */
export function cnameOf(zone: Zone, name: string): { rec: ZoneRecord; target: string } | undefined {
  const rec = cnameAt.get(zone, name);
  const target = rec && nameValue(rec, 0);
  return rec && target && !cutAbove(zone, name) ? { rec, target } : undefined;
}

/** What makes a name an alias: its CNAME in this zone, or a DNAME of this zone above it,
 *  which answers for the name with a synthesised CNAME to the rewritten name (RFC 6672 §2.2, §3.2). */
export type Alias =
  | { kind: 'cname'; rec: ZoneRecord; target: string }
  /** `at`: the DNAME's owner; `target`: the name rewritten by it */
  | { kind: 'dname'; rec: ZoneRecord; at: string; target: string };

/** The alias step from `name`, if this zone makes it an alias. The DNAME's owner itself is no
 *  alias (§2.3); a name below a delegation is the child zone's, also below a DNAME further down,
 *  while below a DNAME a delegation is occluded (the topmost cut decides: RFC 1034 §4.3.2 step 3,
 *  RFC 6672 §3.2). */
export function aliasOf(zone: Zone, name: string): Alias | undefined {
  // most zones have no DNAME: then only a CNAME makes an alias (asked for every MX target)
  const cut = cutNames(zone)?.dnames.holdsAbove(name, false) ? cutAbove(zone, name) : undefined;
  if (!cut) {
    const c = cnameOf(zone, name);
    return c && { kind: 'cname', ...c };
  }
  const rec = cut.kind === 'dname' ? zone.byOwner.get(cut.at)?.find((r) => r.type === 'DNAME') : undefined;
  return rec && { kind: 'dname', rec, at: cut.at, target: redirected(name, cut) };
}

/** Follows CNAMEs and DNAMEs inside the zone (at most 8 steps, loops stop): the name a
 *  resolver's CNAME expansion ends at, as far as this zone tells. */
export function expandCname(zone: Zone, name: string): string[] {
  const chain = [name];
  for (let i = 0; i < 8; i++) {
    const c = aliasOf(zone, chain[chain.length - 1]);
    if (!c || chain.includes(c.target)) break;
    chain.push(c.target);
  }
  return chain;
}

/** How a name is an alias, for messages: `chain` is its expandCname. */
export function aliasText(a: Alias, chain: readonly string[]): string {
  if (a.kind === 'cname') return `CNAME to ${chain.slice(1).join(' -> ')}`;
  const rest = chain.length > 2 ? ` -> ${chain.slice(2).join(' -> ')}` : '';
  return `below the DNAME at ${a.at}, the name maps to ${a.target}${rest}`;
}

/** True when `_25._tcp.<host>` holds TLSA records (or is itself a CNAME, which may lead to them). */
export function hasSmtpTlsa(zone: Zone, host: string): boolean {
  const recs = zone.byOwner.get(smtpOwnerOf(host));
  return !!recs && recs.some((r) => r.type === 'TLSA' || r.type === 'CNAME');
}

/** The TLSA base names a DANE sender tries for an MX host: the CNAME-expanded name first,
 *  then the original (RFC 7672 §2.2.3, RFC 7671 §7). */
export function tlsaQueryNames(zone: Zone, host: string): string[] {
  const chain = expandCname(zone, host);
  const last = chain[chain.length - 1];
  return last === host ? [smtpOwnerOf(host)] : [smtpOwnerOf(last), smtpOwnerOf(host)];
}


/** All MX records of the zone, and the set of hosts they name (including CNAME expansions). */
export function mxIndex(zone: Zone): { mx: ZoneRecord[]; targets: Set<string> } {
  const mx: ZoneRecord[] = [];
  const targets = new Set<string>();
  for (const r of zone.byType.get('MX') ?? []) {
    mx.push(r);
    const t = mxTarget(r);
    if (t) for (const n of expandCname(zone, t)) targets.add(n);
  }
  return { mx, targets };
}

/** The names from which `host` is reached through CNAMEs (host included), and
 *  whether an MX record of the zone names one of them (the zone's reverse index). A DNAME
 *  from a name to the host counts as a CNAME would: it redirects `_25._tcp.<name>` to
 *  `_25._tcp.<host>` (RFC 6672 §2.3). */
export function mxReach(zone: Zone, host: string): { named: boolean; names: string[] } {
  const names = [host];
  let named = false;
  for (let i = 0; i < names.length; i++) {
    for (const r of zone.byTarget.get(names[i]) ?? []) {
      if (r.type === 'MX') named = true;
      else if ((r.type === 'CNAME' || r.type === 'DNAME') && !names.includes(r.ownerKey) && names.length < 9) names.push(r.ownerKey);
    }
  }
  return { named, names };
}
