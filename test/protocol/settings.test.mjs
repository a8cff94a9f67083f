// daneZone.* settings over the real server bundle: settings that arrive after a document's
// first analysis are used by the next publish, and entries of daneZone.rules that cannot be
// meant are ignored with a word to the user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-protocol/race.zone';
const TEXT = '$ORIGIN example.com.\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN CNAME ns1\nwww IN TXT "x"\n';
const SETTINGS = { rules: { 'cname-and-other-data': 'off', 'ttl-missing': 'off' } };

test('an edit before the settings answer is published with the settings', async (t) => {
  const s = await startServerFor(t);
  let answer;
  const answered = new Promise((r) => { answer = r; });
  s.conn.onRequest('workspace/configuration', async (p) => { await answered; return p.items.map(() => SETTINGS); });
  await s.open(URI, TEXT, 1);
  await s.change(URI, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'a IN A 192.0.2.2\n' }]);
  // the server handles messages in order: once a later request is answered, it has had the change
  await s.conn.sendRequest('dane-zone/noSuchMethod', {}).catch(() => undefined);
  answer();
  const d = await s.diagnosticsWhere(URI, (p) => p.version === 2 && p.diagnostics.length === 0, 5000);
  assert.deepEqual(d.diagnostics, []);
  // one more edit, published after everything of version 2: no publish ever had the defaults' findings
  await s.change(URI, 3, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '; c\n' }]);
  await s.diagnosticsWhere(URI, (p) => p.version === 3, 5000);
  const published = s.history.filter((p) => p.uri === URI);
  assert.ok(published.length >= 2);
  assert.deepEqual(published.filter((p) => p.diagnostics.length), [], 'a publish with the default settings');
});

test('a settings answer that comes after its document closed is dropped: opened again, the document waits for its own', async (t) => {
  const s = await startServerFor(t);
  // each request held until the test answers it: the first with SETTINGS, later ones with the defaults
  const held = [];
  let onAsk;
  s.conn.onRequest('workspace/configuration', (p) => {
    const n = held.length;
    const answered = new Promise((r) => { held.push(r); });
    onAsk?.();
    return answered.then(() => p.items.map(() => (n === 0 ? SETTINGS : {})));
  });
  const asked = (n) => new Promise((r) => { onAsk = () => { if (held.length >= n) r(); }; onAsk(); });
  await s.open(URI, TEXT, 1);
  await asked(1);
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
  await s.conn.sendRequest('dane-zone/noSuchMethod', {}).catch(() => undefined);
  held[0]();
  // the answer has reached the server once a later request is answered
  await s.conn.sendRequest('dane-zone/noSuchMethod', {}).catch(() => undefined);
  const before = s.history.length;
  await s.open(URI, TEXT, 1);
  await asked(2);
  // an edit before the answer: kept, the closed document's settings would count as known, and the
  // edit would be published at once with them (cname-and-other-data off: nothing to show). Dropped,
  // the document waits for its answer, here for the 3 s fallback to the defaults
  await s.change(URI, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '; c\n' }]);
  const first = await s.diagnosticsWhere(URI, (p) => s.history.indexOf(p) >= before, 10000);
  held[1]();
  assert.ok(first.diagnostics.some((x) => x.code === 'cname-and-other-data'), `published with the closed document's settings: ${JSON.stringify(first.diagnostics.map((x) => x.code))}`);
});

// The server waits 3 s for a settings answer, then goes on without it (a client that never answers
// must not hold diagnostics back). An answer that comes later (a loaded machine) is applied then.
test('settings that answer after the 3 s fallback are not lost: the document is checked again with them', async (t) => {
  const s = await startServerFor(t);
  let answer;
  const answered = new Promise((r) => { answer = r; });
  s.conn.onRequest('workspace/configuration', async (p) => { await answered; return p.items.map(() => SETTINGS); });
  await s.open(URI, TEXT, 1);
  // unanswered: after the fallback the defaults' findings are published
  const first = await s.diagnostics(URI, 1);
  assert.deepEqual(first.diagnostics.map((x) => x.code).sort(), ['cname-and-other-data', 'ttl-missing']);
  answer();
  const d = await s.diagnosticsWhere(URI, (p) => p.diagnostics.length === 0);
  assert.equal(d.version, 1);
});

test('new settings answered after the fallback: the document keeps the settings it had meanwhile, then takes the new ones', async (t) => {
  const s = await startServerFor(t, { configuration: SETTINGS });
  await s.open(URI, TEXT, 1);
  assert.deepEqual((await s.diagnostics(URI, 1)).diagnostics, []);
  let answer;
  const answered = new Promise((r) => { answer = r; });
  const changed = { rules: { 'cname-and-other-data': 'off' } };
  s.conn.onRequest('workspace/configuration', async (p) => { await answered; return p.items.map(() => changed); });
  const fellBack = s.notificationWhere('window/logMessage', (m) => m.message.startsWith(`dane-zone: no settings for ${URI} within 3 s: going on with those it had`));
  await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  // past the fallback the document keeps the settings it had (it was checked with the defaults before)
  await fellBack;
  await s.change(URI, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '; c\n' }]);
  assert.deepEqual((await s.diagnostics(URI, 2)).diagnostics, []);
  answer();
  const d = await s.diagnosticsWhere(URI, (p) => p.diagnostics.length > 0);
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['ttl-missing']);
  assert.deepEqual(s.history.filter((p) => p.diagnostics.some((x) => x.code === 'cname-and-other-data')), [], 'a publish with the default settings');
});

test('an included file that changes on disk before the settings answer is not published with the defaults', async (t) => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dz-settings-')));
  const main = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN CNAME ns1\n$INCLUDE hosts.inc\n';
  writeFileSync(join(dir, 'main.zone'), main);
  writeFileSync(join(dir, 'hosts.inc'), 'h1 IN A 192.0.2.10\n');
  const folder = pathToFileURL(dir).toString();
  const uri = `${folder}/main.zone`;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  let answer;
  const answered = new Promise((r) => { answer = r; });
  s.conn.onRequest('workspace/configuration', async (p) => { await answered; return p.items.map(() => SETTINGS); });
  await s.open(uri, main, 1);
  // an editor request analyses the document meanwhile (with the defaults), and reads hosts.inc
  await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  writeFileSync(join(dir, 'hosts.inc'), 'www IN TXT "x"\nbad IN A 192.0.2.300\n');
  await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${folder}/hosts.inc`, type: 2 }] });
  await s.conn.sendRequest('dane-zone/noSuchMethod', {}).catch(() => undefined);
  answer();
  // the change did reach the document: its rdata-invalid shows; cname-and-other-data is off
  const d = await s.diagnosticsWhere(uri, (p) => p.diagnostics.length > 0, 5000);
  assert.deepEqual(d.diagnostics.map((x) => x.code), ['rdata-invalid']);
  const published = s.history.filter((p) => p.uri === uri);
  assert.deepEqual(published.filter((p) => p.diagnostics.some((x) => x.code === 'cname-and-other-data')), [], 'a publish with the default settings');
});

test('a mistyped severity or an unknown rule id in daneZone.rules is ignored, and the user is told once', async (t) => {
  const s = await startServerFor(t, { configuration: { problemLimit: 10, rules: { 'rdata-invalid': 'warn', 'rrset-ttl-mismatch': 'off' } } });
  const shown = [];
  s.conn.onNotification('window/showMessage', (m) => shown.push(m));
  const text = '$ORIGIN example.com.\n$TTL 3600\nwww IN A 192.0.2.300\n';
  await s.open(URI, text, 1);
  const d = await s.diagnostics(URI, 1);
  assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['rdata-invalid', 1]]);
  await s.open('file:///tmp/dane-zone-protocol/other.zone', text, 1);
  await s.diagnostics('file:///tmp/dane-zone-protocol/other.zone', 1);
  assert.equal(shown.length, 2);
  assert.ok(shown.every((m) => m.type === 2));
  assert.match(shown.find((m) => /warn/.test(m.message)).message, /daneZone\.rules.*"rdata-invalid".*"warn" is not a severity \(one of error, warning, info, hint, off\)/);
  assert.match(shown.find((m) => /rrset/.test(m.message)).message, /daneZone\.rules: no rule has the id "rrset-ttl-mismatch"/);
});

test('daneZone.validationTimeoutMs bounds a DNS query in all, as the CLI\'s --timeout: two tries share min(it, 5 s); a refusing resolver port says so', async (t) => {
  const { createSocket } = await import('node:dgram');
  const silent = createSocket('udp4');
  await new Promise((r) => silent.bind(0, '127.0.0.1', r));
  t.after(() => silent.close());
  const s = await startServerFor(t, { configuration: { resolvers: [`127.0.0.1:${silent.address().port}`], validationTimeoutMs: 1000 } });
  const r = await s.conn.sendRequest('daneZone/validateDomain', { domain: 'example.test' });
  assert.equal(r.verdict, 'dns-failure');
  // the per-try 500 ms says the 1000 ms budget is split over two tries (it was 5 s a try)
  assert.match(r.steps[0].detail, /timeout after 500 ms/);

  const closed = createSocket('udp4');
  await new Promise((r) => closed.bind(0, '127.0.0.1', r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  const s2 = await startServerFor(t, { configuration: { resolvers: [`127.0.0.1:${port}`], validationTimeoutMs: 1000 } });
  const r2 = await s2.conn.sendRequest('daneZone/validateDomain', { domain: 'example.test' });
  assert.equal(r2.verdict, 'dns-failure');
  // told as refused, not as a timeout: it did not wait for one
  assert.match(r2.steps[0].detail, /connection refused/);
  assert.doesNotMatch(r2.steps[0].detail, /timeout/);
});
