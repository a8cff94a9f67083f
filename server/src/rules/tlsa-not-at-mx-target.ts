// A `_25._tcp.<host>` TLSA RRset whose host no MX record of the zone names
// (directly or through a CNAME), nor reached from a queried name through a CNAME or a DNAME
// at any label (`_tcp.<mx host> DNAME _tcp.<host>`): senders look up TLSA only at MX hosts
// (RFC 7672 §2.2.3), so it is never used for inbound mail unless an MX in
// another zone names the host. TLSA at the mail domain itself is the
// separate rule tlsa-at-mail-domain. A TLSA at or below a delegation or below a DNAME is
// never served from this zone: dname-with-children or occluded-below-delegation says so. The
// zone's apex with an address and no MX is its own mail host (RFC 5321 §5.1): not reported.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { isFirstTlsaOfOwner, smtpTlsaHost } from './dane-support/tlsa-fields';
import { mxTarget } from './dane-support/mail-graph';
import { smtpTlsaQueried } from './dane-support/tlsa-lookup';
import { cutAbove } from './support/zone-cuts';
import { originKey } from './support/origin-key';

export const tlsaNotAtMxTarget: RecordRule = {
  id: 'tlsa-not-at-mx-target',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'info',
  rfc: [ref(7672, '2.2.3')],
  summary: '_25._tcp TLSA at a host that no MX record in the zone points to.',
  // Re-checked when a record at, or pointing at, the owner, the host or an alias of them
  // changes, and when a DNAME to a name above the owner comes or goes. Only the RRset's first
  // record reports; the others are checked again with it when their name changes.
  dependsOn(rec, zone) {
    const host = smtpTlsaHost(rec.ownerKey);
    return host && isFirstTlsaOfOwner(rec, zone) ? smtpTlsaQueried(zone, rec.ownerKey).names : [];
  },
  dependsOnDnamesTo(rec, zone) {
    return smtpTlsaHost(rec.ownerKey) && isFirstTlsaOfOwner(rec, zone) ? smtpTlsaQueried(zone, rec.ownerKey).dnamesTo : [];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const host = smtpTlsaHost(rec.ownerKey);
    if (!host || !isFirstTlsaOfOwner(rec, zone)) return; // one finding per RRset
    if (cutAbove(zone, rec.ownerKey) || smtpTlsaQueried(zone, rec.ownerKey).named) return;
    // TLSA at a mail domain whose MX points elsewhere is tlsa-at-mail-domain's finding
    const atHost = zone.byOwner.get(host) ?? [];
    if (atHost.some((r) => r.type === 'MX' && mxTarget(r) && mxTarget(r) !== host)) return;
    // a name with an address and no MX is its own mail host (the implicit MX, RFC 5321 §5.1):
    // mail to it goes there, and senders look its TLSA up. The zone's own mail domain is then
    // set up as meant; another such name most likely is not a mail domain at all
    const ownMailHost = !atHost.some((r) => r.type === 'MX') && atHost.some((r) => r.type === 'A' || r.type === 'AAAA');
    if (ownMailHost && host === originKey(zone)) return;
    ctx.report({
      loc: rec.ownerLoc,
      message: ownMailHost
        ? `no MX record in this zone points to ${host}: senders look up TLSA at _25._tcp.<MX host> (RFC 7672 §2.2.3), so this RRset is used only for mail addressed to ${host} itself (it has an address and no MX: its own mail host, RFC 5321 §5.1) or if an MX in another zone names it`
        : `no MX record in this zone points to ${host}: senders look up TLSA at _25._tcp.<MX host> (RFC 7672 §2.2.3), so this RRset is used only if an MX in another zone names ${host}`,
    });
  },
};
