// TLSA at `_25._tcp.<mail domain>` while the domain's MX points to another
// host: senders query `_25._tcp.<MX host>` (RFC 7672 §2.2.3), never the mail
// domain's name, so the record protects nothing.
import type { ZoneRule } from './rule';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, splitTlsaOwner } from './dane-support/tlsa-fields';
import { mxTarget, tlsaOwners, tlsaQueryNames } from './dane-support/mail-graph';

export const tlsaAtMailDomain: ZoneRule = {
  id: 'tlsa-at-mail-domain',
  scope: 'zone',
  types: ['TLSA', 'MX', 'CNAME'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '2.2.3')],
  summary: 'TLSA placed at _25._tcp.<mail domain> while its MX points to another host.',
  check(zone, ctx) {
    for (const [owner, first] of tlsaOwners(zone)) {
      if (!isSmtpTlsaOwner(owner)) continue;
      const host = splitTlsaOwner(owner)!.host;
      const mx = (zone.byOwner.get(host) ?? []).filter((r) => r.type === 'MX');
      const targets = mx.map(mxTarget).filter((t): t is string => !!t);
      if (targets.length === 0 || targets.includes(host)) continue;
      const queried = [...new Set(targets.flatMap((t) => tlsaQueryNames(zone, t)))];
      ctx.report({
        loc: first.ownerLoc,
        message: `${host} is a mail domain whose MX points to ${targets.join(', ')}: senders look up TLSA at ${queried.join(', ')}, not here (RFC 7672 §2.2.3). Move these records to the MX host.`,
        related: mx.map((r) => ({ loc: r.rdataLoc, message: `MX of ${host}` })),
      });
    }
  },
};
