// spf-void-lookups while typing: the names an SPF record's a:, mx: and exists: terms query are
// its dependencies, so adding or removing a record there (or a wildcard above it) checks the SPF
// record again, in the editor as in a fresh check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorFindingsAfterEachStep, findingKeys, findingsAfterEachStep } from '../helpers/edit-steps.mjs';
import { absRange } from '../../dist/core.js';

const base = [
  '$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1',
  '@ TXT "v=spf1 a:old1.example.com a:old2.example.com mx:old3.example.com -all"',
  '; free', '; free', '; free', '',
].join('\n');

test('adding a record at a queried name, a wildcard above it, or a CNAME there clears the finding; removing it brings it back', () => {
  const voids = (fs) => fs.filter((f) => f.ruleId === 'spf-void-lookups').map((f) => f.message.match(/at the third, (\S+),/)[1]);
  const edits = [
    [6, 'old3 IN A 192.0.2.3'], // an A does not answer an MX query
    [6, 'old3 IN MX 10 ns1'], // an MX does
    [6, '; free'],
    [7, '*.example.com. IN A 192.0.2.9'], // the wildcard answers old1 and old2 (and old3's MX query finds nothing)
    [7, 'old2 IN CNAME ns1'], // a CNAME: receivers follow it
    [7, '; free'],
  ];
  const steps = findingsAfterEachStep(base, edits);
  assert.deepEqual(steps.map(voids), [['mx:old3.example.com'], [], ['mx:old3.example.com'], [], [], ['mx:old3.example.com']]);
  // the same in an editor, where no other check runs between the keystrokes
  assert.deepEqual(editorFindingsAfterEachStep(base, edits).map(findingKeys), steps.map(findingKeys));
});

test('void lookups of an SPF record an include: reaches count for the including record: editing the included record, or its name, checks the including one again', () => {
  const text = [
    '$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1',
    '@ TXT "v=spf1 a:old1.example.com include:_spf.example.com -all"',
    '_spf TXT "v=spf1 a:old2.example.com ip4:192.0.2.0/24 -all"',
    '; free', '; free', '',
  ].join('\n');
  const at = (fs) => fs.filter((f) => f.ruleId === 'spf-void-lookups' && !f.message.startsWith('void lookup')).map((f) => `${absRange(f.loc).startLine}:${f.message.match(/at the third, (.+?), for every/)[1]}`);
  const steps = findingsAfterEachStep(text, [
    [6, '_spf TXT "v=spf1 a:old2.example.com a:old3.example.com -all"'], // a third void lookup, in the included record
    [7, 'old3 IN A 192.0.2.3'], // the name it queries gets an address
    [7, '; free'],
    [6, '_spf TXT "v=spf1 a:old2.example.com include:_spf2.example.com -all"'], // one step further
    [8, '_spf2 TXT "v=spf1 mx:ns1.example.com -all"'],
    [7, '_spf CNAME elsewhere.example.net.'], // the include now leaves the zone: not counted
  ]);
  assert.deepEqual(steps.map(at), [
    ['5:a:old3.example.com (through include:_spf.example.com)'], [], ['5:a:old3.example.com (through include:_spf.example.com)'],
    [], ['5:mx:ns1.example.com (through include:_spf.example.com)'], [],
  ]);
});
