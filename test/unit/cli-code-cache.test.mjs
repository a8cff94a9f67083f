// dist/cli.js runs the CLI's bundle with the V8 code cache the build made (code-cache.ts,
// scripts/code-cache.mjs). The cache only saves compiling: with it, without it, corrupt, made
// for another bundle or refused by V8 (other flags), `dane-zone check` answers the same, and
// running the CLI never writes a cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const sample = join(root, 'samples', 'example.zone');
const BROKEN = '$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.256\nwww CNAME ns1\nwww TXT "x"\n';

/** How the CLI in `dir` takes its cache, asked of a plain node with `flags`. */
function cacheState(dir, flags = []) {
  const r = spawnSync(process.execPath, [...flags, '-e', `const s = require(${JSON.stringify(join(dir, 'cli.js'))}); process.stdout.write(s.compileBundle(s.CLI_BUNDLE, s.CLI_CACHE).cache)`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function check(dir, zone, flags = []) {
  const r = spawnSync(process.execPath, [...flags, join(dir, 'cli.js'), 'check', '--json', zone], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** dist/cli.js and its bundle copied to a folder of their own, with `cache` as its cache file. */
function copyCli(t, cache) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-code-cache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(dist, 'cli.js'), join(dir, 'cli.js'));
  copyFileSync(join(dist, 'cli-main.js'), join(dir, 'cli-main.js'));
  if (cache !== undefined) writeFileSync(join(dir, 'cli-main.cache'), cache);
  return dir;
}

test('the build writes a code cache that this Node takes', () => {
  assert.equal(cacheState(dist), 'accepted');
  const cache = readFileSync(join(dist, 'cli-main.cache'), 'latin1');
  const key = /^\/\/ code-cache-key ([0-9a-f]+)\n/.exec(readFileSync(join(dist, 'cli-main.js'), 'utf8'))?.[1];
  assert.ok(key);
  assert.ok(cache.startsWith(`dane-zone-code-cache ${key}\n`));
});

test('dane-zone check answers the same with its cache, without it, and with a corrupt, truncated or foreign one', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-code-cache-zone-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const broken = join(dir, 'example.com.zone');
  writeFileSync(broken, BROKEN);
  const good = readFileSync(join(dist, 'cli-main.cache'));
  const header = good.subarray(0, good.indexOf(10) + 1);
  const variants = {
    accepted: good,
    missing: undefined,
    // the header right, V8's part garbage or cut short: V8 refuses it
    garbage: Buffer.concat([header, Buffer.alloc(good.length - header.length, 0x5a)]),
    truncated: good.subarray(0, header.length + Math.floor((good.length - header.length) / 2)),
    // made for another bundle: never handed to V8
    foreign: Buffer.concat([Buffer.from('dane-zone-code-cache 0123456789abcdef\n', 'latin1'), good.subarray(header.length)]),
  };
  const expected = { accepted: 'accepted', missing: 'missing', garbage: 'rejected', truncated: 'rejected', foreign: 'stale' };
  const want = [check(dist, sample), check(dist, broken)];
  assert.equal(want[0].status, 1); // the sample shows an error on purpose
  assert.equal(want[1].status, 1);
  assert.ok(JSON.parse(want[1].stdout).some((f) => f.rule === 'cname-and-other-data'), want[1].stdout);
  for (const [name, cache] of Object.entries(variants)) {
    const cli = copyCli(t, cache);
    assert.equal(cacheState(cli), expected[name], name);
    assert.deepEqual([check(cli, sample), check(cli, broken)], want, name);
  }
});

test('a cache V8 refuses under other flags (the check started again with a larger heap) leaves the answer the same', () => {
  const flags = ['--max-old-space-size=3000'];
  assert.equal(cacheState(dist, flags), 'rejected');
  assert.deepEqual(check(dist, sample, flags), check(dist, sample));
});

test('running the CLI writes no cache; DANE_ZONE_CODE_CACHE=off (no cache read) answers the same', (t) => {
  const cli = copyCli(t, undefined);
  const before = readdirSync(cli).sort();
  const r = check(cli, sample);
  assert.equal(r.status, 1);
  assert.deepEqual(readdirSync(cli).sort(), before);
  const off = spawnSync(process.execPath, [join(dist, 'cli.js'), 'check', '--json', sample], { encoding: 'utf8', env: { ...process.env, DANE_ZONE_CODE_CACHE: 'off' } });
  assert.deepEqual({ status: off.status, stdout: off.stdout, stderr: off.stderr }, check(dist, sample));
});
