// A zone that names a FIFO or a device ($INCLUDE, a cert= link) gets a finding, and the server
// goes on: reading such a file would block it (every document) for good, or never end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp-client.mjs';

let s, dir;
before(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'dz-special-')));
  assert.equal(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
  symlinkSync('/dev/zero', join(dir, 'zero.pem'));
  const uri = pathToFileURL(dir).toString();
  s = await startServer({ rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }] });
});
after(async () => { await s?.stop(); rmSync(dir, { recursive: true, force: true }); });

test('$INCLUDE of a FIFO and cert= links to a FIFO and to /dev/zero: findings, and the server answers the next document', async () => {
  const uri = pathToFileURL(join(dir, 'a.zone')).toString();
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN MX 10 mail\nmail IN A 192.0.2.2\n' +
    `; dane-zone: cert=fifo\n_25._tcp.mail IN TLSA 3 1 1 ${'ab'.repeat(32)}\n; dane-zone: cert=zero.pem\n_25._tcp.mail IN TLSA 3 1 1 ${'cd'.repeat(32)}\n$INCLUDE fifo\n`;
  await s.open(uri, text, 1);
  const p = await s.diagnostics(uri, 1, 15000);
  const msgs = p.diagnostics.filter((d) => d.code === 'include-failed' || d.code === 'tlsa-cert-link-unreadable').map((d) => `${d.code}: ${d.message}`);
  assert.equal(msgs.length, 3, msgs.join('\n'));
  // the link to /dev/zero leads outside the workspace: refused before it is read
  assert.ok(msgs.every((m) => /not a regular file \(a device, FIFO or socket\)|zero\.pem is outside the workspace folder/.test(m)), msgs.join('\n'));
  const other = pathToFileURL(join(dir, 'b.zone')).toString();
  await s.open(other, '$ORIGIN example.org.\n$TTL 60\n@ IN SOA ns1 h 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n', 1);
  assert.deepEqual((await s.diagnostics(other, 1, 15000)).diagnostics, []);
});
