// A zone file saved "UTF-8 with BOM" over the real server bundle. VS Code and Neovim send the
// text without the mark and write it back on save, so the server looks at the file on disk when
// it opens and when it is saved: BIND and Knot refuse the zone the editor shows as clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const TEXT = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function folder(t) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dz-bom-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const codes = (p) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`);

test('a mark on disk that the editor does not send: an error at 1:1 from open, kept while typing, gone once the file is saved without it', async (t) => {
  const dir = folder(t);
  const file = join(dir, 'example.com.zone');
  writeFileSync(file, Buffer.concat([BOM, Buffer.from(TEXT)]));
  const uri = pathToFileURL(file).href;
  const s = await startServerFor(t, { rootUri: pathToFileURL(dir).href });
  await s.open(uri, TEXT, 1);
  const opened = await s.diagnostics(uri, 1);
  assert.deepEqual(codes(opened), ['0:0 1 byte-order-mark']);
  assert.match(opened.diagnostics[0].message, /^the file on disk starts with a byte order mark .* that the editor does not show: BIND .* and Knot .* refuse the zone; save the file as UTF-8 without a BOM/);
  assert.equal(opened.diagnostics[0].codeDescription?.href, 'https://www.rfc-editor.org/rfc/rfc1035#section-5.1');

  // typing keeps it: it is about the file, not the text
  await s.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'www IN A 192.0.2.2\n' }]);
  assert.deepEqual(codes(await s.diagnostics(uri, 2)), ['0:0 1 byte-order-mark']);

  // saved again with the mark (the editor writes it back): still there
  writeFileSync(file, Buffer.concat([BOM, Buffer.from(TEXT + 'www IN A 192.0.2.2\n')]));
  await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await s.change(uri, 3, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '; c\n' }]);
  assert.deepEqual(codes(await s.diagnostics(uri, 3)), ['0:0 1 byte-order-mark']);

  // saved without it ("Save with Encoding", UTF-8): the next publish has nothing
  writeFileSync(file, TEXT + 'www IN A 192.0.2.2\n');
  await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  assert.deepEqual(codes(await s.diagnosticsWhere(uri, (p) => p.diagnostics.length === 0, 5000)), []);
});

test('no word when the file has no mark, is not on disk, or the rule is off; a mark the text holds is the parser\'s, reported once', async (t) => {
  const dir = folder(t);
  const plain = join(dir, 'plain.example.com.zone');
  writeFileSync(plain, TEXT);
  const marked = join(dir, 'marked.example.com.zone');
  writeFileSync(marked, Buffer.concat([BOM, Buffer.from(TEXT)]));
  const s = await startServerFor(t, { rootUri: pathToFileURL(dir).href });
  await s.open(pathToFileURL(plain).href, TEXT, 1);
  assert.deepEqual(codes(await s.diagnostics(pathToFileURL(plain).href, 1)), []);
  const unsaved = pathToFileURL(join(dir, 'unsaved.example.com.zone')).href;
  await s.open(unsaved, TEXT, 1);
  assert.deepEqual(codes(await s.diagnostics(unsaved, 1)), []);
  // a client that sends the mark in the text: the parser's finding, on the mark itself
  await s.open(pathToFileURL(marked).href, '\ufeff' + TEXT, 1);
  const sent = await s.diagnostics(pathToFileURL(marked).href, 1);
  assert.deepEqual(sent.diagnostics.map((d) => [d.code, d.range]), [['byte-order-mark', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }]]);

  const off = await startServerFor(t, { rootUri: pathToFileURL(dir).href, configuration: { rules: { 'byte-order-mark': 'warning' } } });
  await off.open(pathToFileURL(marked).href, TEXT, 1);
  assert.deepEqual(codes(await off.diagnostics(pathToFileURL(marked).href, 1)), ['0:0 2 byte-order-mark']);
  const none = await startServerFor(t, { rootUri: pathToFileURL(dir).href, configuration: { rules: { 'byte-order-mark': 'off' } } });
  await none.open(pathToFileURL(marked).href, TEXT, 1);
  assert.deepEqual(codes(await none.diagnostics(pathToFileURL(marked).href, 1)), []);
});
