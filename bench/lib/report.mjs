// Turns benchmark results into the terminal table and the targets verdict.
// Pure formatting: no measuring, no I/O besides returning strings.
import { round } from './stats.mjs';

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmt = (x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));

/** A text table: the first two columns left-aligned, the others right-aligned. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 2 ? pad(c, widths[i]) : lpad(c, widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function checkTable(results) {
  const rows = [];
  for (const z of results.check) {
    for (const t of z.tools) {
      rows.push([
        z.zone,
        t.tool,
        fmt(t.medianMs),
        Number.isFinite(t.minMs) ? `${fmt(t.minMs)}-${fmt(t.maxMs)}` : '-',
        fmt(t.medianCpuMs),
        fmt(t.medianRssMiB),
        t.ratioVsKzonecheck === null || !Number.isFinite(t.ratioVsKzonecheck) ? '' : t.ratioVsKzonecheck.toFixed(2),
        t.cpuRatioVsKzonecheck === null || !Number.isFinite(t.cpuRatioVsKzonecheck) ? '' : t.cpuRatioVsKzonecheck.toFixed(2),
        fmt((t.medianMs * 1000) / z.records, 2),
        t.exitCodes.join(','),
      ]);
    }
  }
  return table(['zone', 'tool', 'median ms', 'min-max ms', 'cpu ms', 'RSS MiB', 'ratio/kzc', 'cpu/kzc', 'us/rec', 'exit'], rows);
}

export function lspTable(results) {
  const rows = results.lsp.map((z) => [
    z.zone,
    z.error ? `error: ${z.error}`.slice(0, 60) : 'ok',
    fmt(z.openMedianMs),
    fmt(z.readyMedianMs),
    fmt(z.edits.p50, 1),
    fmt(z.edits.p95, 1),
    `${z.edits.samples}/${z.edits.wanted}`,
    z.outlineEdits?.samples ? `${fmt(z.outlineEdits.p50, 1)}/${fmt(z.outlineEdits.p95, 1)}` : '-',
    z.burst ? `${z.burst.lastVersionPublished ? 'yes' : 'NO'} ${fmt(z.burst.msAfterLastChangeMedian, 1)}` : '-',
    String(z.stale),
    fmt(z.hoverP50, 1),
    fmt(z.completionP50, 1),
    fmt(z.outlineMedianMs),
    fmt(z.foldingMedianMs),
    fmt(z.rangeFormatMedianMs),
    fmt(z.formatMedianMs),
    fmt(z.diskCheckMedianMs),
    fmt(z.peakRssMiB),
    fmt(z.peakRssFormatMiB),
  ]);
  return table(
    ['zone', 'status', 'open ms', 'ready ms', 'edit p50', 'edit p95', 'edits', '+outline p50/95', 'burst last/ms', 'stale', 'hover p50', 'compl p50', 'outline ms', 'fold ms', 'range fmt ms', 'format ms', 'disk ms', 'RSS MiB', '+format MiB'],
    rows,
  );
}

/** The targets, each with the measured value and a verdict (null = not measured). */
export function targets(results) {
  // A check that did not finish normally (0 = clean, 1 = findings) measured nothing.
  const tool = (zone, name) => {
    const t = results.check.find((z) => z.zone === zone)?.tools.find((x) => x.tool === name);
    return t && t.exitCodes.every((c) => c === 0 || c === 1) ? t : undefined;
  };
  const lsp = (zone) => results.lsp.find((z) => z.zone === zone && !z.error);
  const out = [];
  const add = (what, value, ok) => out.push({ what, value, pass: value === null || value === undefined ? null : ok });
  const d1m = tool('1m', 'dane-zone');
  add('check 1M: ratio dane-zone/kzonecheck <= 1.0', round(d1m?.ratioVsKzonecheck ?? NaN, 2), (d1m?.ratioVsKzonecheck ?? 9) <= 1.0);
  add('check 1M: peak RSS < 600 MiB', round(d1m?.medianRssMiB ?? NaN), (d1m?.medianRssMiB ?? 1e9) < 600);
  const d100k = tool('100k', 'dane-zone');
  add('check 100k: < 400 ms', round(d100k?.medianMs ?? NaN), (d100k?.medianMs ?? 1e9) < 400);
  const l100k = lsp('100k');
  add('LSP 100k: keystroke->diagnostics p50 < 20 ms', round(l100k?.edits.p50 ?? NaN, 1), (l100k?.edits.p50 ?? 1e9) < 20);
  add('LSP 100k: keystroke->diagnostics p95 < 50 ms', round(l100k?.edits.p95 ?? NaN, 1), (l100k?.edits.p95 ?? 1e9) < 50);
  const l1m = lsp('1m');
  add('LSP 1M: first diagnostics < 3000 ms', round(l1m?.openMedianMs ?? NaN), (l1m?.openMedianMs ?? 1e9) < 3000);
  add('LSP 1M: typing p95 < 100 ms', round(l1m?.edits.p95 ?? NaN, 1), (l1m?.edits.p95 ?? 1e9) < 100);
  const stale = results.lsp.reduce((n, z) => n + z.stale, 0);
  const lost = results.lsp.filter((z) => z.burst && !z.burst.lastVersionPublished).length;
  if (results.lsp.some((z) => !z.error)) {
    add('LSP: no stale publish after a newer one', stale, stale === 0);
    add('LSP: last version of a burst always published (sessions failing)', lost, lost === 0);
  }
  return out;
}

export function targetsText(list) {
  return list
    .map((t) => `${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.what}: ${t.value ?? 'not measured'}`)
    .join('\n');
}
