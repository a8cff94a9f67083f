// textDocument/prepareRename and textDocument/rename through the real server bundle: the
// capability, the edit applied as an editor applies it, the diagnostics of the renamed document
// (those of a fresh open of its text, and no other findings than before), refusals as errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-rename/example.com.zone';
const FRESH = 'file:///tmp/dane-zone-rename/fresh/example.com.zone';
const TEXT = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@    IN SOA ns1 hostmaster ( 2024010502 7200 3600',
  '                1209600 300 )',
  '     IN NS  ns1',
  '     IN MX  10 mx1',
  '     IN TXT "v=spf1 a:mx1.example.com -all"',
  'ns1  IN A   192.0.2.1',
  'mx1  IN A   192.0.2.10',
  '     IN AAAA 2001:db8::10',
  '_25._tcp.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1',
  '_25._tcp.mx1.example.com. IN TLSA 2 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6',
  'www  IN CNAME mx1.example.com.',
  '_submission._tcp IN SRV ( 0 1 587',
  '                 mx1 )',
  '$ORIGIN mx1.example.com.',
  '_465._tcp IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1',
  '',
].join('\n');
const WANT = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@    IN SOA ns1 hostmaster ( 2024010502 7200 3600',
  '                1209600 300 )',
  '     IN NS  ns1',
  '     IN MX  10 mail1',
  '     IN TXT "v=spf1 a:mail1.example.com -all"',
  'ns1  IN A   192.0.2.1',
  'mail1  IN A   192.0.2.10',
  '     IN AAAA 2001:db8::10',
  '_25._tcp.mail1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1',
  '_25._tcp.mail1.example.com. IN TLSA 2 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6',
  'www  IN CNAME mail1.example.com.',
  '_submission._tcp IN SRV ( 0 1 587',
  '                 mail1 )',
  '$ORIGIN mx1.example.com.',
  '_465._tcp.mail1.example.com. IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1',
  '',
].join('\n');
const doc = { uri: URI };
const MX1 = { line: 8, character: 1 };
const summary = (d) => d.diagnostics.map((x) => `${x.code} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`).sort();

test('rename is announced, with prepareRename only to a client that sends it', async (t) => {
  const plain = await startServerFor(t);
  assert.equal(plain.init.capabilities.renameProvider, true);
  const prep = await startServerFor(t, { textDocument: { rename: { prepareSupport: true } } });
  assert.deepEqual(prep.init.capabilities.renameProvider, { prepareProvider: true });
});

test('mx1 -> mail1: the edit an editor applies, and the diagnostics after it those of a fresh open', async (t) => {
  const s = await startServerFor(t, { textDocument: { rename: { prepareSupport: true } } });
  await s.open(URI, TEXT, 1);
  const before = await s.diagnostics(URI, 1);

  const prep = await s.conn.sendRequest('textDocument/prepareRename', { textDocument: doc, position: MX1 });
  assert.deepEqual(prep, { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 3 } }, placeholder: 'mx1' });

  const edit = await s.conn.sendRequest('textDocument/rename', { textDocument: doc, position: MX1, newName: 'mail1' });
  assert.deepEqual(Object.keys(edit.changes), [URI]);
  const edits = edit.changes[URI];
  const after = TextDocument.applyEdits(TextDocument.create(URI, 'dns-zone', 1, TEXT), edits);
  assert.equal(after, WANT);

  // as an editor sends an applied WorkspaceEdit: one change per edit, the last in the text first
  const changes = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((e) => ({ range: e.range, text: e.newText }));
  await s.change(URI, 2, changes);
  const renamed = await s.diagnostics(URI, 2);
  await s.open(FRESH, after, 1);
  const fresh = await s.diagnostics(FRESH, 1);
  assert.deepEqual(summary(renamed), summary(fresh), 'the edited document reads as a fresh one');
  assert.deepEqual(renamed.diagnostics.map((d) => d.code).sort(), before.diagnostics.map((d) => d.code).sort(), 'no new findings');

  // and back: the text it started from, but for the TLSA owner written absolute (that form stays)
  const back = await s.conn.sendRequest('textDocument/rename', { textDocument: doc, position: MX1, newName: 'mx1' });
  assert.equal(TextDocument.applyEdits(TextDocument.create(URI, 'dns-zone', 2, after), back.changes[URI]), TEXT.replace('\n_465._tcp IN', '\n_465._tcp.mx1.example.com. IN'));
});

test('refusals come back as errors with their reason', async (t) => {
  const s = await startServerFor(t, { textDocument: { rename: { prepareSupport: true } } });
  await s.open(URI, TEXT, 1);
  await s.diagnostics(URI, 1);
  const refused = async (method, params) => {
    const e = await s.conn.sendRequest(method, { textDocument: doc, ...params }).then(() => undefined, (err) => err);
    assert.ok(e, `${method} refused`);
    return e.message;
  };
  assert.match(await refused('textDocument/prepareRename', { position: { line: 2, character: 0 } }), /example\.com\. is the zone's apex: to rename the zone, change its \$ORIGIN/);
  assert.match(await refused('textDocument/prepareRename', { position: { line: 7, character: 14 } }), /^nothing to rename here/);
  assert.match(await refused('textDocument/rename', { position: MX1, newName: 'ns1' }), /ns1\.example\.com\. already has records \(A, line 8\)/);
  assert.match(await refused('textDocument/rename', { position: MX1, newName: 'a'.repeat(64) }), /label of 64 octets/);
});
