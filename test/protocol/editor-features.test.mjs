// The editor features over LSP: the real server bundle (dist/server.js --stdio)
// and a real client connection. Zone-rule diagnostics with exact ranges that
// follow incremental edits, hover, completion, symbols, folding, definition,
// references, formatting, daneZone/bumpSerial and daneZone/zoneInfo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServerFor } from '../helpers/lsp-client.mjs';

const URI = 'file:///tmp/dane-zone-features/example.com.zone';
const TEXT = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@    IN SOA ns1 hostmaster ( 2024010502 7200 3600',
  '                1209600 300 )',
  '     IN NS  ns1',
  '     IN MX  10 mx1',
  'ns1  IN A   192.0.2.1',
  'mx1  IN A   192.0.2.10',
  '_25._tcp.mx1 IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1',
  '_25._tcp.mx1 IN TLSA 2 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6',
  'www  IN CNAME mx1',
  '',
].join('\n');
const lines = TEXT.split('\n');
const pos = (line, word, offset = 0) => ({ line, character: lines[line].indexOf(word) + offset });
const doc = { uri: URI };

async function withServer(t) {
  const s = await startServerFor(t);
  await s.open(URI, TEXT, 1);
  const d = await s.diagnostics(URI, 1);
  return { s, d };
}

test('zone-rule diagnostics appear and go with incremental edits, with exact ranges', async (t) => {
  const { s, d } = await withServer(t);
  assert.deepEqual(d.diagnostics, [], 'a clean zone has no diagnostics');

  // give www an A record beside its CNAME
  await s.change(URI, 2, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: 'www  IN A   192.0.2.80\n' }]);
  const d2 = await s.diagnostics(URI, 2);
  assert.deepEqual(d2.diagnostics.map((x) => [x.code, x.severity, x.range]), [
    ['cname-and-other-data', 1, { start: { line: 11, character: 8 }, end: { line: 11, character: 9 } }],
  ]);
  assert.equal(d2.diagnostics[0].codeDescription.href, 'https://www.rfc-editor.org/rfc/rfc1034#section-3.6.2');
  assert.equal(d2.diagnostics[0].relatedInformation[0].location.range.start.line, 10);

  // point the MX at the alias: a warning on its data (mx-target-cname); the conflict above stays
  await s.change(URI, 3, [{ range: { start: { line: 5, character: 15 }, end: { line: 5, character: 18 } }, text: 'www' }]);
  const d3 = await s.diagnostics(URI, 3);
  assert.deepEqual(d3.diagnostics.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]).sort(), [
    ['cname-and-other-data', 1, 11, 8, 9],
    ['mx-target-cname', 2, 5, 12, 18],
  ]);

  // delete the A line: only the MX problem is left
  await s.change(URI, 4, [{ range: { start: { line: 11, character: 0 }, end: { line: 12, character: 0 } }, text: '' }]);
  const d4 = await s.diagnostics(URI, 4);
  assert.deepEqual(d4.diagnostics.map((x) => x.code), ['mx-target-cname']);
});

test('hover: TLSA fields with RFC 7218 names, types with their layout, names fully qualified', async (t) => {
  const { s } = await withServer(t);
  const hover = (p) => s.conn.sendRequest('textDocument/hover', { textDocument: doc, position: p });
  const h1 = await hover(pos(8, '3 1 1'));
  assert.equal(h1.contents.kind, 'markdown');
  assert.match(h1.contents.value, /DANE-EE/);
  assert.deepEqual(h1.range, { start: pos(8, '3 1 1'), end: pos(8, '3 1 1', 1) });
  assert.match((await hover(pos(8, 'TLSA'))).contents.value, /`usage` `selector` `matchingType` `data`/);
  const mx = (await hover(pos(5, 'mx1'))).contents.value;
  assert.match(mx, /Value `mx1\.example\.com\.`/);
  assert.match(mx, /looks up TLSA at:\n\n- `_25\._tcp\.mx1\.example\.com\.` — 2 TLSA records/, 'the DANE part is appended');
  assert.equal(await hover({ line: 12, character: 0 }), null);
});

test('completion: types after an owner, TLSA usages with descriptions', async (t) => {
  const { s } = await withServer(t);
  await s.change(URI, 2, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: '_25._tcp.www IN TLSA ' }]);
  await s.diagnostics(URI, 2);
  const items = await s.conn.sendRequest('textDocument/completion', { textDocument: doc, position: { line: 11, character: 21 } });
  const list = Array.isArray(items) ? items : items.items;
  assert.deepEqual([...list].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((i) => i.label), ['3', '2', '0', '1', '255']);
  const ee = list.find((i) => i.label === '3');
  assert.match(ee.detail, /DANE-EE/);
  assert.equal(ee.preselect, true);
  assert.deepEqual(list.filter((i) => i.preselect).map((i) => i.label), ['3']);
  assert.match(list.find((i) => i.label === '0').detail, /unusable for SMTP/);
  assert.match(ee.documentation.value, /RFC 7672/);
  const types = await s.conn.sendRequest('textDocument/completion', { textDocument: doc, position: { line: 10, character: 5 } });
  const tl = Array.isArray(types) ? types : types.items;
  assert.ok(tl.some((i) => i.label === 'TLSA') && tl.some((i) => i.label === 'IN'));
});

test('completion: snippets only for a client with snippetSupport; the typed word is replaced', async (t) => {
  const items = async (snippetSupport) => {
    const s = await startServerFor(t, snippetSupport === undefined ? {} : { textDocument: { completion: { completionItem: { snippetSupport } } } });
    await s.open(URI, TEXT + 'www  IN M\n$T\n', 1);
    await s.diagnostics(URI, 1);
    const get = async (line, character) => {
      const r = await s.conn.sendRequest('textDocument/completion', { textDocument: doc, position: { line, character } });
      return Array.isArray(r) ? r : r.items;
    };
    return { types: await get(11, 9), dirs: await get(12, 2) };
  };
  const yes = await items(true);
  const mx = yes.types.find((i) => i.label === 'MX');
  assert.equal(mx.insertTextFormat, 2, 'InsertTextFormat.Snippet');
  assert.deepEqual(mx.textEdit, { range: { start: { line: 11, character: 8 }, end: { line: 11, character: 9 } }, newText: 'MX ${1:10} ${2:mail}' });
  const ttl = yes.dirs.find((i) => i.label === '$TTL');
  assert.deepEqual(ttl.textEdit, { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 2 } }, newText: '\\$TTL ${1:3600}' });
  for (const no of [await items(false), await items(undefined)]) {
    const m = no.types.find((i) => i.label === 'MX');
    assert.equal(m.insertTextFormat, undefined);
    assert.equal(m.textEdit.newText, 'MX');
    assert.equal(no.dirs.find((i) => i.label === '$TTL').textEdit.newText, '$TTL');
  }
});

test('symbols, folding, definition and references', async (t) => {
  const { s } = await withServer(t);
  const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: doc });
  assert.deepEqual(syms.map((x) => x.name), ['example.com.', 'ns1.example.com.', 'mx1.example.com.', '_25._tcp.mx1.example.com.', 'www.example.com.']);
  assert.deepEqual(syms[0].children.map((c) => c.name), ['SOA', 'NS', 'MX']);
  const folds = await s.conn.sendRequest('textDocument/foldingRange', { textDocument: doc });
  assert.deepEqual(folds, [{ startLine: 2, endLine: 3, kind: 'region' }]);
  const defs = await s.conn.sendRequest('textDocument/definition', { textDocument: doc, position: pos(5, 'mx1', 1) });
  assert.deepEqual(defs.map((l) => [l.uri, l.range.start.line]), [[URI, 7]]);
  const refs = await s.conn.sendRequest('textDocument/references', { textDocument: doc, position: pos(7, 'mx1'), context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((l) => l.range.start.line).sort((a, b) => a - b), [5, 10]);
});

// What folds (features/folding.ts): an entry over more lines (a parenthesised record) is a
// region; two or more comment-only lines in a row are a comment fold. Owner groups do not
// fold, and a blank line, a record or a directive ends a comment run.
const FOLDING = [
  '; example.com.: the zone of the mail servers', //        0-1 comment
  '; edited by hand, the serial bumped by dane-zone',
  '$ORIGIN example.com.',
  '$TTL 3600',
  '@ IN SOA ns1 hostmaster ( ; the SOA over six lines', //   4-9 region
  '        2024010101 ; serial',
  '        7200       ; refresh',
  '        3600       ; retry',
  '        1209600    ; expire',
  '        300 )      ; negative TTL',
  '  IN NS ns1', //                                          10-12: the owner group of @, no fold
  '  IN NS ns2',
  '  IN MX 10 mail',
  '; name servers', //                                       13: one comment line, no fold
  'ns1 IN A 192.0.2.1', //                                   14-15: owner group, no fold
  '    IN AAAA 2001:db8::1',
  'ns2 IN A 192.0.2.2',
  '; the next block is apart', //                            17: alone, the blank line ends it
  '',
  '; mail: the host, its TLSA record', //                    19-21 comment
  '; and its DKIM key (RSA, the TXT split in three strings)',
  ';   selector 2024',
  'mail IN A 192.0.2.25',
  '     IN AAAA 2001:db8::25',
  '_25._tcp.mail IN TLSA 3 1 1 (', //                        24-25 region
  '        8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1 )',
  'sel2024._domainkey IN TXT ( "v=DKIM1; k=rsa; " ; the ; in quotes is text', // 26-28 region
  '        "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo"',
  '        "4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u" )',
  'www IN CNAME mail',
  '; two comment lines', //                                  30-31 comment, at the end
  '; end the file',
].join('\n');

test('folding ranges: the parenthesised SOA, TLSA and DKIM TXT records are regions, comment runs fold, owner groups do not', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dane-zone-features/folding.zone';
  await s.open(uri, FOLDING, 1);
  const folds = await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(folds, [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 4, endLine: 9, kind: 'region' },
    { startLine: 19, endLine: 21, kind: 'comment' },
    { startLine: 24, endLine: 25, kind: 'region' },
    { startLine: 26, endLine: 28, kind: 'region' },
    { startLine: 30, endLine: 31, kind: 'comment' },
  ]);
  // an edit puts the DKIM record on one line, and one makes the blank line a comment (the two
  // blocks around it are one run then): the folds follow the edits
  await s.change(uri, 2, [
    { range: { start: { line: 26, character: 0 }, end: { line: 28, character: FOLDING.split('\n')[28].length } }, text: 'sel2024._domainkey IN TXT "v=DKIM1; k=rsa; p=AQAB"' },
    { range: { start: { line: 18, character: 0 }, end: { line: 18, character: 0 } }, text: ';' },
  ]);
  const after = await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(after, [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 4, endLine: 9, kind: 'region' },
    { startLine: 17, endLine: 21, kind: 'comment' },
    { startLine: 24, endLine: 25, kind: 'region' },
    { startLine: 28, endLine: 29, kind: 'comment' },
  ]);
});

test('references find every name field definition follows (SOA MNAME, SVCB, HTTPS, NAPTR, NSEC); neither follows a mailbox or an RRSIG signer', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dane-zone-features/refs.zone';
  const L = [
    '$ORIGIN example.com.',
    '$TTL 300',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
    '  IN NS ns1',
    '  IN MX 10 mail',
    'ns1 IN A 192.0.2.1',
    'mail IN A 192.0.2.2',
    's IN SVCB 1 mail',
    'h IN HTTPS 0 mail',
    'n IN NAPTR 1 1 "" "" "" mail',
    'hostmaster IN A 192.0.2.3',
    'ns1 IN NSEC mail A NSEC RRSIG',
    'ns1 IN RRSIG A 13 3 300 20360201000000 20240101000000 1 example.com. AAAA',
    '',
  ];
  await s.open(uri, L.join('\n'), 1);
  await s.diagnostics(uri, 1);
  const at = (line, word) => ({ line, character: L[line].lastIndexOf(word) });
  const refs = async (p) => (await s.conn.sendRequest('textDocument/references', { textDocument: { uri }, position: p, context: { includeDeclaration: false } }))
    .map((l) => [l.range.start.line, l.range.start.character, l.range.end.character]).sort((a, b) => a[0] - b[0]);
  const def = async (p) => (await s.conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: p })).map((l) => l.range.start.line);
  const word = (line, w) => [line, L[line].lastIndexOf(w), L[line].lastIndexOf(w) + w.length];
  assert.deepEqual(await refs(at(6, 'mail')), [word(4, 'mail'), word(7, 'mail'), word(8, 'mail'), word(9, 'mail'), word(11, 'mail')]);
  assert.deepEqual(await refs(at(5, 'ns1')), [word(2, 'ns1'), word(3, 'ns1')]);
  // RNAME is a mailbox (RFC 1035 §3.3.13): hostmaster@example.com, not the host hostmaster.example.com.
  assert.deepEqual(await def(at(2, 'hostmaster')), []);
  assert.deepEqual(await refs(at(10, 'hostmaster')), []);
  // An RRSIG's signer is the zone itself (RFC 4034 §3.1.7): not a link, or every signature would be a reference of the apex.
  assert.deepEqual(await def(at(12, 'example.com.')), []);
  assert.deepEqual(await refs({ line: 2, character: 0 }), []);
  // Both ways agree: every position definition leads from is among the references of where it leads.
  for (let line = 2; line < L.length - 1; line++) {
    for (let character = 0; character < L[line].length; character++) {
      const to = await def({ line, character });
      if (!to.length) continue;
      const back = await refs({ line: to[0], character: 0 });
      assert.ok(back.some(([l, a, b]) => l === line && a <= character && character <= b), `definition from ${line}:${character} goes to line ${to[0]}; its references: ${JSON.stringify(back)}`);
    }
  }
});

test('formatting aligns columns; the formatted text gives the same diagnostics', async (t) => {
  const { s } = await withServer(t);
  const edits = await s.conn.sendRequest('textDocument/formatting', { textDocument: doc, options: { tabSize: 4, insertSpaces: true } });
  assert.ok(edits.length > 0);
  // a run of edited lines comes as one edit: none starts on the line after another ends
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].range.start.line > edits[i - 1].range.end.line + 1, JSON.stringify(edits.slice(i - 1, i + 1)));
  const out = TextDocument.applyEdits(TextDocument.create(URI, 'dns-zone', 1, TEXT), edits).split('\n');
  assert.equal(out.length, lines.length);
  assert.equal(out[6], 'ns1          IN A     192.0.2.1');
  assert.equal(out[10], 'www          IN CNAME mx1');
  // the SOA's head takes the columns too; its second line moves with its RDATA
  assert.equal(out[2], '@            IN SOA   ns1 hostmaster ( 2024010502 7200 3600');
  assert.equal(out[3], `${' '.repeat(26)}1209600 300 )`);
  await s.change(URI, 2, [{ text: out.join('\n') }]);
  assert.deepEqual((await s.diagnostics(URI, 2)).diagnostics, []);
  const again = await s.conn.sendRequest('textDocument/formatting', { textDocument: doc, options: { tabSize: 4, insertSpaces: true } });
  assert.deepEqual(again, []);
});

test('formatting pads with tabs when the editor indents with tabs (FormattingOptions), to its tab stops', async (t) => {
  const { s } = await withServer(t);
  const edits = await s.conn.sendRequest('textDocument/formatting', { textDocument: doc, options: { tabSize: 4, insertSpaces: false } });
  const out = TextDocument.applyEdits(TextDocument.create(URI, 'dns-zone', 1, TEXT), edits).split('\n');
  assert.equal(out[6], 'ns1\t\t\t\tIN\tA\t\t192.0.2.1');
  assert.equal(out[10], 'www\t\t\t\tIN\tCNAME\tmx1');
  // the SOA's second line moves with its RDATA: 4 columns right of it, at 32 (8 tabs of 4)
  assert.equal(out[2], '@\t\t\t\tIN\tSOA\t\tns1 hostmaster ( 2024010502 7200 3600');
  assert.equal(out[3], `${'\t'.repeat(8)}1209600 300 )`);
  await s.change(URI, 2, [{ text: out.join('\n') }]);
  assert.deepEqual((await s.diagnostics(URI, 2)).diagnostics, []);
  assert.deepEqual(await s.conn.sendRequest('textDocument/formatting', { textDocument: doc, options: { tabSize: 4, insertSpaces: false } }), []);
});

test('range formatting edits only the selected lines, aligned with the whole file', async (t) => {
  const { s } = await withServer(t);
  const edits = await s.conn.sendRequest('textDocument/rangeFormatting', {
    textDocument: doc, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 3 } }, options: { tabSize: 4, insertSpaces: true },
  });
  // two lines in a row: one edit
  assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.end.line, e.range.start.character, e.newText]), [
    [6, 7, 0, 'ns1          IN A     192.0.2.1\nmx1          IN A     192.0.2.10'],
  ]);
  assert.equal(edits[0].range.end.character, lines[7].length);
});

test('a range format ending at character 0 leaves that line alone', async (t) => {
  const { s } = await withServer(t);
  const options = { tabSize: 4, insertSpaces: true };
  const upTo8 = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: doc, range: { start: { line: 6, character: 0 }, end: { line: 8, character: 0 } }, options });
  const through7 = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: doc, range: { start: { line: 6, character: 0 }, end: { line: 7, character: lines[7].length } }, options });
  assert.deepEqual(upTo8, through7);
  assert.ok(upTo8.every((e) => e.range.end.line <= 7));
  // an empty range at the start of a line still formats that line
  const empty = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: doc, range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, options });
  assert.deepEqual(empty.map((e) => [e.range.start.line, e.range.end.line]), [[6, 6]]);
});

test('formatting a CRLF document joins the lines of an edit with CRLF', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dane-zone-features/crlf.example.com.zone';
  const crlf = TEXT.replace(/\n/g, '\r\n');
  await s.open(uri, crlf, 1);
  await s.diagnostics(uri, 1);
  const options = { tabSize: 4, insertSpaces: true };
  const edits = await s.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options });
  const ranged = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 3 } }, options });
  assert.ok(edits.some((e) => e.newText.includes('\r\n')));
  for (const e of [...edits, ...ranged]) assert.doesNotMatch(e.newText, /[^\r]\n/);
  assert.deepEqual(ranged.map((e) => e.newText), ['ns1          IN A     192.0.2.1\r\nmx1          IN A     192.0.2.10']);
  const out = TextDocument.applyEdits(TextDocument.create(uri, 'dns-zone', 1, crlf), edits);
  assert.doesNotMatch(out, /[^\r]\n/);
});

test('a range format after edits aligns with the file as it is now: columns narrow when the widest line goes', async (t) => {
  const { s } = await withServer(t);
  const options = { tabSize: 4, insertSpaces: true };
  // the whole format measures the columns (the owner column is as wide as '_25._tcp.mx1')
  await s.conn.sendRequest('textDocument/formatting', { textDocument: doc, options });
  // delete the two TLSA lines, then add a line with a longer owner and delete it again
  await s.change(URI, 2, [{ range: { start: { line: 8, character: 0 }, end: { line: 10, character: 0 } }, text: '' }]);
  await s.change(URI, 3, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'a-longer-owner-name-here IN A 192.0.2.7\n' }]);
  await s.diagnostics(URI, 3);
  const www = { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } };
  const wide = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: doc, range: www, options });
  assert.deepEqual(wide.map((e) => e.newText), [`${'www'.padEnd('a-longer-owner-name-here'.length)} IN CNAME mx1`]);
  await s.change(URI, 4, [{ range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, text: '' }]);
  await s.diagnostics(URI, 4);
  const narrow = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: doc, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 3 } }, options });
  // the same text opened afresh formats the same
  const text = lines.filter((_, i) => i !== 8 && i !== 9).join('\n');
  const fresh = 'file:///tmp/dane-zone-features/fresh.example.com.zone';
  await s.open(fresh, text, 1);
  await s.diagnostics(fresh, 1);
  const want = await s.conn.sendRequest('textDocument/rangeFormatting', { textDocument: { uri: fresh }, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 3 } }, options });
  assert.deepEqual(narrow, want);
  assert.deepEqual(narrow.map((e) => e.newText), ['www IN CNAME mx1']);
});

test('daneZone/bumpSerial returns the edit; daneZone/zoneInfo the zone facts', async (t) => {
  const { s } = await withServer(t);
  const edit = await s.conn.sendRequest('daneZone/bumpSerial', { uri: URI, today: '20260102' });
  assert.deepEqual(edit, { changes: { [URI]: [{ range: { start: pos(2, '2024'), end: pos(2, '2024', 10) }, newText: '2026010200' }] } });
  const info = await s.conn.sendRequest('daneZone/zoneInfo', { uri: URI, line: 10, character: 1 });
  assert.deepEqual(info, { origin: 'example.com.', errors: 0, warnings: 0, mxTargets: ['mx1.example.com.'], nameAtCursor: 'www.example.com.' });
  assert.equal(await s.conn.sendRequest('daneZone/zoneInfo', { uri: 'file:///not/open.zone' }), null);
});

test('a DKIM key pasted as one string over 255 octets: the error offers "Split into N strings", and after it the zone has no problem; the fix follows the line when lines are added above', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dane-zone-features/dkim.zone';
  // a real key (dkim-syntax reads it): 410 octets in all
  const key = 'v=DKIM1; k=rsa; p=' + generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const text = `$ORIGIN example.com.\n$TTL 300\nsel._domainkey IN TXT "${key}"\n`;
  await s.open(uri, text, 1);
  await s.diagnostics(uri, 1);
  // two lines above it: the fix's range must move with the record
  await s.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '; DKIM\n; key\n' }]);
  const [d] = (await s.diagnostics(uri, 2)).diagnostics.filter((x) => x.code === 'rdata-invalid');
  assert.equal(d.range.start.line, 4);
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Split into 2 strings of at most 255 octets', true]]);
  const now = TextDocument.create(uri, 'dns-zone', 2, `$ORIGIN example.com.\n$TTL 300\n; DKIM\n; key\nsel._domainkey IN TXT "${key}"\n`);
  const fixed = TextDocument.applyEdits(now, actions[0].edit.changes[uri]);
  assert.match(fixed.split('\n')[4], /^sel\._domainkey IN TXT "[^"]{255}" "[^"]+"$/);
  await s.change(uri, 3, [{ text: fixed }]);
  assert.deepEqual((await s.diagnostics(uri, 3)).diagnostics, []);
});

// Found by the LSP fuzzer: a completion asked past the end of a line (or of the document) answered
// with edits that ended there, outside the document; LSP reads such a character as the line's end.
test('completion past the end of a line is the completion at its end; past the last line, none', async (t) => {
  const s = await startServerFor(t);
  const uri = 'file:///tmp/dane-zone-features/past-end.example.com.zone';
  const text = '$ORIGIN example.com.\nwww IN A 192.0.2.1\nmail IN M';
  await s.open(uri, text, 1);
  await s.diagnostics(uri, 1);
  const complete = (line, character) => s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  const atEnd = await complete(2, 9);
  assert.ok(atEnd.items.some((i) => i.label === 'MX'));
  const past = await complete(2, 40);
  assert.deepEqual(past, atEnd);
  for (const i of past.items) assert.deepEqual(i.textEdit.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } });
  assert.deepEqual((await complete(7, 3)).items, []);
});
