// `cert-link-unused`: a `; dane-zone: cert=` link that no TLSA or SMIMEA record takes. The record
// is then checked against no certificate while its writer believes it is: reported at the link,
// with what stands between it and a record, in the CLI and in the editor as it is typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';
import { findingsAfterEachSplice } from '../helpers/edit-steps.mjs';

const HEAD = ['$ORIGIN example.net.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', '@ IN MX 10 mx1', 'ns1 IN A 192.0.2.1', 'mx1 IN A 192.0.2.2'];
const TLSA = (host) => `_25._tcp.${host} IN TLSA 3 1 1 ${'ab'.repeat(32)}`;
// a host that reads no file: a used link's file is looked for, and reported unreadable
const host = { now: () => new Date('2026-01-01T00:00:00Z'), options: {}, readFile: () => ({ error: 'no such file' }) };
const check = (lines) => core.checkText(lines.join('\n'), { fileId: '/z/example.zone', host }).findings;
/** `line: why` of each cert-link-unused finding (the part of the message after the colon). */
const unused = (fs) => fs.filter((f) => f.ruleId === 'cert-link-unused').map((f) => `${core.absRange(f.loc).startLine}: ${f.message.split(': ').slice(1).join(': ').split(';')[0]}`).sort();

test('a link directly above a TLSA record, or at its end, is used; each way of linking nothing is reported with what is in the way', () => {
  const lines = [
    ...HEAD,
    '; dane-zone: cert=certs/mx1.pem', TLSA('mx1'), // 7, 8: used
    '; dane-zone: cert=certs/gap.pem', '', TLSA('mx2'), // 9: a blank line
    '; dane-zone: cert=certs/c.pem', '; the next key', TLSA('mx3'), // 12: a comment line
    '; dane-zone: cert=certs/a.pem', 'mx4 IN A 192.0.2.4', // 15: not a TLSA record
    'mx5 IN A 192.0.2.5 ; dane-zone: cert=certs/trail.pem', // 17: at the end of an A record
    `${TLSA('mx5')} ; dane-zone: cert=certs/ok.pem`, // 18: used
    '; dane-zone: cert=', TLSA('mx6'), // 19: no path
    '; dane-zone: cert=certs/d.pem', '$TTL 300', // 21: a directive
    '; dane-zone: cert=certs/e.pem', '', // 23: the file's end
  ];
  assert.deepEqual(unused(check(lines)), [
    '12: another comment line comes between it and the record below (put that comment above the link)',
    '15: the record on the line below is no TLSA or SMIMEA record',
    '17: a link at the end of a line is read only at the end of a TLSA or SMIMEA record, as its last comment',
    "19: it names no file after 'cert=': write the certificate's path there (relative to this file)",
    '21: the line below is a $TTL line, not a TLSA or SMIMEA record',
    '23: the file ends below it',
    '9: a blank line comes between it and the record below',
  ]);
  // the used links are read: their files are looked for
  const unreadable = check(lines).filter((f) => f.ruleId === 'tlsa-cert-link-unreadable').map((f) => core.absRange(f.loc).startLine);
  assert.deepEqual(unreadable, [7, 18]);
});

test('an SMIMEA record takes a link as a TLSA record does; a zone without links has no such finding', () => {
  const smimea = `${'a'.repeat(56)}._smimecert IN SMIMEA 3 1 1 ${'cd'.repeat(32)}`;
  assert.deepEqual(unused(check([...HEAD, '; dane-zone: cert=certs/alice.pem', smimea])), []);
  assert.deepEqual(unused(check([...HEAD, TLSA('mx1')])), []);
});

test('typing: a blank line put between the link and its record, a record typed over, a path cleared, each shows and clears the finding as a fresh check does', () => {
  const base = [...HEAD, '; dane-zone: cert=certs/mx1.pem', TLSA('mx1'), '; free', ''].join('\n');
  const steps = findingsAfterEachSplice(base, [
    [8, 0, ['']], // a blank line below the link
    [8, 1, []], // removed again
    [8, 1, ['mx1 IN AAAA 2001:db8::2']], // the TLSA typed over
    [8, 1, [TLSA('mx1')]],
    [7, 1, ['; dane-zone: cert=']],
    [7, 1, ['; dane-zone: cert=certs/mx1.pem']],
    [9, 1, ['; dane-zone: cert=certs/next.pem']], // a new link above the end of the file
    [10, 0, [TLSA('mx1')]], // and its record
  ]);
  assert.deepEqual(steps.map((fs) => unused(fs).map((k) => k.split(':')[0])), [['7'], [], ['7'], [], ['7'], [], ['9'], []]);
});

test('a link in an $INCLUDEd file is reported in that file', () => {
  const inc = ['; dane-zone: cert=certs/mx1.pem', '', TLSA('mx1'), ''].join('\n');
  const readInclude = (_from, p) => (p === 'tlsa.inc' ? { id: '/z/tlsa.inc', text: inc } : { error: `no such file: ${p}` });
  const r = core.checkText([...HEAD, '$INCLUDE tlsa.inc', ''].join('\n'), { fileId: '/z/example.zone', readInclude });
  const f = r.findings.filter((x) => x.ruleId === 'cert-link-unused');
  assert.deepEqual(f.map((x) => `${x.loc.file.id}:${core.absRange(x.loc).startLine}`), ['/z/tlsa.inc:0']);
});

test('completion offers cert= and paths after it only in a comment spelt as a link is read (else the link would be neither checked nor reported)', () => {
  const comments = ['; dane-zone: cert=', ';dane-zone: cert=', ';dane-zone:cert=', '; dane-zone:  cert=', ';; dane-zone: cert=', '; DANE-ZONE: cert=', '; dane-zone:\tcert='];
  const text = [...HEAD, ...comments, ''].join('\n');
  const zone = core.parseZone(text, { fileId: '/z/example.zone', keepTokens: true });
  // each comment as a link: read (a link of no path, reported) or not read at all
  const read = unused(core.checkText(text, { fileId: '/z/example.zone', host }).findings).map((k) => Number(k.split(':')[0]) - HEAD.length);
  const paths = comments.map((c, i) => !!core.completionListAt(zone, HEAD.length + i, c.length).certPath);
  assert.deepEqual(paths.map((p, i) => p && read.includes(i)), paths, 'a path is completed only where the link is read');
  assert.deepEqual(paths, [true, true, false, false, false, false, false]);
  // the word cert= likewise
  const words = ['; dane-zone: ', '; dane-zone:', '; DANE-ZONE: ', ';; dane-zone: '].map((c) => {
    const z = core.parseZone([...HEAD, c, ''].join('\n'), { fileId: '/z/example.zone', keepTokens: true });
    return core.completionsAt(z, HEAD.length, c.length).some((e) => e.label === 'cert=');
  });
  assert.deepEqual(words, [true, false, false, false]);
});

test('a link above a TLSA record that has a link at its own end: reported as the one not read, not as standing above no TLSA record', () => {
  const lines = [...HEAD, '; dane-zone: cert=certs/a.pem', `${TLSA('mx1')} ; dane-zone: cert=certs/b.pem`, '; dane-zone: cert=certs/c.pem', `_25._tcp.mx2 IN TLSA 3 1 1 ( ${'ab'.repeat(16)}`, `  ${'ab'.repeat(16)} ) ; dane-zone: cert=certs/d.pem`, ''];
  const want = ['7: the record on the line below has a link of its own at its end, which is the one read: remove one of the two', '9: the record on the line below has a link of its own at its end, which is the one read: remove one of the two'];
  assert.deepEqual(unused(check(lines)), want);
  // the editor says the same, the end link typed last (findingsAfterEachSplice: as a fresh check)
  const typed = lines.slice();
  typed[8] = TLSA('mx1');
  const steps = findingsAfterEachSplice(typed.join('\n'), [[8, 1, [lines[8]]]]);
  assert.deepEqual(unused(steps[0]), want);
});

test('a link spelt otherwise than it is read (no space, upper case, blanks around =) is reported as misspelt, in the check and the editor alike; its fix writes it as read, and the record below is then linked', () => {
  const misspelt = [';dane-zone:cert=certs/mx1.pem', '; DANE-ZONE: cert=certs/mx1.pem', '; dane-zone: cert = certs/mx1.pem', ';; dane-zone:\tcert=certs/mx1.pem'];
  for (const link of misspelt) {
    const lines = [...HEAD, link, TLSA('mx1')];
    const [f, ...more] = check(lines).filter((x) => x.ruleId === 'cert-link-unused');
    assert.equal(more.length, 0, link);
    assert.ok(f, `${link}: reported`);
    assert.match(f.message, /it is not spelt as a link is read, so it is a plain comment: write '; dane-zone: cert=certs\/mx1\.pem'/);
    const [fix] = core.settleFixData(f.data).fixes;
    assert.equal(fix.title, "Write '; dane-zone: cert=certs/mx1.pem'");
    const { range, newText } = fix.edits[0];
    assert.deepEqual([range.startLine, range.endLine], [7, 7]);
    const fixed = lines.slice();
    fixed[7] = fixed[7].slice(0, range.startCol) + newText + fixed[7].slice(range.endCol);
    assert.equal(fixed[7], '; dane-zone: cert=certs/mx1.pem');
    const after = check(fixed);
    assert.deepEqual(unused(after), []);
    // the link is read now: its file is looked for
    assert.deepEqual(after.filter((x) => x.ruleId === 'tlsa-cert-link-unreadable').map((x) => core.absRange(x.loc).startLine), [7]);
  }
  // a plain comment that mentions links is none
  assert.deepEqual(unused(check([...HEAD, '; see the README for dane-zone: cert links', TLSA('mx1')])), []);
  const base = [...HEAD, '; dane-zone: cert=certs/mx1.pem', TLSA('mx1'), ''].join('\n');
  const steps = findingsAfterEachSplice(base, [[7, 1, [misspelt[0]]], [7, 1, ['; dane-zone: cert=certs/mx1.pem']], [7, 1, [misspelt[1]]]]);
  assert.deepEqual(steps.map((fs) => unused(fs).length), [1, 0, 1]);
});
