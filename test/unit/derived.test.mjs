// rules/support/derived.ts: data the rules derive from a record, kept on the record itself.
// Bundled here on its own (the core bundle does not export support code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const out = await build({ entryPoints: ['server/src/rules/support/derived.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
const { DerivedKind } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

test('a derived kind is made once per record and kept on it, null answers included', () => {
  const made = [];
  const length = new DerivedKind((rec) => { made.push(rec.name); return rec.name === 'none' ? null : rec.name.length; });
  const a = { name: 'abc', derived: undefined };
  const none = { name: 'none', derived: undefined };
  assert.equal(length.of(a), 3);
  assert.equal(length.of(a), 3);
  assert.equal(length.of(none), null);
  assert.equal(length.of(none), null);
  assert.deepEqual(made, ['abc', 'none']);
});

test('two kinds asked of one record each get their own answer (the later one is kept)', () => {
  let upperMade = 0;
  const length = new DerivedKind((rec) => rec.name.length);
  const upper = new DerivedKind((rec) => { upperMade++; return rec.name.toUpperCase(); });
  const rec = { name: 'mx', derived: undefined };
  assert.equal(length.of(rec), 2);
  assert.equal(upper.of(rec), 'MX');
  assert.equal(length.of(rec), 2);
  assert.equal(upper.of(rec), 'MX');
  assert.equal(upperMade, 2, 'made again after the other kind took the slot');
});
