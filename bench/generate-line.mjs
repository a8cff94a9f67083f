#!/usr/bin/env node
// One `$GENERATE 1-100000` line: how long a request waits while the server opens such a zone
// and while it reads it again after an edit of that line. Over stdio with the real bundle(s),
// a fresh server per run; with two bundles (--servers a,b) the runs interleave (A B B A ...).
// Per run:
//   open:  didOpen, then a hover on a small zone open beside it every 10 ms until the big zone's
//          analysis is done ("probe p50/max": how long a request that needs no analysis
//          waits), a hover on the big zone sent right after didOpen ("ready": it waits for the
//          analysis), and the first and the last publish of version 1;
//   edit:  the $GENERATE line's range typed over (version 2), probes again, then (version 3)
//          typed over once more 30 ms into that re-analysis: the last version must be published,
//          nothing of version 2 after it ("stale").
//   node bench/generate-line.mjs [--servers dist/server.js,/tmp/base/server.js] [--runs 5] [--count 100000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { median } from './lib/stats.mjs';
import { opt, ROOT } from './lib/script.mjs';

const servers = opt('--servers', join(ROOT, 'dist', 'server.js')).split(',').map((s) => resolve(s));
const runs = Number(opt('--runs', '5'));
const count = Number(opt('--count', '100000'));
const head = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
const GEN_LINE = 5;
const bigText = `${head}$GENERATE 1-${count} host$ A 10.0.0.1\nbad A 192.0.2.300\n`;
const smallText = `${head}www A 192.0.2.2\n`;

/** Hovers on the small zone every 10 ms until `until` settles; their answer times (ms). */
async function probe(client, smallUri, until) {
  const waits = [];
  let done = false;
  until.then(() => (done = true));
  while (!done) {
    const t = performance.now();
    await client.hover(smallUri, 5, 0);
    waits.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return waits;
}

/** Resolves when `uri` was published at `version` and no publish came for `quietMs` after it. */
function settled(client, uri, version, quietMs = 300) {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const log = client.docs.get(uri)?.log ?? [];
      const last = log.at(-1);
      if (last && last.version >= version && performance.now() - last.at > quietMs) {
        clearInterval(poll);
        resolve(log);
      }
    }, 20);
  });
}

async function oneRun(serverJs, dir) {
  const client = new LspClient(serverJs, { cwd: dir });
  const out = {};
  try {
    await client.initialize(dir);
    const smallUri = pathToFileURL(join(dir, 'small.example.com.zone')).href;
    const uri = pathToFileURL(join(dir, 'gen.example.com.zone')).href;
    const smallDone = client.waitDiagnostics(smallUri, 1, 20000);
    await client.didOpen(smallUri, smallText, 1);
    await smallDone;
    await client.hover(smallUri, 5, 0);

    const t0 = performance.now();
    await client.didOpen(uri, bigText, 1);
    const ready = client.hover(uri, GEN_LINE + 1, 4).then(() => performance.now() - t0);
    const openWaits = await probe(client, smallUri, ready);
    out.ready = await ready;
    const log1 = await settled(client, uri, 1);
    out.firstPublish = log1[0].at - t0;
    out.lastPublish = log1.at(-1).at - t0;
    out.openProbeMax = Math.max(...openWaits);
    out.openProbeP50 = median(openWaits);
    out.openProbes = openWaits.length;

    // version 2: the range typed over (1-count -> 2-count); version 3 30 ms into its re-analysis
    const at = '$GENERATE '.length;
    const t1 = performance.now();
    await client.didChange(uri, 2, [{ range: { start: { line: GEN_LINE, character: at }, end: { line: GEN_LINE, character: at + 1 } }, text: '2' }]);
    const ready2 = client.hover(uri, GEN_LINE + 1, 4).then(() => performance.now() - t1);
    const editWaits = await probe(client, smallUri, ready2);
    out.editReady = await ready2;
    out.editProbeMax = Math.max(...editWaits);
    out.editProbeP50 = median(editWaits);
    await settled(client, uri, 2);
    const t2 = performance.now();
    await client.didChange(uri, 3, [{ range: { start: { line: GEN_LINE, character: at }, end: { line: GEN_LINE, character: at + 1 } }, text: '3' }]);
    await new Promise((r) => setTimeout(r, 30));
    const t3 = performance.now();
    await client.didChange(uri, 4, [{ range: { start: { line: GEN_LINE, character: at }, end: { line: GEN_LINE, character: at + 1 } }, text: '1' }]);
    const h = performance.now();
    await client.hover(smallUri, 5, 0);
    out.probeAfterSecondEdit = performance.now() - h;
    const log = await settled(client, uri, 4);
    const after = log.filter((p) => p.at >= t2);
    out.v3Publishes = after.filter((p) => p.version === 3).length;
    out.lastVersion = log.at(-1).version;
    out.stale = client.docs.get(uri).stale;
    out.toV4 = log.at(-1).at - t3;
  } finally {
    await client.close();
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'dz-genline-'));
writeFileSync(join(dir, 'gen.example.com.zone'), bigText);
const results = servers.map(() => []);
try {
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
    for (const i of order) {
      const o = await oneRun(servers[i], dir);
      results[i].push(o);
      console.error(`run ${r + 1} ${servers[i]}: ${JSON.stringify(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)])))}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const keys = Object.keys(results[0][0]);
console.log(['metric', ...servers].join('\t'));
for (const k of keys) console.log([k, ...results.map((rs) => Math.round(median(rs.map((o) => o[k]))))].join('\t'));
