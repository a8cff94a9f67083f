// Which names exist (an owner, or a name with owners below it: an empty non-terminal) decides
// whether a wildcard answers a name (RFC 4592 §4.1). The editor works it out once and hands it
// on from version to version, brought up to date at the names each edit touched: after every
// step the handed-on names must equal a fresh build's (findingsAfterEachSplice checks them), and
// the findings that depend on them a fresh check's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAfterEachSplice } from '../helpers/edit-steps.mjs';


const base = [
  '$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster 1 3600 900 604800 300', '@ IN NS ns1', 'ns1 IN A 192.0.2.1',
  '@ IN MX 10 host.w.example.com.', '*.w IN TXT "no address"', '; free', '; free', '; free', '',
].join('\n');

/** target-no-address per step: '' (none), 'wildcard' (answered by *.w, which has no address) or 'none' (no records). */
const verdict = (fs) => {
  const f = fs.find((x) => x.ruleId === 'target-no-address');
  return !f ? '' : f.message.includes('the wildcard *.w.example.com.') ? 'wildcard' : 'none';
};

test('a name coming to exist below the MX target, or going, changes whether the wildcard answers it; owners with several records, renamed, pasted and deleted', () => {
  const steps = findingsAfterEachSplice(base, [
    [7, 1, ['x.host.w IN A 192.0.2.7']], // host.w exists (an empty non-terminal): the wildcard no longer answers
    [7, 1, ['y.x.host.w IN A 192.0.2.7']], // two empty non-terminals now
    [8, 1, ['y.x.host.w IN AAAA 2001:db8::7']], // a second record there
    [7, 1, ['; free']], // one of the two goes: the owner stays
    [8, 1, ['; free']], // the last one: host.w no longer exists
    [7, 1, ['host.w IN A 192.0.2.8']], // its own address
    [7, 1, ['hostx.w IN A 192.0.2.8']], // renamed: one name goes, another comes
    [7, 3, ['a.host.w IN A 192.0.2.9', 'b.host.w IN A 192.0.2.9', 'host.w IN TXT "here"']], // pasted: host.w an owner with names below
    [7, 2, []], // those below deleted: an owner without them
    [7, 1, ['; free', '; free', '; free']], // and it goes
    [6, 1, ['; free']], // the wildcard itself goes (w with it)
    [6, 1, ['*.w IN TXT "no address"']],
  ]);
  assert.deepEqual(steps.map(verdict), ['none', 'none', 'none', 'none', 'wildcard', '', 'wildcard', 'none', 'none', 'wildcard', 'none', 'wildcard']);
});
