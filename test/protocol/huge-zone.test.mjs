// A zone file longer than V8's longest string (0x1fffffe8 UTF-16 units, about 512 MiB; a TLD
// zone such as .se is 1.2 GB) is checked whole, by `dane-zone check` and by the server's check
// from disk: it is read in segments cut where lines end (read-zone-file.ts), an entry in
// parentheses across a cut is read whole, and line numbers run on across segments.
// The file is mostly 1 MiB comment lines, so it is quick to write and to scan.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
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

test('dane-zone check reads a zone longer than the longest string, with a heap made big enough for it', () => {
  // a heap of 700 MiB cannot hold the file's text: the check starts again with one that can
  const r = spawnSync(process.execPath, [cli, 'check', '--json', file], {
    encoding: 'utf8', maxBuffer: 16 * MIB, env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=700' },
  });
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
