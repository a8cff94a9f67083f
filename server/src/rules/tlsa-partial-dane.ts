// Partial DANE: a mail domain with several in-zone MX hosts where some have
// `_25._tcp` TLSA and others do not. Senders deliver to the unprotected host
// without DANE authentication (RFC 7672 §2.2.1: each MX host is evaluated on its own),
// so an attacker only needs to block the protected ones.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { hasSmtpTlsa, inZone, mxTarget, expandCname } from './dane-support/mail-graph';
import { smtpOwnerOf } from './dane-support/tlsa-fields';

interface Judged {
  r: ZoneRecord;
  t: string;
  dane: boolean;
}

/** The in-zone MX hosts of a mail domain and whether each has TLSA (through its CNAME chain). */
function judge(zone: Zone, domain: string): Judged[] {
  const out: Judged[] = [];
  for (const r of zone.byOwner.get(domain) ?? []) {
    if (r.type !== 'MX') continue;
    const t = mxTarget(r);
    if (!t || !inZone(zone, t)) continue;
    out.push({ r, t, dane: expandCname(zone, t).some((n) => hasSmtpTlsa(zone, n)) });
  }
  return out;
}

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
    const judged = judge(zone, rec.ownerKey);
    if (judged.length < 2) return;
    const self = judged.find((x) => x.r === rec);
    const withTlsa = judged.filter((x) => x.dane);
    if (!self || self.dane || withTlsa.length === 0) return;
    ctx.report({
      loc: rec.rdataLoc,
      message: `partial DANE: ${self.t} has no TLSA at _25._tcp.${self.t} while ${withTlsa.map((w) => w.t).join(', ')} ${withTlsa.length > 1 ? 'have' : 'has'} them; senders deliver to ${self.t} without DANE authentication (RFC 7672 §2.2.1)`,
      related: withTlsa.map((w) => ({ loc: w.r.rdataLoc, message: `${w.t} is protected by TLSA` })),
    });
  },
};
