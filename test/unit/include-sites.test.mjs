// The walk up an $INCLUDE chain (zone/include-sites.ts): from a file read through $INCLUDE to
// the zone's own $INCLUDE line that read it. Diagnostics of included files show on that line,
// and a change to an included file marks that line changed: both use this one walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, makeSourceFile, includeSites, entryLine } from '../../dist/core.js';

const FILES = {
  'a.inc': '$INCLUDE b.inc\na1 IN A 192.0.2.1\n',
  'b.inc': '$INCLUDE c.inc\nb1 IN A 192.0.2.2\n',
  'c.inc': 'c1 IN A 192.0.2.3\n',
  // a cycle: the parser refuses the second read of loop1.inc, loop2.inc is still read
  'loop1.inc': '$INCLUDE loop2.inc\n',
  'loop2.inc': '$INCLUDE loop1.inc\nl2 IN A 192.0.2.4\n',
};
const readInclude = (_from, p) => (p in FILES ? { id: p, text: FILES[p] } : { error: `no such file: ${p}` });

const MAIN = [
  '$ORIGIN example.com.',
  '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300',
  '  IN NS ns1',
  '$INCLUDE a.inc', // line 3: a -> b -> c
  '$INCLUDE missing.inc', // line 4
  '$INCLUDE a.inc sub.example.com.', // line 5: the same chain a second time
  '$INCLUDE loop1.inc', // line 6
  '',
].join('\n');

const zone = parseZone(MAIN, { fileId: 'main.zone', readInclude });
const siteOf = includeSites(zone);
const fileOf = (owner) => zone.records.find((r) => r.owner === owner).file;
/** the top-level $INCLUDE line that read `file`, as line number and file argument */
const site = (file) => {
  const d = siteOf(file);
  return d && { line: entryLine(d.loc.entry), file: d.loc.file.id, args: d.args };
};

test('a file read through a chain a -> b -> c maps to the top-level $INCLUDE of a', () => {
  assert.deepEqual(site(fileOf('a1.example.com.')), { line: 3, file: 'main.zone', args: ['a.inc'] });
  assert.deepEqual(site(fileOf('b1.example.com.')), { line: 3, file: 'main.zone', args: ['a.inc'] });
  assert.deepEqual(site(fileOf('c1.example.com.')), { line: 3, file: 'main.zone', args: ['a.inc'] });
});

test('each read of a file included twice maps to its own $INCLUDE line', () => {
  assert.deepEqual(site(fileOf('c1.sub.example.com.')), { line: 5, file: 'main.zone', args: ['a.inc', 'sub.example.com.'] });
  assert.notEqual(fileOf('c1.sub.example.com.'), fileOf('c1.example.com.'));
});

test('a file with the id of an included file but not its SourceFile object maps by id', () => {
  // the last $INCLUDE that read c.inc
  assert.deepEqual(site(makeSourceFile('c.inc', FILES['c.inc'])), { line: 5, file: 'main.zone', args: ['a.inc', 'sub.example.com.'] });
});

test('a missing file, the zone\'s own file and a file never read have no site', () => {
  assert.ok(zone.problems.some((p) => p.code === 'include-failed' && /missing\.inc/.test(p.message)));
  assert.equal(zone.directives.find((d) => d.args[0] === 'missing.inc').includedFile, undefined);
  assert.equal(siteOf(makeSourceFile('missing.inc', '')), undefined);
  assert.equal(siteOf(zone.file), undefined);
  assert.equal(siteOf(makeSourceFile('other.inc', 'x IN A 192.0.2.9\n')), undefined);
});

test('in an include cycle the files read map to the top-level $INCLUDE; the walk ends', () => {
  assert.ok(zone.problems.some((p) => p.code === 'include-failed' && /cycle/.test(p.message)));
  assert.deepEqual(site(fileOf('l2.example.com.')), { line: 6, file: 'main.zone', args: ['loop1.inc'] });
  // a model whose includes loop without reaching the top (the parser never builds one): no site, and no endless walk
  const one = makeSourceFile('one.inc', '');
  const two = makeSourceFile('two.inc', '');
  const at = (file) => ({ file, entry: { line: 0 }, span: { line: 0 } });
  const looping = { file: makeSourceFile('top.zone', ''), directives: [
    { name: '$INCLUDE', args: ['two.inc'], loc: at(one), includedFile: two },
    { name: '$INCLUDE', args: ['one.inc'], loc: at(two), includedFile: one },
  ] };
  assert.equal(includeSites(looping)(one), undefined);
  assert.equal(includeSites(looping)(two), undefined);
});
