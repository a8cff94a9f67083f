// The rules engine: severity settings, and a rule that throws becomes a visible
// finding while the other rules still report (full run and cached run alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, scanZone, buildZone, reparse, splitLines, runRules, RuleCache, absRange } from '../../dist/core.js';

const zone = () => parseZone('$ORIGIN example.com.\n$TTL 60\na IN A 192.0.2.1\nb IN A 192.0.2.2\n', { fileId: 'e.zone', incremental: true });
const host = { now: () => new Date(), options: {} };
const broken = { id: 'broken-rule', scope: 'record', defaultSeverity: 'warning', rfc: [], summary: 'throws on b', check(rec, ctx) {
  if (rec.owner.startsWith('b.')) throw new Error('boom');
  ctx.report({ loc: rec.ownerLoc, message: `saw ${rec.owner}` });
} };
const zoneRule = { id: 'zone-rule', scope: 'zone', defaultSeverity: 'info', rfc: [], summary: 'counts', check(z, ctx) {
  ctx.report({ loc: z.records[0].loc, message: `${z.records.length} records` });
} };

for (const [name, run] of [
  ['runRules', (z, s) => runRules(z, host, s, [broken, zoneRule])],
  ['RuleCache.full', (z, s) => new RuleCache([broken, zoneRule]).full(z, host, s)],
]) {
  test(`${name}: a throwing rule is reported on its record, others still run`, () => {
    const f = run(zone(), {});
    const byLine = f.map((x) => `${absRange(x.loc).startLine} ${x.severity} ${x.ruleId}: ${x.message}`).sort();
    assert.equal(byLine.length, 3);
    assert.match(byLine[0], /^2 info zone-rule: 2 records$/);
    assert.match(byLine[1], /^2 warning broken-rule: saw a\.example\.com\.$/);
    assert.match(byLine[2], /^3 error broken-rule: dane-zone rule broken-rule failed here \(boom\)/);
  });

  test(`${name}: settings turn rules off and change severity`, () => {
    const f = run(zone(), { severities: { 'broken-rule': 'off', 'zone-rule': 'error' } });
    assert.deepEqual(f.map((x) => [x.ruleId, x.severity]), [['zone-rule', 'error']]);
  });
}

// Owner rules: `types` limits a rule to owners holding a record of those types,
// and a throwing owner rule is reported on the owner's first record.
const ownerZone = () => parseZone('$ORIGIN example.com.\n$TTL 60\na IN A 192.0.2.1\na IN TXT "x"\nb IN TXT "y"\nc IN MX 0 .\n', { fileId: 'o.zone', incremental: true });
const ownersWithA = { id: 'owners-with-a', scope: 'owner', types: ['A', 'AAAA'], defaultSeverity: 'info', rfc: [], summary: 'names owners', check(key, recs, ctx) {
  ctx.report({ loc: recs[0].ownerLoc, message: `${key} ${recs.length}` });
} };
const brokenOwner = { id: 'broken-owner', scope: 'owner', defaultSeverity: 'info', rfc: [], summary: 'throws at b', check(key) {
  if (key.startsWith('b.')) throw new Error('boom');
} };

for (const [name, run] of [
  ['runRules', (z) => runRules(z, host, {}, [ownersWithA, brokenOwner])],
  ['RuleCache.full', (z) => new RuleCache([ownersWithA, brokenOwner]).full(z, host, {})],
]) {
  test(`${name}: an owner rule with types runs only at owners holding one; failures land on the owner`, () => {
    const f = run(ownerZone()).map((x) => `${absRange(x.loc).startLine} ${x.ruleId}: ${x.message}`).sort();
    assert.equal(f.length, 2);
    assert.equal(f[0], '2 owners-with-a: a.example.com. 2');
    assert.match(f[1], /^4 broken-owner: dane-zone rule broken-owner failed here \(boom\)/);
  });
}

// defaultSeverityByType: the engine gives a finding the rule's default for the type of the record
// checked (the rule itself just reports); a user's setting for the rule wins over it, even a
// setting equal to the rule's default. Object store, column store, and the editor's cache (a full
// run and an edit) alike.
const TYPED_ZONE = '$ORIGIN example.com.\n$TTL 60\n@ IN NS ns1\n@ IN MX 10 mail\n';
const perType = { id: 'per-type', scope: 'record', types: ['NS', 'MX'], defaultSeverity: 'warning', defaultSeverityByType: { NS: 'error' },
  rfc: [], summary: 'names the type', check(rec, ctx) { ctx.report({ loc: rec.typeLoc, message: `a ${rec.type}` }); } };
const severityByMessage = (findings) => Object.fromEntries(findings.filter((x) => x.ruleId === 'per-type').map((x) => [x.message, x.severity]));

for (const [name, run] of [
  ['runRules on records', (s) => runRules(parseZone(TYPED_ZONE, { fileId: 't.zone' }), host, s, [perType])],
  ['runRules on rows', (s) => runRules(scanZone(TYPED_ZONE, { fileId: 't.zone' }), host, s, [perType])],
  ['RuleCache.full', (s) => new RuleCache([perType]).full(parseZone(TYPED_ZONE, { fileId: 't.zone', incremental: true }), host, s)],
  ['RuleCache.update', (s) => {
    // start without the NS record, then type it in: the edit's findings come from update()
    const opts = { fileId: 't.zone' };
    const lines = splitLines(TYPED_ZONE.replace('@ IN NS ns1\n', '\n'));
    const zone = buildZone({ id: 't.zone', lines, entries: [] }, { ...opts, incremental: true });
    const cache = new RuleCache([perType]);
    const set = s.severities?.['per-type'];
    assert.deepEqual(severityByMessage(cache.full(zone, host, s)), set === 'off' ? {} : { 'a MX': set ?? 'warning' });
    const edited = lines.slice();
    edited[2] = '@ IN NS ns1';
    const r = reparse(zone, edited, { from: 2, to: 2 }, lines.length, opts);
    assert.deepEqual(r.added.map((x) => x.type).filter((t) => t === 'NS'), ['NS']);
    return cache.update(r.zone, r.removed, r.added, host, s);
  }],
]) {
  test(`${name}: a per-type default severity applies to its type only, and a user setting wins`, () => {
    assert.deepEqual(severityByMessage(run({})), { 'a NS': 'error', 'a MX': 'warning' });
    assert.deepEqual(severityByMessage(run({ severities: { 'per-type': 'info' } })), { 'a NS': 'info', 'a MX': 'info' });
    // the user's 'warning' is the rule's default, but still a setting: it holds for NS too
    assert.deepEqual(severityByMessage(run({ severities: { 'per-type': 'warning' } })), { 'a NS': 'warning', 'a MX': 'warning' });
    assert.deepEqual(severityByMessage(run({ severities: { 'per-type': 'off' } })), {});
  });
}

test('the shipped per-type rules just report: NS targets get error, SRV and MX targets warning, from the engine', () => {
  const z = parseZone('$ORIGIN example.com.\n$TTL 60\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\n@ IN NS alias\nalias IN CNAME ns1\n'
    + '@ IN MX 10 mail\n_x._tcp IN SRV 0 0 1 alias\n', { fileId: 'p.zone' });
  const f = runRules(z, host, {}).filter((x) => x.ruleId === 'target-is-cname' || x.ruleId === 'target-no-address')
    .map((x) => `${x.ruleId} ${x.severity}: ${x.message.split(' ').slice(0, 2).join(' ')}`).sort();
  assert.deepEqual(f, [
    'target-is-cname error: NS target',
    'target-is-cname warning: SRV target',
    'target-no-address error: NS target',
    'target-no-address warning: MX target',
  ]);
});

test('a record rule whose appliesToZone says no is left out of every engine; asked once per zone', () => {
  const text = '$ORIGIN example.com.\n$TTL 60\na IN A 192.0.2.1\nb IN A 192.0.2.2\n';
  let asked = 0;
  const gated = (applies) => ({ id: 'gated', scope: 'record', defaultSeverity: 'warning', rfc: [], summary: 'gated',
    appliesToZone: () => { asked++; return applies; },
    check(rec, ctx) { ctx.report({ loc: rec.ownerLoc, message: `saw ${rec.owner}` }); } });
  for (const [name, run] of [
    ['runRules (editor model)', (rule) => runRules(parseZone(text, { fileId: 'g.zone' }), host, {}, [rule])],
    ['runRules (column store)', (rule) => runRules(scanZone(text, { fileId: 'g.zone' }), host, {}, [rule])],
    ['RuleCache.full', (rule) => new RuleCache([rule]).full(parseZone(text, { fileId: 'g.zone', incremental: true }), host, {})],
  ]) {
    asked = 0;
    assert.deepEqual(run(gated(false)).map((f) => f.message), [], name);
    assert.equal(asked, 1, `${name}: one question per zone`);
    assert.deepEqual(run(gated(true)).map((f) => f.message), ['saw a.example.com.', 'saw b.example.com.'], name);
  }
});
