// TLSA at `_25._tcp.<mail domain>` while the domain's MX points to another
// host: senders query `_25._tcp.<MX host>` (RFC 7672 §2.2.3), never the mail
// domain's name, so the record protects nothing. Not when an MX record of the
// zone names the domain too (directly or through CNAMEs and DNAMEs): senders to that
// mail domain do query `_25._tcp.<domain>`.
import type { RecordRule } from './rule';
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import { isFirstTlsaOfOwner, smtpTlsaHost } from './dane-support/tlsa-fields';
import { expandCname, mxTarget, tlsaQueryNames } from './dane-support/mail-graph';
import { smtpTlsaQueried } from './dane-support/tlsa-lookup';

/** The MX records at the TLSA record's host name, and their targets. */
function mailDomainMx(zone: Zone, host: string): { mx: ZoneRecord[]; targets: string[] } {
  const mx = (zone.byOwner.get(host) ?? []).filter((r) => r.type === 'MX');
  return { mx, targets: mx.map(mxTarget).filter((t): t is string => !!t) };
}

export const tlsaAtMailDomain: RecordRule = {
  id: 'tlsa-at-mail-domain',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'warning',
  rfc: [ref(7672, '2.2.3')],
  summary: 'TLSA placed at _25._tcp.<mail domain> while its MX points to another host (and no MX names the domain itself).',
  // Reads the host's MX records, the CNAME chains of their targets, the MX records and
  // CNAMEs pointing at the host, and the DNAMEs pointing at names above the owner. Only the RRset's first record reports; the others are
  // checked again with it when their name changes.
  dependsOn(rec, zone) {
    const host = smtpTlsaHost(rec.ownerKey);
    if (!host || !isFirstTlsaOfOwner(rec, zone)) return [];
    return [...smtpTlsaQueried(zone, rec.ownerKey).names, ...mailDomainMx(zone, host).targets.flatMap((t) => expandCname(zone, t))];
  },
  dependsOnDnamesTo(rec, zone) {
    return smtpTlsaHost(rec.ownerKey) && isFirstTlsaOfOwner(rec, zone) ? smtpTlsaQueried(zone, rec.ownerKey).dnamesTo : [];
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const host = smtpTlsaHost(rec.ownerKey);
    if (!host || !isFirstTlsaOfOwner(rec, zone)) return; // one finding per RRset
    const { mx, targets } = mailDomainMx(zone, host);
    if (targets.length === 0 || targets.includes(host)) return;
    // also an MX host (of another mail domain), or reached from one through CNAMEs or DNAMEs:
    // senders query this name (RFC 7672 §2.2.3)
    if (smtpTlsaQueried(zone, rec.ownerKey).named) return;
    const queried = [...new Set(targets.flatMap((t) => tlsaQueryNames(zone, t)))];
    ctx.report({
      loc: rec.ownerLoc,
      message: `${host} is a mail domain whose MX points to ${targets.join(', ')}: senders look up TLSA at ${queried.join(', ')}, not here (RFC 7672 §2.2.3). Move these records to the MX host.`,
      related: mx.map((r) => ({ loc: r.rdataLoc, message: `MX of ${host}` })),
    });
  },
};
