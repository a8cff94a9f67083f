// The real server bundle over stdio: diagnostics on open with exact ranges and
// rule codes, then incremental edits that clear and re-create them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-protocol/example.com.zone';
const TEXT = '$ORIGIN example.com.\n$TTL 3600\nwww IN A 192.0.2.300\nmail IN A 192.0.2.25\n';

test('diagnostics follow incremental edits, versioned', async (t) => {
  const s = await startServerFor(t);
  await s.open(URI, TEXT, 1);
  const d1 = await s.diagnostics(URI, 1);
  assert.equal(d1.diagnostics.length, 1);
  const [d] = d1.diagnostics;
  assert.deepEqual(d.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 20 } });
  assert.equal(d.code, 'rdata-invalid');
  assert.equal(d.severity, 1);
  assert.match(d.codeDescription.href, /rfc1035/);

  // fix the address: 300 -> 30
  await s.change(URI, 2, [{ range: { start: { line: 2, character: 19 }, end: { line: 2, character: 20 } }, text: '' }]);
  assert.deepEqual((await s.diagnostics(URI, 2)).diagnostics, []);

  // break another line with a multi-line insertion: the new error is two lines further down
  await s.change(URI, 3, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'a IN TXT "x"\nb IN TXT "y"\n' }]);
  await s.change(URI, 4, [{ range: { start: { line: 5, character: 10 }, end: { line: 5, character: 10 } }, text: 'X' }]);
  const d4 = await s.diagnostics(URI, 4);
  assert.deepEqual(d4.diagnostics.map((x) => [x.range.start.line, x.range.start.character, x.code]), [[5, 10, 'rdata-invalid']]);
});

test('the server survives hostile documents and keeps answering', async (t) => {
  const s = await startServerFor(t);
  const junk = Buffer.from(Array.from({ length: 50000 }, (_, i) => (i * 31337) % 256)).toString('latin1');
  await s.open('file:///tmp/junk.zone', junk, 1);
  const d = await s.diagnostics('file:///tmp/junk.zone', 1);
  // the bytes are not a zone: syntax errors, each inside the document
  const lspLines = junk.split(/\r\n|\r|\n/); // LSP lines end at CR, LF or CRLF
  assert.deepEqual([...new Set(d.diagnostics.map((x) => `${x.code} ${x.severity}`))], ['syntax 1']);
  const inside = (p) => p.line < lspLines.length && p.character <= lspLines[p.line].length;
  for (const x of d.diagnostics) assert.ok(inside(x.range.start) && inside(x.range.end), JSON.stringify(x.range));
  await s.open(URI, TEXT, 1);
  assert.deepEqual((await s.diagnostics(URI, 1)).diagnostics.map((x) => [x.range.start.line, x.range.start.character, x.code]), [[2, 9, 'rdata-invalid']]);
});
