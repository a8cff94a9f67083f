// A short zone read in turns for its $GENERATE records (one line of 100 000), over the real
// server bundle, typed in without pause from the moment it opens: a keystroke does not drop the
// read under way (each one would start it again, and nothing would be published while typing
// goes on), and the last version is published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerFor } from '../helpers/lsp-client.mjs';

const HEAD = ['$ORIGIN example.com.', '$TTL 300', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
const GEN = HEAD.length;
const TEXT = [...HEAD, '$GENERATE 1-100000 host$ A 10.0.0.1', 'bad A 192.0.2.300', 'txt TXT "x"', ''].join('\n');
const TYPED_LINE = GEN + 2;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Types `char` into `line` (after `from` characters) every `everyMs` until `until()` or
 *  `maxKeys` keystrokes; returns the last version sent. */
async function typeWithoutPause(s, uri, line, from, char, { everyMs = 100, maxKeys = 200, until }) {
  let version = 1;
  for (let k = 0; k < maxKeys && !until(); k++) {
    const at = { line, character: from + k };
    await s.change(uri, ++version, [{ range: { start: at, end: at }, text: char }]);
    await sleep(everyMs);
  }
  return version;
}

test('typing without pause below a $GENERATE line of 100 000 records from the moment the zone opens: diagnostics come while typing goes on, the last version\'s at the end', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dz-gen-typing/gen.example.com.zone';
  await s.open(uri, TEXT, 1);
  // inside the TXT string: each keystroke an edit of that line only
  const last = await typeWithoutPause(s, uri, TYPED_LINE, 'txt TXT "'.length, 'y', { until: () => s.history.some((p) => p.uri === uri) });
  assert.ok(s.history.some((p) => p.uri === uri), `nothing published in ${last - 1} keystrokes, ${(last - 1) / 10} s of typing`);
  const end = await s.diagnostics(uri, last, 60_000);
  assert.deepEqual(end.diagnostics.map((d) => [d.code, d.range.start.line]), [['rdata-invalid', GEN + 1]]);
  const versions = s.history.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes went back a version: ${versions}`);
});

test('typing without pause in a $GENERATE line of 100 000 records (each keystroke reads it whole again): each read ends and is published for its version, the last version\'s at the end', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dz-gen-typing/gen-line.example.com.zone';
  await s.open(uri, TEXT, 1);
  await s.diagnostics(uri, 1, 60_000);
  const opened = s.history.length;
  // into the owner's template: host$ -> hostz$ -> hostzz$ ...
  const last = await typeWithoutPause(s, uri, GEN, '$GENERATE 1-100000 host'.length, 'z', { until: () => s.history.slice(opened).some((p) => p.uri === uri) });
  const during = s.history.slice(opened).filter((p) => p.uri === uri);
  assert.ok(during.length > 0, `nothing published in ${last - 1} keystrokes, ${(last - 1) / 10} s of typing`);
  assert.ok(during[0].version < last);
  const end = await s.diagnostics(uri, last, 60_000);
  assert.deepEqual(end.diagnostics.map((d) => [d.code, d.range.start.line]), [['rdata-invalid', GEN + 1]]);
  const versions = s.history.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes went back a version: ${versions}`);
});
