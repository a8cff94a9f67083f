// A zone file has exactly one SOA, at its top (RFC 1035 §5.2). This one is the
// "none at all" half; soa-multiple is the other. In the editor only a file that has the
// apex's NS records is taken for a whole zone: a file without them is a fragment meant
// for $INCLUDE (or being typed), and flagging every such file would be noise. A file
// checked as a zone (`dane-zone check`: options.wholeZone) without any record is no
// fragment but an empty zone, which BIND and Knot refuse. An SOA
// written with bad RDATA is there: its rdata-invalid error says what is wrong with it.
import { rfc, type ZoneRule } from './rule';
import type { Loc, Zone } from '../zone/model';

/** True when an entry was written as an SOA but its RDATA failed (the problem names its type). */
function soaWrittenBadly(zone: Zone): boolean {
  return zone.problems.some((p) => p.code === 'rdata-invalid' && p.type === 'SOA');
}

export const soaMissing: ZoneRule = {
  id: 'soa-missing',
  scope: 'zone',
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [rfc('RFC 1035 §5.2', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.2')],
  summary: 'The zone has no SOA record.',
  check(zone, ctx) {
    if (zone.byType.get('SOA')?.length || soaWrittenBadly(zone)) return;
    const apexNs = (zone.byType.get('NS') ?? []).filter((r) => r.ownerKey === zone.origin);
    // no apex NS: a fragment, unless a file checked as a zone has no records at all (and no
    // record that failed to read: its error says what is wrong)
    const empty = zone.records.length === 0 && !zone.problems.some((p) => p.severity === 'error');
    if (!apexNs.length && !(ctx.host.options.wholeZone === true && empty)) return;
    const first = zone.records.find((r) => r.file === zone.file) ?? zone.records[0];
    // a file without records: its first line
    const loc: Loc = first?.ownerLoc ?? { file: zone.file, entry: zone.file.entries[0] ?? { lineInBlock: 0, lineCount: 1, leadingBlank: false, tokens: [], lexErrors: [] }, span: { line: 0, start: 0, endLine: 0, end: 0 } };
    ctx.report({
      loc,
      message: `no SOA record${zone.origin ? ` for ${zone.origin}` : ''}${first ? '' : ' (the file has no records at all)'}: a zone needs exactly one SOA at its apex`,
    });
  },
};
