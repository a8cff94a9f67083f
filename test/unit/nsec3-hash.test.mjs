// The NSEC3 hash (rules/support/denial.ts, with the SHA-1 of rules/support/sha1.ts): SHA-1
// against node:crypto over every length of one to five blocks, and the hashes of RFC 5155
// Appendix A (salt aabbccdd, 12 iterations) from names written in any case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fromSource } from '../helpers/from-source.mjs';
import { rng } from '../helpers/fuzz-mutate.mjs';

const load = (t) => fromSource(t, "export { sha1Into } from './server/src/rules/support/sha1'; export { nsec3Hash } from './server/src/rules/support/denial';");

test('sha1Into: the SHA-1 of node:crypto for every length from 0 to 300 octets (padding across block ends), into any offset', async (t) => {
  const { sha1Into } = await load(t);
  const r = rng(5155);
  const out = new Uint8Array(40);
  for (let length = 0; length <= 300; length++) {
    const data = new Uint8Array(length + 7).map(() => r.int(256)); // octets past `length` are not hashed
    const at = length % 21;
    sha1Into(data, length, out, at);
    assert.equal(Buffer.from(out.subarray(at, at + 20)).toString('hex'), createHash('sha1').update(data.subarray(0, length)).digest('hex'), `${length} octets`);
  }
});

test('nsec3Hash: RFC 5155 Appendix A (salt aabbccdd, 12 iterations), a name written in upper case hashes as in lower case', async (t) => {
  const { nsec3Hash } = await load(t);
  const d = { kind: 'nsec3', key: 'nsec3 12 aabbccdd', iterations: 12, salt: 'aabbccdd', optOut: false };
  const expected = {
    'example.': '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom',
    'a.example.': '35mthgpgcu1qg68fab165klnsnk3dpvl',
    'ai.example.': 'gjeqe526plbf1g8mklp59enfd789njgi',
    'ns1.example.': '2t7b4g4vsa5smi47k61mv5bv1a22bojr',
    'ns2.example.': 'q04jkcevqvmu85r014c7dkba38o0ji5r',
    'w.example.': 'k8udemvp1j2f7eg6jebps17vp3n8i58h',
    '*.w.example.': 'r53bq7cc2uvmubfu5ocmm6pers9tk9en',
    'x.w.example.': 'b4um86eghhds6nea196smvmlo4ors995',
    'y.w.example.': 'ji6neoaepv8b5o6k4ev33abha8ht9fgc',
    'x.y.w.example.': '2vptu5timamqttgl4luu9kg21e0aor3s',
    'xx.example.': 't644ebqk9bibcna874givr6joj62mlhv',
  };
  for (const [name, hash] of Object.entries(expected)) {
    assert.equal(nsec3Hash(name, d), hash, name);
    assert.equal(nsec3Hash(name.toUpperCase(), d), hash, name.toUpperCase());
  }
  // no salt, no iterations (RFC 9276 §3.1), and a name with an escape (ownerWire's path)
  const plain = { kind: 'nsec3', key: 'nsec3 0 -', iterations: 0, salt: '', optOut: false };
  const b32 = (h) => [...h].map((o) => o.toString(2).padStart(8, '0')).join('').match(/.{5}/g).map((b) => '0123456789abcdefghijklmnopqrstuv'[parseInt(b, 2)]).join('');
  const wire = (labels) => Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
  assert.equal(nsec3Hash('www.example.com.', plain), b32(createHash('sha1').update(wire(['www', 'example', 'com'])).digest()));
  assert.equal(nsec3Hash('a\\.b.example.com.', plain), b32(createHash('sha1').update(wire(['a.b', 'example', 'com'])).digest()));
});
