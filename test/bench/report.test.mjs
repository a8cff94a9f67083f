// The benchmark's judgement (bench/lib/report.mjs, bench/lib/stats.mjs): the figures the README
// quotes and the verdicts the closing notes of issue 6 repeat come from here, so a slip in them
// would misstate what was measured. Synthetic results with known figures, no measuring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTable, lspTable, targets, targetsText } from '../../bench/lib/report.mjs';
import { median, percentile, round } from '../../bench/lib/stats.mjs';

test('medians ignore what was not measured and average the middle two of an even count; percentiles are nearest-rank', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7, NaN, 1, 3]), 3);
  assert.ok(Number.isNaN(median([])));
  assert.ok(Number.isNaN(median([NaN, Infinity])));
  const xs = Array.from({ length: 20 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 10);
  assert.equal(percentile(xs, 95), 19);
  assert.equal(percentile(xs, 100), 20);
  assert.equal(percentile([3], 95), 3);
  assert.equal(round(2.444, 2), 2.44);
  assert.equal(round(NaN), null);
});

/** A check row as bench/run.mjs writes it. */
function tool(name, medianMs, { rss = 100, cpu = medianMs, exit = [0], kzc } = {}) {
  return { tool: name, medianMs, minMs: medianMs, maxMs: medianMs, medianCpuMs: cpu, medianRssMiB: rss, exitCodes: exit,
    ratioVsKzonecheck: kzc ? medianMs / kzc : null, cpuRatioVsKzonecheck: kzc ? cpu / kzc : null };
}

function lspRow(zone, { open = 1000, p50 = 2, p95 = 6, stale = 0, last = true, error = null } = {}) {
  return { zone, records: 1, error, openMedianMs: open, readyMedianMs: open, edits: { wanted: 5, samples: 5, p50, p95 },
    outlineEdits: { samples: 0 }, burst: { lastVersionPublished: last, msAfterLastChangeMedian: 3 }, stale };
}

const verdict = (list, start) => list.find((t) => t.what.startsWith(start));

test('targets: the ratio to kzonecheck, the 400 ms and 3 s bounds and RSS are judged from the medians; a failed check or server is not measured', () => {
  const results = {
    check: [
      { zone: '100k', records: 100_000, tools: [tool('dane-zone', 841, { kzc: 185 }), tool('kzonecheck', 185, { kzc: 185 })] },
      { zone: '1m', records: 1_000_000, tools: [tool('dane-zone', 4509, { rss: 433, kzc: 1850 }), tool('kzonecheck', 1850, { kzc: 1850 })] },
    ],
    lsp: [lspRow('100k', { p50: 1.3, p95: 4.4 }), lspRow('1m', { open: 6879, p95: 6.3 })],
  };
  const t = targets(results);
  assert.deepEqual(verdict(t, 'check 1M: ratio'), { what: 'check 1M: ratio dane-zone/kzonecheck <= 1.0', value: 2.44, pass: false });
  assert.equal(verdict(t, 'check 1M: peak RSS').pass, true);
  assert.deepEqual([verdict(t, 'check 100k').value, verdict(t, 'check 100k').pass], [841, false]);
  assert.equal(verdict(t, 'LSP 100k: keystroke->diagnostics p50').pass, true);
  assert.equal(verdict(t, 'LSP 100k: keystroke->diagnostics p95').pass, true);
  assert.deepEqual([verdict(t, 'LSP 1M: first').value, verdict(t, 'LSP 1M: first').pass], [6879, false]);
  assert.equal(verdict(t, 'LSP 1M: typing').pass, true);
  assert.equal(verdict(t, 'LSP: no stale').pass, true);

  // just under and at the bounds
  results.check[0].tools[0] = tool('dane-zone', 399, { kzc: 185 });
  results.check[1].tools[0] = tool('dane-zone', 1850, { rss: 600, kzc: 1850 });
  results.lsp[1] = lspRow('1m', { open: 3000, p95: 100 });
  const u = targets(results);
  assert.equal(verdict(u, 'check 100k').pass, true);
  assert.equal(verdict(u, 'check 1M: ratio').pass, true, 'a ratio of exactly 1.0 is at most kzonecheck');
  assert.equal(verdict(u, 'check 1M: peak RSS').pass, false, '600 MiB is not under 600');
  assert.equal(verdict(u, 'LSP 1M: first').pass, false, '3000 ms is not within < 3000');
  assert.equal(verdict(u, 'LSP 1M: typing').pass, false);

  // a check that ended in a usage error or crash, and a server that failed: n/a, never PASS
  results.check[1].tools[0] = tool('dane-zone', 100, { exit: [0, 4], kzc: 1850 });
  results.lsp[1] = lspRow('1m', { open: 100, error: 'no diagnostics within 120000 ms of didOpen' });
  results.lsp[0].stale = 2;
  results.lsp[0].burst.lastVersionPublished = false;
  const w = targets(results);
  assert.deepEqual([verdict(w, 'check 1M: ratio').value, verdict(w, 'check 1M: ratio').pass], [null, null]);
  assert.equal(verdict(w, 'LSP 1M: first').pass, null);
  assert.deepEqual([verdict(w, 'LSP: no stale').value, verdict(w, 'LSP: no stale').pass], [2, false]);
  assert.equal(verdict(w, 'LSP: last version').pass, false);
  const text = targetsText(w);
  assert.match(text, /^n\/a {3}check 1M: ratio dane-zone\/kzonecheck <= 1\.0: not measured$/m);
  assert.match(text, /^FAIL {2}LSP: no stale publish after a newer one: 2$/m);
  assert.match(text, /^PASS {2}LSP 100k: keystroke->diagnostics p50 < 20 ms: 1\.3$/m);
});

test('the tables: microseconds a record, ratios to two places, and "-" for what was not measured', () => {
  const check = checkTable({ check: [{ zone: '1m', records: 1_000_000, tools: [tool('dane-zone', 4509, { cpu: 5400, kzc: 1850 }), tool('kzonecheck', 1850, { kzc: 1850 }), tool('named-checkzone', NaN)] }] });
  const lines = check.split('\n');
  assert.match(lines[0], /^zone +tool +median ms +min-max ms +cpu ms +RSS MiB +ratio\/kzc +cpu\/kzc +us\/rec +exit$/);
  assert.match(lines[2], /^1m +dane-zone +4509 +4509-4509 +5400 +100 +2\.44 +2\.92 +4\.51 +0$/);
  assert.match(lines[3], /^1m +kzonecheck +1850 .* 1\.00 +1\.00 +1\.85 +0$/);
  assert.match(lines[4], /^1m +named-checkzone +- +- +- +100 +- +0$/, 'a tool never measured: "-", not "---" or NaN');
  const lsp = lspTable({ lsp: [lspRow('1m', { open: 6879.4, p50: 2.46, p95: 6.3 }), lspRow('100k', { error: 'the server exited' })] }).split('\n');
  assert.match(lsp[2], /^1m +ok +6879 +6879 +2\.5 +6\.3 +5\/5 +- +yes 3\.0 +0 /);
  assert.match(lsp[3], /^100k +error: the server exited /);
});
