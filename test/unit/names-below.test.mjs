// The column store's "at or below one of these names" for every name at once
// (NameTable.below, rows.namesBelow) and the per-name cut answers made from it
// (CutSet.answersByName, the check's hint for the cut rules): both must be what a walk up
// each key's labels gives, on zones with delegations, DNAMEs,
// $ORIGIN changes, absolute and relative names, upper case, escapes and names whose parents
// were never written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanZone, parseZone, parentKey, cutNames, cutAbove } from '../../dist/core.js';
import { generatedText } from '../helpers/generated-zone.mjs';

const SOA = '@ SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\n';
const HANDWRITTEN = {
  'delegations and DNAMEs at several depths': `$ORIGIN example.com.\n$TTL 60\n${SOA}sub NS ns.sub\nns.sub A 192.0.2.2\n_25._tcp.mx.sub TLSA 3 1 1 ${'ab'.repeat(32)}\n`
    + `deep.er.sub NS ns.example.net.\nx.y.deep.er.sub TXT "below two cuts"\nold DNAME new.example.net.\na.b.c.old TXT "below a DNAME"\nlonger-name DNAME new.example.net.\nx.longer-name TXT "below it"\nOLD.example.com. TXT "the DNAME's owner"\n`
    + `in.old NS ns.example.net.\nd.in.old A 192.0.2.3\nz.sub2 DNAME sub.\nq.z.sub2 MX 10 sub\n`,
  '$ORIGIN changes, absolute names, the root': `$ORIGIN example.com.\n$TTL 60\n${SOA}a.b A 192.0.2.1\n$ORIGIN b.example.com.\nc.d A 192.0.2.2\nd NS ns.example.net.\n`
    + `$ORIGIN .\nx.b.example.com. A 192.0.2.3\ncom. TXT "tld"\nnet TXT "relative to the root"\n. TXT "the root"\n$ORIGIN com.\nexample TXT "the apex, relative to com."\nq.w.e.r.t.y.example TXT "deep"\n`,
  'upper case and escapes': `$ORIGIN Example.COM.\n$TTL 60\n${SOA}WWW.Sub TXT "x"\nsub NS ns.EXAMPLE.net.\na\\.b.sub TXT "escaped dot"\nc.a\\.b.sub TXT "below it"\n\\097.sub TXT "escaped a"\nb.\\097.SUB TXT "below a.sub"\nx.Y.Example.Com. A 192.0.2.9\n`,
  // one label 'a.b' (an escaped dot) is not below b: a walk that took that dot for a label's end would say so
  'escaped dots': `$ORIGIN example.com.\n$TTL 60\n${SOA}b DNAME x.example.net.\na\\.b TXT "not below b"\nc.a\\.b TXT "nor this"\nb NS ns.example.net.\nx\\.y\\.b A 192.0.2.7\nq.b TXT "below b"\n`,
  'no origin at all': `$TTL 60\nrel.name TXT "relative, no origin"\nabs.example. A 192.0.2.1\nsub.abs.example. NS ns.example.net.\nx.sub.abs.example. A 192.0.2.2\n`,
};

function zones() {
  const out = Object.entries(HANDWRITTEN).map(([label, text]) => ({ label, text, zone: scanZone(text, { fileId: `${label}.zone` }) }));
  for (const [records, seed, origin] of [[3000, 7, 'example.com.'], [2000, 11, 'a.b.example.'], [1500, 3, 'org.']]) {
    const text = generatedText(records, seed, origin);
    out.push({ label: `generated ${records} seed ${seed} ${origin}`, text, zone: scanZone(text, { fileId: 'gen.zone' }) });
  }
  return out;
}

/** Whether `key` (or, with self false, only an ancestor) is one of `set`, by walking up its labels. */
function naiveAtOrBelow(set, key, self) {
  for (let k = self ? key : parentKey(key); k !== undefined; k = parentKey(k)) if (set.has(k)) return true;
  return false;
}

test('rows.namesBelow: a name at or below (or strictly below) one of the given names, as a walk up its labels finds it', () => {
  let yes = 0, viaSpan = 0;
  for (const { label, text, zone } of zones()) {
    const rows = zone.rows;
    const keys = Array.from({ length: rows.nameCount }, (_, id) => rows.nameKey(id));
    // marked: every seventh name (owners and targets), but for those above a fifth of all names
    // (the origins: with one of them marked, nearly every name would be below it)
    const marked = keys.filter((k, id) => id % 7 === 3 && keys.filter((d) => naiveAtOrBelow(new Set([k]), d, true)).length * 5 < keys.length);
    // and the root alone: the last ancestor of an absolute name
    for (const [set, self] of [true, false].flatMap((self) => [[new Set(marked), self], [new Set(['.']), self]])) {
      if (set.has('.') && !keys.includes('.')) continue;
      const fresh = scanZone(text, { fileId: 'again.zone' }).rows; // no key strings made yet
      const ids = [...set].map((k) => fresh.nameId(k));
      assert.ok(ids.every((id) => id >= 0), label);
      const answers = fresh.namesBelow(ids, self);
      assert.equal(answers.length, fresh.nameCount, label);
      for (let id = 0; id < fresh.nameCount; id++) {
        const key = fresh.nameKey(id);
        const expected = naiveAtOrBelow(set, key, self);
        assert.equal(answers[id], expected ? 1 : 2, `${label}: ${JSON.stringify(key)} ${self ? 'at or below' : 'below'} a marked name`);
        if (expected) yes++;
        if (expected && !set.has(key)) viaSpan++;
      }
    }
  }
  assert.ok(yes > 1000 && viaSpan > 100, `names found below marked ones: ${yes}, ${viaSpan} of them not marked themselves`);
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

test('cutAbove on the check\'s column store (asked of its cut names first) = cutAbove on the editor\'s model', () => {
  let cuts = 0, asked = 0;
  for (const { label, text, zone } of zones()) {
    const model = parseZone(text, { fileId: `${label}.zone` });
    const rows = zone.rows;
    for (let id = 0; id < rows.nameCount; id++) {
      const key = rows.nameKey(id);
      // the name, a TLSA query name below it (not a name of the zone) and its parent
      for (const q of [key, `_25._tcp.${key === '.' ? '' : key}`, parentKey(key) ?? '.']) {
        const got = cutAbove(zone, q);
        assert.deepEqual(got, cutAbove(model, q), `${label}: cutAbove(${JSON.stringify(q)})`);
        asked++;
        if (got) cuts++;
      }
    }
  }
  assert.ok(cuts > 100 && asked > cuts * 2, `${cuts} of ${asked} names below a cut`);
});
