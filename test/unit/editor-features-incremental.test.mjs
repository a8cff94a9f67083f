// The editor's zones are built incrementally and patched on every edit; editor
// features read what each entry produced from them directly (no index over every
// record per edit). They must answer exactly as they do on a fresh parse of the
// same text, also for $GENERATE (many records, one entry) and $INCLUDE (records
// that belong to another file's entries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';

const INCLUDED = 'inc MX 5 mail\ninc A 192.0.2.50\n';
const readInclude = (_from, path) => (path === 'part.zone' ? { id: 'part.zone', text: INCLUDED } : { error: 'no such file' });
const opts = { fileId: 'main.zone', origin: 'example.com.', readInclude };

const BASE = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@ IN SOA ns1 hostmaster ( 2024010101 7200 3600 1209600 300 )',
  '  IN NS ns1',
  '  IN MX 10 mail',
  'ns1 IN A 192.0.2.1',
  'mail IN A 192.0.2.25',
  'www IN CNAME mail',
  '$GENERATE 1-3 host$ A 192.0.2.$',
  '$INCLUDE part.zone',
  '_25._tcp.mail IN TLSA 3 1 1 ' + 'ab'.repeat(32),
  'alias IN CNAME www',
  'svc IN SVCB 1 mail',
].join('\n') + '\n';

/** What the features say about every position of interest, as plain data. */
function answers(zone, lines) {
  const out = [];
  const host = { now: () => new Date('2026-01-01T00:00:00Z'), options: {} };
  for (let line = 0; line < lines.length; line++) {
    out.push({ line, dane: core.daneHoverAt(zone, line, host) });
    for (const col of [0, 1, 5, 9, 14, 20, 30]) {
      if (col > lines[line].length) continue;
      const hover = core.hoverAt(zone, line, col);
      const refs = core.referencesAt(zone, line, col, true).map((l) => core.absRange(l));
      const defs = core.definitionAt(zone, line, col).map((l) => core.absRange(l));
      out.push({ line, col, hover: hover && { text: hover.markdown ?? hover.contents ?? hover, range: hover.range }, refs, defs });
    }
  }
  out.push({ format: core.formatEdits(zone) });
  out.push({ serial: core.bumpSerialEdit(zone, '20260101')?.edit });
  return JSON.parse(JSON.stringify(out));
}

test('features on an incrementally built and edited zone equal those on a fresh parse', () => {
  const file = { id: 'main.zone', lines: core.splitLines(BASE), entries: [] };
  let zone = core.buildZone(file, { ...opts, incremental: true });
  assert.deepEqual(answers(zone, file.lines), answers(core.parseZone(BASE, opts), file.lines));

  // Edits: retarget the CNAME, rename the mail host, then add a line above everything.
  const edits = [
    (t) => t.replace('www IN CNAME mail', 'www IN CNAME ns1'),
    (t) => t.replace('svc IN SVCB 1 mail', 'svc IN SVCB 1 ns1'),
    (t) => t.replace('mail IN A 192.0.2.25', 'mx1 IN A 192.0.2.25'),
    (t) => '; top\n' + t,
  ];
  let text = BASE;
  for (const edit of edits) {
    const next = edit(text);
    const oldLines = core.splitLines(text);
    const lines = core.splitLines(next);
    let from = 0;
    while (from < lines.length && lines[from] === oldLines[from]) from++;
    let toNew = lines.length - 1, toOld = oldLines.length - 1;
    while (toNew > from && toOld > from && lines[toNew] === oldLines[toOld]) { toNew--; toOld--; }
    zone = core.reparse(zone, lines, { from, to: toNew }, oldLines.length, opts).zone;
    assert.deepEqual(answers(zone, lines), answers(core.parseZone(next, opts), lines), `after: ${next.split('\n')[from]}`);
    text = next;
  }
});
