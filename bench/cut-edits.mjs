#!/usr/bin/env node
// `npm run bench:cut-edits`: the keystrokes that make or remove a delegation, timed in process
// as the editor runs them (reparse + RuleCache.update per edit, on a zone opened with
// buildZone(incremental) + RuleCache.full). Such an edit changes what the zone answers for every
// name at or below the cut, so it costs more than other keystrokes (issue 6: typing in the 1M
// zone under 100 ms p95).
//   node bench/cut-edits.mjs [--size 1m] [--edits 20] [--runs 1] [--core other/dist/core.js]
// Before opening, the bench zone gets, below each of `--edits` delegations spread over the file,
// a host with an address, a TLSA and a name in the parent that points there (a CNAME), so the
// cut has records below it and a record above that reads a name below it. Then, at each such
// delegation, in turn:
//   owner  a character typed at the start of the NS record's owner, then deleted (each edit
//          removes one delegation and makes another)
//   type   the NS record made an A record, then back
//   line   the NS line deleted, then typed back (pasted) in one change
//   plain  a character appended to a line of an ordinary host and deleted (no cut moves)
//   plain-line  that host's line deleted and typed back (no cut moves: what a line costs)
//   block-del   the 20 lines from that host's line on deleted (a block cut out: any records,
//               perhaps half a parenthesised entry)
//   block-paste those 20 lines pasted back in one change
//   soa    a digit of the SOA serial typed over, at each delegation's turn (the edit every change
//          of a hand-kept zone gets; no cut moves, the apex and the SOA's name server re-checked)
// Prints the open time and each kind's p50 / p95 / max (ms, wall) over its edits; with
// --runs N the zone is opened N times and all edits are pooled.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median, percentile } from './lib/stats.mjs';
import { workload, ORIGIN } from './lib/workload.mjs';
import { loadCore, opt } from './lib/script.mjs';

const size = opt('--size', '1m');
const edits = Number(opt('--edits', '20'));
const runs = Number(opt('--runs', '1'));
const { buildZone, RuleCache, reparse, splitLines, defaultHost } = loadCore(opt('--core', undefined));
const file = workload(size).file;
const opts = { fileId: file, origin: ORIGIN };
const settings = {};
const now = () => performance.now();
const gc = globalThis.gc ?? (() => {});

const NS_LINE = /^(sub\d+)\s+(?:\d+\s+)?IN\s+NS\s/;
// the bench zone's serial line (`2024010101 ; serial`): its last digit is typed over
const SERIAL = /^(\s*\d*)(\d)(?=\s*; serial)/;
const PLAIN_LINE = /^h\d+\s+(?:\d+\s+)?(?:IN\s+)?A\s+[\d.]+$/;

/** The bench zone's lines with records below `count` delegations spread over the file; the NS
 *  line numbers of those delegations and as many ordinary host lines. */
function preparedLines(count) {
  const lines = splitLines(readFileSync(file, 'utf8'));
  const ns = [];
  for (let i = 0; i < lines.length; i++) if (NS_LINE.test(lines[i])) ns.push(i);
  const picked = Array.from({ length: count }, (_, k) => ns[Math.floor(((k + 0.5) * ns.length) / count)]);
  // from the end, so the line numbers picked before stay valid
  for (const at of [...picked].reverse()) {
    const sub = NS_LINE.exec(lines[at])[1];
    lines.splice(at + 1, 0, `www.${sub}\tIN\tA\t10.9.0.1`, `_25._tcp.www.${sub}\tIN\tTLSA\t3 1 1 ${'AB'.repeat(32)}`, `alias-${sub}\tIN\tCNAME\twww.${sub}`);
  }
  const nsLines = [];
  for (let i = 0; i < lines.length; i++) if (NS_LINE.test(lines[i]) && picked.length > nsLines.length && lines[i + 1]?.startsWith('www.')) nsLines.push(i);
  const plain = [];
  for (let k = 0; k < count; k++) {
    let i = Math.floor(((k + 0.25) * lines.length) / count);
    while (!PLAIN_LINE.test(lines[i])) i++;
    plain.push(i);
  }
  return { lines, nsLines, plain };
}

const BLOCK = 20;
const times = { owner: [], type: [], line: [], plain: [], 'plain-line': [], 'block-del': [], 'block-paste': [], soa: [] };
const opens = [];
for (let run = 0; run < runs; run++) {
  const { lines, nsLines, plain } = preparedLines(edits);
  const soaAt = lines.findIndex((l) => SERIAL.test(l));
  gc();
  let t0 = now();
  let zone = buildZone({ id: file, lines, entries: [] }, { ...opts, incremental: true });
  const cache = new RuleCache();
  cache.full(zone, defaultHost, settings);
  opens.push(now() - t0);
  /** Replaces lines [from, from + count) by `text` (none: deleted) and times the update. */
  const edit = (kind, from, count, text) => {
    const oldCount = lines.length;
    lines.splice(from, count, ...text);
    t0 = now();
    const r = reparse(zone, lines, { from, to: from + text.length - 1 }, oldCount, opts);
    cache.update(r.zone, r.removed, r.added, defaultHost, settings);
    const ms = now() - t0;
    zone = r.zone;
    if (kind) times[kind].push(ms);
  };
  // warm-up (JIT), not recorded: the first delegation's edits
  for (const at of nsLines.slice(0, 1)) { const orig = lines[at]; edit(null, at, 1, ['x' + orig]); edit(null, at, 1, [orig]); }
  for (let k = 0; k < nsLines.length; k++) {
    const at = nsLines[k];
    const orig = lines[at];
    edit('owner', at, 1, ['x' + orig]);
    edit('owner', at, 1, [orig]);
    edit('type', at, 1, [orig.replace(/\bNS\s.*$/, 'A\t10.9.9.9')]);
    edit('type', at, 1, [orig]);
    edit('line', at, 1, []);
    edit('line', at, 0, [orig]);
    const host = lines[plain[k]];
    edit('plain', plain[k], 1, [host + '0']);
    edit('plain', plain[k], 1, [host]);
    edit('plain-line', plain[k], 1, []);
    edit('plain-line', plain[k], 0, [host]);
    const block = lines.slice(plain[k], plain[k] + BLOCK);
    edit('block-del', plain[k], BLOCK, []);
    edit('block-paste', plain[k], 0, block);
    if (soaAt >= 0) edit('soa', soaAt, 1, [lines[soaAt].replace(SERIAL, (_, head, last) => `${head}${(Number(last) + 1) % 10}`)]);
  }
}

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(`${size}: open (buildZone + RuleCache.full) ${fmt(median(opens))} ms; ${edits} delegations, ${runs} run(s)`);
console.log('kind       edits    p50    p95    max  (ms)');
const all = [...times.owner, ...times.type, ...times.line];
for (const [kind, xs] of [...Object.entries(times), ['cut-all', all]]) {
  console.log(`${kind.padEnd(10)} ${String(xs.length).padStart(6)} ${fmt(percentile(xs, 50)).padStart(6)} ${fmt(percentile(xs, 95)).padStart(6)} ${fmt(Math.max(...xs)).padStart(6)}`);
}
