// `npm run bench` end to end at a small size (issue 6's benchmark must stay runnable by anyone):
// the workloads are made in a temporary folder (DANE_ZONE_BENCH_OUT), every tool installed is
// run, the language server is driven over stdio, and the table and the JSON agree. Times are
// not judged here (a benchmark, not a timed test); what is judged is that each figure is there,
// comes from the runs asked for, and that the ratios are the medians' quotient. Also: the
// generator gives the same bytes for the same seed, with the mix the issue names, and
// `npm run bench:rules` (each rule's cost, and the engine's own) lists every rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateZone } from '../../bench/genzone.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bench = join(root, 'bench', 'run.mjs');

function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the generator writes the same bytes for the same seed, other bytes for another, with the mix of issue 6', (t) => {
  const dir = tempDir(t, 'dz-genzone-');
  const a = generateZone(3000, join(dir, 'a.zone'), { seed: 7 });
  generateZone(3000, join(dir, 'b.zone'), { seed: 7 });
  generateZone(3000, join(dir, 'c.zone'), { seed: 8 });
  const text = readFileSync(join(dir, 'a.zone'), 'utf8');
  assert.equal(readFileSync(join(dir, 'b.zone'), 'utf8'), text);
  assert.notEqual(readFileSync(join(dir, 'c.zone'), 'utf8'), text);
  assert.ok(a.records >= 3000 && a.records <= 3002, `${a.records} records for 3000`);
  assert.equal(a.bytes, Buffer.byteLength(text));
  assert.match(text, new RegExp(`; records: ${a.records}\\n$`));
  const lines = text.split('\n');
  const has = (what, re) => assert.ok(lines.some((l) => re.test(l)), `no ${what}`);
  has('SOA opening parentheses', /\tSOA\t.*\($/);
  has('comment after an SOA field', /^\t+\d+ +; serial$/);
  for (const type of ['NS', 'A', 'AAAA', 'MX', 'CNAME', 'TXT', 'TLSA', 'SRV', 'CAA', 'DS']) has(type, new RegExp(`\\t${type}\\t`));
  has('a DKIM key split into two strings', /\tTXT\t\( "v=DKIM1; [^"]*"$/);
  has('an owner inherited from the line before', /^\t+IN\tAAAA\t/);
  has('a relative owner', /^h\d+\t/);
  has('an absolute owner', /^\S+\.example\.com\.\t/);
  // a delegation with its glue and DS
  const cut = lines.findIndex((l) => /^sub\d+\t86400\tIN\tNS\tns1\.sub\d+$/.test(l));
  const sub = lines[cut].split('\t')[0];
  assert.match(lines[cut + 1], new RegExp(`^ns1\\.${sub}\\t86400\\tIN\\tA\\t`));
  assert.match(lines[cut + 2], new RegExp(`^${sub}\\t86400\\tIN\\tDS\\t`));
});

test('npm run bench at 10k and 5 small zones: every tool measured the runs asked for, ratios from the medians, the table printed, nothing written to bench/out', (t) => {
  const out = tempDir(t, 'dz-bench-');
  const json = join(out, 'results.json');
  const before = existsSync(join(root, 'bench', 'out')) ? readdirSync(join(root, 'bench', 'out')).sort() : [];
  const r = spawnSync(process.execPath, [bench, '--sizes', '10k', '--lsp-sizes', '10k', '--many', '5', '--runs', '3', '--lsp-runs', '1',
    '--edits', '5', '--outline-edits', '3', '--burst', '3', '--queries', '3', '--no-build', '--json', json],
  { cwd: root, encoding: 'utf8', env: { ...process.env, DANE_ZONE_BENCH_OUT: out }, timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const after = existsSync(join(root, 'bench', 'out')) ? readdirSync(join(root, 'bench', 'out')).sort() : [];
  assert.deepEqual(after, before, 'the test run wrote to bench/out');
  assert.ok(existsSync(join(out, 'zone-10k.zone')) && readdirSync(join(out, 'many-5')).filter((f) => f.endsWith('.zone')).length === 5);

  const res = JSON.parse(readFileSync(json, 'utf8'));
  assert.deepEqual(res.workloads.map((w) => [w.zone, w.files ?? 1]), [['10k', 1], ['5z', 5]]);
  assert.ok(res.workloads[0].records >= 10_000 && res.workloads[0].records <= 10_002);
  assert.ok(res.workloads[0].bytes > 500_000 && res.workloads[0].bytes < 700_000, `10k is about 0.6 MB: ${res.workloads[0].bytes}`);
  const installed = res.tools.map((x) => x.tool);
  assert.equal(installed[0], 'dane-zone');
  for (const zone of res.check) {
    assert.deepEqual(zone.tools.map((x) => x.tool), installed);
    const kzc = zone.tools.find((x) => x.tool === 'kzonecheck');
    for (const x of zone.tools) {
      assert.equal(x.samplesMs.length, 3, `${zone.zone} ${x.tool}: runs`);
      assert.deepEqual(x.exitCodes, [0], `${zone.zone} ${x.tool}: the generated zones are clean`);
      const sorted = [...x.samplesMs].sort((p, q) => p - q);
      assert.ok(Math.abs(x.medianMs - sorted[1]) < 0.1, `${zone.zone} ${x.tool}: median ${x.medianMs} of ${x.samplesMs}`);
      assert.ok(x.minMs <= x.medianMs && x.medianMs <= x.maxMs);
      if (kzc) assert.ok(Math.abs(x.ratioVsKzonecheck - x.medianMs / kzc.medianMs) < 1e-9);
      else assert.equal(x.ratioVsKzonecheck, null);
    }
  }
  const [lsp] = res.lsp;
  assert.equal(lsp.zone, '10k');
  assert.equal(lsp.error, null);
  assert.deepEqual([lsp.edits.samples, lsp.edits.wanted, lsp.edits.timeouts, lsp.stale], [5, 5, 0, 0]);
  assert.equal(lsp.burst.lastVersionPublished, true);
  assert.ok(lsp.openMedianMs > 0 && lsp.edits.p50 <= lsp.edits.p95 && lsp.hoverP50 > 0);

  assert.match(r.stdout, /^Whole-process check \(wall time, peak RSS\):$/m);
  assert.match(r.stdout, new RegExp(`^10k +dane-zone +${Math.round(res.check[0].tools[0].medianMs)} `, 'm'));
  assert.match(r.stdout, /^10k +ok +\d+/m);
  assert.match(r.stdout, /^n\/a {3}check 1M: ratio dane-zone\/kzonecheck <= 1\.0: not measured$/m);
  assert.match(r.stdout, /^PASS {2}LSP: no stale publish after a newer one: 0$/m);
});

test('npm run bench: --help prints its usage; an unknown option or size is refused with exit 1', () => {
  const help = spawnSync(process.execPath, [bench, '--help'], { cwd: root, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /`npm run bench`/);
  assert.match(help.stdout, /--sizes 10k,100k,1m/);
  for (const [args, message] of [[['--frobnicate'], /unknown option --frobnicate/], [['--sizes', '3m'], /unknown size 3m/], [['--runs', '0'], /--runs and --lsp-runs must be >= 1/]]) {
    const r = spawnSync(process.execPath, [bench, ...args, '--no-build'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 1, `${args}: exit ${r.status}`);
    assert.match(r.stderr, message);
  }
});

test('npm run bench:rules at 10k: every rule measured alone, biggest first, and the engine\'s own share on fresh zones', (t) => {
  const out = tempDir(t, 'dz-bench-rules-');
  const r = spawnSync(process.execPath, [join(root, 'bench', 'rules.mjs'), '--size', '10k', '--runs', '1', '--top', '100'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, DANE_ZONE_BENCH_OUT: out }, timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const lines = r.stdout.trim().split('\n');
  const head = /^10k: (\d+) records; CPU ms \(medians of 1\): scan \d+, all rules first run \d+, then \d+; (\d+) rules alone, sum (\d+)$/.exec(lines[0]);
  assert.ok(head, lines[0]);
  assert.ok(Number(head[1]) >= 10_000);
  const rows = lines.slice(1, -1).map((l) => /^ *(\d+) {2}(record|owner|zone) +(\S+)$/.exec(l));
  assert.ok(rows.every(Boolean), lines.slice(1, -1).join('\n'));
  assert.equal(rows.length, Number(head[2]));
  const ms = rows.map((m) => Number(m[1]));
  assert.deepEqual(ms, [...ms].sort((a, b) => b - a), 'biggest first');
  assert.equal(new Set(rows.map((m) => m[3])).size, rows.length, 'a rule listed twice');
  assert.ok(rows.some((m) => m[3] === 'tlsa-usage-unusable-for-smtp'));
  assert.match(lines.at(-1), /^a zone scanned afresh \(medians of 1\): all rules \d+, the engine alone \(every check\(\) a no-op\) \d+$/);
});
