// RDATA presentation and RFC 3597 checks where dane-zone disagreed with BIND and Knot,
// found by an operator's reproductions (each verdict is named-checkzone 9.18's and
// kzonecheck 3.2's unless a test says otherwise). One test per finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone, presentRecord, absRange } from '../../dist/core.js';

const head = '$ORIGIN example.com.\n$TTL 3600\n';
const parse = (text) => parseZone(text, { fileId: 'test.zone' });
const problems = (text) =>
  parse(text).problems.map((p) => `${absRange(p.loc).startLine + 1}:${absRange(p.loc).startCharacter} ${p.severity} ${p.code}: ${p.message}`);
const ok = (line) => assert.deepEqual(problems(head + line + '\n'), [], line);
/** the one problem of a record line, with the column where its range starts */
const one = (line) => { const got = problems(head + line + '\n'); assert.equal(got.length, 1, `${line}\n${got.join('\n')}`); return got[0]; };

test('a CAA value is the rest of the RDATA, not a 255-octet character-string (RFC 8659 §4.1)', () => {
  const value = 'ca.example.net; account=' + 'x'.repeat(300);
  ok(`c CAA 0 issue "${value}"`);
  assert.deepEqual(parse(head + `c CAA 0 issue "${value}"\n`).records.map(presentRecord), [`c.example.com.\t3600\tIN\tCAA\t0 issue "${value}"`]);
  // in \\# form too, as before: no length octet before the value
  ok('c CAA \\# 5 0003666f6f');
});

test('a URI target is the rest of the RDATA, not a 255-octet character-string (RFC 7553 §4.5)', () => {
  const uri = 'https://example.net/' + 'x'.repeat(300);
  ok(`_http._tcp URI 10 1 "${uri}"`);
  assert.deepEqual(parse(head + `_http._tcp URI 10 1 "${uri}"\n`).records.map(presentRecord), [`_http._tcp.example.com.\t3600\tIN\tURI\t10 1 "${uri}"`]);
  // \\# form: priority, weight, then the target without a length octet (BIND: 10 1 "ab")
  assert.deepEqual(parse(head + 'u URI \\# 6 000a00016162\n').records.map(presentRecord), ['u.example.com.\t3600\tIN\tURI\t10 1 "ab"']);
});
