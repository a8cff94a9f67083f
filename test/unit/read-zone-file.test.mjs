// readZoneFile (read-zone-file.ts): a file longer than a segment comes as segments cut right
// after a line end, whose concatenation is the file's text as one UTF-8 read gives it; the
// column store reads segments as it reads the whole text, and an entry in parentheses that a
// cut goes through is read whole. Small segment sizes stand in for the real 256 MiB (the
// protocol test huge-zone.test.mjs reads a file past V8's string limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../../dist/core.js';
import { generateZone } from '../../bench/genzone.mjs';

const dir = mkdtempSync(join(tmpdir(), 'dane-zone-segments-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileWith = (content) => {
  const p = join(dir, `z${n++}.zone`);
  writeFileSync(p, content);
  return p;
};

/** Asserts how `readZoneFile(path, size)` cut the file. */
function assertCut(path, size) {
  const whole = readFileSync(path, 'utf8');
  const segs = core.readZoneFile(path, size);
  if (Buffer.byteLength(whole) <= size) {
    assert.equal(segs, whole);
    return [whole];
  }
  assert.ok(Array.isArray(segs) && segs.length > 1, 'segments');
  assert.equal(segs.join(''), whole);
  segs.forEach((s, i) => {
    assert.ok(Buffer.byteLength(s) <= size, `segment ${i} fits`);
    if (i + 1 === segs.length) return;
    assert.match(s, /[\n\r]$/, `segment ${i} ends with a line end`);
    if (s.endsWith('\r')) assert.ok(!segs[i + 1].startsWith('\n'), `segment ${i} does not cut "\\r\\n" in two`);
  });
  return segs;
}

test('a file up to the segment size is one string, as readFileSync gives it', () => {
  const p = fileWith('\ufeff$ORIGIN example.com.\nwww A 192.0.2.1\n');
  assert.equal(core.readZoneFile(p, 1024), readFileSync(p, 'utf8'));
  assert.equal(core.readZoneFile(fileWith('')), '');
});

test('longer files are cut after line ends: LF, CRLF, lone CR, multi-byte characters, no final line end', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `h${i} IN TXT "caf\u00e9 \u{1f600} ${'x'.repeat(i % 37)}"`);
  for (const eol of ['\n', '\r\n', '\r']) {
    for (const tail of [eol, '']) {
      const p = fileWith(lines.join(eol) + tail);
      for (const size of [64, 100, 257, 4096]) assertCut(p, size);
    }
  }
  // a file whose length is a multiple of the segment size
  const p = fileWith('a'.repeat(63) + '\n' + 'b'.repeat(63) + '\n');
  assert.deepEqual(assertCut(p, 64), ['a'.repeat(63) + '\n', 'b'.repeat(63) + '\n']);
});

test('a line longer than a segment is an error that says where, not a line cut in two', () => {
  const p = fileWith('ok A 192.0.2.1\n' + 'x'.repeat(200) + '\nafter A 192.0.2.2\n');
  assert.throws(() => core.readZoneFile(p, 64), /the line at byte 15 is longer than 64 bytes/);
});

test('a zone read in segments gets the findings, lines and columns of the whole text', () => {
  const zone = join(dir, 'gen.zone');
  generateZone(3000, zone, { seed: 5 });
  const faults = '\nbad IN A 192.0.2.300\n  IN AAAA 2001:db8::zz\nsoa2 IN SOA ( ns1 hostmaster\n 1 2 3 4 5 )\n_25._tcp.mail IN TLSA 1 1 1 ' + 'ab'.repeat(32) + '\n';
  const text = readFileSync(zone, 'utf8');
  const p = fileWith(text.slice(0, 90000) + faults + text.slice(90000) + faults);
  const opts = { fileId: p, origin: 'example.com.' };
  const shown = (read) => core.checkText(read, opts).findings.map((f) => {
    const r = core.absRange(f.loc);
    return `${r.startLine}:${r.startCol}-${r.endLine}:${r.endCol} ${f.ruleId} ${f.message}`;
  });
  const expected = shown(readFileSync(p, 'utf8'));
  assert.ok(expected.filter((f) => f.includes('rdata-invalid')).length >= 4, expected.join('\n'));
  for (const size of [4096, 65536]) assert.deepEqual(shown(assertCut(p, size)), expected, `segments of ${size} bytes`);
});

test('an entry left open past the carry limit ends at its segment, and what follows is read on', () => {
  // an unclosed '(' whose entry would run over a segment: it is reported where it is, and the
  // next segment's records are read (the whole text makes the rest of the file one bad entry)
  const open = '$ORIGIN example.com.\n$TTL 60\nopen IN TXT ( "x"\n' + '; filler\n'.repeat(120000);
  const segs = [open, 'next IN A 192.0.2.1\nbad IN A 192.0.2.300\n'];
  const { zone, findings } = core.checkText(segs, { fileId: 'carry.zone' });
  const at = (f) => `${core.absRange(f.loc).startLine} ${f.ruleId} ${f.message}`;
  const lines = open.split('\n').length - 1;
  assert.deepEqual(findings.filter((f) => f.severity === 'error').map(at), [
    `2 syntax unclosed '(': expected ')' before the next entry`,
    `${lines + 1} rdata-invalid A address: '192.0.2.300' is not an IPv4 address (four decimal octets, no leading zeros)`,
  ]);
  assert.deepEqual(zone.records.map((r) => `${r.owner} ${r.type}`), ['open.example.com. TXT', 'next.example.com. A']);
});
