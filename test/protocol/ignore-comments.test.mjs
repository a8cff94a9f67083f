// Ignore comments through the real server bundle: the light bulb's "Ignore <id> here" and
// "… in this file" edits, applied as incremental didChange edits (the editor's re-parse of a few
// entries, not a new analysis), silence the diagnostic; removing the comment brings it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp-client.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s?.stop(); });

const TEXT = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n' +
  'c IN TXT "c"\n; dane-zone: cert=certs/none.pem\nc_x IN A 192.0.2.7\nd IN TXT "d"\nd_y IN A 192.0.2.8\n';
// (the cert= link above an A record links nothing: cert-link-unused, at its line, in every step)
const codes = (p) => p.diagnostics.map((d) => `${d.range.start.line} ${d.code}`).sort();

/** A TextEdit as a didChange content change. */
const asChange = (e) => ({ range: e.range, text: e.newText });

async function actionsFor(uri, d) {
  return s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
}

test('"Ignore here" silences the diagnostic after an incremental edit; deleting the comment brings it back', async () => {
  const uri = 'file:///ignore/here.zone';
  await s.open(uri, TEXT, 1);
  const first = await s.diagnostics(uri, 1);
  assert.deepEqual(codes(first), ['6 cert-link-unused', '7 hostname-syntax', '9 hostname-syntax']);
  const d = first.diagnostics.find((x) => x.range.start.line === 7);
  const actions = await actionsFor(uri, d);
  assert.deepEqual(actions.map((a) => a.title), ['Ignore hostname-syntax here (dane-zone: ignore comment)', 'Ignore hostname-syntax in this file (dane-zone: ignore-file comment)']);
  assert.ok(actions.every((a) => a.isPreferred !== true), 'ignoring is never the preferred fix');
  const [edit] = actions[0].edit.changes[uri];
  // above the cert= link, which must stay directly above its record
  assert.deepEqual(edit, { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '; dane-zone: ignore=hostname-syntax\n' });
  await s.change(uri, 2, [asChange(edit)]);
  assert.deepEqual(codes(await s.diagnostics(uri, 2)), ['10 hostname-syntax', '7 cert-link-unused']);
  // the comment's line deleted again
  await s.change(uri, 3, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
  assert.deepEqual(codes(await s.diagnostics(uri, 3)), ['6 cert-link-unused', '7 hostname-syntax', '9 hostname-syntax']);
  // a typo in the id: the finding stays, and the comment says why it ignores nothing
  await s.change(uri, 4, [{ range: { start: { line: 7, character: 18 }, end: { line: 7, character: 18 } }, text: ' ; dane-zone: ignore=hostname-syntx' }]);
  const typo = await s.diagnostics(uri, 4);
  assert.deepEqual(codes(typo), ['6 cert-link-unused', '7 hostname-syntax', '7 ignore-invalid', '9 hostname-syntax']);
  assert.match(typo.diagnostics.find((x) => x.code === 'ignore-invalid').message, /'hostname-syntx' is not a dane-zone check/);
});

test('"Ignore in this file" writes an ignore-file comment at the top and silences every such finding', async () => {
  const uri = 'file:///ignore/file.zone';
  await s.open(uri, TEXT, 1);
  const first = await s.diagnostics(uri, 1);
  const actions = await actionsFor(uri, first.diagnostics.find((d) => d.code === 'hostname-syntax'));
  const [edit] = actions.find((a) => a.title.includes('in this file')).edit.changes[uri];
  assert.deepEqual(edit.range.start, { line: 0, character: 0 });
  await s.change(uri, 2, [asChange(edit)]);
  assert.deepEqual(codes(await s.diagnostics(uri, 2)), ['7 cert-link-unused']);
});

test('errors that stop a zone loading get no ignore action', async () => {
  const uri = 'file:///ignore/syntax.zone';
  await s.open(uri, TEXT + 'e IN A 192.0.2.300\n', 1);
  const p = await s.diagnostics(uri, 1);
  const d = p.diagnostics.find((x) => x.code === 'rdata-invalid');
  assert.ok(d);
  assert.deepEqual((await actionsFor(uri, d)).filter((a) => a.title.startsWith('Ignore')), []);
});

test('completion in an ignore comment lists the ids; hover on it says what it silences', async () => {
  const uri = 'file:///ignore/complete.zone';
  const text = TEXT + '; dane-zone: ignore=\n; dane-zone: ignore=ttl-mismatch -- pool\ne IN A 192.0.2.5\n';
  await s.open(uri, text, 1);
  await s.diagnostics(uri, 1);
  const list = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 20 } });
  const items = Array.isArray(list) ? list : list.items;
  const ids = items.map((i) => i.label);
  assert.ok(ids.includes('hostname-syntax') && ids.includes('tlsa-usage-unusable-for-smtp'), ids.join(' '));
  assert.ok(!ids.includes('syntax') && !ids.includes('cname-and-other-data'), 'errors BIND or Knot refuse the zone for are not offered');
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 25 } });
  assert.match(hover.contents.value, /^\*\*dane-zone ignore comment\*\*: silences these checks .*\n\n- `ttl-mismatch` \(warning\): .*\n\nReason: pool$/s);
  assert.equal(await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 5 } }), null, 'a cert= link: no ignore comment');
});

test('a finding on a cert= link moves with an edit above it, and an ignore comment above the link silences it while typing', async () => {
  const uri = 'file:///ignore/cert-link.zone';
  const base = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN MX 10 mail\nmail IN A 192.0.2.2\n' +
    `; dane-zone: cert=certs/none.pem\n_25._tcp.mail IN TLSA 3 1 1 ${'ab'.repeat(32)}\n_25._tcp.mail IN TLSA 3 1 1 ${'cd'.repeat(32)}\n`;
  await s.open(uri, base, 1);
  const link = (p) => p.diagnostics.filter((d) => d.code === 'tlsa-cert-link-unreadable').map((d) => d.range.start.line);
  assert.deepEqual(link(await s.diagnostics(uri, 1)), [7]);
  await s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '; a comment at the top\n' }]);
  assert.deepEqual(link(await s.diagnostics(uri, 2)), [8], 'the finding moved with its line');
  await s.change(uri, 3, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '; dane-zone: ignore=tlsa-cert-link-unreadable\n' }]);
  const after = await s.diagnostics(uri, 3);
  assert.deepEqual(link(after), []);
  assert.deepEqual(after.diagnostics.filter((d) => d.code === 'ignore-invalid'), []);
});

test('a cert= link finding below an edited ignore comment keeps its place as lines move above it', async () => {
  const uri = 'file:///ignore/cert-below-edit.zone';
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n@ IN MX 10 mail\nmail IN A 192.0.2.25\n' +
    '; dane-zone: ignore=tlsa-single-record\n; dane-zone: cert=certs/missing.pem\n_25._tcp.mail IN TLSA 3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6\n';
  await s.open(uri, text, 1);
  const link = (p) => p.diagnostics.filter((d) => d.code === 'tlsa-cert-link-unreadable').map((d) => d.range.start.line);
  assert.deepEqual(link(await s.diagnostics(uri, 1)), [8]);
  // the ignore line edited (one character gone), then a line inserted at the top
  await s.change(uri, 2, [{ range: { start: { line: 7, character: 36 }, end: { line: 7, character: 37 } }, text: '' }]);
  assert.deepEqual(link(await s.diagnostics(uri, 2)), [8]);
  await s.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '; top\n' }]);
  assert.deepEqual(link(await s.diagnostics(uri, 3)), [9]);
});
