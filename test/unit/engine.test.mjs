// The rules engine: severity settings, and a rule that throws becomes a visible
// finding while the other rules still report (full run and cached run alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, runRules, RuleCache, absRange } from '../../dist/core.js';

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
