// A `_25._tcp.<host>` TLSA RRset whose host no MX record of the zone names
// (directly or through a CNAME): senders look up TLSA only at MX hosts
// (RFC 7672 §2.2.3), so it is never used for inbound mail unless an MX in
// another zone names the host. TLSA at the mail domain itself is the
// separate rule tlsa-at-mail-domain.
import type { ZoneRule } from './rule';
import { ref } from './dane-support/refs';
import { isSmtpTlsaOwner, splitTlsaOwner } from './dane-support/tlsa-fields';
import { mxIndex, mxTarget, tlsaOwners } from './dane-support/mail-graph';

export const tlsaNotAtMxTarget: ZoneRule = {
  id: 'tlsa-not-at-mx-target',
  scope: 'zone',
  types: ['TLSA', 'MX', 'CNAME'],
  defaultSeverity: 'info',
  rfc: [ref(7672, '2.2.3')],
  summary: '_25._tcp TLSA at a host that no MX record in the zone points to.',
  check(zone, ctx) {
    const { targets } = mxIndex(zone);
    for (const [owner, first] of tlsaOwners(zone)) {
      if (!isSmtpTlsaOwner(owner)) continue;
      const host = splitTlsaOwner(owner)!.host;
      if (targets.has(host)) continue;
      // TLSA at a mail domain whose MX points elsewhere is tlsa-at-mail-domain's finding
      if (zone.byOwner.get(host)?.some((r) => r.type === 'MX' && mxTarget(r) && mxTarget(r) !== host)) continue;
      ctx.report({
        loc: first.ownerLoc,
        message: `no MX record in this zone points to ${host}: senders look up TLSA at _25._tcp.<MX host> (RFC 7672 §2.2.3), so this RRset is used only if an MX in another zone names ${host}`,
      });
    }
  },
};
