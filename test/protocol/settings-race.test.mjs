// Settings that arrive after a document's first analysis: the next publish uses them, and
// no publish computed with the defaults follows one computed with the settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-protocol/race.zone';
const TEXT = '$ORIGIN example.com.\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nwww IN CNAME ns1\nwww IN TXT "x"\n';
const SETTINGS = { rules: { 'cname-and-other-data': 'off', 'ttl-missing': 'off' } };

test('an edit before the settings answer is published with the settings', async (t) => {
  const s = await startServerFor(t);
  let answer;
  const answered = new Promise((r) => { answer = r; });
  s.conn.onRequest('workspace/configuration', async (p) => { await answered; return p.items.map(() => SETTINGS); });
  await s.open(URI, TEXT, 1);
  await s.change(URI, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'a IN A 192.0.2.2\n' }]);
  // let the server handle the change before the settings arrive
  await new Promise((r) => setTimeout(r, 200));
  answer();
  const d = await s.diagnosticsWhere(URI, (p) => p.version === 2 && p.diagnostics.length === 0, 5000);
  assert.deepEqual(d.diagnostics, []);
  // and nothing computed with the defaults after it
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(s.latest.get(URI).diagnostics, []);
});
