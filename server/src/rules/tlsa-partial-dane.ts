// Partial DANE: a mail domain with several in-zone MX hosts where some have
// `_25._tcp` TLSA and others do not (hosts at or below a delegation or below a
// DNAME are judged elsewhere, like hosts outside the zone). Senders deliver to the unprotected host
// without DANE authentication (RFC 7672 §2.2.1: each MX host is evaluated on its own),
// so an attacker only needs to block the protected ones.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { inZone, mxTarget, expandCname } from './dane-support/mail-graph';
import { cutAbove } from './support/zone-cuts';
import { findsSmtpTlsa } from './dane-support/tlsa-lookup';
import { NameMemo } from './support/name-memo';

interface Protected {
  r: ZoneRecord;
  t: string;
}

/** True when a TLSA query for `_25._tcp.` the MX host (or a name its CNAME chain reaches) finds
 *  TLSA: there, through a wildcard or through CNAMEs; undefined when none does and some query is
 *  answered outside these records (a delegation, a DNAME out of the zone). `below` gets the names
 *  whose subtrees decide it. */
function isDane(zone: Zone, host: string, below?: string[]): boolean | undefined {
  let verdict: boolean | undefined = false;
  for (const n of expandCname(zone, host)) {
    const found = findsSmtpTlsa(zone, n, below);
    if (found) return true;
    if (found === undefined) verdict = undefined;
  }
  return verdict;
}

// A name is judged by its first 32 MX records (file order): far more than any mail domain
// has, and it keeps each record's work and its dependencies bounded. Without the bound a
// name with thousands of MX records (legal, if odd) made every record judge and depend on
// all the others: quadratic, and gigabytes of dependencies in the editor.
const JUDGED_MX = 32;

interface Judged {
  /** the MX records judged: the first JUDGED_MX of the name */
  mx: ZoneRecord[];
  /** those whose in-zone host has TLSA */
  protected: Protected[];
  /** the names the judged hosts' verdicts read (dependsOn), made on first request */
  names?: string[];
  /** the names whose subtrees the judged hosts' verdicts read (dependsOnBelow) */
  below?: string[];
}

// Judged once per zone and name for names with many records (NameMemo): their MX
// records do not each walk the name's records again.
const judged = new NameMemo((zone, records): Judged => {
  const mx: ZoneRecord[] = [];
  const prot: Protected[] = [];
  for (let i = 0; i < records.length && mx.length < JUDGED_MX; i++) {
    const r = records[i];
    if (r.type !== 'MX') continue;
    mx.push(r);
    const t = mxTarget(r);
    if (t && inZone(zone, t) && isDane(zone, t) === true && !cutAbove(zone, t)) prot.push({ r, t });
  }
  return { mx, protected: prot };
});

/** The names whose records decide the verdict on an MX host: its CNAME chain (what the TLSA
 *  lookups read is hostBelow's). */
function hostNames(zone: Zone, rec: ZoneRecord, out: string[]): void {
  const t = mxTarget(rec);
  if (t) out.push(...expandCname(zone, t));
}

/** The names whose subtrees decide whether TLSA lookups for the MX host find TLSA. */
function hostBelow(zone: Zone, rec: ZoneRecord, out: string[]): void {
  const t = mxTarget(rec);
  if (t && inZone(zone, t)) isDane(zone, t, out);
}

/** What `collect` gives for the judged MX records of the record's name (made once per name),
 *  and for the record itself when it is not one of them. */
function judgedAnd(rec: ZoneRecord, zone: Zone, key: 'names' | 'below', collect: (zone: Zone, r: ZoneRecord, out: string[]) => void): string[] {
  const j = judged.get(zone, rec.ownerKey);
  let all = j[key];
  if (!all) {
    all = j[key] = [];
    for (const r of j.mx) collect(zone, r, all);
  }
  if (j.mx.includes(rec)) return all;
  const own: string[] = [];
  collect(zone, rec, own);
  return [...all, ...own];
}

// Message and related information name this many protected hosts, then count the rest.
const NAMED = 5;

export const tlsaPartialDane: RecordRule = {
  id: 'tlsa-partial-dane',
  scope: 'record',
  types: ['MX'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '2.2.1'), ref(7672, '2.2.3')],
  summary: 'Some MX hosts of a domain have TLSA records and others (in this zone) do not.',
  // Reads the judged MX targets of the domain and its own and their CNAME chains; the TLSA lookups
  // there read whole subtrees (wildcards, empty non-terminals: dependsOnBelow).
  dependsOn: (rec, zone) => judgedAnd(rec, zone, 'names', hostNames),
  dependsOnBelow: (rec, zone) => judgedAnd(rec, zone, 'below', hostBelow),
  check(rec, ctx) {
    const zone = ctx.zone;
    const t = mxTarget(rec);
    // an unprotected in-zone host of a domain whose other in-zone hosts have TLSA. The domain's
    // verdicts first: most domains have no protected host, and then this one's is not needed
    // again (the judged hosts include it); the zone cut test last.
    const withTlsa = judged.get(zone, rec.ownerKey).protected;
    if (withTlsa.length === 0) return;
    if (!t || !inZone(zone, t) || isDane(zone, t) !== false || cutAbove(zone, t)) return;
    const named = withTlsa.slice(0, NAMED);
    const more = withTlsa.length - named.length;
    const hosts = named.map((w) => w.t).join(', ') + (more ? ` and ${more} more` : '');
    ctx.report({
      loc: rec.rdataLoc,
      message: `partial DANE: ${t} has no TLSA at _25._tcp.${t} while ${hosts} ${withTlsa.length > 1 ? 'have' : 'has'} them; senders deliver to ${t} without DANE authentication (RFC 7672 §2.2.1)`,
      related: named.map((w) => ({ loc: w.r.rdataLoc, message: `${w.t} is protected by TLSA` })),
    });
  },
};
