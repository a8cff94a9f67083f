// SPF's limit of 10 DNS-querying terms (RFC 7208 §4.6.4), counted across the
// include:/redirect= chain as far as it is visible in this zone. Targets in
// other zones are named in the message but cannot be counted here. A chain that
// comes back to a name on it never ends: receivers evaluate it until the limit
// and return permerror (§4.6.4, §5.2), so a loop in the zone is reported too.
// An include is followed to the SPF record a receiver's query finds, as spf-void-lookups and
// spf-include-missing find it: the name's own, or a wildcard's; not below a delegation or
// through a CNAME (another zone's, or not this zone's to say). A file without an SOA (a
// fragment: its names may be in other files) cannot say a wildcard answers a name.
import type { RecordRule, RuleContext } from './rule';
import { txtText } from './dane-support/txt-text';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { spfTermName, type ParsedSpf } from '../mail-policy/spf';
import { spfOf, spfRecordAnswering } from './dane-support/policy-rules';
import { inZone } from './dane-support/mail-graph';

// Counting runs for every SPF record of the zone and most records include only
// names outside it: the sets and the memo are created only when needed.
interface Count {
  total: number;
  /** targets not counted (outside the zone or no SPF here), when the caller wants them for its message */
  outside?: Set<string>;
  /** names the count looked at (the record is checked again when one changes), when the caller wants them */
  read?: Set<string>;
  /** names whose subtrees decide which records answer those names (a wildcard's), when the caller wants them */
  below?: string[];
  /** SPF per in-zone name for this count, created at the first in-zone target */
  memo?: Map<string, ParsedSpf | null>;
  /** the first chain found that comes back to a name on it: the names from the record's own
   *  owner to the repeated one, which ends it again */
  loop?: string[];
}

/** The SPF an include of `name` reaches in this zone (spfRecordAnswering), or null. */
function spfAt(zone: Zone, name: string, acc: Count): ParsedSpf | null {
  const memo = (acc.memo ??= new Map());
  if (memo.has(name)) return memo.get(name)!;
  // a fragment answers only for the names it holds
  const answers = zone.byOwner.has(name) || !!zone.byType.get('SOA')?.length;
  const rec = answers ? spfRecordAnswering(zone, name, acc.below ?? []) : undefined;
  const found = (rec && spfOf(rec)) ?? null;
  memo.set(name, found);
  return found;
}

/** Lookups of `spf` plus those of the in-zone records it includes/redirects to (each name counted once per path). */
function count(zone: Zone, spf: ParsedSpf, path: string[], acc: Count): void {
  acc.total += spf.lookups;
  if (acc.total > 50 || path.length > 10) return; // bounded: the verdict is clear long before
  for (const t of spf.terms) {
    // !t.lookup: a redirect= next to an "all" is never evaluated (RFC 7208 §6.1)
    if ((t.mechanism !== 'include' && t.mechanism !== 'redirect') || !t.lookup) continue;
    const name = spfTermName(t, path[path.length - 1]);
    if (!name) continue;
    if (path.includes(name)) {
      acc.loop ??= [...path, name];
      continue;
    }
    acc.read?.add(name);
    const next = inZone(zone, name) ? spfAt(zone, name, acc) : null;
    if (next) {
      path.push(name);
      count(zone, next, path, acc);
      path.pop();
    } else acc.outside?.add(name);
  }
}

// One path array for all counts (they run one at a time), pushed and popped
// along the walk instead of copied per include.
const walkPath: string[] = [];

function countFor(zone: Zone, r: ZoneRecord, spf: ParsedSpf, acc: Count): Count {
  walkPath.length = 0;
  walkPath.push(r.ownerKey);
  count(zone, spf, walkPath, acc);
  return acc;
}

/** The names the record's own `mx` terms query (lower case, absolute), with the term's offsets. */
function mxTerms(r: ZoneRecord, spf: ParsedSpf): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (const t of spf.terms) {
    const name = t.mechanism === 'mx' && t.lookup ? spfTermName(t, r.ownerKey) : undefined;
    if (name) out.push({ name, start: t.start, end: t.end });
  }
  return out;
}

/** An `mx` term whose name has more than 10 MX records: receivers look up the addresses of at
 *  most 10 MX hosts, and the mechanism returns permerror past them (RFC 7208 §4.6.4). */
function tooManyMx(r: ZoneRecord, spf: ParsedSpf, ctx: RuleContext): void {
  for (const t of mxTerms(r, spf)) {
    if (!inZone(ctx.zone, t.name)) continue;
    let mx = 0;
    for (const x of ctx.zone.byOwner.get(t.name) ?? []) if (x.type === 'MX') mx++;
    if (mx <= 10) continue;
    ctx.report({
      loc: txtText(r)?.locOf(t.start, t.end) ?? r.rdataLoc,
      message: `${t.name} has ${mx} MX records: the mx mechanism looks up the addresses of at most 10 MX hosts, and receivers return permerror past them (RFC 7208 §4.6.4); list the hosts that send mail with a: or ip4:/ip6: instead`,
    });
  }
}

// The editor asks check, dependsOn and then dependsOnBelow of one record (the zone object is new
// at each edit): one walk answers all three. Held weakly, so as not to keep a closed document's zone alive.
const lastDeps = new WeakMap<Zone, { r: ZoneRecord; acc: Count }>();

/** The names the count reads and those whose subtrees decide them, for the record's SPF. */
function dependencies(zone: Zone, r: ZoneRecord, spf: ParsedSpf): Count {
  let last = lastDeps.get(zone);
  if (last?.r !== r) {
    last = { r, acc: countFor(zone, r, spf, { total: 0, read: new Set(), below: [] }) };
    lastDeps.set(zone, last);
  }
  return last.acc;
}

export const spfLookupLimit: RecordRule = {
  id: 'spf-lookup-limit',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'error',
  rfc: [ref(7208, '4.6.4'), ref(7208, '5.2')],
  summary: 'SPF needs more than 10 DNS lookups, or its include:/redirect= chain loops, counting the records visible in this zone, or an mx term names a domain of this zone with more than 10 MX records: receivers return permerror.',
  dependsOn(r, zone) {
    const spf = spfOf(r);
    return spf ? [...dependencies(zone, r, spf).read!, ...mxTerms(r, spf).map((t) => t.name)] : [];
  },
  // ... and the names above them whose subtrees decide whether a wildcard answers them
  dependsOnBelow(r, zone) {
    const spf = spfOf(r);
    return spf ? dependencies(zone, r, spf).below! : [];
  },
  check(r, ctx) {
    const spf = spfOf(r);
    if (!spf) return;
    tooManyMx(r, spf, ctx);
    const owner = r.ownerKey;
    // the walk dependsOn and dependsOnBelow ask of the editor next: one walk for the three
    const first = dependencies(ctx.zone, r, spf);
    if (first.loop) {
      const back = first.loop[first.loop.length - 1];
      ctx.report({
        loc: r.rdataLoc,
        message: `SPF for ${owner} loops: its include:/redirect= chain ${first.loop.join(' -> ')} comes back to ${back}, so receivers follow it until the limit of 10 DNS lookups and return permerror (RFC 7208 §4.6.4, §5.2)`,
      });
      return;
    }
    if (first.total <= 10) return;
    // over the limit (rare): count again, collecting the names the message lists
    const acc = countFor(ctx.zone, r, spf, { total: 0, outside: new Set() });
    const names = [...acc.outside!];
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const outside = names.length ? `, plus whatever ${shown} need${names.length === 1 ? 's' : ''}` : '';
    ctx.report({
      loc: r.rdataLoc,
      message: `SPF for ${owner} needs ${acc.total > 50 ? 'more than 50' : acc.total} DNS lookups counting the includes in this zone${outside}; more than 10 makes receivers return permerror (RFC 7208 §4.6.4)`,
    });
  },
};
