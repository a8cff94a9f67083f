// A short seeded run of the LSP fuzzer (test/fuzz/lsp-fuzz.mjs: random edits of a zone and its
// $INCLUDEd file, the editor's requests, and its oracles); `npm run fuzz:lsp -- --seeds N` is the
// long run. DZ_FUZZ_SEED picks other seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzLsp } from '../fuzz/lsp-fuzz.mjs';

const FROM = Number(process.env.DZ_FUZZ_SEED ?? 1);

test('LSP fuzz: seeded edits and requests keep every oracle (ranges, publish order, quick-fixes, settled = fresh server)', async () => {
  const lines = [];
  const t = await fuzzLsp({ from: FROM, seeds: 2, steps: 25, log: (l) => lines.push(l) });
  assert.deepEqual(t.failures.map((f) => `seed ${f.seed}: ${f.message}`), [], lines.join('\n'));
  assert.equal(t.seeds, 2);
  assert.ok(t.requests > 30, `only ${t.requests} requests`);
});
