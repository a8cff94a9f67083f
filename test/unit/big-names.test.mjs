// Names that hold many records (thousands of MX at an apex, a TLSA RRset, a host many
// records point at): the rules answer such a name once per zone (NameMemo) and only the
// first TLSA of an RRset depends on other names. A new zone object comes with every edit,
// so cached answers must never outlive an edit: random edits around such names must give
// the same findings as a fresh full run, and the dependencies stay small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildZone, reparse, splitLines, RuleCache, runRules, problemFindings, absRange, RULES, parseZone, checkText } from '../../dist/core.js';
import { rng } from '../helpers/fuzz-mutate.mjs';

const host = { now: () => new Date('2026-01-01T00:00:00Z'), options: {} };
const TLSA = (i) => `3 1 1 ${(i % 16).toString(16).repeat(64)}`;

function bigNamesZone() {
  const l = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
  // a mail domain whose MX points elsewhere, with a TLSA RRset of 10 at its own _25._tcp
  for (let i = 0; i < 10; i++) l.push(`_25._tcp TLSA ${TLSA(i)}`);
  // 12 MX at the apex: half of the hosts have TLSA; all point through one fat host too
  for (let i = 0; i < 12; i++) {
    l.push(`@ MX ${i} mx${i}`, `mx${i} A 192.0.2.${10 + i}`);
    if (i % 2 === 0) l.push(`_25._tcp.mx${i} TLSA ${TLSA(i)}`);
  }
  // a host with many records that many NS, SRV and MX records point at
  for (let i = 0; i < 10; i++) l.push(`fat TXT "t${i}"`);
  for (let i = 0; i < 10; i++) l.push(`sub${i} NS fat`, `_s${i}._tcp SRV 0 0 25 fat`, `d${i} MX 10 fat`);
  return l.join('\n') + '\n';
}

const findingKeys = (list) => list.map((f) => `${f.ruleId} ${f.severity} ${JSON.stringify(absRange(f.loc))} ${f.message}`).sort();


// Edits that change what the big names answer: a CNAME or an address at the fat host, a
// TLSA added or removed, an MX retargeted.
const EDITS = ['fat CNAME mx0', 'fat A 192.0.2.99', '_25._tcp.mx1 TLSA ' + TLSA(3), '@ MX 50 fat', '', '_25._tcp TLSA ' + TLSA(7), 'x'];

test('random edits around names with many records: cached findings equal a full run', () => {
  const rand = rng(2026).next;
  const opts = { fileId: 'big.zone' };
  for (let round = 0; round < 6; round++) {
    let lines = splitLines(bigNamesZone());
    let zone = buildZone({ id: 'big.zone', lines, entries: [] }, { ...opts, incremental: true });
    const cache = new RuleCache();
    cache.full(zone, host, {});
    for (let step = 0; step < 15; step++) {
      const oldCount = lines.length;
      const at = 5 + Math.floor(rand() * (lines.length - 6));
      const edit = EDITS[Math.floor(rand() * EDITS.length)];
      // replace a line, or insert one before it
      const replace = rand() < 0.5;
      lines.splice(at, replace ? 1 : 0, edit);
      const r = reparse(zone, lines, { from: at, to: at }, oldCount, opts);
      zone = r.zone;
      const cached = [...problemFindings(zone), ...cache.update(zone, r.removed, r.added, host, {})];
      const fresh = buildZone({ id: 'big.zone', lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
      const full = [...problemFindings(fresh), ...runRules(fresh, host, {})];
      assert.deepEqual(findingKeys(cached), findingKeys(full), `round ${round} step ${step}: ${replace ? 'line' : 'before line'} ${at} = ${JSON.stringify(edit)}`);
    }
  }
});

test('only the first TLSA of an RRset depends on other names (the others are checked with it)', () => {
  const zone = parseZone(bigNamesZone(), { fileId: 'big.zone' });
  const tlsa = zone.byOwner.get('_25._tcp.example.com.');
  assert.equal(tlsa.length, 10);
  // the first TLSA depends on its name (where a CNAME pointing at it leads queries to it), on the
  // host (example.com., here the apex), where it is a mail domain on its MX targets, and on the
  // DNAMEs pointing at the names above it up to the apex (one would lead queries to it)
  const hosts = Array.from({ length: 12 }, (_, i) => `mx${i}.example.com.`);
  const reach = ['_25._tcp.example.com.', 'example.com.'];
  const deps = { 'tlsa-at-mail-domain': [...reach, ...hosts], 'tlsa-not-at-mx-target': reach };
  const above = ['_tcp.example.com.', 'example.com.'];
  for (const id of ['tlsa-at-mail-domain', 'tlsa-not-at-mx-target']) {
    const rule = RULES.find((r) => r.id === id);
    assert.deepEqual(rule.dependsOn(tlsa[0], zone), deps[id], `${id}: the first TLSA depends on the host`);
    assert.deepEqual(rule.dependsOnDnamesTo(tlsa[0], zone), above, `${id}: and on DNAMEs to the names above it`);
    for (const rec of tlsa.slice(1)) {
      assert.deepEqual(rule.dependsOn(rec, zone), [], `${id}: ${rec.rdataText}`);
      assert.deepEqual(rule.dependsOnDnamesTo(rec, zone), [], `${id}: ${rec.rdataText}`);
    }
  }
});

test('the same findings for names with many records in the check (column store) and the editor model', () => {
  const text = bigNamesZone();
  const editor = parseZone(text, { fileId: 'big.zone' });
  const check = checkText(text, { fileId: 'big.zone', host }).findings;
  assert.deepEqual(findingKeys(check), findingKeys([...problemFindings(editor), ...runRules(editor, host, {})]));
  const ids = new Set(check.map((f) => f.ruleId));
  for (const id of ['tlsa-at-mail-domain', 'tlsa-partial-dane']) assert.ok(ids.has(id), `${id} reports here`);
});
