// A zone file longer than V8's longest string (0x1fffffe8 UTF-16 units, about 512 MiB; a TLD
// zone such as .se is 1.2 GB) is checked whole, by `dane-zone check` and by the server's check
// from disk: it is read in segments cut where lines end (read-zone-file.ts), an entry in
// parentheses across a cut is read whole, and line numbers run on across segments. An editor
// that sends such a file as a didOpen gets it checked from disk (oversized-documents.ts).
// The file is mostly 1 MiB comment lines, so it is quick to write and to scan.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const MIB = 2 ** 20;
const SEGMENT = 256 * MIB; // read-zone-file.ts SEGMENT_BYTES
const STRING_LIMIT = 0x1fffffe8;

let dir, file, lastLine;

/** Writes the zone: a head with one fault, comment lines, a TXT entry in parentheses whose
 *  third line holds the first segment's end, more comment lines past the string limit, and a
 *  tail whose second record (owner inherited) has a fault. Returns the tail's last line (1-based). */
function writeHugeZone(path) {
  const fd = openSync(path, 'w');
  let pos = 0, line = 0;
  const put = (s) => {
    const b = Buffer.from(s, 'utf8');
    writeSync(fd, b);
    pos += b.length;
    line += s.split('\n').length - 1;
  };
  const comment = Buffer.from('; ' + 'x'.repeat(MIB - 3) + '\n');
  const comments = (until) => {
    while (pos + MIB <= until) { writeSync(fd, comment); pos += MIB; line++; }
  };
  put('$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )\n  IN NS ns1\nns1 IN A 192.0.2.1\n');
  put('early IN A 192.0.2.300\n'); // line 6
  const span = ['span IN TXT ( "one"\n', '  "two"\n', '  "three" ) ; the first segment ends in this line\n'];
  const spanStart = SEGMENT - span[0].length - span[1].length - 5;
  comments(spanStart - 2 * MIB);
  put('; ' + 'y'.repeat(spanStart - pos - 3) + '\n');
  assert.equal(pos, spanStart);
  put(span.join(''));
  comments(STRING_LIMIT + 20 * MIB);
  put('tail IN A 192.0.2.7\n  IN AAAA 2001:db8::zz\n');
  closeSync(fd);
  assert.ok(statSync(path).size > STRING_LIMIT);
  return line;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dane-zone-huge-'));
  file = join(dir, 'example.com.zone');
  lastLine = writeHugeZone(file);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const expected = () => [
  `6:12 A address: '192.0.2.300' is not an IPv4 address (four decimal octets, no leading zeros)`,
  `${lastLine}:11 AAAA address: '2001:db8::zz' is not an IPv6 address`,
];

// (the restart with a bigger heap is heap-limit.test.mjs's: this file's ASCII text is kept
// outside the heap, so its check fits in any)
test('dane-zone check reads a zone longer than the longest string', () => {
  const r = spawnSync(process.execPath, [cli, 'check', '--json', file], { encoding: 'utf8', maxBuffer: 16 * MIB });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1, 'errors found');
  const found = JSON.parse(r.stdout);
  assert.deepEqual(found.map((f) => `${f.line}:${f.column} ${f.message}`), expected());
  assert.deepEqual(found.map((f) => f.rule), ['rdata-invalid', 'rdata-invalid']);
});

test('the server checks the same file from disk (daneZone/checkFile) with the same findings', async (t) => {
  const folder = pathToFileURL(dir).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const r = await s.conn.sendRequest('daneZone/checkFile', { uri: pathToFileURL(file).href });
  assert.equal(r.records, 5, "the SOA, NS, ns1's A, the TXT read across the cut and tail's A");
  assert.deepEqual(r.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), expected());
});

/** Writes a didOpen of the file to the server as one JSON-RPC message, in pieces (no string can
 *  hold it), its keys in an order of their own (the text before the URI, the method last), as an
 *  editor may send them. The pieces are written in one go, so no other message gets between. */
async function sendDidOpen(stdin, uri, path) {
  const head = Buffer.from('{"params":{"textDocument":{"text":"');
  const tail = Buffer.from(`","version":1,"languageId":"dns-zone","uri":${JSON.stringify(uri)}}},"method":"textDocument/didOpen","jsonrpc":"2.0"}`);
  const pieces = [];
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * MIB);
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) pieces.push(Buffer.from(JSON.stringify(buf.toString('latin1', 0, n)).slice(1, -1)));
  closeSync(fd);
  const length = head.length + tail.length + pieces.reduce((a, b) => a + b.length, 0);
  assert.ok(length > STRING_LIMIT);
  let flushed = true;
  for (const b of [Buffer.from(`Content-Length: ${length}\r\n\r\n`), head, ...pieces, tail]) flushed = stdin.write(b);
  if (!flushed) await new Promise((resolve) => stdin.once('drain', resolve));
}

test('an editor that sends the file as a document gets it checked from disk: at open, on save, cleared on close', async (t) => {
  const folder = pathToFileURL(dir).href;
  const uri = pathToFileURL(file).href;
  const s = await startServerFor(t, { rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }] });
  const shown = [];
  s.conn.onNotification('window/showMessage', (m) => shown.push(m));
  const messages = (d) => d.diagnostics.map((x) => x.code === 'checked-from-disk' ? x.code : `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message}`);

  await sendDidOpen(s.child.stdin, uri, file);
  const checked = (p) => /: these are the problems of the file on disk \(5 records/.test(p.diagnostics[0]?.message ?? '');
  const opened = await s.diagnosticsWhere(uri, checked, 120000);
  assert.deepEqual(messages(opened), ['checked-from-disk', ...expected()]);
  assert.match(opened.diagnostics[0].message, /this document is \d+ MiB, more than an editor can send a language server .*: these are the problems of the file on disk \(5 records/);
  // before it, what reading the file found (here every problem: none is a rule's)
  const [early] = s.history.filter((p) => p.uri === uri);
  assert.notEqual(early, opened);
  assert.match(early.diagnostics[0].message, /: these are the problems reading the file on disk found; its rules are still running\.$/);
  assert.deepEqual(messages(early), ['checked-from-disk', ...expected()]);
  assert.equal(shown.length, 1);
  assert.match(shown[0].message, /example\.com\.zone is \d+ MiB, more than an editor can send a language server: dane-zone checks the file on disk instead/);

  // the server still serves other documents
  const small = pathToFileURL(join(dir, 'small.zone')).href;
  await s.open(small, '$ORIGIN example.com.\n$TTL 60\nx IN A 192.0.2.256\n', 1);
  assert.equal((await s.diagnostics(small, 1)).diagnostics.filter((d) => d.code === 'rdata-invalid').length, 1);

  // saved with one more fault: checked again
  appendFileSync(file, 'late IN MX 10\n');
  await s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  const saved = await s.diagnosticsWhere(uri, (d) => d.diagnostics.length === 4 && checked(d), 120000);
  assert.deepEqual(messages(saved).slice(0, 3), ['checked-from-disk', ...expected()]);
  assert.match(messages(saved)[3], new RegExp(`^${lastLine + 1}:\\d+ `));

  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await s.diagnosticsWhere(uri, (d) => d.diagnostics.length === 0, 10000);
});
