#!/usr/bin/env node
// Scaling hunt (benchmark script, not a test): for zone shapes that pile many
// records on one or a few names (or nest something deeply), time the work at
// size n and 2n and flag any phase or rule whose time grows more than ~3x when
// the size doubles (the issue: "nothing scales worse than linearly").
//
//   node bench/scaling.mjs [--shape name[,name]] [--n N] [--factor F] [--no-rules] [--list]
//
// Phases, per shape and size (milliseconds, wall):
//   scan       scanZone (the column store of `dane-zone check`)
//   run        runRules over the scanned zone, all rules; run:<rule> one rule
//   open       buildZone(incremental) + RuleCache.full, all rules; open:<rule> one rule
//   edit       10 single-character edits in the middle (reparse + cache.update each);
//              edit:<rule> the cache.update of one rule (its own cache) over the 10 edits
//   cut, paste the middle half of the lines deleted in one change, then put back (reparse + update)
// A key is flagged when t(2n)/t(n) > 3 and t(2n) >= 30 ms; flagged shapes are measured
// again and the minimum of the two runs is kept (noise rarely repeats).
// Found with it (scale-hunt): tlsa-at-apex-many-mx, fat-target, tlsa-after-txt and
// tlsa-fan-in grow quadratically; the many-records-at-one-name shapes cost O(records at
// the name) per keystroke (linear, but ~0.1 ms per record).
// Run one shape per process with a timeout on a loaded machine:
//   for s in $(node bench/scaling.mjs --list); do timeout 60 node bench/scaling.mjs --shape $s; done
import { performance } from 'node:perf_hooks';
import * as core from '../dist/core.js';

const { scanZone, buildZone, RuleCache, reparse, runRules, RULES, typesReadByRules, splitLines, defaultHost } = core;

const ORIGIN = 'example.com.';
const HEADER = [
  `$ORIGIN ${ORIGIN}`,
  '$TTL 3600',
  `@ IN SOA ns1.${ORIGIN} hostmaster.${ORIGIN} ( 2024010101 7200 3600 1209600 300 )`,
  `@ IN NS ns1.${ORIGIN}`,
  `@ IN NS ns2.${ORIGIN}`,
  'ns1 IN A 192.0.2.1',
  'ns2 IN A 192.0.2.2',
];

const ip4 = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const hexOf = (i, bytes) => {
  let s = '';
  let x = (i * 2654435761) >>> 0;
  while (s.length < bytes * 2) {
    x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, bytes * 2).toUpperCase();
};
const tlsa = (i) => {
  const usage = i % 4, selector = (i >> 2) % 2, matching = (i >> 3) % 3;
  const data = matching === 1 ? hexOf(i, 32) : matching === 2 ? hexOf(i, 64) : hexOf(i, 80);
  return `${usage} ${selector} ${matching} ${data}`;
};
const zone = (lines, extra = {}) => ({ text: [...HEADER, ...lines].join('\n') + '\n', ...extra });
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i)).flat();

/** shape name -> { n: default size, gen(n) -> { text, readInclude? } } */
const SHAPES = {
  'mx-one-name': { n: 2000, gen: (n) => zone([...range(n, (i) => `@ IN MX ${i % 50} mx${i}`), ...range(n, (i) => `mx${i} IN A ${ip4(i)}`)]) },
  'mx-tlsa': {
    n: 1500,
    gen: (n) => zone([...range(n, (i) => `@ IN MX ${i % 50} mx${i}`), ...range(n, (i) => [`mx${i} IN A ${ip4(i)}`, `_25._tcp.mx${i} IN TLSA 3 1 1 ${hexOf(i, 32)}`])]),
  },
  'mx-tlsa-some': {
    // every third target without TLSA (partial DANE)
    n: 1500,
    gen: (n) => zone([...range(n, (i) => `@ IN MX ${i % 50} mx${i}`), ...range(n, (i) => [`mx${i} IN A ${ip4(i)}`, ...(i % 3 ? [`_25._tcp.mx${i} IN TLSA 3 1 1 ${hexOf(i, 32)}`] : [])])]),
  },
  'mx-cname-targets': {
    n: 1500,
    gen: (n) => zone([...range(n, (i) => `@ IN MX 10 mx${i}`), ...range(n, (i) => [`mx${i} IN CNAME host${i % 7}`]), ...range(7, (i) => `host${i} IN A ${ip4(i)}`), ...range(n, (i) => `_25._tcp.mx${i} IN TLSA 3 1 1 ${hexOf(i, 32)}`)]),
  },
  'mx-few-names': {
    // many MX at each of 4 mail domains, all pointing at the same few hosts with TLSA
    n: 1500,
    gen: (n) => zone([...range(n, (i) => `d${i % 4} IN MX ${i % 50} mx${i % 10}`), ...range(10, (i) => [`mx${i} IN A ${ip4(i)}`, `_25._tcp.mx${i} IN TLSA 3 1 1 ${hexOf(i, 32)}`])]),
  },
  'tlsa-one-name': {
    n: 2000,
    gen: (n) => zone(['@ IN MX 10 mail', `mail IN A ${ip4(1)}`, ...range(n, (i) => `_25._tcp.mail IN TLSA ${tlsa(i)}`)]),
  },
  'tlsa-at-apex-many-mx': {
    // n MX at the apex (mail domain) and n TLSA at _25._tcp of the apex itself
    // (quadratic in the editor: n = 1000 did not finish in 60 s with the per-rule caches)
    n: 200,
    gen: (n) => zone([...range(n, (i) => `@ IN MX 10 mx${i}`), ...range(n, (i) => `mx${i} IN A ${ip4(i)}`), ...range(n, (i) => `_25._tcp IN TLSA 3 1 1 ${hexOf(i, 32)}`)]),
  },
  'tlsa-fan-in': {
    // n mail domains whose MX all name one host, which has n TLSA records
    n: 1000,
    gen: (n) => zone([...range(n, (i) => `d${i} IN MX 10 mail`), `mail IN A ${ip4(1)}`, ...range(n, (i) => `_25._tcp.mail IN TLSA 3 1 1 ${hexOf(i, 32)}`)]),
  },
  'tlsa-cname-fan-in': {
    // n aliases of one host, each an MX target; n TLSA at the host
    n: 1000,
    gen: (n) => zone([...range(n, (i) => [`d${i} IN MX 10 a${i}`, `a${i} IN CNAME mail`]), `mail IN A ${ip4(1)}`, ...range(n, (i) => `_25._tcp.mail IN TLSA 3 1 1 ${hexOf(i, 32)}`)]),
  },
  'tlsa-after-txt': {
    // n TXT then n TLSA at the same _25._tcp name (RRset-level checks look for the first TLSA)
    n: 1000,
    gen: (n) => zone(['@ IN MX 10 mail', `mail IN A ${ip4(1)}`, ...range(n, (i) => `_25._tcp.mail IN TXT "t${i}"`), ...range(n, (i) => `_25._tcp.mail IN TLSA 3 1 1 ${hexOf(i, 32)}`)]),
  },
  'fat-target': {
    // n MX / NS / SRV at distinct names naming one host that holds n records
    n: 1000,
    gen: (n) => zone([...range(n, (i) => [`d${i} IN MX 10 mail`, `s${i} IN NS mail`, `_x._tcp.d${i} IN SRV 0 0 1 mail`]), ...range(n, (i) => `mail IN TXT "t${i}"`), `mail IN A ${ip4(1)}`]),
  },
  'ns-apex-glue': { n: 2000, gen: (n) => zone([...range(n, (i) => `@ IN NS ns${i + 10}`), ...range(n, (i) => `ns${i + 10} IN A ${ip4(i)}`)]) },
  'ns-apex-noglue': { n: 3000, gen: (n) => zone(range(n, (i) => `@ IN NS ns${i}.other${i % 13}.net.`)) },
  'ns-deleg-glue': {
    n: 2000,
    gen: (n) => zone([...range(n, (i) => `sub IN NS ns${i}.sub`), ...range(n, (i) => `ns${i}.sub IN A ${ip4(i)}`), `sub IN DS 12345 13 2 ${hexOf(1, 32)}`]),
  },
  'ns-deleg-noglue': { n: 3000, gen: (n) => zone(range(n, (i) => `sub IN NS ns${i}.other.net.`)) },
  'cname-chain': { n: 2000, gen: (n) => zone([...range(n, (i) => `c${i} IN CNAME c${i + 1}`), `c${n} IN A ${ip4(1)}`]) },
  'cname-fan-in': { n: 3000, gen: (n) => zone([...range(n, (i) => `c${i} IN CNAME target`), `target IN A ${ip4(1)}`]) },
  'cname-at-one-name': { n: 2000, gen: (n) => zone([...range(n, (i) => `www IN CNAME t${i}`), ...range(n, (i) => `t${i} IN A ${ip4(i)}`)]) },
  'srv-one-name': {
    n: 2000,
    gen: (n) => zone([...range(n, (i) => `_sip._tcp IN SRV ${i % 10} ${i % 7} 5060 sip${i}`), ...range(n, (i) => `sip${i} IN A ${ip4(i)}`)]),
  },
  'txt-spf-one-name': { n: 2000, gen: (n) => zone(range(n, (i) => `@ IN TXT "v=spf1 ip4:${ip4(i)} include:_spf.other${i}.net ~all"`)) },
  'txt-plain-one-name': { n: 3000, gen: (n) => zone(range(n, (i) => `@ IN TXT "some text ${i}" "more ${i}"`)) },
  'txt-dmarc': { n: 2000, gen: (n) => zone(range(n, (i) => `_dmarc IN TXT "v=DMARC1; p=reject; pct=${i % 100}; rua=mailto:d${i}@example.com"`)) },
  'txt-tlsrpt': { n: 2000, gen: (n) => zone(range(n, (i) => `_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls${i}@example.com"`)) },
  'txt-mtasts': { n: 2000, gen: (n) => zone(range(n, (i) => `_mta-sts IN TXT "v=STSv1; id=2024${i}"`)) },
  'txt-dkim': {
    n: 2000,
    gen: (n) => zone(range(n, (i) => `sel._domainkey IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC${hexOf(i, 20)}"`)),
  },
  'txt-mail-mixed': {
    // policy records at many names (placement rules), plus MX so mail domains exist
    n: 1000,
    gen: (n) => zone(range(n, (i) => [
      `d${i} IN MX 10 mail`, `d${i} IN TXT "v=spf1 mx -all"`, `_dmarc.d${i} IN TXT "v=DMARC1; p=none"`,
      `_smtp._tls.d${i} IN TXT "v=TLSRPTv1; rua=mailto:t@example.com"`, `_mta-sts.d${i} IN TXT "v=STSv1; id=1"`,
    ]).concat([`mail IN A ${ip4(1)}`])),
  },
  'spf-chain': { n: 1000, gen: (n) => zone([...range(n, (i) => `s${i} IN TXT "v=spf1 include:s${i + 1}.${ORIGIN} -all"`), `s${n} IN TXT "v=spf1 ip4:10.0.0.1 -all"`]) },
  'spf-chain-apex': {
    // the chain starts at the apex (a mail domain) and every link is a mail domain too
    n: 1000,
    gen: (n) => zone(['@ IN MX 10 mail', `mail IN A ${ip4(1)}`, `@ IN TXT "v=spf1 include:s0.${ORIGIN} -all"`, ...range(n, (i) => [`s${i} IN MX 10 mail`, `s${i} IN TXT "v=spf1 include:s${i + 1}.${ORIGIN} a mx -all"`]), `s${n} IN TXT "v=spf1 ip4:10.0.0.1 -all"`]),
  },
  'spf-diamond': {
    // every link includes the next two: without memoisation the walk is exponential
    n: 60,
    gen: (n) => zone([...range(n, (i) => `s${i} IN TXT "v=spf1 include:s${i + 1}.${ORIGIN} include:s${i + 2}.${ORIGIN} -all"`), `s${n} IN TXT "v=spf1 -all"`, `s${n + 1} IN TXT "v=spf1 -all"`]),
  },
  'spf-fanout': {
    n: 1000,
    gen: (n) => {
      const inc = range(n, (i) => `"include:s${i}.${ORIGIN} "`);
      return zone([`@ IN TXT ( "v=spf1 "`, ...inc.map((s) => `  ${s}`), '  "-all" )', ...range(n, (i) => `s${i} IN TXT "v=spf1 ip4:${ip4(i)} -all"`)]);
    },
  },
  'spf-fanin': {
    // many names each including the same chain of 8
    n: 2000,
    gen: (n) => zone([...range(n, (i) => `h${i} IN TXT "v=spf1 include:c0.${ORIGIN} -all"`), ...range(8, (i) => `c${i} IN TXT "v=spf1 include:c${i + 1}.${ORIGIN} -all"`), `c8 IN TXT "v=spf1 -all"`]),
  },
  'dup-ttl': {
    n: 3000,
    gen: (n) => zone(range(n, (i) => `h IN ${100 + (i % 17)} A ${ip4(i >> 1)}`)),
  },
  'dup-ttl-mx': { n: 2000, gen: (n) => zone([...range(n, (i) => `@ ${100 + (i % 5)} IN MX 10 mx${i >> 1}`), ...range(n, (i) => `mx${i} IN A ${ip4(i)}`)]) },
  'origin-per-record': { n: 3000, gen: (n) => zone(range(n, (i) => [`$ORIGIN d${i}.${ORIGIN}`, `@ IN A ${ip4(i)}`, `www IN CNAME @`])) },
  'includes': {
    n: 2000,
    gen: (n) => ({
      ...zone(range(n, (i) => `$INCLUDE inc${i}.zone`)),
      readInclude: (_from, p) => {
        const i = Number(p.slice(3, -5));
        return { id: `/mem/${p}`, text: `h${i} IN A ${ip4(i)}\nh${i} IN TXT "x"\n` };
      },
    }),
  },
  'generate': { n: 20000, gen: (n) => zone([`$GENERATE 0-${n - 1} host$ A 10.0.0.$`, `$GENERATE 0-${(n >> 2) - 1} c$ CNAME host$`]) },
  'huge-txt': { n: 20000, gen: (n) => zone(['big IN TXT (', ...range(n, (i) => `  "string number ${i} of a huge record"`), ')']) },
  'long-line-txt': { n: 20000, gen: (n) => zone([`big IN TXT ${range(n, (i) => `"s${i}"`).join(' ')}`]) },
  'long-line-comment': { n: 200000, gen: (n) => zone([`a IN A 10.0.0.1 ; ${'x'.repeat(n)}`, ...range(1000, (i) => `h${i} IN A ${ip4(i)}`)]) },
  'long-name-labels': {
    // many names each near the 255-octet limit (many labels)
    n: 2000,
    gen: (n) => zone(range(n, (i) => `${'a.'.repeat(100)}h${i} IN A ${ip4(i)}`)),
  },
  'deep-wildcard': {
    n: 1500,
    gen: (n) => zone(range(n, (i) => [`*.w${i}.${'l.'.repeat(40)}${ORIGIN} IN A ${ip4(i)}`, `x.*.w${i}.${'l.'.repeat(40)}${ORIGIN} IN A ${ip4(i)}`])),
  },
  'wildcard-nest': {
    // wildcards under wildcards, one chain: *.*.*....
    n: 100,
    gen: (n) => zone(range(n, (i) => `${'*.'.repeat(i + 1)}w IN TXT "x"`)),
  },
  'out-of-zone': { n: 3000, gen: (n) => zone(range(n, (i) => `h${i}.other${i % 50}.org. IN A ${ip4(i)}`)) },
  'delegations': {
    n: 1000,
    gen: (n) => zone(range(n, (i) => [`d${i} IN NS ns1.d${i}`, `d${i} IN NS ns2.d${i}`, `d${i} IN DS ${i % 65535} 13 2 ${hexOf(i, 32)}`, `ns1.d${i} IN A ${ip4(2 * i)}`, `ns2.d${i} IN A ${ip4(2 * i + 1)}`])),
  },
  'deep-names-under-deleg': {
    // records under one delegation (occluded data), many names
    n: 2000,
    gen: (n) => zone([`sub IN NS ns1.sub`, `ns1.sub IN A ${ip4(1)}`, ...range(n, (i) => `h${i}.x.sub IN A ${ip4(i)}`)]),
  },
};

// ---- measuring -------------------------------------------------------------

const gc = globalThis.gc ?? (() => {});
const now = () => performance.now();
const host = defaultHost;
const settings = {};

function opts(shape) {
  return { fileId: '/mem/zone.db', origin: ORIGIN, readInclude: shape.readInclude ?? (() => ({ error: 'no includes' })) };
}

/** key -> ms for one shape at one size. */
function measure(shape, withRules) {
  const t = {};
  const o = opts(shape);
  const text = shape.text;

  gc();
  let t0 = now();
  const scanned = scanZone(text, { ...o, keepValues: typesReadByRules(settings) });
  t.scan = now() - t0;
  t0 = now();
  runRules(scanned, host, settings);
  t.run = now() - t0;
  if (withRules) for (const r of RULES) {
    t0 = now();
    runRules(scanned, host, settings, [r]);
    t[`run:${r.id}`] = now() - t0;
  }

  gc();
  const lines = splitLines(text);
  t0 = now();
  let z = buildZone({ id: o.fileId, lines, entries: [] }, { ...o, incremental: true });
  const cache = new RuleCache();
  cache.full(z, host, settings);
  t.open = now() - t0;
  const caches = [];
  if (withRules) for (const r of RULES) {
    const c = new RuleCache([r]);
    t0 = now();
    c.full(z, host, settings);
    t[`open:${r.id}`] = now() - t0;
    caches.push([r, c]);
  }

  // 10 single-character edits in the middle: append a character, then take it away.
  gc();
  const mid = pickEditLine(lines);
  const orig = lines[mid];
  let edit = 0;
  for (let k = 0; k < 10; k++) {
    const n = lines.length;
    lines[mid] = k % 2 === 0 ? orig + 'a' : orig;
    t0 = now();
    const r = reparse(z, lines, { from: mid, to: mid }, n, o);
    cache.update(r.zone, r.removed, r.added, host, settings);
    edit += now() - t0;
    for (const [rule, c] of caches) {
      const t1 = now();
      c.update(r.zone, r.removed, r.added, host, settings);
      t[`edit:${rule.id}`] = (t[`edit:${rule.id}`] ?? 0) + now() - t1;
    }
    z = r.zone;
  }
  t.edit = edit;

  // bulk: delete the middle half of the lines in one change (a cut), then put them back (undo).
  gc();
  const q = lines.length >> 2, cut = lines.slice(q, 3 * q);
  let n0 = lines.length;
  lines.splice(q, cut.length);
  t0 = now();
  let r = reparse(z, lines, { from: q, to: q - 1 }, n0, o);
  cache.update(r.zone, r.removed, r.added, host, settings);
  t.cut = now() - t0;
  z = r.zone;
  n0 = lines.length;
  lines.splice(q, 0, ...cut);
  t0 = now();
  r = reparse(z, lines, { from: q, to: q + cut.length - 1 }, n0, o);
  cache.update(r.zone, r.removed, r.added, host, settings);
  t.paste = now() - t0;
  return t;
}

/** The middle line, moved to the nearest line that is not blank or a closing parenthesis. */
function pickEditLine(lines) {
  let m = lines.length >> 1;
  while (m > 0 && !/[A-Za-z0-9"]\s*$/.test(lines[m])) m--;
  return m;
}

function generate(name, n) {
  const s = SHAPES[name].gen(n);
  return s;
}

function minOf(a, b) {
  const out = {};
  for (const k of Object.keys(a)) out[k] = Math.min(a[k], b[k] ?? Infinity);
  return out;
}

const RATIO = 3;
const FLOOR_MS = 30;

function flagged(small, big) {
  return Object.keys(big).filter((k) => big[k] >= FLOOR_MS && big[k] / Math.max(small[k], 0.05) > RATIO);
}

function runShape(name, n, withRules) {
  measure(generate(name, Math.max(2, n >> 3)), withRules); // warm-up (JIT), not recorded
  const a = generate(name, n), b = generate(name, 2 * n);
  let small = measure(a, withRules);
  let big = measure(b, withRules);
  let flags = flagged(small, big);
  if (flags.length) {
    // again, keep the minimum of both runs
    small = minOf(small, measure(a, withRules));
    big = minOf(big, measure(b, withRules));
    flags = flagged(small, big);
  }
  return { name, n, small, big, flags };
}

// ---- main -------------------------------------------------------------------

const argv = process.argv.slice(2);
const arg = (flag) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (argv.includes('--list')) {
  console.log(Object.keys(SHAPES).join('\n'));
  process.exit(0);
}
const names = arg('--shape') ? arg('--shape').split(',') : Object.keys(SHAPES);
for (const s of names) if (!SHAPES[s]) throw new Error(`unknown shape ${s}; --list shows them`);
const factor = Number(arg('--factor') ?? 1);
const withRules = !argv.includes('--no-rules');
const verbose = argv.includes('--verbose');

const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const allFlags = [];
console.log(['shape', 'size', 'phase', 'ms(n)', 'ms(2n)', 'ratio'].join('\t'));
for (const name of names) {
  const n = Number(arg('--n') ?? Math.round(SHAPES[name].n * factor));
  const r = runShape(name, n, withRules);
  const keys = Object.keys(r.big).filter((k) => verbose || !k.includes(':') || r.flags.includes(k) || r.big[k] >= 20);
  for (const k of keys) {
    const ratio = r.big[k] / Math.max(r.small[k], 0.05);
    console.log([name, `${n}/${2 * n}`, k, fmt(r.small[k]), fmt(r.big[k]), ratio.toFixed(2) + (r.flags.includes(k) ? ' FLAG' : '')].join('\t'));
  }
  for (const k of r.flags) allFlags.push({ shape: name, n, key: k, small: r.small[k], big: r.big[k] });
}
console.log('\nFLAGS' + (allFlags.length ? '' : ': none'));
for (const f of allFlags) console.log(`  ${f.shape} n=${f.n}: ${f.key} ${fmt(f.small)} ms -> ${fmt(f.big)} ms (x${(f.big / Math.max(f.small, 0.05)).toFixed(2)})`);
