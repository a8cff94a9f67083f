// $INCLUDE in the editor: problems of an included file show on the $INCLUDE that read
// it, and the including documents are checked again when the included file changes
// (an edit to it while open, its close, or a change on disk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

function workspace(files) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dz-inc-')));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const uri = pathToFileURL(dir).toString();
  return { dir, uri, file: (n) => `${uri}/${n}` };
}

const MAIN = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n$INCLUDE hosts.inc\nwww IN A 192.0.2.80\n';
const HOSTS = 'h1 IN A 192.0.2.10\n';
const BROKEN = 'bad IN A 192.0.2.300\nwww IN CNAME h1\n';
const codes = (p) => p.diagnostics.map((d) => d.code).sort();

async function setup(t) {
  const ws = workspace({ 'main.zone': MAIN, 'hosts.inc': HOSTS });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  await s.open(ws.file('main.zone'), MAIN, 1);
  assert.deepEqual((await s.diagnostics(ws.file('main.zone'), 1)).diagnostics, []);
  return { ws, s, main: ws.file('main.zone'), inc: ws.file('hosts.inc') };
}

test('an edit to an open included file re-checks the document that includes it', async (t) => {
  const { s, main, inc } = await setup(t);
  await s.open(inc, HOSTS, 1);
  await s.change(inc, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: BROKEN }]);
  const d = await s.diagnosticsWhere(main, (p) => p.diagnostics.length === 2, 5000);
  assert.deepEqual(codes(d), ['cname-and-other-data', 'rdata-invalid']);
  const bad = d.diagnostics.find((x) => x.code === 'rdata-invalid');
  assert.match(bad.message, /^in hosts\.inc:1: /);
  assert.equal(bad.range.start.line, 5);
  // and linked to its place in the included file, where the editor can go
  assert.deepEqual(bad.relatedInformation[0], { location: { uri: inc, range: { start: { line: 0, character: 9 }, end: { line: 0, character: 20 } } }, message: 'here, in hosts.inc' });
  // an unrelated edit of the including document keeps them (its re-parse reuses nothing stale)
  await s.change(main, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x IN A 192.0.2.5\n' }]);
  assert.deepEqual(codes(await s.diagnostics(main, 2)), ['cname-and-other-data', 'rdata-invalid']);
  // closing the include falls back to its text on disk (still fine)
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: inc } });
  await s.diagnosticsWhere(main, (p) => p.diagnostics.length === 0, 5000);
});

test('a change on disk of an included file re-checks the document that includes it', async (t) => {
  const { ws, s, main, inc } = await setup(t);
  writeFileSync(join(ws.dir, 'hosts.inc'), BROKEN + HOSTS);
  await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: inc, type: 2 }] });
  const d = await s.diagnosticsWhere(main, (p) => p.diagnostics.length === 2, 5000);
  assert.deepEqual(codes(d), ['cname-and-other-data', 'rdata-invalid']);
  await s.change(main, 2, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'y IN A 192.0.2.7\n' }]);
  assert.deepEqual(codes(await s.diagnostics(main, 2)), ['cname-and-other-data', 'rdata-invalid']);
});

test('an included file that was missing and appears on disk (created) re-checks the document: the include-failed error goes', async (t) => {
  const ws = workspace({ 'main.zone': MAIN });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  const main = ws.file('main.zone');
  await s.open(main, MAIN, 1);
  assert.deepEqual(codes(await s.diagnostics(main, 1)), ['include-failed']);
  writeFileSync(join(ws.dir, 'hosts.inc'), BROKEN + HOSTS);
  await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.file('hosts.inc'), type: 1 }] });
  const d = await s.diagnosticsWhere(main, (p) => !p.diagnostics.some((x) => x.code === 'include-failed'), 5000);
  assert.deepEqual(codes(d), ['cname-and-other-data', 'rdata-invalid']);
  // and an edit of the zone afterwards keeps what the file now holds
  await s.change(main, 2, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'y IN A 192.0.2.7\n' }]);
  assert.deepEqual(codes(await s.diagnostics(main, 2)), ['cname-and-other-data', 'rdata-invalid']);
});

test('an included file opened beside the zone that includes it reads its names with the origin it has there', async (t) => {
  const { s, inc } = await setup(t);
  const text = 'h1 IN A 192.0.2.10\nmail IN MX 10 h1\n  IN A 192.0.2.11\n';
  await s.open(inc, text, 1);
  // no "relative name but no $ORIGIN is known" on every line: h1 is h1.example.com. there
  assert.deepEqual((await s.diagnostics(inc, 1)).diagnostics, []);
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: inc }, position: { line: 0, character: 0 } });
  assert.match(hover.contents.value, /h1\.example\.com\./);
});

test('a problem in an included file in a subfolder is named by its path from the document (two web.inc files differ)', async (t) => {
  const ws = workspace({});
  mkdirSync(join(ws.dir, 'a'));
  mkdirSync(join(ws.dir, 'b'));
  writeFileSync(join(ws.dir, 'a', 'web.inc'), 'x IN A 192.0.2.300\n');
  writeFileSync(join(ws.dir, 'b', 'web.inc'), 'y IN A 192.0.2.301\n');
  const main = MAIN.replace('$INCLUDE hosts.inc', '$INCLUDE a/web.inc\n$INCLUDE b/web.inc');
  writeFileSync(join(ws.dir, 'main.zone'), main);
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  await s.open(ws.file('main.zone'), main, 1);
  const d = await s.diagnostics(ws.file('main.zone'), 1);
  assert.deepEqual(d.diagnostics.map((x) => [x.range.start.line, x.message.split(': ')[0], x.relatedInformation[0].location.uri]), [
    [5, 'in a/web.inc:1', ws.file('a/web.inc')],
    [6, 'in b/web.inc:1', ws.file('b/web.inc')],
  ]);
});

test('a change to a file included by an included file reaches the top document', async (t) => {
  const ws = workspace({ 'main.zone': MAIN.replace('hosts.inc', 'mid.inc'), 'mid.inc': '$INCLUDE hosts.inc\n', 'hosts.inc': HOSTS });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  const main = ws.file('main.zone');
  await s.open(main, MAIN.replace('hosts.inc', 'mid.inc'), 1);
  assert.deepEqual((await s.diagnostics(main, 1)).diagnostics, []);
  writeFileSync(join(ws.dir, 'hosts.inc'), BROKEN);
  await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.file('hosts.inc'), type: 2 }] });
  const d = await s.diagnosticsWhere(main, (p) => p.diagnostics.length === 2, 5000);
  const bad = d.diagnostics.find((x) => x.code === 'rdata-invalid');
  assert.match(bad.message, /^in hosts\.inc:1: /);
  assert.equal(bad.range.start.line, 5);
});

test('a problem in a file included twice shows on the $INCLUDE that produced it', async (t) => {
  const text = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN CNAME ns1\n$INCLUDE alias.inc www.example.com.\n$INCLUDE alias.inc ftp.example.com.\n';
  const ws = workspace({ 'main.zone': text, 'alias.inc': '@ IN A 192.0.2.5\n' });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  await s.open(ws.file('main.zone'), text, 1);
  const d = await s.diagnostics(ws.file('main.zone'), 1);
  const c = d.diagnostics.filter((x) => x.code === 'cname-and-other-data' && /^in alias\.inc/.test(x.message));
  assert.equal(c.length, 1);
  assert.equal(c[0].range.start.line, 6);
});

// Found by the LSP fuzzer (test/fuzz/lsp-fuzz.mjs): an open included file took the origin the
// zone that includes it gives it only when that zone's analysis happened to be at hand, and kept
// it (or its lack) when the zone was opened, edited or closed afterwards.
const hoverName = async (s, uri) => (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }))?.contents.value ?? '';
const NO_ORIGIN = (p) => p.diagnostics.some((d) => /no \$ORIGIN is known/.test(d.message));

test('an included file opened before the zone that includes it is read again with the origin it has there once the zone opens', async (t) => {
  const ws = workspace({ 'main.zone': MAIN, 'hosts.inc': HOSTS });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  const inc = ws.file('hosts.inc');
  await s.open(inc, HOSTS, 1);
  assert.ok(NO_ORIGIN(await s.diagnostics(inc, 1)), 'alone, h1 has no origin');
  await s.open(ws.file('main.zone'), MAIN, 1);
  await s.diagnostics(ws.file('main.zone'), 1);
  assert.deepEqual((await s.diagnosticsWhere(inc, (p) => !NO_ORIGIN(p), 5000)).diagnostics, []);
  assert.match(await hoverName(s, inc), /h1\.example\.com\./);
});

test('the including zone\'s $ORIGIN edited, or the zone closed: the open included file follows', async (t) => {
  const { s, main, inc } = await setup(t);
  await s.open(inc, HOSTS, 1);
  assert.deepEqual((await s.diagnostics(inc, 1)).diagnostics, []);
  assert.match(await hoverName(s, inc), /h1\.example\.com\./);
  // $ORIGIN example.com. -> example.org.: the included file is published again (the latest
  // publish before the edit does not count)
  const before = s.latest.get(inc);
  await s.change(main, 2, [{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 19 } }, text: 'org' }]);
  await s.diagnostics(main, 2);
  await s.diagnosticsWhere(inc, (p) => p !== before, 5000);
  assert.match(await hoverName(s, inc), /h1\.example\.org\./);
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: main } });
  assert.ok(NO_ORIGIN(await s.diagnosticsWhere(inc, NO_ORIGIN, 5000)), 'alone again, h1 has no origin');
});

test('two open files that $INCLUDE each other, each with a relative $ORIGIN, do not pass their origins round and round', async (t) => {
  const a = '$ORIGIN sub\na IN A 192.0.2.1\n$INCLUDE b.inc\n';
  const b = '$ORIGIN x\nb IN A 192.0.2.2\n$INCLUDE example.com.zone\n';
  const ws = workspace({ 'example.com.zone': a, 'b.inc': b });
  const s = await startServerFor(t, { rootUri: ws.uri, workspaceFolders: [{ uri: ws.uri, name: 'ws' }] });
  await s.open(ws.file('example.com.zone'), a, 1);
  await s.diagnostics(ws.file('example.com.zone'), 1);
  await s.open(ws.file('b.inc'), b, 1);
  await s.diagnostics(ws.file('b.inc'), 1);
  // settled: no more publishes, and no more work (a ping-pong of origins would go on)
  await s.quiet(300);
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: ws.file('example.com.zone') }, position: { line: 1, character: 0 } });
  assert.match(hover.contents.value, /`a\.sub\.example\.com\.`/);
});
