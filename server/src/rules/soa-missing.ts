// A zone file has exactly one SOA, at its top (RFC 1035 §5.2). This one is the
// "none at all" half; soa-multiple is the other. Only a file that has the apex's
// NS records is taken for a whole zone: a file without them is a fragment meant
// for $INCLUDE (or being typed), and flagging every such file would be noise.
import { rfc, type ZoneRule } from './rule';
import type { Loc } from '../zone/model';

export const soaMissing: ZoneRule = {
  id: 'soa-missing',
  scope: 'zone',
  defaultSeverity: 'error',
  rfc: [rfc('RFC 1035 §5.2', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.2')],
  summary: 'The zone has no SOA record.',
  check(zone, ctx) {
    if (zone.byType.get('SOA')?.length) return;
    const apexNs = (zone.byType.get('NS') ?? []).filter((r) => r.ownerKey === zone.origin);
    if (!apexNs.length) return;
    const first = zone.records.find((r) => r.file === zone.file) ?? zone.records[0];
    const loc: Loc = first.ownerLoc;
    ctx.report({
      loc,
      message: `no SOA record${zone.origin ? ` for ${zone.origin}` : ''}: a zone needs exactly one SOA at its apex`,
    });
  },
};
