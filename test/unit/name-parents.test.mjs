// The column store's parent ids (NameTable.parents, rows.nameParents) and the per-name cut
// answers made from them (CutSet.answersByName, the check's hint for the cut rules): both
// must be what a walk up each key's labels gives, on zones with delegations, DNAMEs,
// $ORIGIN changes, absolute and relative names, upper case, escapes and names whose parents
// were never written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanZone, parentKey, cutNames } from '../../dist/core.js';
import { generateZone } from '../../bench/genzone.mjs';

/** A generated bench zone as text (genzone writes to a file). */
function generatedText(records, seed, origin) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-zone-parents-'));
  try {
    const file = join(dir, 'gen.zone');
    generateZone(records, file, { origin, seed });
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SOA = '@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
const HANDWRITTEN = {
  'delegations and DNAMEs at several depths': `$ORIGIN example.com.\n$TTL 60\n${SOA}sub NS ns.sub\nns.sub A 192.0.2.2\n_25._tcp.mx.sub TLSA 3 1 1 ${'ab'.repeat(32)}\n`
    + `deep.er.sub NS ns.example.net.\nx.y.deep.er.sub TXT "below two cuts"\nold DNAME new.example.net.\na.b.c.old TXT "below a DNAME"\nOLD.example.com. TXT "the DNAME's owner"\n`
    + `in.old NS ns.example.net.\nd.in.old A 192.0.2.3\nz.sub2 DNAME sub.\nq.z.sub2 MX 10 sub\n`,
  '$ORIGIN changes, absolute names, the root': `$ORIGIN example.com.\n$TTL 60\n${SOA}a.b A 192.0.2.1\n$ORIGIN b.example.com.\nc.d A 192.0.2.2\nd NS ns.example.net.\n`
    + `$ORIGIN .\nx.b.example.com. A 192.0.2.3\ncom. TXT "tld"\nnet TXT "relative to the root"\n. TXT "the root"\n$ORIGIN com.\nexample TXT "the apex, relative to com."\nq.w.e.r.t.y.example TXT "deep"\n`,
  'upper case and escapes': `$ORIGIN Example.COM.\n$TTL 60\n${SOA}WWW.Sub TXT "x"\nsub NS ns.EXAMPLE.net.\na\\.b.sub TXT "escaped dot"\nc.a\\.b.sub TXT "below it"\n\\097.sub TXT "escaped a"\nb.\\097.SUB TXT "below a.sub"\nx.Y.Example.Com. A 192.0.2.9\n`,
  'no origin at all': `$TTL 60\nrel.name TXT "relative, no origin"\nabs.example. A 192.0.2.1\nsub.abs.example. NS ns.example.net.\nx.sub.abs.example. A 192.0.2.2\n`,
};

function zones() {
  const out = Object.entries(HANDWRITTEN).map(([label, text]) => ({ label, zone: scanZone(text, { fileId: `${label}.zone` }) }));
  for (const [records, seed, origin] of [[3000, 7, 'example.com.'], [2000, 11, 'a.b.example.'], [1500, 3, 'org.']]) {
    out.push({ label: `generated ${records} seed ${seed} ${origin}`, zone: scanZone(generatedText(records, seed, origin), { fileId: 'gen.zone' }) });
  }
  return out;
}

/** The closest ancestor among the zone's names, by walking up the key's labels. */
function naiveParent(rows, key) {
  for (let k = parentKey(key); k !== undefined; k = parentKey(k)) {
    const id = rows.nameId(k);
    if (id >= 0) return id;
  }
  return -1;
}

/** Whether `key` (or, with self false, only an ancestor) is one of `set`, by walking up its labels. */
function naiveAtOrBelow(set, key, self) {
  for (let k = self ? key : parentKey(key); k !== undefined; k = parentKey(k)) if (set.has(k)) return true;
  return false;
}

test('rows.nameParents: each name\'s closest ancestor among the zone\'s names, as a walk up its labels finds it', () => {
  for (const { label, zone } of zones()) {
    const rows = zone.rows;
    const parents = rows.nameParents();
    assert.equal(parents.length, rows.nameCount, label);
    let withParent = 0, skipping = 0;
    for (let id = 0; id < rows.nameCount; id++) {
      const key = rows.nameKey(id);
      const expected = naiveParent(rows, key);
      assert.equal(parents[id], expected, `${label}: parent of ${JSON.stringify(key)} is ${JSON.stringify(expected < 0 ? null : rows.nameKey(expected))}, got ${JSON.stringify(parents[id] < 0 ? null : rows.nameKey(parents[id]))}`);
      if (expected >= 0) withParent++;
      if (expected >= 0 && rows.nameKey(expected) !== parentKey(key)) skipping++;
    }
    assert.ok(withParent > 0, `${label}: no name has a parent, the test says nothing`);
    if (label.startsWith('generated')) assert.ok(skipping > 0, `${label}: no parent skips an unwritten name (_tcp)`);
  }
});

test('CutSet.answersByName: at or below a delegation, below a DNAME, as holdsAbove and a naive walk say', () => {
  let delegated = 0, belowDname = 0;
  for (const { label, zone } of zones()) {
    const rows = zone.rows;
    const cuts = cutNames(zone);
    if (!cuts) continue;
    const apex = zone.byType.get('SOA')?.map((r) => r.ownerKey) ?? [];
    const nsOwners = new Set((zone.byType.get('NS') ?? []).map((r) => r.ownerKey).filter((k) => !apex.includes(k)));
    const dnameOwners = new Set((zone.byType.get('DNAME') ?? []).map((r) => r.ownerKey));
    for (const [set, names, self] of [[cuts.delegations, nsOwners, true], [cuts.dnames, dnameOwners, false]]) {
      if (!set.size) continue;
      const answers = set.answersByName(rows, self);
      assert.ok(answers, `${label}: answers given`);
      for (let id = 0; id < rows.nameCount; id++) {
        const key = rows.nameKey(id);
        const expected = naiveAtOrBelow(names, key, self);
        assert.equal(set.holdsAbove(key, self), expected, `${label}: holdsAbove(${JSON.stringify(key)}, ${self})`);
        assert.equal(answers[id], expected ? 1 : 2, `${label}: answersByName for ${JSON.stringify(key)} (self ${self})`);
        if (expected && self) delegated++;
        if (expected && !self) belowDname++;
      }
    }
  }
  assert.ok(delegated > 10 && belowDname > 3, `names below cuts: ${delegated} delegated, ${belowDname} below a DNAME`);
});
