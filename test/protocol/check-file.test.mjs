// daneZone/checkFile over the real server bundle: a zone file checked from disk in the
// server's worker thread (for documents a client does not sync, as VS Code does not
// over 50 MB). Its diagnostics are those the same text gets as an open document; it
// reads only inside the workspace folders; a cancel or a newer check of the file ends
// it; other requests are answered while it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { startServerFor } from '../helpers/lsp-client.mjs';

const keyOf = (d) => JSON.stringify([d.range, d.code, d.severity, d.message, d.data ?? null, d.relatedInformation ?? null]);
const sortedKeys = (ds) => ds.map(keyOf).sort();

/** A workspace folder with a zone that has faults of several kinds, one of them in an $INCLUDE. */
function workspace(t) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-checkfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const zone = [
    '$ORIGIN example.com.',
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )',
    '  IN NS ns1',
    '  IN MX 10 mail',
    'ns1 IN A 192.0.2.1',
    'mail IN A 192.0.2.25',
    '_25._tcp.mail IN TLSA 1 1 1 ' + 'ab'.repeat(32),
    'bad IN A 192.0.2.300',
    '@ IN TXT "v=spf1 ip6:fe80::1%eth0 -all"',
    '$INCLUDE hosts.inc',
    'www IN CNAME ns1',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'example.com.zone'), zone);
  writeFileSync(join(dir, 'hosts.inc'), 'h1 IN A 192.0.2.10\nh2 IN AAAA 2001:db8::zz\n');
  return { dir, zone, uri: pathToFileURL(join(dir, 'example.com.zone')).href };
}

/** A zone of `lines` lines with a fault every 5000 lines. */
function longZone(lines) {
  const out = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  while (out.length < lines) {
    const i = out.length;
    out.push(i % 5000 === 0 ? `bad${i} IN A 192.0.2.300` : `h${i} IN A 192.0.2.${(i % 250) + 1}`);
  }
  return out.join('\n') + '\n';
}

test('a file checked from disk gets the diagnostics the same text gets as an open document', async (t) => {
  const { dir, zone, uri } = workspace(t);
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const fromDisk = await s.conn.sendRequest('daneZone/checkFile', { uri });
  assert.equal(fromDisk.records, 9);
  assert.ok(Number.isFinite(fromDisk.ms) && fromDisk.ms >= 0);
  const codes = fromDisk.diagnostics.map((d) => d.code).sort();
  for (const c of ['rdata-invalid', 'tlsa-usage-unusable-for-smtp', 'spf-syntax']) assert.ok(codes.includes(c), `${c} among ${codes}`);
  // the $INCLUDE'd file's fault shows at the $INCLUDE line, as for an open document
  const included = fromDisk.diagnostics.find((d) => /^in hosts\.inc:2: /.test(d.message));
  assert.ok(included, 'the fault in hosts.inc is reported');
  assert.equal(included.range.start.line, 10);
  await s.open(uri, zone, 1);
  const opened = await s.diagnostics(uri, 1);
  assert.deepEqual(sortedKeys(fromDisk.diagnostics), sortedKeys(opened.diagnostics));
});

test('the document settings apply: a rule turned off is not reported', async (t) => {
  const { dir, uri } = workspace(t);
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], configuration: { rules: { 'spf-syntax': 'off' } } });
  const r = await s.conn.sendRequest('daneZone/checkFile', { uri });
  // every other finding stays, on its line: the bad A record, the bad AAAA in hosts.inc, the PKIX-EE TLSA
  assert.deepEqual(r.diagnostics.map((d) => [d.range.start.line, d.code]).sort((a, b) => a[0] - b[0]), [[7, 'tlsa-usage-unusable-for-smtp'], [8, 'rdata-invalid'], [10, 'rdata-invalid']]);
  assert.match(r.diagnostics.find((d) => d.range.start.line === 10).message, /^in hosts\.inc:2: .*'2001:db8::zz'/);
});

test('with `early`, what reading the file found comes as a notification before the answer, which has it all again; without, none comes', async (t) => {
  const { dir, uri } = workspace(t);
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const events = [];
  s.conn.onNotification('daneZone/checkFileEarly', (p) => events.push({ early: p }));
  const plain = await s.conn.sendRequest('daneZone/checkFile', { uri });
  assert.deepEqual(events, [], 'an early notification without `early`');
  const answer = await s.conn.sendRequest('daneZone/checkFile', { uri, early: true }).then((r) => { events.push({ answer: r }); return r; });
  assert.equal(events.length, 2, JSON.stringify(events.map((e) => Object.keys(e)[0])));
  const { early } = events[0];
  assert.equal(early.uri, uri);
  // reading found the bad A record and the bad AAAA of hosts.inc; the rules the SPF and TLSA findings
  const keys = (ds) => ds.map((d) => JSON.stringify([d.range, d.code, d.message])).sort();
  assert.deepEqual(early.diagnostics.map((d) => d.code).sort(), ['rdata-invalid', 'rdata-invalid']);
  assert.deepEqual(keys(early.diagnostics), keys(answer.diagnostics.filter((d) => d.code === 'rdata-invalid')));
  assert.ok(answer.diagnostics.some((d) => d.code === 'tlsa-usage-unusable-for-smtp'));
  assert.deepEqual(keys(answer.diagnostics), keys(plain.diagnostics));
  // a file whose reading finds nothing: no notification
  const clean = join(dir, 'clean.example.com.zone');
  writeFileSync(clean, '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN TXT "v=spf1 -all x"\n');
  const cleanAnswer = await s.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(clean).href, early: true });
  assert.ok(cleanAnswer.diagnostics.length > 0, 'a rule finding in the clean file');
  assert.equal(events.length, 2, 'an early notification for a file whose reading found nothing');
});

test('only files inside the workspace folders are read; an unreadable one is a clear error', async (t) => {
  const { dir } = workspace(t);
  const other = workspace(t);
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  await assert.rejects(s.conn.sendRequest('daneZone/checkFile', { uri: other.uri }), (e) => e.code === -32602 && /outside the workspace folders/.test(e.message));
  await assert.rejects(s.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(join(dir, 'missing.zone')).href }), (e) => e.code === -32602 && /cannot read .*missing\.zone/.test(e.message));
  await assert.rejects(s.conn.sendRequest('daneZone/checkFile', { uri: 'untitled:Untitled-1' }), (e) => e.code === -32602 && /file: URI/.test(e.message));
  await assert.rejects(s.conn.sendRequest('daneZone/checkFile', {}), (e) => e.code === -32602);
});

test('a cancel or a newer check of the same file ends a check; other requests are answered meanwhile', async (t) => {
  const { dir } = workspace(t);
  const file = join(dir, 'long.example.com.zone');
  writeFileSync(file, longZone(300_000));
  const uri = pathToFileURL(file).href;
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });

  const source = new CancellationTokenSource();
  const cancelled = s.conn.sendRequest('daneZone/checkFile', { uri }, source.token);
  source.cancel();
  await assert.rejects(cancelled, (e) => e.code === -32800, 'RequestCancelled');

  const order = [];
  const older = s.conn.sendRequest('daneZone/checkFile', { uri }).then(() => order.push('older'), (e) => { order.push('older'); throw e; });
  const newer = s.conn.sendRequest('daneZone/checkFile', { uri }).then((r) => { order.push('newer'); return r; });
  // answered by the server's own thread while the worker reads 300 000 lines
  const other = s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })
    .then(() => order.push('codeAction'));
  await assert.rejects(older, (e) => e.code === -32801, 'ContentModified');
  const result = await newer;
  await other;
  assert.equal(order.at(-1), 'newer', `order: ${order}`);
  assert.equal(result.records, 299_998 - 59); // the faulty lines make no record
  const faults = result.diagnostics.filter((d) => d.code === 'rdata-invalid').map((d) => d.range.start.line);
  assert.deepEqual(faults, Array.from({ length: 59 }, (_, k) => (k + 1) * 5000));
});
