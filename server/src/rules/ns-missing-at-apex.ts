// A zone has the NS RRset of its name servers at its apex (RFC 1034 §4.2.1, RFC 1035 §5.2):
// BIND ("has no NS records") and Knot ("missing NS at the zone apex") refuse to load a zone
// without it. The apex is the SOA's owner; a file without SOA is soa-missing's (or a fragment).
import { rfc, type ZoneRule } from './rule';

export const nsMissingAtApex: ZoneRule = {
  id: 'ns-missing-at-apex',
  scope: 'zone',
  types: ['SOA', 'NS'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 1034 §4.2.1', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.2.1'),
    rfc('RFC 1035 §5.2', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.2'),
  ],
  summary: 'The zone has an SOA but no NS records at its apex.',
  check(zone, ctx) {
    const soa = zone.byType.get('SOA')?.[0];
    if (!soa || zone.byOwner.get(soa.ownerKey)?.some((r) => r.type === 'NS')) return;
    ctx.report({
      loc: soa.ownerLoc,
      message: `no NS records at the zone's apex ${soa.owner}: a zone lists its name servers there (RFC 1034 §4.2.1); BIND and Knot refuse to load it`,
    });
  },
};
