// Completion of the zone's own names over LSP (the real server bundle): in domain-name
// fields (MX, CNAME ...) written relative to the $ORIGIN in effect at the cursor, host
// targets with addresses first and aliases last, `_25._tcp.` TLSA owners for MX hosts
// without TLSA, names that edits add or remove, and a long list capped as incomplete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-names/example.com.zone';
const TEXT = [
  '$ORIGIN example.com.', //                                          0
  '$TTL 3600', //                                                     1
  '@        IN SOA   ns1 hostmaster 2024010501 7200 3600 1209600 300', // 2
  '         IN NS    ns1', //                                         3
  '         IN MX    10 mx1', //                                      4
  '         IN MX    20 mail.sub', //                                 5
  '         IN MX    30 ns1', //                                      6
  'ns1      IN A     192.0.2.1', //                                   7
  'mx1      IN AAAA  2001:db8::10', //                                8
  'www      IN CNAME mx1', //                                         9
  'txt      IN TXT   "hello"', //                                     10
  '_25._tcp.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', // 11
  '*.wild   IN A     192.0.2.9', //                                   12
  '$ORIGIN sub.example.com.', //                                      13
  'mail     IN A     192.0.2.5', //                                   14
  'ftp      IN CNAME mail', //                                        15
  '$ORIGIN other.test.', //                                           16
  'host     IN A     198.51.100.1', //                                17
  '$ORIGIN sub.example.com.', //                                      18
  '', //                                                              19: typed into
].join('\n');
const doc = { uri: URI };
const REFERENCE = 18; // CompletionItemKind.Reference

/** Opens the zone in a fresh server; `lines` follows the edits the test makes. */
async function session(t, text = TEXT) {
  const s = await startServerFor(t);
  await s.open(URI, text, 1);
  await s.diagnostics(URI, 1);
  const lines = text.split('\n');
  let version = 1;
  const c = {
    lines,
    /** applies one edit and waits until the server has analysed it */
    async edit(range, newText) {
      version++;
      await s.change(URI, version, [{ range, text: newText }]);
      await s.diagnostics(URI, version);
    },
    async complete(line, character) {
      const r = await s.conn.sendRequest('textDocument/completion', { textDocument: doc, position: { line, character } });
      assert.ok(!Array.isArray(r), 'a CompletionList (it says whether it is complete)');
      return r;
    },
    /** replaces line `at` with `text` and asks for completion at its end */
    async typeLine(at, text) {
      await c.edit({ start: { line: at, character: 0 }, end: { line: at, character: lines[at].length } }, text);
      lines[at] = text;
      return c.complete(at, text.length);
    },
  };
  return c;
}

/** The items in the order the client shows them (by sortText). */
const shown = (list) => [...list.items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));

test('MX target: owners with an address first, relative to the $ORIGIN at the cursor, aliases last with RFC 2181 §10.3', async (t) => {
  const c = await session(t);
  const list = await c.typeLine(19, '@        IN MX    10 ');
  assert.equal(list.isIncomplete, false);
  const items = shown(list);
  assert.deepEqual(items.map((i) => i.label), [
    // addresses: relative to sub.example.com. first, then absolute
    'mail', 'host.other.test.', 'mx1.example.com.', 'ns1.example.com.',
    // other names (no _25._tcp TLSA name, no wildcard: no hosts)
    'example.com.', 'txt.example.com.',
    // aliases
    'ftp', 'www.example.com.',
  ]);
  for (const i of items) {
    assert.equal(i.kind, REFERENCE);
    assert.deepEqual(i.textEdit, { range: { start: { line: 19, character: 21 }, end: { line: 19, character: 21 } }, newText: i.label });
  }
  assert.equal(items[0].detail, 'mail.sub.example.com. — A');
  assert.equal(items[1].detail, 'host.other.test. — A');
  assert.equal(items.at(-1).detail, 'www.example.com. — CNAME; an alias: not allowed as MX target (RFC 2181 §10.3)');
  assert.match(items.at(-1).documentation.value, /^`www\.example\.com\.`, defined in this zone: CNAME\. It is an alias/);

  // a typed prefix: names starting with it, the typed word replaced
  const m = shown(await c.typeLine(19, '@        IN MX    10 m'));
  assert.deepEqual(m.map((i) => [i.label, i.textEdit.range.start.character, i.textEdit.range.end.character]), [
    ['mail', 21, 22], ['mx1.example.com.', 21, 22],
  ]);
  // typed on past the relative part: the absolute form
  assert.deepEqual(shown(await c.typeLine(19, '@        IN MX    10 mail.sub.e')).map((i) => i.label), ['mail.sub.example.com.']);
  assert.deepEqual(shown(await c.typeLine(19, '@        IN MX    10 @')).map((i) => i.label), []);
});

test('CNAME target under the first $ORIGIN: every name, relative where it can be, "@" for the origin', async (t) => {
  const c = await session(t);
  await c.edit({ start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, 'alias    IN CNAME \n');
  c.lines.splice(11, 0, 'alias    IN CNAME ');
  const items = shown(await c.complete(11, 18));
  assert.deepEqual(items.map((i) => i.textEdit.newText), ['@', 'ftp.sub', 'mail.sub', 'mx1', 'ns1', 'txt', 'www', 'host.other.test.']);
  assert.equal(items[0].detail, 'example.com. — SOA, NS, MX');
  // service names once '_' is typed
  assert.deepEqual(shown(await c.typeLine(11, 'alias    IN CNAME _')).map((i) => i.label), ['_25._tcp.mx1']);
  // the name being typed is not offered for itself
  assert.deepEqual(shown(await c.typeLine(11, 'alias    IN CNAME a')).map((i) => i.label), []);
});

test('TLSA owner: _25._tcp.<host> for each MX host of the zone without TLSA, by MX preference', async (t) => {
  const c = await session(t);
  const items = shown(await c.typeLine(19, '_'));
  // mx1 has its TLSA already
  assert.deepEqual(items.map((i) => [i.label, i.textEdit.range.start.character, i.textEdit.range.end.character]), [
    ['_25._tcp.mail', 0, 1], ['_25._tcp.ns1.example.com.', 0, 1],
  ]);
  assert.equal(items[0].detail, 'TLSA for MX host mail.sub.example.com. — none yet');
  assert.match(items[0].documentation.value, /RFC 7672 §2\.2\.3/);
  assert.deepEqual(shown(await c.typeLine(19, '_25._tcp.n')).map((i) => i.label), ['_25._tcp.ns1.example.com.']);
  assert.deepEqual(shown(await c.typeLine(19, '_443')).map((i) => i.label), []);
  // once mail has a TLSA record it is no longer offered
  await c.edit({ start: { line: 19, character: 0 }, end: { line: 19, character: 4 } }, '_25._tcp.mail IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1\n');
  c.lines.splice(19, 1, '_25._tcp.mail IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1', '');
  assert.deepEqual(shown(await c.typeLine(20, '_')).map((i) => i.label), ['_25._tcp.ns1.example.com.']);
});

test('names that edits add and remove come and go', async (t) => {
  const c = await session(t);
  assert.deepEqual(shown(await c.typeLine(19, '@ IN MX 10 r')).map((i) => i.label), []);
  await c.edit({ start: { line: 19, character: 0 }, end: { line: 19, character: 0 } }, 'relay IN A 192.0.2.7\n');
  c.lines.splice(19, 0, 'relay IN A 192.0.2.7');
  assert.deepEqual(shown(await c.complete(20, 12)).map((i) => i.label), ['relay']);
  await c.edit({ start: { line: 19, character: 0 }, end: { line: 20, character: 0 } }, '');
  c.lines.splice(19, 1);
  assert.deepEqual(shown(await c.complete(19, 12)).map((i) => i.label), []);
});

test('a long list is capped at 200 names and marked incomplete; a longer prefix completes it', async (t) => {
  const hosts = Array.from({ length: 300 }, (_, i) => `h${i} IN A 192.0.2.${i % 250}`);
  const text = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', ...hosts, ''].join('\n');
  const c = await session(t, text);
  const at = c.lines.length - 1;
  const all = await c.typeLine(at, '@ IN MX 10 ');
  assert.equal(all.isIncomplete, true);
  assert.equal(all.items.length, 200);
  // the first names in name order
  assert.deepEqual(shown(all).slice(0, 4).map((i) => i.label), ['h0', 'h1', 'h10', 'h100']);
  const h29 = await c.typeLine(at, '@ IN MX 10 h29');
  assert.equal(h29.isIncomplete, false);
  assert.deepEqual(shown(h29).map((i) => i.label), ['h29', 'h290', 'h291', 'h292', 'h293', 'h294', 'h295', 'h296', 'h297', 'h298', 'h299']);
});

test('names in the case the operator wrote them (the first record of the owner), in name order whatever the case', async (t) => {
  const text = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', 'MX1 IN A 192.0.2.1', 'mx1 IN AAAA 2001:db8::1',
    'Host.Other.TEST. IN A 198.51.100.1', 'beta IN A 192.0.2.3', 'Alpha IN A 192.0.2.2', ''].join('\n');
  const c = await session(t, text);
  const items = shown(await c.typeLine(8, '@ IN MX 10 '));
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [
    ['Alpha', 'Alpha.example.com. — A'], ['beta', 'beta.example.com. — A'], ['MX1', 'MX1.example.com. — A, AAAA'],
    ['Host.Other.TEST.', 'Host.Other.TEST. — A'], ['@', 'example.com. — SOA'],
  ]);
  // typed in lower case, offered as written
  assert.deepEqual(shown(await c.typeLine(8, '@ IN MX 10 host.o')).map((i) => i.label), ['Host.Other.TEST.']);
});

test('a zone too big to sort its owners at once: names at once, incomplete, while they are sorted in turns; then complete', async (t) => {
  // more owners than SORT_AT_ONCE_MAX (features/owner-index.ts)
  const hosts = Array.from({ length: 51_000 }, (_, i) => `h${(i * 7919) % 51_000} IN A 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
  const text = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300', ...hosts, ''].join('\n');
  const c = await session(t, text);
  const at = c.lines.length - 1;
  const first = await c.typeLine(at, '@ IN MX 10 h5099');
  assert.equal(first.isIncomplete, true, 'not sorted yet: the client must ask again');
  for (const i of first.items) assert.match(i.label, /^h5099/);
  // other requests are served meanwhile; asked again (as the client does while incomplete)
  // until the sorted owners are made
  let list = first;
  for (let asks = 0; list.isIncomplete && asks < 10_000; asks++) list = await c.complete(at, c.lines[at].length);
  assert.equal(list.isIncomplete, false);
  assert.deepEqual(shown(list).map((i) => i.label), ['h5099', ...Array.from({ length: 10 }, (_, i) => `h5099${i}`)]);
  // kept current by edits from then on
  await c.edit({ start: { line: at, character: 0 }, end: { line: at, character: 0 } }, 'h50999x IN A 192.0.2.7\n');
  c.lines.splice(at, 0, 'h50999x IN A 192.0.2.7');
  assert.deepEqual(shown(await c.complete(at + 1, c.lines[at + 1].length)).map((i) => i.label).slice(-2), ['h50999', 'h50999x']);
});
