// Each zone-level rule against its fixture (test/fixtures/rules/<rule-id>.zone),
// whose inline expectations list exactly the findings dane-zone must report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { checkFixture } from '../helpers/expectations.mjs';

const dir = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

const ZONE_RULES = [
  'cname-and-other-data', 'multiple-cname', 'target-is-cname', 'target-no-address', 'target-is-address', 'hostname-syntax', 'soa-rname-mailbox', 'caa-critical-unknown-tag',
  'soa-missing', 'soa-multiple', 'ns-missing-at-apex', 'soa-not-at-origin', 'out-of-zone', 'ttl-mismatch', 'duplicate-record',
  'soa-timers', 'non-terminal-wildcard', 'ds-at-apex', 'nsec3param-unusable', 'nsec3-owner-hash', 'ns-wildcard-owner', 'null-mx-mixed', 'name-origin-repeated', 'svcb-reserved-key',
  'dname-with-children', 'occluded-below-delegation', 'rrsig-expired', 'rrsig-missing', 'rrsig-labels', 'rrsig-signer', 'rrsig-bogus', 'rrsig-ttl', 'cds-no-dnskey', 'cdnskey-no-dnskey', 'cds-cdnskey-mismatch', 'dnskey-unusable',
  'nsec-bitmap', 'nsec-chain', 'nsec-next-name', 'ptr-target-in-reverse-tree', 'name-not-ascii',
];

test('every rule outside the DANE rules has its fixture here (a new rule cannot be left out)', () => {
  const dane = new Set(core.DANE_RULES.map((r) => r.id));
  assert.deepEqual(core.RULES.map((r) => r.id).filter((id) => !dane.has(id) && !ZONE_RULES.includes(id)), []);
});

for (const id of ZONE_RULES) {
  test(`rule ${id}: fixture findings match inline expectations`, () => {
    const rule = core.RULES.find((r) => r.id === id);
    assert.ok(rule, `${id} is in the registry`);
    assert.ok(rule.rfc.length > 0 && rule.rfc.every((r) => /^RFC \d+/.test(r.label) && r.url.startsWith('https://www.rfc-editor.org/rfc/')), `${id} cites RFC sections`);
    const file = `${dir}${id}.zone`;
    assert.ok(existsSync(file), `fixture ${file}`);
    const found = checkFixture(core, file);
    assert.ok(found.some((f) => f.ruleId === id), `the fixture exercises ${id}`);
  });
}

test('ds-digest-type (a parse-problem code: checked while reading, no record made for a rule): reserved and unassigned are errors, SHA-1 and GOST 94 warnings, CDS left alone', () => {
  const found = checkFixture(core, `${dir}ds-digest-type.zone`).filter((f) => f.ruleId === 'ds-digest-type');
  assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning', 'error', 'error']);
  assert.match(found[2].message, /^DS digest type 0 is reserved: validators know no such digest and treat the DS as absent \(RFC 4035 §5\.2\), and Knot refuses the zone; use 2 \(SHA-256\)$/);
  // the same from the column store of a whole-file check (its fast path leaves such a DS to the parser)
  const text = readFileSync(`${dir}ds-digest-type.zone`, 'utf8');
  const rows = core.scanZone(text, { fileId: 'ds.zone', keepValues: new Set() });
  assert.deepEqual(rows.problems.filter((p) => p.code === 'ds-digest-type').map((p) => core.absRange(p.loc).startLine), found.map((f) => f.line));
});

test('soa-missing leaves $INCLUDE fragments (no apex NS) alone', () => {
  checkFixture(core, `${dir}soa-missing-fragment.zone`);
});

test('soa-missing: an SOA written with bad RDATA is there (its own error says why); a file checked as a zone needs one even empty', () => {
  const host = (options = {}) => ({ now: () => new Date(), options });
  const ids = (text, options) => core.checkText(text, { fileId: 'z.zone', host: host(options) }).findings.map((f) => `${core.absRange(f.loc).startLine}:${f.ruleId}`);
  const badSerial = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 hm 1h 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
  assert.deepEqual(ids(badSerial), ['2:rdata-invalid']);
  assert.deepEqual(ids(badSerial.replace(' 300\n@ NS', '\n@ NS')), ['2:rdata-invalid'], 'a missing minimum');
  // the editor takes a file without records or apex NS for a fragment being typed; the CLI takes a
  // file without any record for an empty zone (BIND and Knot refuse it), one with records for a fragment
  for (const text of ['', '; only a comment\n', '$ORIGIN example.com.\n$TTL 300\n']) {
    assert.deepEqual(ids(text), [], JSON.stringify(text));
    assert.deepEqual(ids(text, { wholeZone: true }), ['0:soa-missing'], JSON.stringify(text));
  }
  assert.match(core.checkText('', { fileId: 'z.zone', host: host({ wholeZone: true }) }).findings[0].message, /^no SOA record \(the file has no records at all\): a zone needs exactly one SOA at its apex$/);
  assert.deepEqual(ids('$ORIGIN example.com.\n$TTL 300\nwww A 192.0.2.1\n', { wholeZone: true }), []);
  // records that failed to read are records: their errors, not "the file has no records at all"
  assert.deepEqual(ids('$ORIGIN example.com.\n$TTL 300\nwww A 300.1.1.1\n', { wholeZone: true }), ['2:rdata-invalid']);
});

test('name-origin-repeated: the message names the meant name; the quick-fix appends the dot and the finding goes', () => {
  const text = [
    '$ORIGIN shop.example.', '$TTL 3600',
    '@ IN SOA ns1 hostmaster.shop.example 1 7200 3600 1209600 300',
    '  IN NS ns1', '  IN MX 10 mail.Shop.Example', 'ns1 IN A 192.0.2.1', 'mail IN A 192.0.2.2',
    'www IN CNAME shop.example', 'ns2.shop.example IN A 192.0.2.3', '',
  ].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'name-origin-repeated');
  const found = core.checkText(text, { fileId: 'dot.zone', host }).findings.filter((f) => f.ruleId === 'name-origin-repeated');
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [2, 4, 7, 8]);
  const cname = found.find((f) => core.absRange(f.loc).startLine === 7);
  assert.equal(cname.severity, 'warning');
  assert.match(cname.message, /^CNAME target shop\.example\.shop\.example\.: the origin twice/);
  assert.match(cname.message, /did you mean shop\.example\.\? \(RFC 1035 §5\.1\)$/);
  assert.match(found.find((f) => core.absRange(f.loc).startLine === 4).message, /did you mean mail\.Shop\.Example\.\?/);
  assert.doesNotMatch(found.map((f) => f.message).join(' '), /line \d/);
  // apply every fix (one edit each, appending the dot), then nothing is left to report
  const lines = text.split('\n');
  const edits = found.flatMap((f) => rule.fixes(f.data).flatMap((x) => x.edits));
  assert.equal(edits.length, 4);
  for (const e of edits.sort((a, b) => b.range.startLine - a.range.startLine || b.range.startCol - a.range.startCol)) {
    const l = lines[e.range.startLine];
    lines[e.range.startLine] = l.slice(0, e.range.startCol) + e.newText + l.slice(e.range.endCol);
  }
  const fixed = lines.join('\n');
  assert.match(fixed, /IN CNAME shop\.example\.\n/);
  assert.match(fixed, /hostmaster\.shop\.example\. 1/);
  assert.match(fixed, /\nns2\.shop\.example\. IN A/);
  assert.deepEqual(core.checkText(fixed, { fileId: 'dot.zone', host }).findings.filter((f) => f.ruleId === 'name-origin-repeated'), []);
  // no zone origin, or the root: nothing to compare with
  assert.deepEqual(core.checkText('$ORIGIN .\n$TTL 3600\nwww IN CNAME a.b\n', { fileId: 'r.zone', host }).findings.filter((f) => f.ruleId === 'name-origin-repeated'), []);
});

test('severities: NS problems are errors (BIND refuses the zone), MX problems warnings', () => {
  const text = [
    '$ORIGIN example.com.', '$TTL 3600',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '  IN NS ns1', '  IN NS alias', '  IN MX 10 alias', '  IN MX 20 nomail',
    'ns1 IN A 192.0.2.1', 'alias IN CNAME ns1', 'nomail IN TXT "x"', '',
  ].join('\n');
  const { findings } = core.checkText(text, { fileId: 'sev.zone', host: { now: () => new Date(), options: {} } });
  const sev = (id, line) => findings.find((f) => f.ruleId === id && core.absRange(f.loc).startLine === line)?.severity;
  assert.equal(sev('target-is-cname', 4), 'error');
  assert.equal(sev('mx-target-cname', 5), 'warning');
  assert.equal(sev('target-no-address', 6), 'warning');
});

test('settings turn a rule off or change its severity', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 h 1 3600 7200 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  const host = { now: () => new Date(), options: {} };
  const base = core.checkText(text, { fileId: 's.zone', host }).findings.filter((f) => f.ruleId === 'soa-timers');
  assert.deepEqual(base.map((f) => [core.absRange(f.loc).startLine, f.severity, f.message]), [[2, 'warning', 'SOA retry (2h) should be shorter than refresh (1h)']]);
  const off = core.checkText(text, { fileId: 's.zone', host, settings: { severities: { 'soa-timers': 'off' } } });
  assert.deepEqual(off.findings.filter((f) => f.ruleId === 'soa-timers'), []);
  const err = core.checkText(text, { fileId: 's.zone', host, settings: { severities: { 'soa-timers': 'error' } } });
  assert.deepEqual(err.findings.filter((f) => f.ruleId === 'soa-timers').map((f) => f.severity), ['error']);
});

test('target-is-address: an error for NS (BIND refuses the zone), a warning for MX and SRV; the message names the address and the name it became', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\n  IN NS 192.0.2.54\n  IN MX 10 192.0.2.25\nns1 IN A 192.0.2.1\n_sip._tcp IN SRV 0 0 5060 2001:db8::60\n';
  const found = core.checkText(text, { fileId: 'addr.zone', host: { now: () => new Date(), options: {} } }).findings;
  assert.deepEqual(found.map((f) => [f.ruleId, f.severity, core.absRange(f.loc).startLine]), [
    ['target-is-address', 'error', 4], ['target-is-address', 'warning', 5], ['target-is-address', 'warning', 7],
  ]);
  assert.equal(found[1].message, 'MX target 192.0.2.25 is an IP address, read as the host name 192.0.2.25.example.com.: an MX record names a host, which needs its own A or AAAA record; write that host\'s name here');
  assert.match(found[2].message, /^SRV target 2001:db8::60 is an IP address, read as the host name 2001:db8::60\.example\.com\./);
});

test('target-no-address: a target written like another domain\'s name without its final dot gets the hint and a fix that adds the dot; the fixed zone has nothing left', () => {
  const text = [
    '$ORIGIN example.org.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1',
    '  IN NS ns2.example.net', '  IN MX 10 mx.example.de', '  IN MX 20 mail.sub', '  IN MX 30 mail', 'sub IN TXT "x"', '',
  ].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'target-no-address');
  const found = core.checkText(text, { fileId: 'dot.zone', host }).findings.filter((f) => f.ruleId === 'target-no-address');
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [5, 6, 7, 8]);
  assert.equal(found[0].message, 'NS target ns2.example.net.example.org. is inside the zone but has no A or AAAA record: written without a final dot, so the origin was appended; did you mean ns2.example.net.? (RFC 1035 §5.1)');
  assert.match(found[1].message, /did you mean mx\.example\.de\.\?/);
  // names that read as this zone's own (no top-level domain at their end): no hint, no fix
  for (const f of found.slice(2)) {
    assert.doesNotMatch(f.message, /final dot/);
    assert.deepEqual(rule.fixes(f.data), []);
  }
  const fixes = found.slice(0, 2).map((f) => rule.fixes(f.data));
  assert.deepEqual(fixes.map((x) => x.map((f) => f.title)), [['Add the trailing dot: ns2.example.net.'], ['Add the trailing dot: mx.example.de.']]);
  const lines = text.split('\n');
  for (const e of fixes.flat().flatMap((f) => f.edits)) {
    const l = lines[e.range.startLine];
    lines[e.range.startLine] = l.slice(0, e.range.startCol) + e.newText + l.slice(e.range.endCol);
  }
  const after = core.checkText(lines.join('\n'), { fileId: 'dot.zone', host }).findings.filter((f) => f.ruleId === 'target-no-address');
  assert.deepEqual(after.map((f) => core.absRange(f.loc).startLine), [7, 8]);
});

test('ptr-target-in-reverse-tree: "Add the trailing dot" makes the PTR name the host, and the finding goes', () => {
  const text = ['$ORIGIN 2.0.192.in-addr.arpa.', '$TTL 3600', '@ IN SOA ns1.example.com. h.example.com. 1 7200 3600 1209600 300', '  IN NS ns1.example.com.',
    '26 IN PTR mx2.example.com', '27 IN PTR web', '28 IN PTR 28.2.0.192.in-addr.arpa', ''].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'ptr-target-in-reverse-tree');
  const found = core.checkText(text, { fileId: 'rev.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [4, 5, 6]);
  // a single label, or a name that is in the reverse tree even with its dot: no fix to guess
  assert.deepEqual(found.map((f) => rule.fixes(f.data).map((x) => x.title)), [['Add the trailing dot: mx2.example.com.'], [], []]);
  const [fix] = rule.fixes(found[0].data);
  const lines = text.split('\n');
  const e = fix.edits[0];
  lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  assert.equal(lines[4], '26 IN PTR mx2.example.com.');
  const after = core.checkText(lines.join('\n'), { fileId: 'rev.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  assert.deepEqual(after.map((f) => core.absRange(f.loc).startLine), [5, 6]);
});

test('hostname-syntax: its answers for every name of a column store (no key strings) agree with its question per name, spans and origins alike', () => {
  const owners = ['www', 'my_host', '-lead', 'trail-', '*.wild', 'a.*.b', 'a*b', 'Upper_Case', 'MiXeD-ok', 'M\u00fcller', 'xn--mller-kva', '1digit',
    'a\\032b', 'a\\.b_c', 'abs_olute.example.com.', 'fine.example.com.', '@'];
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  owners.forEach((o, i) => lines.push(`${o} IN A 192.0.2.${i + 2}`));
  // an origin that is no host name: every name written relative to it fails with it
  lines.push('$ORIGIN _srv.example.com.', 'www IN A 192.0.2.99', 'ok.example.com. IN A 192.0.2.98');
  const zone = core.scanZone(lines.join('\n') + '\n', { fileId: 'names.zone', origin: 'example.com.', keepValues: core.typesReadByRules() });
  const rule = core.RULES.find((r) => r.id === 'hostname-syntax');
  const answers = rule.ownerAnswers(zone, zone.rows);
  assert.equal(answers.length, zone.rows.nameCount);
  const bad = [];
  for (let id = 0; id < zone.rows.nameCount; id++) {
    const key = zone.rows.nameKey(id);
    assert.equal(answers[id], rule.appliesToOwner(key, zone) ? 1 : 2, key);
    if (answers[id] === 1) bad.push(key);
  }
  // müller: characters beyond ASCII are name-not-ascii's, which answers the same way for them
  assert.deepEqual(bad.sort(), ['-lead.example.com.', 'a*b.example.com.', 'abs_olute.example.com.', 'my_host.example.com.', 'trail-.example.com.', 'upper_case.example.com.', 'www._srv.example.com.', 'a\\.b_c.example.com.'].sort());
  const idn = core.RULES.find((r) => r.id === 'name-not-ascii');
  const idnAnswers = idn.ownerAnswers(zone, zone.rows);
  const beyond = [];
  for (let id = 0; id < zone.rows.nameCount; id++) {
    const key = zone.rows.nameKey(id);
    assert.equal(idnAnswers[id], idn.appliesToOwner(key, zone) ? 1 : 2, key);
    if (idnAnswers[id] === 1) beyond.push(key);
  }
  assert.deepEqual(beyond, ['m\u00fcller.example.com.']);
});

test('null-mx-mixed: "Write the null MX with preference 0" turns a lone MX 10 . into the null MX of RFC 7505', () => {
  const text = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 h 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1', 'nomail IN MX 10 .', ''].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'null-mx-mixed');
  const [found, ...more] = core.checkText(text, { fileId: 'nullmx.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  assert.deepEqual(more, []);
  const [fix] = rule.fixes(found.data);
  const lines = text.split('\n');
  const e = fix.edits[0];
  lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  assert.equal(lines[5], 'nomail IN MX 0 .');
  assert.deepEqual(core.checkText(lines.join('\n'), { fileId: 'nullmx.zone', host }).findings, []);
});

test('name-not-ascii: "Write it in A-labels" writes the name as applications look it up, and the finding goes', () => {
  const text = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 h 1 7200 3600 1209600 300', '  IN NS ns1', 'ns1 IN A 192.0.2.1',
    'B\u00fccher IN TXT "x"', 'www IN CNAME b\u00fccher.example.com.', ''].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'name-not-ascii');
  const found = core.checkText(text, { fileId: 'idn.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [5, 6]);
  const fixes = found.map((f) => rule.fixes(f.data));
  assert.deepEqual(fixes.map((x) => x.map((f) => f.title)), [['Write it in A-labels: xn--bcher-kva'], ['Write it in A-labels: xn--bcher-kva.example.com.']]);
  const lines = text.split('\n');
  for (const e of fixes.flat().flatMap((f) => f.edits)) lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  assert.deepEqual(lines.slice(5, 7), ['xn--bcher-kva IN TXT "x"', 'www IN CNAME xn--bcher-kva.example.com.']);
  assert.deepEqual(core.checkText(lines.join('\n'), { fileId: 'idn.zone', host }).findings, []);
});

test('soa-rname-mailbox: the fix writes the mailbox as a name (the local part\'s dots escaped), and the fixed zone has nothing left', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 john.doe@Example.com. 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'soa-rname-mailbox');
  const [f] = core.checkText(text, { fileId: 'rname.zone', host }).findings.filter((x) => x.ruleId === 'soa-rname-mailbox');
  assert.match(f.message, /^SOA RNAME john\.doe@Example\.com\. is written as an e-mail address: .*did you mean john\\\.doe\.Example\.com\.\? \(RFC 1035 §8\)$/);
  const [fix] = rule.fixes(f.data);
  assert.equal(fix.title, 'Write the mailbox as a name: john\\.doe.Example.com.');
  const [e] = fix.edits;
  const lines = text.split('\n');
  lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  const z = core.checkText(lines.join('\n'), { fileId: 'rname.zone', host });
  assert.deepEqual(z.findings.map((x) => x.ruleId), []);
  assert.equal(z.zone.records.find((r) => r.type === 'SOA').values[1], 'john\\.doe.Example.com.');
});

test('soa-rname-mailbox: each fix leaves a zone with nothing to say; where the meaning cannot be told there is no fix', () => {
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'soa-rname-mailbox');
  const zoneWith = (rname) => `$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 ${rname} 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n`;
  const fixed = (rname) => {
    const text = zoneWith(rname);
    const [f] = core.checkText(text, { fileId: 'rname.zone', host }).findings.filter((x) => x.ruleId === 'soa-rname-mailbox');
    const fixes = f.data ? rule.fixes(f.data) : [];
    if (!fixes.length) return { message: f.message };
    const [e] = fixes[0].edits;
    const lines = text.split('\n');
    lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
    const z = core.checkText(lines.join('\n'), { fileId: 'rname.zone', host });
    return { findings: z.findings.map((x) => x.ruleId), rname: z.zone.records.find((r) => r.type === 'SOA').values[1] };
  };
  // admin@ is admin at the origin; an address without its final dot gets it
  assert.deepEqual(fixed('admin@'), { findings: [], rname: 'admin.example.com.' });
  assert.deepEqual(fixed('admin@example.com'), { findings: [], rname: 'admin.example.com.' });
  assert.deepEqual(fixed('admin@mail.example.net'), { findings: [], rname: 'admin.mail.example.net.' });
  // no local part, or two '@': which mailbox was meant is not known
  for (const rname of ['@admin.example.com.', 'a@b@example.com.']) {
    const r = fixed(rname);
    assert.equal(r.findings, undefined, rname);
    assert.match(r.message, /written as an e-mail address: .*; hostmaster@example\.org is hostmaster\.example\.org\. \(RFC 1035 §8\)$/, rname);
  }
});

test('soa-not-at-origin: the fix adds the final dot and the zone is whole again; a zone named by --origin must have its SOA there', () => {
  const rule = core.RULES.find((r) => r.id === 'soa-not-at-origin');
  const host = (options = {}) => ({ now: () => new Date(), options });
  const text = '$ORIGIN example.com.\n$TTL 3600\nexample.com IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  const [f] = core.checkText(text, { fileId: 'z.zone', host: host() }).findings.filter((x) => x.ruleId === 'soa-not-at-origin');
  assert.equal(f.message, 'the SOA is at example.com.example.com., example.com. written twice: example.com written without its final dot, so the origin was appended? Every other record of example.com. is then outside the zone (RFC 1035 §5.1, §5.2)');
  const [fix] = rule.fixes(f.data);
  const [e] = fix.edits;
  const lines = text.split('\n');
  lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  assert.deepEqual(core.checkText(lines.join('\n'), { fileId: 'z.zone', host: host() }).findings.map((x) => x.ruleId), []);
  // named by --origin: another SOA owner is an error, with or without a doubled name
  const fixed = lines.join('\n');
  const named = (t, zoneName) => core.checkText(t, { fileId: 'z.zone', host: host({ zoneName }) }).findings.filter((x) => x.ruleId === 'soa-not-at-origin').map((x) => x.message);
  assert.deepEqual(named(fixed, 'example.com'), []);
  assert.deepEqual(named(fixed, 'Example.COM.'), []);
  assert.deepEqual(named(fixed, 'example.org.'), ['the SOA is at example.com., but the zone is example.org. (--origin): the SOA marks the top of the zone (RFC 1035 §5.2); BIND refuses it ("SOA record not at top of zone")']);
  assert.match(named(text, 'example.com.')[0], /^the SOA is at example\.com\.example\.com\., but the zone is example\.com\. \(--origin\) \(example\.com written without its final dot, so the origin was appended\?\)/);
  // an SOA at @ of a doubled $ORIGIN gets no fix: nothing written there to add a dot to
  const at = core.checkText('$ORIGIN a.b.a.b.\n$TTL 60\n@ IN SOA ns1 h 1 2 3 4 5\n  IN NS ns1\n', { fileId: 'z.zone', host: host() }).findings.find((x) => x.ruleId === 'soa-not-at-origin');
  assert.equal(at.data, undefined);
});

test('dname-with-children: an apex DNAME of an NSEC3-signed zone does not redirect the NSEC3 records (hashed owners) nor their signatures; other names below it are still reported', () => {
  const zone = '$ORIGIN example.org.\n$TTL 3600\n@ SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 1209600 300\n@ NS ns1.example.net.\n@ DNAME example.com.\n' +
    '8UM1KJCJMOFVVMQ7CB0OP7JT39LG8R9J NSEC3 1 0 0 - 8UM1KJCJMOFVVMQ7CB0OP7JT39LG8R9J NS SOA RRSIG DNSKEY NSEC3PARAM\n' +
    '8UM1KJCJMOFVVMQ7CB0OP7JT39LG8R9J RRSIG NSEC3 13 3 3600 20261229032633 20261129032633 12694 example.org. AAAA\n' +
    'www A 192.0.2.1\n';
  const found = core.checkText(zone, { fileId: 'dn.zone' }).findings.filter((f) => f.ruleId === 'dname-with-children');
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [7]);
});

test('rrsig-expired and the RRSIG hover say a time under an hour in minutes, as one phrasing', () => {
  const zone = '$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 1 3600 900 604800 300\n@ NS ns1\nns1 A 192.0.2.1\nns1 RRSIG A 13 3 60 20250701000000 20250601000200 12345 example.com. AAAA\n';
  const now = new Date('2025-06-01T00:00:00Z');
  const [f] = core.checkText(zone, { fileId: 'm.zone', host: { now: () => now, options: {} } }).findings.filter((x) => x.ruleId === 'rrsig-expired');
  assert.match(f.message, /^this signature is not valid before 2025-06-01 00:02 UTC, in 2 minutes:/);
  const z = core.parseZone(zone, { fileId: 'm.zone', keepTokens: true });
  assert.match(core.hoverAt(z, 5, 39, now.getTime()).markdown, /\(in 2 minutes: the signature is not valid yet\)/);
});

test('rrsig-ttl: the fixes set a TTL back to the signed one (written over it, or before the type where the record inherits one) or an RRSIG\'s TTL to its RRset\'s, and the zone then has nothing to say', () => {
  const rule = core.RULES.find((r) => r.id === 'rrsig-ttl');
  const host = { now: () => new Date('2025-06-01T00:00:00Z'), options: {} };
  const text = readFileSync(fileURLToPath(new URL('../fixtures/rules/rrsig-ttl.zone', import.meta.url)), 'utf8');
  const opts = { fileId: 'rrsig-ttl.zone', origin: 'example.com.', host };
  const findings = core.checkText(text, opts).findings.filter((f) => f.ruleId === 'rrsig-ttl');
  const fixes = findings.map((f) => rule.fixes(f.data));
  assert.ok(fixes.every((list) => list.length === 1 && list[0].preferred === false));
  const titles = [...new Set(fixes.map(([fx]) => fx.title))];
  assert.deepEqual(titles, ['Set the TTL of the NSEC RRset back to 300, the signed one', "Set this RRSIG's TTL to 3600, its RRset's", 'Set the TTL of the A RRset back to 3600, the signed one']);
  // one fix of each title (two signatures offer the same one: the light bulb shows it once)
  const lines = text.split('\n');
  const edits = titles.map((t) => fixes.find(([fx]) => fx.title === t)[0].edits).flat().sort((a, b) => b.range.startLine - a.range.startLine || b.range.startCol - a.range.startCol);
  for (const e of edits) lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  const fixed = lines.join('\n');
  assert.ok(fixed.includes('\nmail           300 NSEC   _25._tcp.mail.example.com.'), 'the inherited TTL written before the type');
  assert.ok(fixed.includes('\nns1 3600         RRSIG  A 15 3 3600') && fixed.includes('\nwww 3600       A      192.0.2.80'));
  assert.deepEqual(core.checkText(fixed, opts).findings.filter((f) => f.ruleId === 'rrsig-ttl' || f.ruleId === 'ttl-mismatch'), []);
});
