// `npm run bench:signed` end to end at a small size: BIND signs the 10k bench zone into a
// temporary folder (DANE_ZONE_BENCH_OUT), every tool runs as often as asked, the ratios are the
// medians' quotients, a freshly signed zone has no rrsig-bogus finding, and the language server
// is driven over stdio with the rule on and off. Times are not judged (a benchmark, not a timed test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('bench:signed at 10k (ECDSA, NSEC and NSEC3): dane-zone three ways and the peers measured the runs asked for, ratios from the medians, no finding on a freshly signed zone; the server typed into with the rule on and off', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'dz-bench-signed-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const json = join(out, 'signed.json');
  const r = spawnSync(process.execPath, [join(root, 'bench', 'signed.mjs'), '--sizes', '10k', '--algs', 'ecdsa', '--denial', 'nsec,nsec3', '--runs', '2',
    '--lsp-runs', '1', '--lsp-edits', '2', '--lsp-rrsigs', '2000', '--no-build', '--json', json],
  { cwd: root, encoding: 'utf8', env: { ...process.env, DANE_ZONE_BENCH_OUT: out }, timeout: 600_000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const res = JSON.parse(readFileSync(json, 'utf8'));
  // a zone BIND signed with NSEC3 has no finding either: its hashes, chain and bitmaps as the denial rules read them
  assert.deepEqual(res.check.map((z) => [z.zone, z.denial, z.scope, z.findings]), [['10k ecdsa', 'nsec', 'all', {}], ['10k ecdsa nsec3', 'nsec3', 'all', {}]]);
  for (const zone of res.check) {
    assert.ok(zone.rrsigs > 10000 && zone.rrsigs <= 20000, `${zone.zone}: ${zone.rrsigs} signatures`);
    const byName = Object.fromEntries(zone.tools.map((x) => [x.tool, x]));
    for (const name of ['dane-zone', 'dane-zone rrsig-bogus=off', 'dane-zone --verify-signatures', 'kzonecheck', 'dnssec-verify', 'ldns-verify-zone']) {
      const x = byName[name];
      assert.ok(x, `${zone.zone}: ${name} measured`);
      assert.deepEqual([x.samplesMs.length, x.exitCodes], [2, [0]], `${zone.zone}: ${name}`);
    }
    const off = byName['dane-zone rrsig-bogus=off'];
    for (const x of zone.tools.filter((y) => y.tool.startsWith('dane-zone'))) assert.equal(x.ratioVsRuleOff, x.medianMs / off.medianMs, x.tool);
    assert.equal(byName['dnssec-verify'].ratioVsKzonecheck, byName['dnssec-verify'].medianMs / byName.kzonecheck.medianMs);
  }
  assert.match(r.stdout, /10k ecdsa \(\d+ sigs\) +dane-zone rrsig-bogus=off/);
  assert.match(r.stdout, /10k ecdsa nsec3 \(\d+ sigs\) +dane-zone rrsig-bogus=off/);
  // the server: both sides opened once and typed into, the edited RRsets found bogus with the rule on only
  assert.deepEqual(res.lsp.sides.map((s) => s.side), ['rule on', 'rrsig-bogus=off']);
  for (const s of res.lsp.sides) assert.deepEqual([s.openFirst.samples, s.soaSerial.samples, s.aRecord.samples, s.timeouts, s.stale], [1, 2, 2, 0, 0], s.side);
  assert.ok(res.lsp.sides[0].soaSerial.diagnostics.every((n) => n > 0) && res.lsp.sides[1].soaSerial.diagnostics.every((n) => n === 0));
});
