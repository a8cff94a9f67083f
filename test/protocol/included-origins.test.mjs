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

const hoverName = async (s, uri) => (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }))?.contents.value ?? '';
const NOTE = (p) => p.diagnostics.filter((d) => d.code === 'include-origins');

test('a file two open zones $INCLUDE with different origins is read as the first by name includes it, whatever the order they opened in, and a note at its top names both', async (t) => {
  const shared = 'h1 IN A 192.0.2.10\nmail IN MX 10 h1\nbad IN A 192.0.2.300\n';
  const a = zone('example.com.', 3600, '$INCLUDE shared.inc'), b = zone('example.org.', 300, '$INCLUDE shared.inc');
  const ws = workspace(t, { 'a.zone': a, 'b.zone': b, 'shared.inc': shared });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  const inc = ws.file('shared.inc');
  // b first: before, the first zone opened gave its origin, silently
  await s.open(ws.file('b.zone'), b, 1);
  await s.diagnostics(ws.file('b.zone'), 1);
  await s.open(ws.file('a.zone'), a, 1);
  await s.diagnostics(ws.file('a.zone'), 1);
  await s.open(inc, shared, 1);
  const p = await s.diagnosticsWhere(inc, (x) => NOTE(x).length === 1, 5000);
  assert.match(await hoverName(s, inc), /h1\.example\.com\./);
  const [note] = NOTE(p);
  assert.equal(note.severity, 3);
  assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(note.message, 'open zones $INCLUDE this file with different origins and default TTLs: it is checked as a.zone:6 includes it (example.com., default TTL 3600); as b.zone:6 (example.org., default TTL 300) includes it, its problems show on that $INCLUDE line');
  assert.deepEqual(note.relatedInformation.map((r) => [r.location.uri, r.location.range.start.line]), [[ws.file('a.zone'), 5], [ws.file('b.zone'), 5]]);
  // the file's own problem, once (its problems as b.zone reads it show in b.zone)
  assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['include-origins', 'rdata-invalid']);
  assert.match(s.latest.get(ws.file('b.zone')).diagnostics.find((d) => d.code === 'rdata-invalid').message, /^in shared\.inc:3: /);
  // a.zone closed: b.zone's origin, and no note (one includer left)
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: ws.file('a.zone') } });
  const alone = await s.diagnosticsWhere(inc, (x) => NOTE(x).length === 0, 5000);
  assert.deepEqual(alone.diagnostics.map((d) => d.code), ['rdata-invalid']);
  assert.match(await hoverName(s, inc), /h1\.example\.org\./);
});

/** a.zone and b.zone, each with the $INCLUDE of shared.inc given, opened and analysed; then
 *  shared.inc opened: its server and URI */
async function openedAfterBoth(t, a, b, shared = 'h1 IN A 192.0.2.10\n') {
  const ws = workspace(t, { 'a.zone': a, 'b.zone': b, 'shared.inc': shared });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  for (const [n, text] of [['a.zone', a], ['b.zone', b]]) {
    await s.open(ws.file(n), text, 1);
    await s.diagnostics(ws.file(n), 1);
  }
  await s.open(ws.file('shared.inc'), shared, 1);
  return { s, inc: ws.file('shared.inc') };
}

test('zones that $INCLUDE a file with the same origin and TTL: no note', async (t) => {
  const { s, inc } = await openedAfterBoth(t, zone('example.com.', 3600, '$INCLUDE shared.inc'), zone('example.com.', 3600, '$INCLUDE shared.inc\nwww IN A 192.0.2.80'));
  assert.deepEqual((await s.diagnostics(inc, 1)).diagnostics, []);
});

test('zones that $INCLUDE a file with the same origin but different default TTLs: the note says the TTLs differ, not the origins', async (t) => {
  const { s, inc } = await openedAfterBoth(t, zone('example.com.', 3600, '$INCLUDE shared.inc'), zone('example.com.', 300, '$INCLUDE shared.inc'));
  const [note] = NOTE(await s.diagnosticsWhere(inc, (x) => NOTE(x).length === 1, 5000));
  assert.equal(note.message, 'open zones $INCLUDE this file with different default TTLs: it is checked as a.zone:6 includes it (example.com., default TTL 3600); as b.zone:6 (example.com., default TTL 300) includes it, its problems show on that $INCLUDE line');
});
