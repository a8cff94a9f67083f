// daneZone.problemLimit over the real server bundle: a zone with more problems than the limit
// publishes the errors first, then warnings, each in document order, and one more
// diagnostic at the top that says how many are left out; the check from disk does the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const HEAD = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];

/** `warnings` out-of-zone records (warnings), then `errors` bad addresses (errors); line numbers of each. */
function zone(warnings, errors) {
  const lines = [...HEAD];
  const at = { warnings: [], errors: [] };
  for (let i = 0; i < warnings; i++) { at.warnings.push(lines.length); lines.push(`w${i}.example.net. IN A 192.0.2.2`); }
  for (let i = 0; i < errors; i++) { at.errors.push(lines.length); lines.push(`e${i} IN A 192.0.2.${300 + (i % 100)}`); }
  return { text: lines.join('\n') + '\n', at };
}

const summaryOf = (ds) => ds.filter((d) => d.code === 'problem-limit');
const linesOf = (ds, code) => ds.filter((d) => d.code === code).map((d) => d.range.start.line).sort((a, b) => a - b);

test('over the limit: the errors first in document order, then warnings, and one line saying how many are left out', async (t) => {
  const s = await startServerFor(t, { configuration: { problemLimit: 120 } });
  const { text, at } = zone(50, 100);
  const uri = 'file:///tmp/dane-zone-protocol/limit.example.com.zone';
  await s.open(uri, text, 1);
  const { diagnostics } = await s.diagnostics(uri, 1);
  assert.equal(diagnostics.length, 121);
  const [summary] = summaryOf(diagnostics);
  assert.deepEqual(summary.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(summary.severity, 3);
  assert.match(summary.message, /^30 more problems in this file are not shown \(daneZone\.problemLimit is 120; errors come first\)/);
  assert.deepEqual(linesOf(diagnostics, 'rdata-invalid'), at.errors);
  assert.deepEqual(linesOf(diagnostics, 'out-of-zone'), at.warnings.slice(0, 20));
  // a key that fixes an error lets one more warning in
  const fix = at.errors[0];
  await s.change(uri, 2, [{ range: { start: { line: fix, character: 0 }, end: { line: fix + 1, character: 0 } }, text: 'e0 IN A 192.0.2.3\n' }]);
  const after = (await s.diagnostics(uri, 2)).diagnostics;
  assert.equal(after.length, 121);
  assert.deepEqual(linesOf(after, 'rdata-invalid'), at.errors.slice(1));
  assert.deepEqual(linesOf(after, 'out-of-zone'), at.warnings.slice(0, 21));
  assert.match(summaryOf(after)[0].message, /^29 more problems/);
});

test('over the limit, an edited document shows the problems a fresh open of its text shows: of the kind cut, those first in the file', async (t) => {
  const s = await startServerFor(t, { configuration: { problemLimit: 5 } });
  const { text, at } = zone(8, 0);
  const uri = 'file:///tmp/dane-zone-protocol/limit-edit.example.com.zone';
  await s.open(uri, text, 1);
  assert.deepEqual(linesOf((await s.diagnostics(uri, 1)).diagnostics, 'out-of-zone'), at.warnings.slice(0, 5));
  // the first warning's record typed again: the editor finds it anew, after the others
  const first = at.warnings[0];
  await s.change(uri, 2, [{ range: { start: { line: first, character: 1 }, end: { line: first, character: 2 } }, text: '0' }]);
  const edited = (await s.diagnostics(uri, 2)).diagnostics;
  const fresh = 'file:///tmp/dane-zone-protocol/limit-fresh.example.com.zone';
  const now = text.split('\n').map((l, i) => (i === first ? l.slice(0, 1) + '0' + l.slice(2) : l)).join('\n');
  await s.open(fresh, now, 1);
  const opened = (await s.diagnostics(fresh, 1)).diagnostics;
  assert.deepEqual(linesOf(edited, 'out-of-zone'), at.warnings.slice(0, 5));
  assert.deepEqual(linesOf(edited, 'out-of-zone'), linesOf(opened, 'out-of-zone'));
});

test('at or under the limit nothing is left out; the default limit is 5000', async (t) => {
  const s = await startServerFor(t, { configuration: { problemLimit: 150 } });
  const uri = 'file:///tmp/dane-zone-protocol/exact.example.com.zone';
  await s.open(uri, zone(50, 100).text, 1);
  const { diagnostics } = await s.diagnostics(uri, 1);
  assert.equal(diagnostics.length, 150);
  assert.equal(summaryOf(diagnostics).length, 0);

  const d = await startServerFor(t);
  const big = 'file:///tmp/dane-zone-protocol/default.example.com.zone';
  await d.open(big, zone(0, 5200).text, 1);
  const all = (await d.diagnostics(big, 1)).diagnostics;
  assert.equal(all.length, 5001);
  assert.match(summaryOf(all)[0].message, /^200 more problems .*daneZone\.problemLimit is 5000/);
});

test('the check from disk keeps to the same limit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-limit-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { text, at } = zone(50, 100);
  writeFileSync(join(dir, 'limit.example.com.zone'), text);
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], configuration: { problemLimit: 120 } });
  const r = await s.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(join(dir, 'limit.example.com.zone')).href });
  assert.equal(r.diagnostics.length, 121);
  assert.match(summaryOf(r.diagnostics)[0].message, /^30 more problems/);
  assert.deepEqual(linesOf(r.diagnostics, 'rdata-invalid'), at.errors);
});
