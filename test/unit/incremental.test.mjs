// Incremental re-parsing must give exactly what a fresh parse of the edited text
// gives: same records, same problems at the same places. Random edits (seeded)
// hit parentheses, quotes, directives, owners and line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildZone, reparse, presentRecord, absRange, splitLines, RuleCache, RULES, runRules, problemFindings, parseZone, checkText, MAX_ENTRY_LINES } from '../../dist/core.js';
import { findingsAfterEachSplice, findingsAfterEachStep, findingKeys, host } from '../helpers/edit-steps.mjs';

const BASE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster ( 2024010101 ; serial
    7200 3600 1209600 300 )
  IN NS ns1
  IN MX 10 mail
ns1 IN A 192.0.2.1
; dane-zone: cert=mail.pem
_25._tcp.mail IN TLSA 3 1 1 ${'ab'.repeat(32)}
mail IN A 192.0.2.25
  IN AAAA 2001:db8::25
txt IN TXT ( "part one"
   "part two" ) ; trailing
$ORIGIN sub.example.com.
www IN CNAME @
$TTL 60
x IN A 192.0.2.9
$GENERATE 1-3 h$ A 192.0.2.$
y IN MX 10 mail.example.com.
$ORIGIN example.com.
alias IN CNAME mail
  IN MX 20 alias
  IN NS nohost
_sip._tcp IN SRV 0 0 5060 alias
spf IN TXT "v=spf1 include:_s1.example.com. -all"
_s1 IN TXT "v=spf1 a a a a a a a a a a a -all"
loopb IN TXT "v=spf1 include:loopc.example.com -all"
loopc IN TXT "v=spf1 a include:loopb.example.com redirect=_s1.example.com -all"
self IN TXT "v=spf1 mx redirect=self.example.com"
@ IN MX 30 backup
backup IN A 192.0.2.26
_25._tcp IN TLSA 3 1 1 ${'cd'.repeat(32)}
_25._tcp.orphan IN TLSA 3 1 1 ${'ef'.repeat(32)}
@ IN MX 40 via
via IN CNAME orphan2
_25._tcp.orphan2 IN TLSA 3 1 1 ${'12'.repeat(32)}
`;

function snapshot(zone) {
  return {
    origin: zone.origin,
    records: zone.records.map((r) => `${presentRecord(r)} @${JSON.stringify(absRange(r.loc))} ^${r.commentAbove ?? ''}`),
    problems: zone.problems.map((p) => `${p.code} ${p.message} ${JSON.stringify(absRange(p.loc))}`).sort(),
    owners: [...zone.byOwner.entries()].map(([k, v]) => `${k}:${v.map((r) => r.type).join(',')}`).sort(),
    types: [...zone.byType.entries()].map(([k, v]) => `${k}:${v.length}`).sort(),
    targets: [...zone.byTarget.entries()].map(([k, v]) => `${k}:${v.map((r) => r.ownerKey).join(',')}`).sort(),
  };
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['(', ')', '"', ';', '\n', ' ', 'x', '$ORIGIN a.\n', '$TTL 5\n', '\n  IN A 192.0.2.7', 'IN', '3', '\\', '\t', ''];

test('random edits: incremental re-parse equals a full parse', () => {
  const rand = rng(7);
  const opts = { fileId: 'mem.zone' };
  for (let round = 0; round < 40; round++) {
    let lines = splitLines(BASE);
    let zone = buildZone({ id: 'mem.zone', lines, entries: [] }, { ...opts, incremental: true });
    for (let step = 0; step < 25; step++) {
      const oldCount = lines.length;
      const l0 = Math.floor(rand() * lines.length);
      const l1 = Math.min(lines.length - 1, l0 + (rand() < 0.8 ? 0 : Math.floor(rand() * 3)));
      const c0 = Math.floor(rand() * (lines[l0].length + 1));
      const c1 = l1 === l0 ? c0 + Math.floor(rand() * (lines[l0].length - c0 + 1)) : Math.floor(rand() * (lines[l1].length + 1));
      const text = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
      const repl = splitLines(lines[l0].slice(0, c0) + text + lines[l1].slice(c1));
      lines.splice(l0, l1 - l0 + 1, ...repl);
      const changed = { from: l0, to: l0 + repl.length - 1 };
      zone = reparse(zone, lines, changed, oldCount, opts).zone;
      const fresh = buildZone({ id: 'mem.zone', lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
      assert.deepEqual(snapshot(zone), snapshot(fresh), `round ${round} step ${step}: edit ${l0}:${c0}-${l1}:${c1} ${JSON.stringify(text)}`);
    }
  }
});


test('an edit that changes thousands of records rebuilds the indexes: they equal a fresh parse\'s', () => {
  // more than 2000 records removed and added: reparse indexes the whole zone again instead of
  // patching, with owners of two records in a row and owners that come back later
  const body = (tag) => Array.from({ length: 1500 }, (_, i) => `h${i % 700}${tag} IN A 192.0.2.${i % 250}\n  IN MX 10 h${(i + 1) % 700}${tag}\n`).join('');
  const before = `$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n${body('a')}tail IN A 192.0.2.1\n`;
  const lines = splitLines(before);
  const prev = buildZone({ id: 'big.zone', lines, entries: [] }, { fileId: 'big.zone', incremental: true });
  const after = splitLines(before.replace(body('a'), body('b')));
  const zone = reparse(prev, after, { from: 3, to: 3 + 3000 - 1 }, lines.length, { fileId: 'big.zone' }).zone;
  const fresh = buildZone({ id: 'big.zone', lines: after, entries: [] }, { fileId: 'big.zone', incremental: true });
  assert.equal(zone.records.length, 3002);
  assert.deepEqual(snapshot(zone), snapshot(fresh));
});

test('an edit that changes thousands of records in a bigger zone patches the indexes run by run: they equal a fresh parse\'s', () => {
  // 3000 records replaced by 3000 among 27 000 (6000 changed, under a quarter: patched, not
  // rebuilt), with owners,
  // types and MX targets that records before and after the block share
  const body = (tag) => Array.from({ length: 1500 }, (_, i) => `h${i % 700}${tag} IN A 192.0.2.${i % 250}\n  IN MX 10 h${(i + 1) % 700}a\n`).join('');
  const around = (from) => Array.from({ length: 6000 }, (_, i) => `h${(from + i) % 700}a IN A 192.0.2.${i % 250}\n  IN MX 10 h${i % 700}a\n`).join('');
  const before = `$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 hostmaster 1 2 3 4 5\n${around(0)}${body('a')}${around(350)}tail IN A 192.0.2.1\n`;
  const lines = splitLines(before);
  const prev = buildZone({ id: 'big.zone', lines, entries: [] }, { fileId: 'big.zone', incremental: true });
  const after = splitLines(before.replace(body('a'), body('b')));
  const from = 3 + 12000;
  const byOwner = prev.byOwner, byType = prev.byType;
  const zone = reparse(prev, after, { from, to: from + 3000 - 1 }, lines.length, { fileId: 'big.zone' }).zone;
  // patched in place: a rebuild makes new Maps
  assert.ok(zone.byOwner === byOwner && zone.byType === byType, 'the indexes were rebuilt');
  const fresh = buildZone({ id: 'big.zone', lines: after, entries: [] }, { fileId: 'big.zone', incremental: true });
  assert.equal(zone.records.length, 27002);
  assert.deepEqual(snapshot(zone), snapshot(fresh));
});

test('random edits: cached rule findings equal a full rule run', () => {
  const rand = rng(99);
  const opts = { fileId: 'mem.zone' };
  for (let round = 0; round < 15; round++) {
    let lines = splitLines(BASE);
    let zone = buildZone({ id: 'mem.zone', lines, entries: [] }, { ...opts, incremental: true });
    const cache = new RuleCache();
    cache.full(zone, host, {});
    for (let step = 0; step < 20; step++) {
      const oldCount = lines.length;
      const l0 = Math.floor(rand() * lines.length);
      const c0 = Math.floor(rand() * (lines[l0].length + 1));
      const c1 = c0 + Math.floor(rand() * (lines[l0].length - c0 + 1));
      const text = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
      const repl = splitLines(lines[l0].slice(0, c0) + text + lines[l0].slice(c1));
      lines.splice(l0, 1, ...repl);
      const r = reparse(zone, lines, { from: l0, to: l0 + repl.length - 1 }, oldCount, opts);
      zone = r.zone;
      const cached = [...problemFindings(zone), ...cache.update(zone, r.removed, r.added, host, {})];
      const fresh = buildZone({ id: 'mem.zone', lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
      const full = [...problemFindings(fresh), ...runRules(fresh, host, {})];
      assert.deepEqual(findingKeys(cached), findingKeys(full), `round ${round} step ${step}`);
    }
  }
});

test('the SOA typed over in place: cached findings equal a full run after each edit, and only the apex is checked again', () => {
  const base = `$ORIGIN example.com.
@ 3600 IN SOA ns1 hostmaster ( 2024010101 ; serial
    7200 3600 1209600 300 )
@ 3600 IN NS ns1
@ 3600 IN MX 10 mail
ns1 3600 IN A 192.0.2.1
mail 3600 IN A 192.0.2.25
_25._tcp.mail 3600 IN TLSA 3 1 1 ${'ab'.repeat(32)}
old 3600 IN DNAME example.com.
sub 3600 IN NS ns.sub
ns.sub 3600 IN A 192.0.2.53
www 3600 IN CNAME mail
`;
  const lines = splitLines(base);
  const soa = lines.findIndex((l) => l.includes('SOA'));
  const expire = soa + 1;
  findingsAfterEachStep(base, [
    [soa, lines[soa].replace('2024010101', '2024010102')], // the serial bumped
    [expire, '    60 3600 1209600 300 )'], // refresh under a minute: soa-timers
    [expire, lines[expire]],
    [soa, lines[soa].replace('@', 'other')], // the apex moves: every rule again
    [soa, lines[soa]],
    [soa + 2, '@ 3600 IN SOA ns1 hostmaster 1 2 3 4 5'], // a second SOA at the apex
    [soa + 2, lines[soa + 2]],
  ]);
  // A record rule that counts the records it is asked about: a serial bump asks it about the
  // apex's records and the SOA's name server (a name the SOA points at) again, not about every
  // record of the zone.
  const seen = [];
  const counting = { id: 'test-counting', scope: 'record', defaultSeverity: 'hint', rfc: [], summary: 'counts', check(rec) { seen.push(rec.ownerKey); } };
  let zone = buildZone({ id: 'mem.zone', lines, entries: [] }, { fileId: 'mem.zone', incremental: true });
  const cache = new RuleCache([...RULES, counting]);
  cache.full(zone, host, {});
  assert.equal(seen.length, zone.records.length);
  seen.length = 0;
  const oldCount = lines.length;
  lines[soa] = lines[soa].replace('2024010101', '2024010102');
  const r = reparse(zone, lines, { from: soa, to: soa }, oldCount, { fileId: 'mem.zone' });
  cache.update(r.zone, r.removed, r.added, host, {});
  assert.deepEqual([...new Set(seen)].sort(), ['example.com.', 'ns1.example.com.']);
});

test('a $TTL typed over above every record (each record gets a new TTL): cached findings equal a full run', () => {
  const base = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.1
mail IN A 192.0.2.25
mail 300 IN A 192.0.2.26
`;
  // the second A keeps its 300: ttl-mismatch goes and comes with the default
  const steps = findingsAfterEachStep(base, [[1, '$TTL 300'], [1, '$TTL 30'], [1, '$TTL 300'], [1, '$TTL x'], [1, '$TTL 3600']]);
  const mismatch = steps.map((list) => list.some((f) => f.ruleId === 'ttl-mismatch'));
  assert.deepEqual([0, 1, 2, 4].map((i) => mismatch[i]), [false, true, false, true]);
});

test('an unclosed ( ends before the next line that reads as a record, else after MAX_ENTRY_LINES lines: typing one mid-zone, and the ) that closes it, re-read that much, not the rest of the zone', () => {
  const hosts = (from, n) => Array.from({ length: n }, (_, i) => `h${from + i} IN A 192.0.2.${((from + i) % 250) + 1}`);
  const head = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
  const lines = [...head, ...hosts(0, MAX_ENTRY_LINES * 3)];
  const at = head.length + MAX_ENTRY_LINES; // a host line in the middle
  const readWhole = (text, entryLines, records) => {
    const zone = parseZone(text, { fileId: 'paren.zone' });
    assert.equal(zone.file.entries.find((e) => e.unclosed).lineCount, entryLines);
    assert.equal(zone.records.length, records);
    assert.deepEqual(zone.problems.map((p) => p.message).filter((m) => m.startsWith('unclosed')), ["unclosed '(': expected ')' before the next entry"]);
    const check = checkText(text, { fileId: 'paren.zone' });
    assert.equal(check.zone.records.length, zone.records.length, 'the check reads the same records');
    assert.deepEqual(findingKeys(check.findings), findingKeys([...problemFindings(zone), ...runRules(zone, host, {})]));
  };
  // the host line below the '(' reads as a record: the TXT is its own line (a record, with the
  // error at its '('), and no record is lost
  const open = lines.slice();
  open[at] = 'x IN TXT ( "a"';
  readWhole(open.join('\n') + '\n', 1, 3 + MAX_ENTRY_LINES * 3);
  // lines that read as data (quoted strings) go on to MAX_ENTRY_LINES, then records again
  const data = [...head, ...Array.from({ length: MAX_ENTRY_LINES * 2 }, (_, i) => `  "chunk ${i}"`), ...hosts(0, 10)];
  data[head.length] = 'x IN TXT ( "a"';
  // (the TXT of 10 000 strings is too long to be a record, and the chunks after it are errors)
  readWhole(data.join('\n') + '\n', MAX_ENTRY_LINES, 3 + 10);
  // typed while editing: the '(' removes its own record, the ')' brings it back
  const opts = { fileId: 'paren.zone' };
  let z = buildZone({ id: 'paren.zone', lines, entries: [] }, { ...opts, incremental: true });
  const steps = [['x IN TXT (', 'open'], ['x IN TXT ( "a"', 'inside'], ['x IN TXT ( "a" )', 'closed']];
  const counts = {};
  for (const [text, name] of steps) {
    const oldCount = lines.length;
    lines[at] = text;
    const r = reparse(z, lines, { from: at, to: at }, oldCount, opts);
    z = r.zone;
    counts[name] = [r.removed.length, r.added.length];
    const fresh = buildZone({ id: 'paren.zone', lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
    assert.deepEqual(z.records.map(presentRecord), fresh.records.map(presentRecord), name);
  }
  // (the first old entry after the re-read lines is parsed again as after any edit: one record;
  // 'x IN TXT (' has no string and is no record, 'x IN TXT ( "a"' is one)
  assert.deepEqual(counts, { open: [2, 1], inside: [1, 2], closed: [2, 2] });
});

test('a ) typed thousands of lines below an unclosed ( closes it, in the editor as in a fresh read; until then the records between are checked', () => {
  const hosts = Array.from({ length: 3000 }, (_, i) => `h${i} IN A 192.0.2.${(i % 250) + 1}`);
  const base = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1', 'x IN TXT ( "a"', ...hosts, ''].join('\n');
  const steps = findingsAfterEachStep(base, [
    { line: 3005, text: 'h2999 IN A 192.0.2.250 )' }, // closes it: h0..h2999 are TXT words now
    { line: 3005, text: 'h2999 IN A 192.0.2.250' }, // open again
    { line: 2005, text: 'h1999 IN A 192.0.2.250 ; )' }, // a ')' in a comment closes nothing
  ].map(({ line, text }) => [line, text]));
  const syntax = steps.map((fs) => fs.filter((f) => f.ruleId === 'syntax').length);
  assert.deepEqual(syntax, [0, 1, 1]);
});

test('$GENERATE keeps the current owner: renaming the owner before it re-reads the blank-led line after it', () => {
  const opts = { fileId: 'mem.zone' };
  const lines = splitLines('$ORIGIN example.com.\n$TTL 60\nw A 192.0.2.1\n$GENERATE 1-2 g$ A 192.0.2.$\n  A 192.0.2.99\n');
  const zone = buildZone({ id: 'mem.zone', lines, entries: [] }, { ...opts, incremental: true });
  assert.equal(zone.records.at(-1).ownerKey, 'w.example.com.');
  const edited = lines.slice();
  edited[2] = 'v A 192.0.2.1';
  const r = reparse(zone, edited, { from: 2, to: 2 }, lines.length, opts);
  const fresh = buildZone({ id: 'mem.zone', lines: edited.slice(), entries: [] }, opts);
  assert.deepEqual(snapshot(r.zone), snapshot(fresh));
  assert.equal(r.zone.records.at(-1).ownerKey, 'v.example.com.');
});

/** The findings after each step (one line replaced), as sortable strings; each step checked
 *  against a full rule run and the check (test/helpers/edit-steps.mjs). */
const cachedAfterEachStep = (base, steps) => findingsAfterEachStep(base, steps).map(findingKeys);

// Edits that change what a TLSA lookup finds without touching the names a rule reads by
// name: a wildcard, an empty non-terminal below a name (RFC 4592), CNAMEs pointing at a
// TLSA owner or an MX host (reverse dependencies). Each step writes or blanks one line.
test('TLSA lookups through wildcards, empty non-terminals and CNAMEs: cached findings equal a full run after each edit', () => {
  const x = 'a1'.repeat(32);
  const y = 'b2'.repeat(32);
  const base = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
@ IN MX 20 mx2
mx1 IN A 192.0.2.1
mx2 IN A 192.0.2.2
_25._tcp.mx2 IN TLSA 3 1 1 ${x}
_25._tcp.mx2 IN TLSA 3 1 1 ${y}
tlsa._dane IN TLSA 3 1 1 ${x}
tlsa._dane IN TLSA 3 1 1 ${y}
_25._tcp IN TLSA 3 1 1 ${x}
_25._tcp IN TLSA 3 1 1 ${y}
*._tcp.w5 IN TLSA 3 1 1 ${x}
${'\n'.repeat(7)}`;
  const free = splitLines(base).length - 8;
  const steps = [
    [free, `*.mx1 IN TLSA 3 1 1 ${x}`], // the wildcard answers _25._tcp.mx1
    [free + 1, `_443._tcp.mx1 IN TLSA 3 1 1 ${x}`], // _tcp.mx1 now exists: it does not
    [free + 1, ''],
    [free + 1, 'x._25._tcp.mx1 IN A 192.0.2.7'], // _25._tcp.mx1 exists, without TLSA
    [free + 1, ''],
    [free, ''],
    [free, `*._tcp.mx1 IN TLSA 3 1 1 ${x}`],
    [free + 1, '_25._tcp.mx1 IN TXT "blocks the wildcard"'],
    [free + 1, ''],
    [free, ''],
    [free, '_25._tcp.mx1 IN CNAME hop._dane'], // to a name without records
    [free + 6, 'hop._dane IN CNAME tlsa._dane'], // now to the shared TLSA
    [free + 2, '_443._tcp.w5 IN A 192.0.2.8'],
    [free + 3, '_53._udp.w5 IN A 192.0.2.8'],
    [free + 4, '_9._sctp.w5 IN A 192.0.2.8'], // *._tcp.w5 is still a service wildcard
    [free + 5, `*.w5 IN TLSA 3 1 1 ${x}`], // answers no _<port>._<proto> name
    [free + 4, ''], // now it answers _<port>._sctp.w5
    [free, ''], // hop._dane no longer reached, nor tlsa._dane behind it
    [free + 6, ''],
    [free, 'sub IN MX 10 example.com.'], // the mail domain is an MX host too
    [free + 1, 'other IN MX 10 alias'],
    [free, ''],
    [free + 2, 'alias IN CNAME example.com.'], // reached through a CNAME
    [free + 2, ''],
  ];
  let last = '';
  let changes = 0;
  for (const cached of cachedAfterEachStep(base, steps)) {
    const dane = cached.filter((k) => /^tlsa-(partial-dane|owner-form|at-mail-domain) /.test(k)).join('\n');
    if (dane !== last) changes++;
    last = dane;
  }
  assert.ok(changes >= 15, 'the edits change the DANE findings');
});

// target-no-address reads whether its target exists and which wildcard answers it (RFC 4592
// §3.3.1): a wildcard, a name below the target (an empty non-terminal) or a name between it and
// the wildcard, each typed or removed far from the NS and MX records, re-checks them.
test('target-no-address through wildcards and empty non-terminals: cached findings equal a full run after each edit', () => {
  const base = `$ORIGIN nsw.example.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
@ IN NS ns2
@ IN MX 10 mx.sub
ns1 IN A 192.0.2.1
${'\n'.repeat(5)}`;
  const free = splitLines(base).length - 6;
  const steps = [
    [free, '* IN A 192.0.2.2'], // answers ns2, and mx.sub (sub does not exist)
    [free + 1, 'x.ns2 IN TXT "ns2 now exists"'], // an empty non-terminal: no wildcard answer
    [free + 1, ''],
    [free + 2, 'sub IN TXT "sub exists"'], // *.sub would answer mx.sub now; there is none
    [free + 3, '*.sub IN TXT "no address"'],
    [free + 3, '*.sub IN AAAA 2001:db8::2'],
    [free + 3, ''],
    [free + 2, ''],
    [free, '* IN CNAME ns1'], // an alias, not an address
    [free, ''],
  ];
  const counts = findingsAfterEachStep(base, steps).map((found) => found.filter((f) => f.ruleId === 'target-no-address').length);
  assert.deepEqual(counts, [0, 1, 0, 1, 1, 0, 1, 0, 2, 2]);
});

// tlsa-partial-dane on an MX host that is a CNAME: to a host outside the zone, senders query TLSA
// there first (RFC 7672 §2.2.3), which this zone cannot tell; to one inside it, this zone can.
test('tlsa-partial-dane on an MX host whose CNAME leaves the zone or comes back: cached findings equal a full run after each edit', () => {
  const x = 'a1'.repeat(32);
  const base = `$ORIGIN pc.example.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
@ IN MX 20 backup
mx1 IN A 192.0.2.1
_25._tcp.mx1 IN TLSA 3 1 1 ${x}
${'\n'.repeat(4)}`;
  const free = splitLines(base).length - 5;
  const steps = [
    [free, 'backup IN CNAME mx.provider.example.'], // another zone answers _25._tcp.mx.provider.example.
    [free, 'backup IN CNAME relay'], // an in-zone host without TLSA
    [free + 1, `_25._tcp.relay IN TLSA 3 1 1 ${x}`],
    [free + 1, ''],
    [free, 'backup IN CNAME relay.provider.example.'],
    [free, 'backup IN A 192.0.2.2'],
  ];
  const counts = findingsAfterEachStep(base, steps).map((found) => found.filter((f) => f.ruleId === 'tlsa-partial-dane').length);
  assert.deepEqual(counts, [0, 1, 0, 1, 0, 1]);
});

// tlsa-owner-form on wildcards: one in place of the host labels (*._25._tcp.<name>) answers no
// name clients query whatever exists below it; *._tcp.<host> stands for every port of the host,
// and *.<host> answers _<port>._<proto>.<host> while one protocol label does not exist.
test('tlsa-owner-form on *._25._tcp and *._tcp wildcards: cached findings equal a full run after each edit', () => {
  const x = 'a1'.repeat(32);
  const base = `$ORIGIN example.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
mx1 IN A 192.0.2.1
${'\n'.repeat(4)}`;
  const free = splitLines(base).length - 5;
  const steps = [
    [free, `*._25._tcp IN TLSA 3 1 1 ${x}`], // answers only names below _25._tcp.example.com.
    [free + 1, '_tcp._25._tcp IN TXT "below it"'],
    [free + 1, ''],
    [free, `*._tcp.mx1 IN TLSA 3 1 1 ${x}`], // answers _25._tcp.mx1
    [free, `*.mx1 IN TLSA 3 1 1 ${x}`], // answers _<port>._<proto>.mx1 while a protocol label is free
    [free + 1, '_tcp.mx1 IN TXT "x"'],
    [free + 2, '_udp.mx1 IN TXT "x"'],
    [free + 3, '_sctp.mx1 IN TXT "x"'], // now it answers no service name
    [free + 3, ''],
    [free, `*._25._tcp.mx1 IN TLSA 3 1 1 ${x}`],
  ];
  const counts = findingsAfterEachStep(base, steps).map((found) => found.filter((f) => f.ruleId === 'tlsa-owner-form').length);
  assert.deepEqual(counts, [1, 1, 1, 0, 0, 0, 0, 1, 0, 1]);
});

test('name-origin-repeated while typing: names that gain or lose their trailing dot, inherited owners, a new origin', () => {
  const base = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
mail IN A 192.0.2.25
${'\n'.repeat(5)}`;
  const free = splitLines(base).length - 6;
  const steps = [
    [free, 'www IN CNAME example.com'], // the dot forgotten
    [free, 'www IN CNAME example.com.'],
    [free + 1, '@ IN MX 10 mail.example.com'],
    [free + 2, 'mail.example.com IN AAAA 2001:db8::25'], // an owner without its dot
    [free + 3, '  IN TXT "inherits it"'], // nothing more on the inherited line
    [free + 2, 'mail IN AAAA 2001:db8::25'], // the owner fixed: the inherited line follows it
    [2, '@ IN SOA ns1 hostmaster.example.com 1 7200 3600 1209600 300'],
    [0, '$ORIGIN example.net.'], // a new origin: other names repeat it (none here)
    [free, 'www IN CNAME example.net'],
    [0, '$ORIGIN example.com.'],
    [free + 4, '_sip._tcp IN SRV 0 5 5060 Mail.Example.COM'], // a target in mixed case
    [free, 'www IN CNAME \\101xample.com'], // an escaped letter: example.com.example.com.
    [free + 4, '_sip._tcp IN SRV 0 5 5060 mail'],
    [free + 1, '@ IN MX 10 MAIL.example.com.'],
  ];
  const seen = new Set();
  for (const cached of cachedAfterEachStep(base, steps)) seen.add(cached.filter((k) => k.startsWith('name-origin-repeated ')).length);
  assert.ok(seen.size >= 3, `the edits change the rule's findings (counts seen: ${[...seen]})`);
});

test('SMTP TLSA rules on RRsets reached through a CNAME or a *._tcp wildcard: cached findings equal a full run as the names that decide it come and go', () => {
  const x = 'a1'.repeat(32);
  const y = 'd4'.repeat(64);
  const base = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN NS ns1
ns1 IN A 192.0.2.53
@ IN MX 10 mx1
mx1 IN A 192.0.2.1
mx3 IN A 192.0.2.3
tlsa._dane IN TLSA 1 1 1 ${x}
tlsa._dane IN TLSA 3 1 2 ${y}
*._tcp.mx3 IN TLSA 0 1 1 ${x}
*._tcp.mx3 IN TLSA 3 1 1 ${x}
${'\n'.repeat(5)}`;
  const free = splitLines(base).length - 6;
  const steps = [
    [free, '_25._tcp.mx1 IN CNAME tlsa._dane'], // now SMTP: both rules report at tlsa._dane
    [free, ''],
    [free + 1, '@ IN MX 20 mx3'], // mx3 takes mail: its wildcard answers _25._tcp.mx3
    [free + 2, '_25._tcp.mx3 IN TXT "blocks the wildcard"'],
    [free + 2, ''],
    [free + 1, ''],
    [free, '_25._tcp.mx1 IN CNAME hop._dane'], // to a name without records
    [free + 3, 'hop._dane IN CNAME tlsa._dane'], // and on to the TLSA
    [free + 3, ''],
  ];
  const found = findingsAfterEachStep(base, steps);
  const counts = found.map((f) => f.filter((x) => x.ruleId === 'tlsa-usage-unusable-for-smtp' || x.ruleId === 'tlsa-sha256-missing').length);
  assert.deepEqual(counts, [2, 0, 1, 0, 1, 0, 0, 2, 0]);
  // tlsa-single-record too: tlsa._dane's one usable record (3 1 2), the wildcard's (3 1 1)
  assert.deepEqual(found.map((f) => f.filter((x) => x.ruleId === 'tlsa-single-record').length), [1, 0, 1, 0, 1, 0, 0, 1, 0]);
});

// A signed zone edited by hand: a record typed without its signature, the signature added, and
// the apex's DNSKEY signature removed and put back, which makes the zone unsigned and signed
// again (every RRset's signature asked about anew: the cache starts over for such an edit).
test('signed zones: rrsig-missing while typing equals a full run after each edit, also when the zone stops and starts being signed', () => {
  const sig = (type, labels) => `RRSIG ${type} 13 ${labels} 3600 20260201000000 20251201000000 12345 example.com. AAAA`;
  const base = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
@ IN ${sig('SOA', 2)}
@ IN NS ns1
@ IN ${sig('NS', 2)}
@ IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
@ IN ${sig('DNSKEY', 2)}
@ IN MX 10 mail
@ IN ${sig('MX', 2)}
ns1 IN A 192.0.2.1
ns1 IN ${sig('A', 3)}
mail IN A 192.0.2.25
mail IN ${sig('A', 3)}
ns.sub IN A 192.0.2.53
${'\n'.repeat(4)}`;
  const free = splitLines(base).length - 5;
  const steps = [
    [free, `_25._tcp.mail IN TLSA 3 1 1 ${'ab'.repeat(32)}`],
    [free + 1, `_25._tcp.mail IN ${sig('TLSA', 5)}`],
    [free + 2, 'www IN AAAA 2001:db8::80'], // no name a rule reads: only the signing decides about it
    [7, ''], // the DNSKEY's signature gone: still signed (SOA and NS), the DNSKEY RRset unsigned
    [5, ''], // the NS signature gone too: no longer a signed zone
    [5, `@ IN ${sig('NS', 2)}`],
    [7, `@ IN ${sig('DNSKEY', 2)}`],
    [free + 1, ''],
    [3, `@ IN RRSIG SOA 13 2 3600 20260301000000 20251201000000 12345 example.com. AAAA`], // a signature typed over: still signed
    [free + 3, 'sub IN NS ns.example.net.'], // ns.sub is glue now: no signature needed
    [free + 3, ''],
  ];
  const after = cachedAfterEachStep(base, steps).map((keys) => keys.filter((k) => k.startsWith('rrsig-missing')).map((k) => k.split(' ').slice(0, 3).join(' ')));
  const col = (line) => (line === free + 2 ? [7, 11] : line === free - 1 ? [10, 11] : line === 6 ? [5, 11] : [17, 21]);
  const at = (line) => `rrsig-missing error ${JSON.stringify({ startLine: line, startCol: col(line)[0], endLine: line, endCol: col(line)[1] })}`;
  const glue = at(free - 1);
  assert.deepEqual(after, [
    [at(free), glue].sort(), [glue], [at(free + 2), glue].sort(), [at(6), at(free + 2), glue].sort(), [], [at(6), at(free + 2), glue].sort(),
    [at(free + 2), glue].sort(), [at(free), at(free + 2), glue].sort(),
    [at(free), at(free + 2), glue].sort(), [at(free), at(free + 2)].sort(), [at(free), at(free + 2), glue].sort(),
  ]);
});

test('a zone without an SOA: a $ORIGIN line added or removed changes what is in the zone, and the editor checks every record again (spf-lookup-limit, tlsa-partial-dane kept stale findings)', () => {
  const I9 = Array.from({ length: 9 }, (_, i) => `include:s${i}.example.net`).join(' ');
  const spf = '$TTL 60\n$ORIGIN b.example.com.\n@ TXT "v=spf1 mx include:_spf.example.com -all"\n_spf.example.com. TXT "v=spf1 ' + I9 + ' -all"\n';
  const limit = (fs) => fs.filter((f) => f.ruleId === 'spf-lookup-limit').length;
  assert.deepEqual(findingsAfterEachSplice(spf, [[4, 1, ['$ORIGIN example.com.']], [4, 1, []], [4, 0, ['$ORIGIN example.com.']]]).map(limit), [1, 0, 1]);
  const tlsa = '$TTL 60\n$ORIGIN b.example.com.\n@ MX 10 mx1.example.com.\n@ MX 20 mx2.example.com.\nmx1.example.com. A 192.0.2.1\nmx2.example.com. A 192.0.2.2\n_25._tcp.mx1.example.com. TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n';
  const partial = (fs) => fs.filter((f) => f.ruleId === 'tlsa-partial-dane').length;
  assert.deepEqual(findingsAfterEachSplice(tlsa, [[7, 1, ['$ORIGIN example.com.']], [7, 1, ['$ORIGIN c.example.com.']]]).map(partial), [1, 0]);
});

test('the comment lines an unclosed entry leaves to the line below it: an edit of that line re-reads the unclosed entry above the comments (found by fuzzing)', () => {
  const cases = [
    ['(\n;\n MX 0', [[2, 1, []]]], // the record below deleted: the comment is the unclosed entry's again
    ['(\n;\n$', [[2, 0, ['MX 10']]]], // a line that reads as a record typed below the comment
    ['((\n;\n DNSKEY(', [[2, 0, [')']]]],
    ['x TXT ( "a"\n; c\nwww A 192.0.2.1', [[2, 1, ['"b"']], [2, 1, ['www A 192.0.2.1']], [2, 0, ['"b"']], [2, 1, []]]],
    ['x TXT ( "a"\n; dane-zone: ignore=ttl-missing\nwww A 192.0.2.1', [[2, 1, []]]],
    ['x TXT ( "a"\n; c\n$TTL 5', [[2, 1, []]]],
    ['$ORIGIN example.com.\nx TXT ( "a"\n; one\n; two\nbad_1 A 192.0.2.1 ; dane-zone: ignore=hostname-syntax\n', [[4, 1, ['  "b"']], [4, 1, ['bad_1 A 192.0.2.1']]]],
    // an unclosed entry of parentheses and a comment only (no data) is no comment line to walk past
    ['$TTL 60\n ) ( ; a comment\n(\n; dane-zone: ignore=ttl-mismatch\nexample.com. 300 IN TXT ( "a"\n  \nb IN TXT "x"\n', [[4, 0, ['"quoted"']]]],
  ];
  for (const [base, steps] of cases) findingsAfterEachSplice(base, steps);
});

test('a blank-led record right after a $ORIGIN: its warning comes and goes as the $ORIGIN, the record or a record between is typed, as in a fresh read', () => {
  const base = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1',
    '; free', '  IN A 192.0.2.2', '; free', '  IN AAAA 2001:db8::2', ''].join('\n');
  const warned = (fs) => fs.filter((f) => f.ruleId === 'syntax' && /immediately after \$ORIGIN/.test(f.message)).map((f) => absRange(f.loc).startLine);
  const steps = findingsAfterEachStep(base, [
    [5, '$ORIGIN sub.example.com.'], // the record below now repeats ns1's owner right after it
    [7, 'www IN A 192.0.2.3'], // a record naming its owner between: the next one is fine
    [7, '; free'],
    [6, 'web IN A 192.0.2.2'], // the record right after names its owner
    [6, '  IN A 192.0.2.2'],
    [5, '; free'],
    [5, '$ORIGIN sub.example.com.'],
    [6, 'bad..name IN A 192.0.2.2'], // a record that does not read ends it too (the CLI's reader as the editor's)
  ]);
  assert.deepEqual(steps.map(warned), [[6], [6], [6], [], [6], [], [6], []]);
});

test('a delegation that hid a CNAME to a TLSA RRset goes: the SMTP TLSA rules check that RRset again, as a fresh read does', () => {
  const base = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.53',
    '@ IN MX 10 mx1', 'mx1 IN A 192.0.2.1',
    '_25._tcp.mx1 IN NS ns1', '_25._tcp.mx1 IN A 192.0.2.4', '_25._tcp.mx1 IN CNAME _dane.mx1', `_dane.mx1 IN TLSA 1 1 1 ${'cd'.repeat(32)}`, ''].join('\n');
  const steps = findingsAfterEachStep(base, [
    [7, '; c'], // the delegation goes: _25._tcp.mx1's CNAME now leads senders to _dane.mx1
    [7, '_25._tcp.mx1 IN NS ns1'],
    [7, '_tcp.mx1 IN NS ns1'], // a delegation above it hides it too
    [7, '; c'],
  ]);
  assert.deepEqual(steps.map((f) => f.filter((x) => x.ruleId === 'tlsa-usage-unusable-for-smtp').length), [1, 0, 0, 1]);
});
