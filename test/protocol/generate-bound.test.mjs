// The $GENERATE lines of one zone expand at most GENERATE_ZONE_MAX records in all (a 2 KB file of
// $GENERATE lines made millions and ran the check out of memory); DANE_ZONE_GENERATE_MAX sets the
// bound. Over the real CLI and the real server: the line that would pass it is cut with a warning,
// and while typing the editor reads such a zone whole, so it says what a fresh check says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as core from '../../dist/core.js';
import { startServerFor } from '../helpers/lsp-client.mjs';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const head = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
const lines = (n, count) => Array.from({ length: n }, (_, i) => `$GENERATE 1-${count} h$.g${i} A 192.0.2.$`).join('\n') + '\n';
const cuts = (findings) => findings.filter((f) => f.ruleId === 'generate-cut' || f.code === 'generate-cut');

test('a 2 KB file of 60 $GENERATE lines of 100 000 records: the check expands 1 000 000, says so at each line it cuts, and ends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-gen-'));
  try {
    const file = join(dir, 'bomb.zone');
    writeFileSync(file, head + Array.from({ length: 60 }, (_, i) => `$GENERATE 1-100000 h$.g${i} A 192.0.2.1`).join('\n') + '\n');
    const r = spawnSync(process.execPath, [cli, 'check', '--json', file], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const found = JSON.parse(r.stdout);
    assert.equal(found.filter((f) => f.rule === 'generate-cut').length, 50);
    assert.match(found.find((f) => f.rule === 'generate-cut').message, /the \$GENERATE lines of this zone make more than 1000000, which BIND loads; dane-zone expands at most 1000000 in all \(DANE_ZONE_GENERATE_MAX sets it\)/);
    // DANE_ZONE_GENERATE_MAX raises (or lowers) it
    const low = spawnSync(process.execPath, [cli, 'check', '--json', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DANE_ZONE_GENERATE_MAX: '150000' } });
    assert.equal(JSON.parse(low.stdout).filter((f) => f.rule === 'generate-cut').length, 59);
    const bad = spawnSync(process.execPath, [cli, 'check', '--json', file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DANE_ZONE_GENERATE_MAX: 'lots' } });
    assert.match(bad.stderr, /DANE_ZONE_GENERATE_MAX='lots' is not a whole number of records: ignored/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the check and the editor\'s model cut the same line; typing across the bound in the editor gives what a fresh check gives', async (t) => {
  const text = head + lines(3, 100);
  const opts = { fileId: 'g.zone', generateLimit: 250 };
  const check = core.checkText(text, opts);
  const model = core.parseZone(text, opts);
  assert.equal(check.zone.records.length, model.records.length);
  assert.equal(model.records.filter((r) => r.generated).length, 201, 'two lines whole, the first record of the third');
  assert.deepEqual(cuts(check.findings).map((f) => core.absRange(f.loc).startLine), [7]);
  assert.deepEqual(model.problems.filter((p) => p.code === 'generate-cut').map((p) => core.absRange(p.loc).startLine), [7]);

  const s = await startServerFor(t, { env: { DANE_ZONE_GENERATE_MAX: '250' } });
  const uri = pathToFileURL(join(tmpdir(), 'generate-bound.zone')).toString();
  const under = head + lines(2, 100) + '$GENERATE 1-40 h$.g2 A 192.0.2.$\n';
  await s.open(uri, under, 1);
  assert.deepEqual(cuts((await s.diagnostics(uri, 1)).diagnostics), []);
  // the third line's range typed up to 100: 300 records would pass 250
  const at = { line: 7, character: '$GENERATE 1-'.length };
  await s.change(uri, 2, [{ range: { start: at, end: { line: 7, character: at.character + 2 } }, text: '100' }]);
  const over = (await s.diagnostics(uri, 2)).diagnostics;
  assert.deepEqual(cuts(over).map((d) => d.range.start.line), [7], JSON.stringify(over.map((d) => [d.code, d.range.start.line])));
  // and back under it
  await s.change(uri, 3, [{ range: { start: at, end: { line: 7, character: at.character + 3 } }, text: '40' }]);
  assert.deepEqual(cuts((await s.diagnostics(uri, 3)).diagnostics), []);
  // the first line grown to 200 cuts the second (200 + 100 would pass 250), which the edit did
  // not touch; the third fits again (200 + 1 + 40)
  await s.change(uri, 4, [{ range: { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } }, text: '200' }]);
  assert.deepEqual(cuts((await s.diagnostics(uri, 4)).diagnostics).map((d) => d.range.start.line), [6]);
  assert.deepEqual(cuts(core.checkText(head + '$GENERATE 1-200 h$.g0 A 192.0.2.$\n' + lines(2, 100).split('\n')[1] + '\n$GENERATE 1-40 h$.g2 A 192.0.2.$\n', opts).findings).map((f) => core.absRange(f.loc).startLine), [6], 'as a fresh check');
});
