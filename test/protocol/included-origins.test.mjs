// An open file that zones $INCLUDE, over the real server bundle: a long one's first diagnostics
// (the worker's whole-file check) read it with the origin and default TTL the including zone gives
// it, as the editor's own analysis does; a file two open zones include with different origins is
// read as the first of them (by name) includes it, and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

function workspace(t, files) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dz-inc-origins-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const uri = pathToFileURL(dir).toString();
  return { dir, uri, file: (n) => `${uri}/${n}` };
}

const zone = (origin, ttl, include = '$INCLUDE hosts.inc') => `$ORIGIN ${origin}\n$TTL ${ttl}\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n${include}\n`;
/** what a file read without the including zone's origin or default TTL gets */
const STANDALONE = (d) => /no \$ORIGIN is known/.test(d.message) || d.code === 'ttl-missing';

/** 210 000 lines (over the server's SLICED_MIN_LINES): relative names without TTLs, a bad
 *  address every 50 000 lines (what reading finds, so the worker publishes early). */
function longIncluded() {
  const lines = [];
  for (let i = 0; i < 210_000; i++) lines.push(i % 50_000 === 1 ? `bad${i} IN A 192.0.2.300` : `h${i} IN A 192.0.2.${(i % 250) + 1}`);
  return lines.join('\n') + '\n';
}

test('a long included file opened beside the zone that includes it: every publish, the worker\'s first ones too, reads it with the zone\'s origin and TTL', async (t) => {
  const text = longIncluded();
  const ws = workspace(t, { 'main.zone': zone('example.com.', 3600), 'hosts.inc': text });
  const s = await startServerFor(t, { workDoneProgress: true, rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }], env: { DANE_ZONE_FIRST_CHECK: 'normal' } });
  const main = ws.file('main.zone'), inc = ws.file('hosts.inc');
  await s.open(main, zone('example.com.', 3600), 1);
  await s.diagnostics(main, 1, 60_000);
  await s.open(inc, text, 1);
  // the analysis publishes after its progress ended
  const begin = await s.eventWhere((e) => e.kind === 'progress' && e.value.kind === 'begin' && e.value.message.startsWith('hosts.inc'), 60_000);
  await s.eventWhere((e) => e.kind === 'progress' && e.token === begin.token && e.value.kind === 'end', 60_000);
  const endAt = s.events.findIndex((e) => e.kind === 'progress' && e.token === begin.token && e.value.kind === 'end');
  const publishedAt = () => s.events.flatMap((e, i) => (e.kind === 'publish' && e.uri === inc ? [i] : []));
  await s.diagnosticsWhere(inc, () => publishedAt().at(-1) > endAt, 60_000);
  const published = s.history.filter((p) => p.uri === inc);
  assert.ok(publishedAt()[0] < endAt, 'the worker published before the analysis ended');
  for (const p of published) {
    assert.deepEqual(p.diagnostics.filter(STANDALONE).slice(0, 3).map((d) => d.message), [], 'a publish read as if alone');
    assert.deepEqual([...new Set(p.diagnostics.map((d) => d.code))], ['rdata-invalid']);
    assert.equal(p.diagnostics.length, 5);
  }
});

test('a long included file opened before the zone that includes it: once the zone is analysed, nothing read as if alone is published', async (t) => {
  const text = longIncluded();
  const ws = workspace(t, { 'main.zone': zone('example.com.', 3600), 'hosts.inc': text });
  const s = await startServerFor(t, { workDoneProgress: true, rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }], env: { DANE_ZONE_FIRST_CHECK: 'normal' } });
  const main = ws.file('main.zone'), inc = ws.file('hosts.inc');
  await s.open(inc, text, 1);
  // its analysis alone under way: then the zone opens, and is analysed (at once: it is short)
  await s.eventWhere((e) => e.kind === 'progress' && e.value.kind === 'report', 60_000);
  await s.open(main, zone('example.com.', 3600), 1);
  await s.diagnostics(main, 1, 60_000);
  const zoneAt = s.history.length;
  assert.equal(s.latest.get(inc), undefined, 'the file\'s analysis alone ended before the zone\'s: the test proves nothing');
  const settled = await s.diagnosticsWhere(inc, (p) => !p.diagnostics.some(STANDALONE), 60_000);
  assert.equal(settled.diagnostics.length, 5);
  const after = s.history.slice(zoneAt).filter((p) => p.uri === inc);
  assert.deepEqual(after.map((p) => p.diagnostics.filter(STANDALONE).length), after.map(() => 0), 'a publish read as if alone after the zone was analysed');
});
