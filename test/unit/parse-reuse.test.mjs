// What a whole-file parse reuses to allocate less (issue 6) must not leak from one
// entry or origin into another: recent names (NameCache), pooled tokens, shared
// empty outputs and the indexes' per-name lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, buildZone, splitLines, reparse, presentRecord, entryLine } from '../../dist/core.js';

const parse = (text, opts = {}) => parseZone(text, { fileId: 'reuse.zone', ...opts });

test('the same relative name under different origins resolves against each origin', () => {
  const z = parse('$TTL 60\n$ORIGIN a.example.\nwww A 192.0.2.1\nmx MX 10 www\n$ORIGIN b.example.\nwww A 192.0.2.2\nmx MX 10 www\n');
  assert.deepEqual(z.records.map(presentRecord), [
    'www.a.example.\t60\tIN\tA\t192.0.2.1',
    'mx.a.example.\t60\tIN\tMX\t10 www.a.example.',
    'www.b.example.\t60\tIN\tA\t192.0.2.2',
    'mx.b.example.\t60\tIN\tMX\t10 www.b.example.',
  ]);
  assert.deepEqual([...z.byTarget.keys()], ['www.a.example.', 'www.b.example.']);
});

test('names repeated after many others (recent-name memory cleared) resolve the same', () => {
  const hosts = Array.from({ length: 150 }, (_, i) => `h${i} A 192.0.2.${i % 250}`);
  const text = '$ORIGIN example.\n$TTL 60\n' + [...hosts, ...hosts].join('\n') + '\n';
  const z = parse(text);
  assert.equal(z.records.length, 300);
  assert.equal(z.byOwner.size, 150);
  for (const [key, list] of z.byOwner) {
    assert.equal(list.length, 2, key);
    assert.equal(list[0].owner, key);
    assert.ok(entryLine(list[0].entry) < entryLine(list[1].entry), 'index lists stay in file order');
  }
});

test('a bad name is reported every time it is written, not only the first', () => {
  const long = 'x'.repeat(64);
  const z = parse(`$ORIGIN example.\n$TTL 60\n${long} A 192.0.2.1\nok A 192.0.2.2\n${long} A 192.0.2.3\n`);
  assert.deepEqual(z.problems.map((p) => [entryLine(p.loc.entry), p.code]), [[2, 'syntax'], [4, 'syntax']]);
  assert.equal(z.records.length, 1);
});

test('mixed-case names share their lower-case key but keep their spelling', () => {
  const z = parse('$ORIGIN example.\n$TTL 60\nWWW A 192.0.2.1\nwww AAAA 2001:db8::1\nWWW TXT "x"\n');
  assert.deepEqual(z.records.map((r) => r.owner), ['WWW.example.', 'www.example.', 'WWW.example.']);
  assert.deepEqual([...z.byOwner.keys()], ['www.example.']);
  assert.equal(z.byOwner.get('www.example.').length, 3);
});

test('kept tokens belong to their own entry; dropped tokens leave entries empty', () => {
  const text = '$ORIGIN example.\n$TTL 60\na A 192.0.2.1\nb MX 10 a ; comment\n';
  const kept = parse(text, { keepTokens: true });
  const [, , a, b] = kept.file.entries;
  assert.notEqual(a.tokens, b.tokens);
  assert.deepEqual(a.tokens.map((t) => t.text), ['a', 'A', '192.0.2.1']);
  assert.deepEqual(b.tokens.map((t) => t.text), ['b', 'MX', '10', 'a', '; comment']);
  const dropped = parse(text);
  assert.ok(dropped.file.entries.every((e) => e.tokens.length === 0));
  assert.equal(dropped.records[1].comment, 'comment');
});

test('an entry with outputs after entries without any gets its own lists', () => {
  const text = '$ORIGIN example.\n$TTL 60\n; note\na A 192.0.2.1\nbad A 999.1.1.1\nb A 192.0.2.2\n';
  const file = { id: 'reuse.zone', lines: splitLines(text), entries: [] };
  const zone = buildZone(file, { fileId: 'reuse.zone', incremental: true });
  const outs = file.entries.map((e) => e.out);
  assert.equal(outs[2].recordCount, 0);
  assert.equal(outs[3].recordCount, 1);
  assert.deepEqual(outs[4].problems.map((p) => [entryLine(p.loc.entry), p.code]), [[4, 'rdata-invalid']]);
  assert.deepEqual(outs[5].problems, []);
  assert.deepEqual(zone.problems.map((p) => [entryLine(p.loc.entry), p.code]), [[4, 'rdata-invalid']]);
  // An edit that adds a problem to one entry must not add it to the others.
  const lines = splitLines(text.replace('b A 192.0.2.2', 'b A 192.0.2.300'));
  const { zone: next } = reparse(zone, lines, { from: 5, to: 5 }, file.lines.length, { fileId: 'reuse.zone' });
  assert.deepEqual(next.problems.map((p) => [entryLine(p.loc.entry), p.code]), [[4, 'rdata-invalid'], [5, 'rdata-invalid']]);
  assert.deepEqual(next.file.entries[2].out.problems, []);
});
