// `dane-zone check` loads what a check needs: node:crypto only for a linked certificate or Full
// TLSA data, child_process only to start itself again with a larger heap (only when the heap is
// short of what the files need), and the network modules of `dane-zone validate` never (each
// cost milliseconds of every start).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli.js');
const preload = join(root, 'test', 'helpers', 'print-loaded-modules.cjs');
const ON_DEMAND = ['crypto', 'child_process', 'net', 'tls', 'dgram', 'worker_threads'];

function checkLoading(t, zone, ...args) {
  return checkLoadingWith(t, {}, zone, ...args);
}

function checkLoadingWith(t, env, zone, ...args) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-lazy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'example.com.zone');
  writeFileSync(file, zone);
  // output to files: a pipe would load net for process.stdout
  const out = openSync(join(dir, 'out'), 'w');
  const err = openSync(join(dir, 'err'), 'w');
  const r = spawnSync(process.execPath, ['-r', preload, cli, 'check', ...args, file], { stdio: ['ignore', out, err], env: { ...process.env, ...env } });
  closeSync(out);
  closeSync(err);
  const stderr = readFileSync(join(dir, 'err'), 'utf8');
  // the last: a check started again in a child (which has the preload too) writes its own first
  const line = stderr.split('\n').findLast((l) => l.startsWith('loaded-modules '));
  assert.ok(line, stderr);
  return { status: r.status, stdout: readFileSync(join(dir, 'out'), 'utf8'), loaded: new Set(JSON.parse(line.slice('loaded-modules '.length))) };
}

const PLAIN = '$ORIGIN example.com.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n'
  + '@ MX 10 mail\nmail A 192.0.2.25\n_25._tcp.mail TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n@ TXT "v=spf1 mx -all"\n';

test('dane-zone check of a zone without certificates loads neither crypto nor child_process nor the network modules', (t) => {
  const r = checkLoading(t, PLAIN);
  assert.equal(r.status, 0, r.stdout);
  assert.ok(r.loaded.has('fs'), 'the preload sees the modules');
  assert.deepEqual(ON_DEMAND.filter((m) => r.loaded.has(m)), []);
});

test('Full TLSA data is still decoded as a certificate: crypto is loaded when a record needs it', (t) => {
  // selector 0, matching type 0: the data must be a DER certificate that X.509 decodes
  const der = new X509Certificate(readFileSync(join(root, 'samples', 'certs', 'backup-mx.pem'))).raw;
  const good = `_25._tcp.mail TLSA 3 0 0 ${der.toString('hex')}\n`;
  // the version's tag [0] made [1]: the DER shape holds, X.509 cannot decode it
  const broken = Buffer.from(der);
  assert.equal(broken[8], 0xa0);
  broken[8] = 0xa1;
  const bad = `_25._tcp.mx2 TLSA 3 0 0 ${broken.toString('hex')}\nmx2 A 192.0.2.26\n@ MX 20 mx2\n`;
  const r = checkLoading(t, PLAIN + good + bad, '--json');
  const found = JSON.parse(r.stdout).filter((f) => f.rule === 'tlsa-full-data-malformed');
  assert.deepEqual(found.map((f) => f.line), [11], r.stdout);
  assert.match(found[0].message, /its fields do not decode as X.509/);
  assert.ok(r.loaded.has('crypto'));
});

test('a small zone is not checked again in a child Node when the heap holds it, though it is smaller than the roomy limit', (t) => {
  // 700 MiB: more than this zone needs, less than heapLimitFor's target (1 GiB more than the
  // files), which a machine of less than about 4 GiB gives by default: no child, no child_process
  const r = checkLoadingWith(t, { NODE_OPTIONS: '--max-old-space-size=700' }, PLAIN);
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.loaded.has('child_process'), false);
  // too small a heap still starts the check again (test/protocol/heap-limit.test.mjs)
  const again = checkLoadingWith(t, { NODE_OPTIONS: '--max-old-space-size=100' }, PLAIN);
  assert.equal(again.status, 0, again.stdout);
  assert.ok(again.loaded.has('child_process'));
});
