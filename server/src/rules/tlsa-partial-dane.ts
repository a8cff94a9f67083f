// Partial DANE: a mail domain with several in-zone MX hosts where some have
// `_25._tcp` TLSA and others do not. Senders deliver to the unprotected host
// without DANE authentication (RFC 7672 §2.2.1: each MX host is evaluated on its own),
// so an attacker only needs to block the protected ones.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { hasSmtpTlsa, inZone, mxTarget, expandCname } from './dane-support/mail-graph';
import { smtpOwnerOf } from './dane-support/tlsa-fields';

interface Protected {
  r: ZoneRecord;
  t: string;
}

/** True when the MX host (or a name its CNAME chain reaches) has `_25._tcp` TLSA. */
function isDane(zone: Zone, host: string): boolean {
  return expandCname(zone, host).some((n) => hasSmtpTlsa(zone, n));
}

/** The domain's MX records whose in-zone host has TLSA, in file order. */
function protectedHosts(zone: Zone, mx: readonly ZoneRecord[]): Protected[] {
  const out: Protected[] = [];
  for (const r of mx) {
    if (r.type !== 'MX') continue;
    const t = mxTarget(r);
    if (t && inZone(zone, t) && isDane(zone, t)) out.push({ r, t });
  }
  return out;
}

// A name with many MX records (legal, if odd) would have every one of them judge all the
// others: that answer is kept per zone and name, so the rule stays linear. Few MX records
// (the usual one to three) are judged directly. A new zone object comes with every edit.
const MANY_MX = 8;
const judged = new WeakMap<Zone, Map<string, Protected[]>>();

function protectedAt(zone: Zone, domain: string): Protected[] {
  const mx = zone.byOwner.get(domain) ?? [];
  if (mx.length < MANY_MX) return protectedHosts(zone, mx);
  let byName = judged.get(zone);
  if (!byName) judged.set(zone, (byName = new Map()));
  let list = byName.get(domain);
  if (!list) byName.set(domain, (list = protectedHosts(zone, mx)));
  return list;
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
  // Reads every MX target of the domain, their CNAME chains and the _25._tcp names there.
  dependsOn(rec, zone) {
    const names: string[] = [];
    for (const r of zone.byOwner.get(rec.ownerKey) ?? []) {
      const t = r.type === 'MX' ? mxTarget(r) : undefined;
      if (t) for (const n of expandCname(zone, t)) names.push(n, smtpOwnerOf(n));
    }
    return names;
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const t = mxTarget(rec);
    // an unprotected in-zone host of a domain whose other in-zone hosts have TLSA
    if (!t || !inZone(zone, t) || isDane(zone, t)) return;
    const withTlsa = protectedAt(zone, rec.ownerKey);
    if (withTlsa.length === 0) return;
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
