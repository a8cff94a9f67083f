#!/usr/bin/env node
// `npm run bench:names`: the first name completion on a big zone, over LSP with the real
// server. Opens the zone, waits for its diagnostics, types an MX record at the end and asks
// for names there: the first answer's latency; the latency of a hover and of a keystroke
// (didChange -> diagnostics) sent right after it (how long the server was held); the time
// until an answer is complete (asked again and again, as a client does while it is
// incomplete); and the latency of a completion once it is.
//   node bench/name-completion.mjs [--size 1m] [--runs 3] [--server dist/server.js]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { median } from './lib/stats.mjs';
import { workload } from './lib/workload.mjs';
import { ROOT, opt } from './lib/script.mjs';

const size = opt('--size', '1m');
const runs = Number(opt('--runs', '3'));
const servers = opt('--server', join(ROOT, 'dist', 'server.js')).split(',');
const file = workload(size).file;
const text = readFileSync(file, 'utf8');
const uri = pathToFileURL(file).href;
const lines = text.split('\n');
const last = lines.length - 1;
const TIMEOUT = 120_000;

async function session(serverJs) {
  const c = new LspClient(serverJs, { cwd: ROOT });
  try {
    await c.initialize(ROOT);
    c.didOpen(uri, text, 1);
    if (!(await c.waitDiagnostics(uri, 1, TIMEOUT))) throw new Error('no diagnostics after open');
    const typed = 'zz IN MX 10 ';
    c.didChange(uri, 2, [{ range: { start: { line: last, character: 0 }, end: { line: last, character: lines[last].length } }, text: typed }]);
    if (!(await c.waitDiagnostics(uri, 2, TIMEOUT))) throw new Error('no diagnostics after the edit');
    const at = { line: last, character: typed.length };
    const t0 = performance.now();
    const first = c.completion(uri, at.line, at.character).then((r) => ({ r, ms: performance.now() - t0 }));
    // sent at once after it, as the next keystroke and a hover would come
    const hover = c.hover(uri, 3, 1).then(() => performance.now() - t0);
    c.didChange(uri, 3, [{ range: { start: at, end: at }, text: 'h' }]);
    const key = c.waitDiagnostics(uri, 3, TIMEOUT).then(() => performance.now() - t0);
    const f = await first;
    const out = { first: f.ms, firstIncomplete: f.r.isIncomplete, firstItems: f.r.items.length, hover: await hover, key: await key };
    // ask again until complete (a prefix with few names: the answer is complete once sorted)
    const pos = { line: last, character: typed.length + 1 };
    c.didChange(uri, 4, [{ range: { start: pos, end: pos }, text: '1234' }]);
    await c.waitDiagnostics(uri, 4, TIMEOUT);
    const asked = { line: last, character: typed.length + 5 };
    let asks = 0, r;
    do {
      asks++;
      r = await c.completion(uri, asked.line, asked.character);
    } while (r.isIncomplete && performance.now() - t0 < TIMEOUT);
    out.complete = performance.now() - t0;
    out.asks = asks;
    const t1 = performance.now();
    await c.completion(uri, at.line, at.character + 1);
    out.after = performance.now() - t1;
    return out;
  } finally {
    await c.close();
  }
}

const results = new Map(servers.map((s) => [s, []]));
// servers interleaved in each run: the machine's load moves them alike
for (let i = 0; i < runs; i++) for (const s of servers) results.get(s).push(await session(s));
const fmt = (v) => v.toFixed(0).padStart(6);
console.log(`name completion on ${size} (${runs} runs; ms: min / median)`);
for (const [s, list] of results) {
  console.log(s);
  for (const k of ['first', 'hover', 'key', 'complete', 'after']) {
    const v = list.map((x) => x[k]);
    console.log(`  ${k.padEnd(9)} ${fmt(Math.min(...v))} / ${fmt(median(v))}`);
  }
  // nothing typed: incomplete on any zone of more than NAME_LIMIT (200) names; more than one ask:
  // the owners were sorted in turns (a zone of more than SORT_AT_ONCE_MAX owners), as designed
  console.log(`  first answer (nothing typed) incomplete: ${list.map((x) => x.firstIncomplete).join(', ')}; items ${list.map((x) => x.firstItems).join(', ')}; asks until complete ${list.map((x) => x.asks).join(', ')}`);
}
