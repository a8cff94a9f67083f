// Exactly one SOA per zone, at the apex (RFC 1035 §5.2; RFC 2181 §6.1: the SOA
// marks the zone's top). Every SOA after the first is reported, wherever it is.
import { rfc, type ZoneRule } from './rule';
import { byPosition } from './support/record-order';

export const soaMultiple: ZoneRule = {
  id: 'soa-multiple',
  scope: 'zone',
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 1035 §5.2', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.2'),
    rfc('RFC 2181 §6.1', 'https://www.rfc-editor.org/rfc/rfc2181#section-6.1'),
  ],
  summary: 'The zone has more than one SOA record.',
  check(zone, ctx) {
    const soas = [...(zone.byType.get('SOA') ?? [])].sort(byPosition);
    if (soas.length < 2) return;
    const first = soas[0];
    for (const rec of soas.slice(1)) {
      ctx.report({
        loc: rec.typeLoc,
        message: `another SOA at ${rec.owner}: a zone has exactly one SOA, at its apex`,
        related: [{ loc: first.typeLoc, message: `the first SOA` }],
      });
    }
  },
};
