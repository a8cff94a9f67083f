// Bytes that are not UTF-8 reach the text as U+FFFD (three octets, not the file's byte): a
// record holding one is flagged where it is, a comment holding one is not (it is no data). A
// file saved "UTF-8 with BOM" gets one error on the mark, and the rest is checked as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function check(bytes, ...args) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-latin1-'));
  try {
    writeFileSync(join(dir, 'db.zone'), bytes);
    const r = spawnSync(process.execPath, [cli, 'check', '--json', ...args, 'db.zone'], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, findings: JSON.parse(r.stdout).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Latin-1 bytes in a TXT string and an owner are flagged on their tokens, as a warning', () => {
  const text = Buffer.concat([
    Buffer.from(HEAD),
    Buffer.from('txt IN TXT "caf\xe9" ; se\xf1al\n', 'latin1'),
    Buffer.from('m\xfcller IN A 192.0.2.2\nok IN A 192.0.2.3\n', 'latin1'),
  ]);
  // the owner, read with U+FFFD, is no name anyone looks up either (name-not-ascii)
  assert.deepEqual(check(text), { status: 0, findings: ['6:12 warning not-utf8', '7:1 warning not-utf8', '7:1 warning name-not-ascii'] });
});

test('Latin-1 bytes only in comments give no finding, and UTF-8 text none either', () => {
  assert.deepEqual(check(Buffer.concat([Buffer.from(HEAD), Buffer.from('; M\xfcller\nok IN A 192.0.2.3 ; \xe9\n', 'latin1')])), { status: 0, findings: [] });
  assert.deepEqual(check(Buffer.from(HEAD + 'txt IN TXT "café"\nxn--mller-kva IN A 192.0.2.2\n', 'utf8')), { status: 0, findings: [] });
  // UTF-8 in an owner is read as it is; it wants its xn-- form (name-not-ascii)
  assert.deepEqual(check(Buffer.from(HEAD + 'müller IN A 192.0.2.2\n', 'utf8')), { status: 0, findings: ['6:1 warning name-not-ascii'] });
});

test('a file saved as UTF-8 with a byte order mark (EF BB BF): one error at 1:1, the rest read as usual; the rule can be turned off', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  assert.deepEqual(check(Buffer.concat([bom, Buffer.from(HEAD + 'www IN A 192.0.2.2\n')])), { status: 1, findings: ['1:1 error byte-order-mark'] });
  // the file as its editor shows it: the same records, nothing else to report
  assert.deepEqual(check(Buffer.from(HEAD + 'www IN A 192.0.2.2\n')), { status: 0, findings: [] });
  assert.deepEqual(check(Buffer.concat([bom, Buffer.from(HEAD)]), '--rule', 'byte-order-mark=off'), { status: 0, findings: [] });
});
