// SPF's limit of two "void lookups" (RFC 7208 §4.6.4): a query of an a:, mx: or exists: term
// that finds no record of the type it asks for (NXDOMAIN, or NODATA). At the third, receivers
// return permerror for every message that reaches it. Usually hosts removed from the zone and
// left in the SPF record. Counted in evaluation order over the record's own terms and those of
// the SPF records its include: and redirect= terms reach in this zone (receivers count over the
// whole evaluation), as for a message no mechanism matches. Only names this zone answers for: a
// zone with an SOA says a name holds nothing, and a name below a delegation or with a CNAME
// (receivers follow it) is left alone; a wildcard answers for a name without records.
// include: and redirect= to a name without SPF are spf-include-missing's.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { spfOf, spfRecordAnswering } from './dane-support/policy-rules';
import { recordsAnswering } from './dane-support/tlsa-lookup';
import { txtText } from './dane-support/txt-text';
import { spfTermName, type SpfTerm } from '../mail-policy/spf';

/** Receivers allow this many void lookups; one more is permerror. */
const VOID_LIMIT = 2;

/** Receivers stop with permerror at the 11th DNS-querying term (RFC 7208 §4.6.4, spf-lookup-limit's
 *  finding): terms past it are never queried, so the walk ends there (a chain or a fan of
 *  includes costs at most this many steps). */
const LOOKUP_LIMIT = 10;

/** The types a term's query asks for: a matches IPv4 or IPv6 addresses (void when the name has
 *  neither, whatever the client's family), mx the MX RRset, exists an A record. */
const ASKS: Record<string, readonly string[]> = { a: ['A', 'AAAA'], mx: ['MX'], exists: ['A'] };

interface QueryTerm {
  /** the SPF record that holds the term */
  rec: ZoneRecord;
  /** `a:host`, `mx`, …, without its qualifier */
  text: string;
  name: string;
  asks: readonly string[];
  start: number;
  end: number;
}

/** The term of the checked record itself through which the evaluation reaches a query: the
 *  query's own term, or the include:/redirect= that leads to it. */
interface Reached {
  query: QueryTerm;
  via: { text: string; start: number; end: number };
}

/** A term as the message names it, without its qualifier: `a`, `a:host`, `redirect=host`. */
const termText = (t: SpfTerm): string =>
  t.domain === undefined ? t.mechanism : `${t.mechanism}${t.mechanism === 'redirect' ? '=' : ':'}${t.domain}`;

/** The a, mx and exists queries an evaluation of `rec` makes, in order, through its in-zone
 *  include: and redirect= targets (mechanisms first, then redirect=, RFC 7208 §4.6, §6.1).
 *  `below` gets the names whose subtrees decide which records those targets hold. */
function queries(zone: Zone, rec: ZoneRecord, below: string[]): Reached[] {
  const out: Reached[] = [];
  let lookups = 0;
  const walk = (r: ZoneRecord, path: string[], via: Reached['via'] | undefined): void => {
    const spf = spfOf(r);
    if (!spf) return;
    const owner = path[path.length - 1];
    /** One DNS-querying term; false once receivers would have stopped. */
    const visit = (t: SpfTerm): boolean => {
      if (++lookups > LOOKUP_LIMIT) return false;
      const name = spfTermName(t, owner);
      if (!name) return true;
      const here = via ?? { text: termText(t), start: t.start, end: t.end };
      const asks = ASKS[t.mechanism];
      if (asks) {
        out.push({ query: { rec: r, text: termText(t), name, asks, start: t.start, end: t.end }, via: here });
        return true;
      }
      if (t.mechanism !== 'include' && t.mechanism !== 'redirect') return true;
      if (path.includes(name)) return true; // a loop: spf-lookup-limit's
      const next = spfRecordAnswering(zone, name, below);
      if (!next) return true;
      path.push(name);
      walk(next, path, here);
      path.pop();
      return lookups <= LOOKUP_LIMIT;
    };
    // redirect= is evaluated after every mechanism, wherever it is written (two passes, no arrays)
    for (const t of spf.terms) if (t.lookup && t.mechanism !== 'redirect' && !visit(t)) return;
    for (const t of spf.terms) if (t.lookup && t.mechanism === 'redirect' && !visit(t)) return;
  };
  walk(rec, [rec.ownerKey], undefined);
  return out;
}

/** True when a query for `asks` at `name` finds nothing in this zone, for sure. `below` gets the
 *  names whose subtrees decide it. */
function isVoid(zone: Zone, name: string, asks: readonly string[], below: string[]): boolean {
  // the name's records, or the wildcard's at its closest encloser (RFC 4592 §4.1)
  const recs = recordsAnswering(zone, name, below);
  return !!recs && !recs.some((r) => r.type === 'CNAME' || asks.includes(r.type));
}

/** One record's evaluation: its queries, and (asked only where needed) which of them are void
 *  with the names whose subtrees decide it. */
interface Walk {
  rec: ZoneRecord;
  zone: Zone;
  reached: Reached[];
  /** the names whose subtrees decide the walk, then (once voids is set) the void tests */
  below: string[];
  voids?: Reached[];
}

// The editor asks check, dependsOn and dependsOnBelow of one record in a row (the zone object
// is new at each edit): one walk of its includes answers all three. Held weakly, so that the
// walk does not keep a closed document's zone alive.
const lastWalk = new WeakMap<Zone, Walk>();

function walkOf(zone: Zone, rec: ZoneRecord): Walk {
  let w = lastWalk.get(zone);
  if (w?.rec !== rec) {
    const below: string[] = [];
    w = { rec, zone, reached: queries(zone, rec, below), below };
    lastWalk.set(zone, w);
  }
  return w;
}

/** The walk's void queries (adds the names deciding them to `below`). */
function voidsOf(w: Walk): Reached[] {
  w.voids ??= w.reached.filter((q) => isVoid(w.zone, q.query.name, q.query.asks, w.below));
  return w.voids;
}

export const spfVoidLookups: RecordRule = {
  id: 'spf-void-lookups',
  scope: 'record',
  types: ['TXT'],
  defaultSeverity: 'error',
  rfc: [ref(7208, '4.6.4')],
  summary: 'SPF whose a:, mx: or exists: terms, its own and those of the SPF records it includes in this zone, name more than two names that hold no such record ("void lookups"): receivers return permerror at the third.',
  appliesToZone: (zone) => !!zone.byType.get('SOA')?.length,
  dependsOn(rec, zone) {
    if (!spfOf(rec)) return [];
    return walkOf(zone, rec).reached.map((q) => q.query.name);
  },
  dependsOnBelow(rec, zone) {
    if (!spfOf(rec)) return [];
    const w = walkOf(zone, rec);
    voidsOf(w);
    return w.below;
  },
  check(rec, ctx) {
    if (!spfOf(rec)) return;
    const w = walkOf(ctx.zone, rec);
    if (w.reached.length <= VOID_LIMIT) return;
    const voids = voidsOf(w);
    if (voids.length <= VOID_LIMIT) return;
    const locOf = (r: ZoneRecord, at: { start: number; end: number }) => txtText(r)?.locOf(at.start, at.end) ?? r.rdataLoc;
    const third = voids[VOID_LIMIT];
    const own = (q: Reached) => q.query.rec === rec;
    const named = (q: Reached) => (own(q) ? q.query.text : `${q.query.text} (through ${q.via.text})`);
    const listed = voids.map(named).join(', ');
    const terms = voids.every(own) ? 'terms of this SPF record' : 'terms of this SPF record and of the SPF records it reaches through include: or redirect=';
    ctx.report({
      loc: locOf(rec, third.via),
      message: `${voids.length} ${terms} query names of this zone that hold no such record (${listed}): receivers allow two such "void lookups" and return permerror at the third, ${named(third)}, for every message that reaches it (RFC 7208 §4.6.4); remove the terms, or publish the records`,
      related: voids.filter((q) => q !== third).map((q) => ({ loc: locOf(q.query.rec, q.query), message: `void lookup: ${q.query.name} holds no ${q.query.asks.join(' or ')} record` }))
        .concat(own(third) ? [] : [{ loc: locOf(third.query.rec, third.query), message: `the third void lookup: ${third.query.name} holds no ${third.query.asks.join(' or ')} record` }]),
    });
  },
};
