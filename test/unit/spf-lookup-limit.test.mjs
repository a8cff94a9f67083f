// spf-lookup-limit follows include: and redirect= to the SPF record a receiver's query finds, as
// spf-include-missing and spf-void-lookups do: the name's own or a wildcard's, not below a
// delegation. While typing, an edit of the wildcard, of the included record, or one that makes
// the included name exist (so the wildcard no longer answers it) checks the including record
// again, in the editor as in a fresh check (findingsAfterEachStep compares them at each step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorFindingsAfterEachStep, findingKeys, findingsAfterEachStep, host } from '../helpers/edit-steps.mjs';
import { absRange, checkText } from '../../dist/core.js';

const outside = Array.from({ length: 8 }, (_, i) => `include:o${i + 1}.example.net`).join(' ');
const head = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1'];
const counts = (fs) => fs.filter((f) => f.ruleId === 'spf-lookup-limit').map((f) => `${absRange(f.loc).startLine}:${f.message.match(/needs (\d+) DNS lookups/)[1]}`);

test('an include answered by a wildcard counts the wildcard\'s lookups; editing the wildcard, or making the name exist, checks the including record again', () => {
  // the wildcard answers the second step of the chain (spf-include-missing, which also reads the
  // names deciding the first step, does not look there): 8 + 1 here, then the wildcard's
  const seven = outside.replace(' include:o8.example.net', '');
  const base = [...head, `@ TXT "v=spf1 ${seven} include:_spf.example.com -all"`, '_spf TXT "v=spf1 include:any.spf.example.com -all"', '; free', '; free', '; free', ''].join('\n');
  const edits = [
    [7, '*.spf TXT "v=spf1 a:ns1.example.com a:ns1.example.com -all"'], // 9 + 2
    [7, '*.spf TXT "v=spf1 a:ns1.example.com -all"'], // 9 + 1: at the limit
    [7, '*.spf TXT "v=spf1 a:ns1.example.com mx:ns1.example.com -all"'],
    [8, 'any.spf TXT "v=spf1 -all"'], // the name exists: its own record answers, not the wildcard
    [8, 'x.any.spf A 192.0.2.7'], // an empty non-terminal exists too: no SPF there (spf-include-missing's)
    [8, '; free'], // the wildcard answers again
    [9, 'spf NS ns.example.net.'], // delegated: the child zone answers, nothing of it is counted
    [9, '; free'],
    [7, '*.spf TXT "v=spf1 a:ns1.example.com -all"'], // read again since the cut went
  ];
  const steps = findingsAfterEachStep(base, edits);
  assert.deepEqual(steps.map(counts), [['5:11'], [], ['5:11'], [], [], ['5:11'], [], ['5:11'], []]);
  // the same in an editor, where no other check runs between the keystrokes
  assert.deepEqual(editorFindingsAfterEachStep(base, edits).map(findingKeys), steps.map(findingKeys));
});

test('the count the message gives follows the wildcard past the limit too (there no other rule reads the names that decide it)', () => {
  // 11 lookups here: spf-void-lookups stops where receivers do, at the 11th, and does not walk on to
  // the wildcard; spf-lookup-limit counts on (to 50) and reads the names that decide what answers
  const ten = `${outside} include:o9.example.net include:o10.example.net`;
  const base = [...head, `@ TXT "v=spf1 ${ten} " "include:_spf.example.com -all"`, '_spf TXT "v=spf1 include:any.spf.example.com -all"', '; free', '; free', ''].join('\n');
  const steps = findingsAfterEachStep(base, [
    [7, '*.spf TXT "v=spf1 a:ns1.example.com a:ns1.example.com -all"'], // 12 + 2
    [7, '*.spf TXT "v=spf1 a:ns1.example.com -all"'],
    [8, 'any.spf TXT "v=spf1 -all"'], // the name's own record answers
    [8, '; free'],
  ]);
  assert.deepEqual(steps.map(counts), [['5:14'], ['5:13'], ['5:12'], ['5:13']]);
});

test('an include below a delegation is not counted into, while the cut is there; the included record\'s edits check the including one again', () => {
  const base = [...head, `@ TXT "v=spf1 ${outside} include:_spf.sub.example.com -all"`, '_spf.sub TXT "v=spf1 a:ns1.example.com -all"', '; free', ''].join('\n');
  const steps = findingsAfterEachStep(base, [
    [6, '_spf.sub TXT "v=spf1 a:ns1.example.com a:ns1.example.com -all"'], // 9 + 2
    [7, 'sub NS ns.example.net.'], // now the child zone's: 9
    [6, '_spf.sub TXT "v=spf1 a:ns1.example.com a:ns1.example.com a:ns1.example.com -all"'],
    [7, '; free'], // 9 + 3
  ]);
  assert.deepEqual(steps.map(counts), [['5:11'], [], [], ['5:12']]);
});

test('a file without an SOA (a fragment) follows an include to the name\'s own record, not to a wildcard: it cannot say the name does not exist elsewhere', () => {
  const run = (lines) => counts(checkText([...lines, ''].join('\n'), { fileId: 'frag.zone', host }).findings);
  const own = ['$ORIGIN example.com.', '$TTL 3600', `@ TXT "v=spf1 ${outside} include:any.spf.example.com -all"`];
  assert.deepEqual(run([...own, 'any.spf TXT "v=spf1 a:ns1.example.com a:ns1.example.com -all"']), ['2:11']);
  assert.deepEqual(run([...own, '*.spf TXT "v=spf1 a:ns1.example.com a:ns1.example.com -all"']), []);
});

test('the editor\'s check, dependsOn and dependsOnBelow of one SPF record walk its includes once', async () => {
  const { RULES, buildZone } = await import('../../dist/core.js');
  const rule = RULES.find((r) => r.id === 'spf-lookup-limit');
  const lines = [...head, `@ TXT "v=spf1 ${outside} include:_spf.example.com -all"`, '_spf TXT "v=spf1 a:ns1.example.com -all"', ''];
  const built = buildZone({ id: 'f.zone', lines, entries: [] }, { fileId: 'f.zone' });
  // a new zone version (the editor's is new at each edit) that counts the walk's questions about the included name
  const version = () => {
    const seen = { asked: 0 };
    const byOwner = new Proxy(built.byOwner, {
      get: (m, k) => (k === 'has' ? (n) => { if (n === '_spf.example.com.') seen.asked++; return m.has(n); } : typeof m[k] === 'function' ? m[k].bind(m) : m[k]),
    });
    return { zone: Object.create(built, { byOwner: { value: byOwner } }), seen };
  };
  const rec = built.records.find((r) => r.type === 'TXT' && r.ownerKey === 'example.com.');
  const one = version();
  assert.ok(rule.dependsOn(rec, one.zone).includes('_spf.example.com.'));
  assert.ok(one.seen.asked > 0);
  const editor = version();
  const found = [];
  rule.check(rec, { zone: editor.zone, host, report: (f) => found.push(f) });
  rule.dependsOn(rec, editor.zone);
  rule.dependsOnBelow(rec, editor.zone);
  assert.equal(found.length, 0, 'at the limit: 9 + 1');
  assert.equal(editor.seen.asked, one.seen.asked, 'the three asked as much as one walk');
});
