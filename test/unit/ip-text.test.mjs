// The address tests of the A and AAAA kinds (server/src/zone/ip-text.ts), held to Node's
// net module (minus what a zone file cannot hold: zone indexes, leading zeros), on words
// and on spans of a longer text, as the whole-file scan calls them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIPv4, isIPv6 } from 'node:net';
import { isIpv4At, isIpv6At, parseZone, runRules } from '../../dist/core.js';
import { rng } from '../helpers/fuzz-mutate.mjs';

const nodeV6 = (w) => isIPv6(w) && !w.includes('%');
const nodeV4 = (w) => isIPv4(w) && !/(^|\.)0\d/.test(w);

/** Near-addresses: groups of hex digits joined by ':' with a '::' now and then, an IPv4
 *  tail now and then, and now and then a character out of place. */
function nearV6(r) {
  const group = () => (r.next() < 0.97
    ? r.pick([() => r.int(0x10000).toString(16), () => r.int(16).toString(16), () => r.int(0x10000).toString(16).toUpperCase(), () => `0${r.int(0x1000).toString(16)}`])()
    : r.pick(['', '12345', 'g', '00000']));
  const compressed = r.next() < 0.6;
  const n = compressed ? r.int(8) : r.next() < 0.8 ? 8 : r.int(10);
  const parts = Array.from({ length: n }, group);
  if (compressed) parts.splice(r.int(n + 1), 0, r.next() < 0.9 ? '' : ':');
  let w = parts.join(':');
  if (r.next() < 0.2) w += `${r.next() < 0.9 ? ':' : ''}${r.pick([r.int(300), '0' + r.int(10), 1])}.${r.int(256)}.${r.int(300)}.${r.pick([r.int(256), '', '1.2'])}`;
  if (r.next() < 0.1) {
    const k = r.int(w.length + 1);
    w = w.slice(0, k) + r.pick([':', '.', '%', 'x', ' ', '::']) + w.slice(k);
  }
  return w;
}

function randomWord(r, alphabet, max) {
  let w = '';
  for (let n = r.int(max + 1); n > 0; n--) w += alphabet[r.int(alphabet.length)];
  return w;
}

test('isIpv6At accepts exactly what Node accepts, without zone indexes (60 000 seeded words)', () => {
  const r = rng(0x6a6);
  let valid = 0;
  for (let i = 0; i < 60000; i++) {
    const w = i % 3 === 0 ? randomWord(r, '0123456789abcdefABCDEF:.:%', 24) : nearV6(r);
    const expected = nodeV6(w);
    assert.equal(isIpv6At(w), expected, JSON.stringify(w));
    if (expected) valid++;
  }
  assert.ok(valid > 15000, `only ${valid} valid addresses: the cases must exercise the accepting path`);
});

test('isIpv6At on a span reads only the span', () => {
  const r = rng(0x5a4);
  for (let i = 0; i < 20000; i++) {
    const w = nearV6(r);
    // what is around the span is address-like too: reading past either end would show
    const before = r.pick(['', '1', ':', '::', 'a:', ' ', '1.']);
    const after = r.pick(['', '1', ':', '::', ':a', ' ', '.1', '%e']);
    const text = before + w + after;
    assert.equal(isIpv6At(text, before.length, before.length + w.length), nodeV6(w), JSON.stringify([before, w, after]));
  }
});

test('isIpv6At: the forms of RFC 4291 §2.2 and their near misses', () => {
  const yes = ['::', '::1', '1::', '2001:db8::1', '2001:DB8:0:0:8:800:200C:417A', 'FF01::101', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8', '::ffff:192.0.2.1', '::13.1.68.3', '0:0:0:0:0:FFFF:129.144.52.38', '1:2:3:4:5:6:1.2.3.4', '1::1.2.3.4'];
  const no = ['', ':', ':::', '1:', ':1', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7:8', '12345::', 'g::',
    'fe80::1%eth0', '1.2.3.4', '::1.2.3', '::1.2.3.4.5', '::01.2.3.4', '::256.1.1.1', '1:2:3:4:5:6:7:1.2.3.4', '1:2:3:4:5:6::1.2.3.4',
    '::1.2.3.4:1', ' ::1', '::1 ', '1:::2'];
  for (const w of yes) assert.equal(isIpv6At(w), true, w);
  for (const w of no) assert.equal(isIpv6At(w), false, w);
  for (const w of [...yes, ...no]) assert.equal(isIpv6At(w), nodeV6(w), `${w}: as Node reads it`);
});

test('isIpv4At agrees with Node on dotted quads without leading zeros (30 000 seeded words)', () => {
  const r = rng(0x4a4);
  for (let i = 0; i < 30000; i++) {
    const w = i % 2 ? randomWord(r, '0123456789..0x', 16) : Array.from({ length: 3 + r.int(3) }, () => r.pick([String(r.int(256)), String(r.int(1000)), `0${r.int(10)}`, ''])).join('.');
    assert.equal(isIpv4At(w), nodeV4(w), JSON.stringify(w));
  }
});

test('an SPF ip6: with a zone index is reported; a plain one is not', () => {
  const spfFindings = (spf) => {
    const zone = parseZone(`$ORIGIN example.\n$TTL 60\n@ SOA ns h 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\n@ TXT "${spf}"\n`, { fileId: 'spf.zone' });
    return runRules(zone).filter((f) => f.ruleId === 'spf-syntax');
  };
  assert.deepEqual(spfFindings('v=spf1 ip6:2001:db8::/32 -all').map((f) => f.message), []);
  const scoped = spfFindings('v=spf1 ip6:fe80::1%eth0 -all');
  assert.equal(scoped.length, 1);
  assert.match(scoped[0].message, /fe80::1%eth0.*not an IPv6 address/);
});
