// Partial DANE: a mail domain with several in-zone MX hosts where some have
// `_25._tcp` TLSA and others do not. Senders deliver to the unprotected host
// without DANE authentication (RFC 7672 §2.2.1: each MX host is evaluated on its own),
// so an attacker only needs to block the protected ones.
import type { ZoneRule } from './rule';
import type { ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { hasSmtpTlsa, inZone, mxTarget, expandCname } from './dane-support/mail-graph';

export const tlsaPartialDane: ZoneRule = {
  id: 'tlsa-partial-dane',
  scope: 'zone',
  types: ['MX', 'TLSA', 'CNAME'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '2.2.1'), ref(7672, '2.2.3')],
  summary: 'Some MX hosts of a domain have TLSA records and others (in this zone) do not.',
  check(zone, ctx) {
    const byDomain = new Map<string, ZoneRecord[]>();
    for (const r of zone.byType.get('MX') ?? []) {
      const l = byDomain.get(r.ownerKey);
      if (l) l.push(r);
      else byDomain.set(r.ownerKey, [r]);
    }
    for (const mx of byDomain.values()) {
      if (mx.length < 2) continue;
      const judged = mx
        .map((r) => ({ r, t: mxTarget(r) }))
        .filter((x): x is { r: typeof x.r; t: string } => !!x.t && inZone(zone, x.t))
        .map((x) => ({ ...x, dane: expandCname(zone, x.t).some((n) => hasSmtpTlsa(zone, n)) }));
      const withTlsa = judged.filter((x) => x.dane);
      if (withTlsa.length === 0 || withTlsa.length === judged.length) continue;
      for (const x of judged) {
        if (x.dane) continue;
        ctx.report({
          loc: x.r.rdataLoc,
          message: `partial DANE: ${x.t} has no TLSA at _25._tcp.${x.t} while ${withTlsa.map((w) => w.t).join(', ')} ${withTlsa.length > 1 ? 'have' : 'has'} them; senders deliver to ${x.t} without DANE authentication (RFC 7672 §2.2.1)`,
          related: withTlsa.map((w) => ({ loc: w.r.rdataLoc, message: `${w.t} is protected by TLSA` })),
        });
      }
    }
  },
};
