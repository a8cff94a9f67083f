#!/usr/bin/env node
// `npm run bench:signed`: what verifying signatures (rule rrsig-bogus) costs on signed zones.
// The bench zones (bench/genzone.mjs, through bench/lib/workload.mjs) are signed by BIND
// (`dnssec-keygen -f KSK` + `dnssec-signzone -S -z`: one key signs every RRset, NSEC) with each
// algorithm of --algs, and each denial of --denial (NSEC, or NSEC3 with `-3 -`: no salt, no extra
// iterations, as RFC 9276 advises), into a temporary folder, then each tool runs on each signed zone, all
// interleaved inside every run (the order turning each run), medians of --runs:
//   dane-zone check (defaults: every signature up to 20 000, past that the DANE RRsets only),
//   with --rule rrsig-bogus=off, with --verify-signatures; kzonecheck (and -d on, -d off when it has them),
//   dnssec-verify -z -o <origin>, ldns-verify-zone. Wall and CPU time, peak RSS (GNU time, as
//   bench/run.mjs). Ratios: against kzonecheck and against dane-zone with the rule off.
// Then the language server (unless --no-lsp): a zone signed with --lsp-alg grown to about
// --lsp-rrsigs signatures (just under the 20 000 past which only the DANE RRsets are verified),
// opened over stdio with the rule on and with it off (daneZone.rules through
// workspace/configuration), sessions interleaved: didOpen -> first publish, -> last publish
// (the editor's analysis), -> a hover's answer (ready); then keys typed one at a time, each
// didChange -> the publish of its version (p50/p95): (a) a digit of the apex SOA serial (the
// apex's RRSIGs checked again, the SOA's verified again), (b) a digit
// of an A record's address in the middle of the zone (its RRset becomes bogus), alternated.
// Options: --sizes 10k,100k  --runs 5  --algs ecdsa,ed25519 (also rsa)  --denial nsec (also nsec3)  --lsp-runs 3
//   --lsp-edits 20 (of each kind per session)  --lsp-rrsigs 19500  --lsp-alg ecdsa
//   --no-peers  --no-check  --no-lsp  --no-build  --keep (keep the signed zones)  --json FILE
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InitializeRequest, InitializedNotification } from 'vscode-languageserver-protocol/node';
import { generateZone } from './genzone.mjs';
import { LspClient } from './lib/lsp-client.mjs';
import { hoverProbe } from './lib/lsp-scenario.mjs';
import { haveGnuTime, measureProcess, toolVersion } from './lib/proc.mjs';
import { flag, opt, ROOT } from './lib/script.mjs';
import { median, percentile, round } from './lib/stats.mjs';
import { ORIGIN, OUT, SIZES, workload } from './lib/workload.mjs';

const ALGS = {
  ecdsa: { name: 'ECDSAP256SHA256', keygen: ['-a', 'ECDSAP256SHA256'] },
  ed25519: { name: 'ED25519', keygen: ['-a', 'ED25519'] },
  rsa: { name: 'RSASHA256', keygen: ['-a', 'RSASHA256', '-b', '2048'] },
};
/** dnssec-signzone's options for each kind of denial of existence */
const DENIAL = { nsec: [], nsec3: ['-3', '-'] };
/** rrsig-bogus verifies every signature up to this many (server/src/rules/rrsig-bogus.ts) */
const VERIFY_ALL_UP_TO = 20000;

function parseArgs() {
  if (flag('--help') || flag('-h')) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 23).join('\n'));
    process.exit(0);
  }
  const list = (v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const o = {
    sizes: list(opt('--sizes', '10k,100k')), runs: Number(opt('--runs', 5)), algs: list(opt('--algs', 'ecdsa,ed25519')), denial: list(opt('--denial', 'nsec')),
    lspRuns: Number(opt('--lsp-runs', 3)), lspEdits: Number(opt('--lsp-edits', 20)), lspRrsigs: Number(opt('--lsp-rrsigs', 19500)),
    lspAlg: opt('--lsp-alg', 'ecdsa').toLowerCase(), seed: Number(opt('--seed', 42)), json: resolve(opt('--json', join(OUT, 'results-signed.json'))),
    peers: !flag('--no-peers'), check: !flag('--no-check'), lsp: !flag('--no-lsp'), build: !flag('--no-build'), keep: flag('--keep'),
  };
  for (const s of o.sizes) if (!SIZES[s] || s === '10m') throw new Error(`unknown size ${s} (10k, 100k, 1m)`);
  for (const d of o.denial) if (!DENIAL[d]) throw new Error(`unknown denial ${d} (${Object.keys(DENIAL).join(', ')})`);
  for (const a of [...o.algs, o.lspAlg]) if (!ALGS[a]) throw new Error(`unknown algorithm ${a} (${Object.keys(ALGS).join(', ')})`);
  if (!(o.runs >= 1 && o.lspRuns >= 1 && o.lspEdits >= 1)) throw new Error('--runs, --lsp-runs and --lsp-edits must be >= 1');
  if (!(o.lspRrsigs > 100 && o.lspRrsigs <= VERIFY_ALL_UP_TO)) throw new Error(`--lsp-rrsigs must be in 101..${VERIFY_ALL_UP_TO}`);
  return o;
}

const log = (s) => process.stderr.write(s + '\n');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  return r;
}

/** RRSIG records of a signed zone as dnssec-signzone writes it (one per entry, the type after
 *  the owner, TTL and class; NSEC bitmaps that name RRSIG are not counted). */
const countRrsigs = (text) => (text.match(/^\S*[ \t]+(?:\d+[ \t]+)?(?:IN[ \t]+)?RRSIG[ \t]/gm) ?? []).length;

/** Signs `src` (origin ORIGIN) with one new key of `alg` and the denial `denial` into `dir`: the
 *  signed file, its RRSIG count and how long signing took. */
function signZone(src, alg, dir, label, denial = 'nsec') {
  mkdirSync(dir, { recursive: true });
  run('dnssec-keygen', ['-q', ...ALGS[alg].keygen, '-f', 'KSK', '-K', dir, ORIGIN.replace(/\.$/, '')], { cwd: dir });
  const out = join(dir, `${label}.signed`);
  const t0 = performance.now();
  // -S: the keys from -K, DNSKEYs added; -z: the KSK signs every RRset (one signature each);
  // -P: no verification after signing (dnssec-verify is timed below); 30 days of validity
  run('dnssec-signzone', ['-S', '-z', '-P', '-K', dir, '-o', ORIGIN, '-f', out, '-s', 'now-3600', '-e', 'now+2592000', ...DENIAL[denial], src], { cwd: dir });
  const signMs = performance.now() - t0;
  const text = readFileSync(out, 'utf8');
  return { file: out, rrsigs: countRrsigs(text), lines: text.split('\n').length, bytes: statSync(out).size, signMs };
}

function machine() {
  return { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, kernel: release(),
    gnuTime: haveGnuTime(), loadavgStart: loadavg().map((x) => round(x, 2)) };
}

function tools(o) {
  const cli = join(ROOT, 'dist', 'cli.js');
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const dz = (tool, extra) => ({ tool, cmd: process.execPath, args: (f) => [cli, 'check', f, '--origin', ORIGIN, ...extra], version });
  const list = [dz('dane-zone', []), dz('dane-zone rrsig-bogus=off', ['--rule', 'rrsig-bogus=off']), dz('dane-zone --verify-signatures', ['--verify-signatures'])];
  if (!o.peers) return list;
  const kzcHelp = spawnSync('kzonecheck', ['--help'], { encoding: 'utf8' });
  const kzcDnssec = !kzcHelp.error && /--dnssec/.test(kzcHelp.stdout + kzcHelp.stderr);
  const peers = [
    { tool: 'kzonecheck', cmd: 'kzonecheck', args: (f) => ['-o', ORIGIN, f], vflag: '-V' },
    // without -d, kzonecheck 3.x checks DNSSEC when the zone has a DNSKEY: -d off is its check without
    ...(kzcDnssec ? [{ tool: 'kzonecheck -d on', cmd: 'kzonecheck', args: (f) => ['-o', ORIGIN, '-d', 'on', f], vflag: '-V' },
      { tool: 'kzonecheck -d off', cmd: 'kzonecheck', args: (f) => ['-o', ORIGIN, '-d', 'off', f], vflag: '-V' }] : []),
    { tool: 'dnssec-verify', cmd: 'dnssec-verify', args: (f) => ['-z', '-o', ORIGIN, f], vflag: '-V' },
    { tool: 'ldns-verify-zone', cmd: 'ldns-verify-zone', args: (f) => [f], vflag: '-v' },
  ];
  if (!kzcDnssec) log('bench: this kzonecheck has no --dnssec option; kzonecheck -d on skipped');
  for (const p of peers) {
    const v = toolVersion(p.cmd, p.vflag);
    if (v === null) log(`bench: ${p.tool} not installed (scripts/setup-test-deps.sh installs it); skipped`);
    else list.push({ ...p, version: v });
  }
  return list;
}

/** dane-zone's findings on a zone by rule (not timed): a signed zone fresh from the signer
 *  should have no rrsig-bogus finding. */
function findings(file, extra = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', file, '--origin', ORIGIN, '--json', '--fail-on', 'hint', ...extra],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const by = {};
  try {
    for (const d of JSON.parse(r.stdout)) by[`${d.rule} ${d.severity}`] = (by[`${d.rule} ${d.severity}`] ?? 0) + 1;
  } catch {
    by.unreadable = r.stdout.slice(0, 200) + r.stderr.slice(0, 200);
  }
  return by;
}

function runChecks(o, zones, toolList) {
  const samples = {};
  for (let r = 0; r < o.runs; r++) {
    for (const z of zones) {
      // the order turns every run, so no tool always follows the same one
      const order = toolList.map((_, i) => toolList[(i + r) % toolList.length]);
      for (const t of order) {
        const m = measureProcess(t.cmd, t.args(z.file), { cwd: ROOT });
        ((samples[z.zone] ??= {})[t.tool] ??= []).push(m);
        log(`bench:signed run ${r + 1}/${o.runs} ${z.zone} ${t.tool}: ${m.wallMs.toFixed(0)} ms, cpu ${m.cpuMs?.toFixed(0) ?? '?'} ms, ` +
          `${m.rssKiB === null ? '?' : (m.rssKiB / 1024).toFixed(0)} MiB, exit ${m.code}`);
        if (r === 0 && m.code !== 0 && m.stderr) log(`  stderr: ${m.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      }
    }
  }
  return zones.map((z) => {
    const per = toolList.map((t) => {
      const s = samples[z.zone][t.tool];
      const ms = s.map((x) => x.wallMs);
      return { tool: t.tool, args: t.args('<zone>'), medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms),
        medianCpuMs: median(s.map((x) => x.cpuMs ?? NaN)), medianRssMiB: median(s.map((x) => (x.rssKiB ?? NaN) / 1024)),
        exitCodes: [...new Set(s.map((x) => x.code))], samplesMs: ms.map((x) => round(x, 1)),
        stderr: s[0].code !== 0 ? s[0].stderr.trim().split('\n').slice(-3).join(' | ') : undefined };
    });
    const kzc = per.find((t) => t.tool === 'kzonecheck');
    const off = per.find((t) => t.tool === 'dane-zone rrsig-bogus=off');
    for (const t of per) {
      t.ratioVsKzonecheck = kzc ? t.medianMs / kzc.medianMs : null;
      t.cpuRatioVsKzonecheck = kzc ? t.medianCpuMs / kzc.medianCpuMs : null;
      t.ratioVsRuleOff = t.medianMs / off.medianMs;
      t.cpuRatioVsRuleOff = t.medianCpuMs / off.medianCpuMs;
    }
    return { zone: z.zone, size: z.size, alg: z.alg, denial: z.denial, records: z.records, signedRecords: z.lines, rrsigs: z.rrsigs, bytes: z.bytes,
      scope: z.rrsigs <= VERIFY_ALL_UP_TO ? 'all' : 'dane', signMs: round(z.signMs, 0), findings: z.findings, tools: per };
  });
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');

function checkTable(check) {
  const head = ['zone', 'tool', 'median ms', 'min', 'max', 'cpu ms', 'RSS MiB', 'x kzc', 'cpu x kzc', 'x off', 'exit'];
  const rows = [];
  for (const z of check) {
    for (const t of z.tools) {
      rows.push([`${z.zone} (${z.rrsigs} sigs)`, t.tool, f0(t.medianMs), f0(t.minMs), f0(t.maxMs), f0(t.medianCpuMs), f0(t.medianRssMiB),
        f2(t.ratioVsKzonecheck), f2(t.cpuRatioVsKzonecheck), f2(t.ratioVsRuleOff), t.exitCodes.join('/')]);
    }
  }
  return table(head, rows);
}

function table(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- language server

/** A zone signed with `alg` of about `want` RRSIGs (not more than VERIFY_ALL_UP_TO): the record
 *  count is found from the signer's ratio of signatures to records, re-signed until close. */
function lspZone(o, dir, ratioHint) {
  let target = Math.round(o.lspRrsigs / (ratioHint ?? 1.55));
  let best;
  for (let attempt = 1; attempt <= 4; attempt++) {
    const src = join(dir, `lsp-${target}.zone`);
    const { records } = generateZone(target, src, { origin: ORIGIN, seed: o.seed });
    const s = signZone(src, o.lspAlg, join(dir, `lsp-${attempt}`), `lsp-${target}`);
    log(`bench:signed LSP zone: ${records} records -> ${s.rrsigs} RRSIGs (want ${o.lspRrsigs})`);
    if (s.rrsigs <= VERIFY_ALL_UP_TO) best = { ...s, records };
    if (s.rrsigs <= VERIFY_ALL_UP_TO && Math.abs(s.rrsigs - o.lspRrsigs) <= 0.02 * o.lspRrsigs) break;
    target = Math.round(target * (o.lspRrsigs / s.rrsigs));
  }
  if (!best) throw new Error(`no zone of at most ${VERIFY_ALL_UP_TO} signatures found`);
  return best;
}

/** The SOA serial's last digit and a mid-zone A record's last address digit: [line, column]. */
function editPlaces(lines) {
  const soa = lines.findIndex((l) => /^\S*\s+(?:\d+\s+)?(?:IN\s+)?SOA\s/.test(l));
  let serial;
  for (let i = soa; i < soa + 3 && !serial; i++) {
    // `... SOA mname rname (` then the serial on a line of its own, or all on one line
    const m = i === soa ? /^(.*\sSOA\s+\S+\s+\S+\s+\(?\s*)(\d+)/.exec(lines[i]) : /^(\s*)(\d+)/.exec(lines[i]);
    if (m) serial = { line: i, col: m[1].length + m[2].length - 1 };
  }
  let a;
  for (let i = lines.length >> 1; i < lines.length && !a; i++) {
    // last octet under 200: any last digit keeps it an address
    const m = /^(\S*\s+(?:\d+\s+)?(?:IN\s+)?A\s+\d+\.\d+\.\d+\.)(1?\d?\d)\s*$/.exec(lines[i]);
    if (m) a = { line: i, col: m[1].length + m[2].length - 1, owner: lines[i].split(/\s/)[0] };
  }
  if (!serial || !a) throw new Error('no SOA serial or A record to type over in the LSP zone');
  return { serial, a };
}

/** A client that answers workspace/configuration with `rules` (daneZone.rules). */
async function startServer(rules) {
  const client = new LspClient(join(ROOT, 'dist', 'server.js'), { cwd: ROOT });
  client.conn.onRequest('workspace/configuration', (p) => p.items.map((it) => (it.section === 'daneZone' ? { rules } : null)));
  const res = await client.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(ROOT).href,
    workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      workspace: { configuration: true, workspaceFolders: true },
    },
    initializationOptions: {},
  });
  client.conn.sendNotification(InitializedNotification.type, {});
  client.capabilities = res.capabilities ?? {};
  return client;
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function lspSession(o, zone, side, session) {
  const text = readFileSync(zone.file, 'utf8');
  const lines = text.split('\n');
  const places = editPlaces(lines);
  const client = await startServer(side.rules);
  const uri = pathToFileURL(join(zone.dir, `lsp-${side.key}-${session}.zone`)).href;
  const out = { openFirstMs: null, openFirstCount: null, openLastMs: null, openLastCount: null, readyMs: null, soaMs: [], aMs: [], soaCounts: [], aCounts: [], timeouts: 0, stale: 0, peakRssKiB: null };
  try {
    const sync = client.syncKind();
    let version = 1;
    const t0 = performance.now();
    const opened = client.waitDiagnostics(uri, 1, 300_000);
    await client.didOpen(uri, text, version);
    const probe = hoverProbe(lines);
    const ready = client.hover(uri, probe.line, probe.character).then(() => performance.now() - t0);
    const first = await opened;
    if (!first) throw new Error(`${side.name}: no diagnostics within 300 s of didOpen`);
    out.readyMs = await ready;
    // the editor's analysis publishes when it ends, about when the hover is answered
    await pause(500);
    const log0 = client.docs.get(uri).log;
    out.openFirstMs = first.at - t0;
    out.openFirstCount = first.count;
    out.openLastMs = log0.at(-1).at - t0;
    out.openLastCount = log0.at(-1).count;

    const aOrig = lines[places.a.line][places.a.col];
    const typeOver = async (p, kind) => {
      const cur = lines[p.line][p.col];
      let d = (Number(cur) + 1) % 10;
      if (kind === 'a' && String(d) === aOrig) d = (d + 1) % 10; // never back to the signed address
      lines[p.line] = lines[p.line].slice(0, p.col) + d + lines[p.line].slice(p.col + 1);
      const change = sync === 2 ? [{ range: { start: { line: p.line, character: p.col }, end: { line: p.line, character: p.col + 1 } }, text: String(d) }]
        : [{ text: lines.join('\n') }];
      version++;
      const t = performance.now();
      const got = client.waitDiagnostics(uri, version, 30_000);
      await client.didChange(uri, version, change);
      const r = await got;
      if (!r) out.timeouts++;
      else {
        out[`${kind}Ms`].push(r.at - t);
        out[`${kind}Counts`].push(r.count);
      }
      await pause(30); // a typist's pause; not measured
    };
    for (let i = 0; i < o.lspEdits; i++) {
      // alternated, the first kind turning each session
      for (const kind of (i + session) % 2 ? ['a', 'soa'] : ['soa', 'a']) await typeOver(kind === 'soa' ? places.serial : places.a, kind);
    }
    out.stale = client.docs.get(uri).stale;
    out.peakRssKiB = client.peakRssKiB();
  } finally {
    await client.close();
  }
  return out;
}

async function runLsp(o, dir, ratioHint) {
  const zone = lspZone(o, dir, ratioHint);
  zone.dir = dir;
  const sides = [
    { key: 'on', name: 'rule on', rules: {} },
    { key: 'off', name: 'rrsig-bogus=off', rules: { 'rrsig-bogus': 'off' } },
  ];
  const sessions = new Map(sides.map((s) => [s.key, []]));
  for (let s = 0; s < o.lspRuns; s++) {
    for (const side of s % 2 ? [...sides].reverse() : sides) {
      const r = await lspSession(o, zone, side, s);
      sessions.get(side.key).push(r);
      log(`bench:signed LSP ${side.name} session ${s + 1}/${o.lspRuns}: open first ${r.openFirstMs.toFixed(0)} ms (${r.openFirstCount}), last ${r.openLastMs.toFixed(0)} ms (${r.openLastCount}), ready ${r.readyMs.toFixed(0)} ms; ` +
        `SOA serial p50 ${percentile(r.soaMs, 50).toFixed(1)} ms, A p50 ${percentile(r.aMs, 50).toFixed(1)} ms, timeouts ${r.timeouts}`);
    }
  }
  const sum = (key) => {
    const ss = sessions.get(key);
    const all = (k) => ss.flatMap((x) => x[k]);
    const q = (xs) => ({ samples: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs.length ? Math.max(...xs) : NaN });
    return {
      side: sides.find((x) => x.key === key).name,
      openFirst: q(ss.map((x) => x.openFirstMs)), openLast: q(ss.map((x) => x.openLastMs)), ready: q(ss.map((x) => x.readyMs)),
      openCounts: { first: ss[0].openFirstCount, last: ss[0].openLastCount },
      soaSerial: { ...q(all('soaMs')), diagnostics: [...new Set(all('soaCounts'))] },
      aRecord: { ...q(all('aMs')), diagnostics: [...new Set(all('aCounts'))] },
      timeouts: ss.reduce((n, x) => n + x.timeouts, 0), stale: ss.reduce((n, x) => n + x.stale, 0),
      peakRssMiB: median(ss.map((x) => (x.peakRssKiB ?? NaN) / 1024)),
      sessionsMs: ss.map((x) => ({ openFirst: round(x.openFirstMs), openLast: round(x.openLastMs), ready: round(x.readyMs),
        soa: x.soaMs.map((v) => round(v)), a: x.aMs.map((v) => round(v)) })),
    };
  };
  return { zone: { alg: o.lspAlg, records: zone.records, rrsigs: zone.rrsigs, lines: zone.lines, bytes: zone.bytes }, sides: sides.map((s) => sum(s.key)) };
}

function lspTable(lsp) {
  const head = ['side', 'open first p50/p95', 'open last p50/p95', 'ready p50/p95', 'SOA serial p50/p95', 'A addr p50/p95', 'diags SOA/A', 'RSS MiB', 'timeouts'];
  const pp = (q) => `${f0(q.p50)} / ${f0(q.p95)}`;
  const pp1 = (q) => `${Number.isFinite(q.p50) ? q.p50.toFixed(1) : '-'} / ${Number.isFinite(q.p95) ? q.p95.toFixed(1) : '-'}`;
  return table(head, lsp.sides.map((s) => [s.side, pp(s.openFirst), pp(s.openLast), pp(s.ready), pp1(s.soaSerial), pp1(s.aRecord),
    `${s.soaSerial.diagnostics.join(',')}/${s.aRecord.diagnostics.join(',')}`, f0(s.peakRssMiB), s.timeouts]));
}

// ---------------------------------------------------------------- main

async function main() {
  const o = parseArgs();
  for (const t of ['dnssec-keygen', 'dnssec-signzone']) if (toolVersion(t, '-h') === null) throw new Error(`${t} is needed to sign the zones (Debian: bind9-dnsutils / bind9-utils)`);
  if (o.build) {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-signed-'));
  log(`bench:signed: signed zones in ${dir}${o.keep ? ' (kept)' : ''}`);
  const results = { date: new Date().toISOString(), machine: machine(), config: { ...o, json: undefined }, tools: [], check: [], lsp: null };
  let ratioHint;
  try {
    if (o.check) {
      const zones = [];
      for (const size of o.sizes) {
        const w = workload(size, o.seed);
        for (const alg of o.algs) for (const denial of o.denial) {
          const name = denial === 'nsec' ? `${size} ${alg}` : `${size} ${alg} ${denial}`;
          const s = signZone(w.file, alg, join(dir, `${size}-${alg}-${denial}`), `zone-${size}-${alg}-${denial}`, denial);
          if (denial === 'nsec') ratioHint ??= s.rrsigs / w.records;
          const z = { zone: name, size, alg, denial, records: w.records, ...s };
          z.findings = findings(z.file);
          log(`bench:signed signed ${z.zone}: ${w.records} records -> ${s.lines} lines, ${s.rrsigs} RRSIGs, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.signMs / 1000).toFixed(1)} s; dane-zone findings ${JSON.stringify(z.findings)}`);
          zones.push(z);
        }
      }
      const toolList = tools(o);
      results.tools = toolList.map((t) => ({ tool: t.tool, version: t.version }));
      results.check = runChecks(o, zones, toolList);
    }
    if (o.lsp) results.lsp = await runLsp(o, dir, ratioHint);
  } finally {
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  results.machine.loadavgEnd = loadavg().map((x) => round(x, 2));

  const m = results.machine;
  const lines = [`dane-zone signed-zone benchmark ${results.date}`,
    `machine: ${m.nproc} cores, ${m.cpu}, Node ${m.node}, Linux ${m.kernel}, load ${m.loadavgStart.join(' ')} -> ${m.loadavgEnd.join(' ')}`];
  if (results.check.length) {
    lines.push(`runs: ${o.runs} per tool and zone, interleaved (medians); x kzc: median / kzonecheck's; x off: median / dane-zone --rule rrsig-bogus=off's`,
      `dane-zone verifies every signature up to ${VERIFY_ALL_UP_TO} RRSIGs, past that the ${'DNSKEY/CDS/CDNSKEY/SOA/NS/MX/TLSA/SMIMEA'} RRsets only (--verify-signatures: all)`, '',
      checkTable(results.check));
    const extra = results.check.map((z) => {
      const on = z.tools.find((t) => t.tool === 'dane-zone'), off = z.tools.find((t) => t.tool === 'dane-zone rrsig-bogus=off');
      const all = z.tools.find((t) => t.tool === 'dane-zone --verify-signatures');
      return `${z.zone}: ${z.rrsigs} RRSIGs (scope ${z.scope}); rule cost (default - off) ${f0(on.medianMs - off.medianMs)} ms wall, ${f0(on.medianCpuMs - off.medianCpuMs)} ms cpu; ` +
        `all verified - off ${f0(all.medianCpuMs - off.medianCpuMs)} ms cpu = ${f0(1000 * (all.medianCpuMs - off.medianCpuMs) / z.rrsigs)} µs per RRSIG; findings ${JSON.stringify(z.findings)}`;
    });
    lines.push('', ...extra);
  }
  if (results.lsp) {
    const l = results.lsp;
    lines.push('', `Language server over stdio, ${l.zone.alg} zone of ${l.zone.records} records, ${l.zone.rrsigs} RRSIGs (${l.zone.lines} lines); ` +
      `${o.lspRuns} sessions per side, interleaved; ${o.lspEdits} keys of each kind per session (ms, didChange -> publish of that version):`, lspTable(l));
  }
  console.log(lines.join('\n'));
  writeFileSync(o.json, JSON.stringify(results, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  log(`bench:signed: results written to ${o.json}`);
}

main().catch((e) => {
  console.error(`bench:signed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
