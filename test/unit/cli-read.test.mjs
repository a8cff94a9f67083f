// `dane-zone check` reads a zone as UTF-8: columns count characters (code points; the same as
// UTF-16 units for these), and messages quote the text as written (a byte-wise or Latin-1 read
// would shift both). Characters outside the BMP: cli-check.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

function check(name, bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-read-'));
  try {
    writeFileSync(join(dir, name), bytes);
    const r = spawnSync(process.execPath, [cli, 'check', '--json', name], { cwd: dir, encoding: 'utf8' });
    return JSON.parse(r.stdout).filter((f) => f.rule === 'rdata-invalid').map((f) => `${f.line}:${f.column} ${f.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('check reads ASCII and UTF-8 zones alike: columns count characters, messages quote the text as written', () => {
  const line = 'bad IN A 192.0.2.300 ; ok\n';
  assert.deepEqual(check('ascii.zone', HEAD + line), [`6:10 A address: '192.0.2.300' is not an IPv4 address (four decimal octets, no leading zeros)`]);
  // 'é' is two bytes in UTF-8 and one UTF-16 unit: a byte-wise read would put the error one column on
  const utf8 = HEAD + 'txt IN TXT "café" ; señal\ncafé IN A 192.0.2.300\nmx IN MX "é" mail\n';
  assert.deepEqual(check('utf8.zone', Buffer.from(utf8, 'utf8')), [
    `7:11 A address: '192.0.2.300' is not an IPv4 address (four decimal octets, no leading zeros)`,
    `8:10 MX preference: expected a number from 0 to 65535, found '"é"'`,
  ]);
});
