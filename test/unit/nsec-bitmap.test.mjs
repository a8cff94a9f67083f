// nsec-bitmap and nsec-chain: the NSEC3 fixture, and a signed zone edited one line at a time as an
// operator edits it by hand (a TLSA RRset and its RRSIG deleted and put back, a bitmap typed over,
// a name added): after each step the editor's cached findings equal a fresh check's
// (findingsAfterEachStep), and the rules say what the step broke or mended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { checkFixture } from '../helpers/expectations.mjs';
import { findingsAfterEachStep } from '../helpers/edit-steps.mjs';
import { SIG, SIGNED_APEX } from '../helpers/signed-apex.mjs';

const dir = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));

test('nsec-bitmap: the NSEC3 fixture (a name gone, an empty non-terminal, a delegation, another chain)', () => {
  const found = checkFixture(core, `${dir}nsec-bitmap-nsec3.zone`);
  assert.match(found.find((f) => f.ruleId === 'nsec-bitmap').message, /^this NSEC3 \(of mail\.example\.com\., its hash\) does not list AAAA/);
  assert.match(found.filter((f) => f.ruleId === 'nsec-bitmap')[1].message, /^this NSEC3 is the one of _25\._tcp\.mail\.example\.com\. .* lists RRSIG, TLSA: .*5\.7\.324/);
});

const HEAD = [
  ...SIGNED_APEX,
  '@ MX 10 mail', `@ RRSIG MX 13 2 3600 ${SIG}`,
  'ns1 A 192.0.2.1', `ns1 RRSIG A 13 3 3600 ${SIG}`,
  'mail A 192.0.2.2', `mail RRSIG A 13 3 3600 ${SIG}`,
];
const TLSA = `_25._tcp.mail TLSA 3 1 1 ${'8f'.repeat(32)}`;
const TLSA_SIG = `_25._tcp.mail RRSIG TLSA 13 5 3600 ${SIG}`;
const ours = (list) => list.filter((f) => f.ruleId.startsWith('nsec-')).map((f) => `${core.absRange(f.loc).startLine} ${f.ruleId}`).sort();

test('NSEC zone edited by hand: the editor finds what a fresh check finds after each step', () => {
  const lines = [...HEAD,
    `@ NSEC mail NS SOA MX RRSIG NSEC DNSKEY`, `@ RRSIG NSEC 13 2 3600 ${SIG}`,
    'mail NSEC _25._tcp.mail A RRSIG NSEC', `mail RRSIG NSEC 13 3 3600 ${SIG}`,
    TLSA, TLSA_SIG, '_25._tcp.mail NSEC ns1 RRSIG NSEC TLSA', `_25._tcp.mail RRSIG NSEC 13 5 3600 ${SIG}`,
    'ns1 NSEC example.com. A RRSIG NSEC', `ns1 RRSIG NSEC 13 3 3600 ${SIG}`, ''];
  const at = (text) => lines.indexOf(text);
  const nsecLine = at('_25._tcp.mail NSEC ns1 RRSIG NSEC TLSA');
  const steps = [
    [at(TLSA), '; TLSA deleted'], // its RRSIG still there, the NSEC lists TLSA
    [at(TLSA_SIG), '; RRSIG deleted'], // as an operator does it: both gone
    [at(TLSA), TLSA], // put back, unsigned
    [at(TLSA_SIG), TLSA_SIG],
    [nsecLine, '_25._tcp.mail NSEC ns1 RRSIG NSEC'], // the bitmap typed over
    [nsecLine, '_25._tcp.mail NSEC ns1 RRSIG NSEC TLSA'],
    [lines.length - 1, 'www TXT "added"'], // a name added: no NSEC
    [at('ns1 A 192.0.2.1'), 'ns1 AAAA 2001:db8::1'], // A replaced by AAAA: the bitmap still lists A
    [at('@ NS ns1'), '; apex NS deleted'],
  ];
  const after = findingsAfterEachStep(lines.join('\n'), steps).map(ours);
  assert.deepEqual(after, [
    [`${nsecLine} nsec-bitmap`],
    [`${nsecLine} nsec-bitmap`],
    [],
    [],
    [`${nsecLine} nsec-bitmap`],
    [],
    [`${lines.length - 1} nsec-chain`],
    [`${lines.length - 1} nsec-chain`, `${at('ns1 NSEC example.com. A RRSIG NSEC')} nsec-bitmap`].sort(),
    [`${lines.length - 1} nsec-chain`, `${at('ns1 NSEC example.com. A RRSIG NSEC')} nsec-bitmap`, `${at('@ NSEC mail NS SOA MX RRSIG NSEC DNSKEY')} nsec-bitmap`].sort(),
  ]);
});

// The NSEC3 owners of this zone (no salt, no extra iterations): hashes as dnssec-signzone writes them.
const H = {
  apex: 'ONIB9MGUB9H0RML3CDF5BGRJ59DKJHVK', ns1: 'GUFVRA2SFIO8RSFP7UO41E8AD1KR41FH', mail: 'BESH654VH4MP0JVTV6FLPVPD4DH7E1JI',
  tcp: 'R0G2RMV99URR0UJV5DCSSNTE0CG6VPG6', tlsa: '2K1QVB8QJCRDGVIB26LKGEK76L1RRBDH', sub: 'KG19N32806C832KIJDNGLQ8P9M2R5MDJ',
};
const n3 = (h, types, flags = 0) => [`${h} NSEC3 1 ${flags} 0 - ${H.apex} ${types}`, `${h} RRSIG NSEC3 13 3 3600 ${SIG}`];

test('NSEC3 zone edited by hand: a TLSA name deleted (its NSEC3 left of no name) and put back, an empty non-terminal, a delegation, opt-out', () => {
  const lines = [...HEAD, '@ NSEC3PARAM 1 0 0 -', `@ RRSIG NSEC3PARAM 13 2 3600 ${SIG}`,
    ...n3(H.apex, 'NS SOA MX RRSIG DNSKEY NSEC3PARAM'), ...n3(H.ns1, 'A RRSIG'), ...n3(H.mail, 'A RRSIG'),
    ...n3(H.tcp, ''), TLSA, TLSA_SIG, ...n3(H.tlsa, 'RRSIG TLSA'), ''];
  const at = (text) => lines.indexOf(text);
  const tlsaNsec3 = at(`${H.tlsa} NSEC3 1 0 0 - ${H.apex} RRSIG TLSA`);
  const tcpNsec3 = at(`${H.tcp} NSEC3 1 0 0 - ${H.apex} `);
  const end = lines.length - 1;
  const steps = [
    [at(TLSA), '; TLSA deleted'],
    [at(TLSA_SIG), '; RRSIG deleted'], // the name is gone, and _tcp.mail with it: an NSEC3 of no name
    [at(TLSA), TLSA], // back, not signed yet: TLSA listed, RRSIG for it to come
    [at(TLSA_SIG), TLSA_SIG],
    [tlsaNsec3, `${H.tlsa} NSEC3 1 0 0 - ${H.apex} RRSIG`], // typed over
    [tlsaNsec3, `${H.tlsa} NSEC3 1 0 0 - ${H.apex} RRSIG TLSA`],
    [tcpNsec3, `${H.tcp} NSEC3 1 0 0 - ${H.apex} TXT`], // the empty non-terminal's bitmap
    [end, '_tcp.mail TXT "now a name"'], // ... which now has a TXT (unsigned: RRSIG not asked for)
    [end, ''],
    [tcpNsec3, `${H.tcp} NSEC3 1 0 0 - ${H.apex} `],
    [end, 'sub NS ns.example.net.'], // an unsigned delegation: no NSEC3 at its hash, the chain not opt-out
    [at(`${H.apex} NSEC3 1 0 0 - ${H.apex} NS SOA MX RRSIG DNSKEY NSEC3PARAM`), `${H.apex} NSEC3 1 1 0 - ${H.apex} NS SOA MX RRSIG DNSKEY NSEC3PARAM`], // opt-out
    [at('@ NSEC3PARAM 1 0 0 -'), '@ NSEC3PARAM 1 0 0 ab'], // another chain: none of these NSEC3 is its
  ];
  const after = findingsAfterEachStep(lines.join('\n'), steps).map(ours);
  assert.deepEqual(after, [
    [`${tlsaNsec3} nsec-bitmap`],
    [`${tlsaNsec3} nsec-bitmap`],
    [],
    [],
    [`${tlsaNsec3} nsec-bitmap`],
    [],
    [`${tcpNsec3} nsec-bitmap`],
    [],
    [`${tcpNsec3} nsec-bitmap`],
    [],
    [`${end} nsec-chain`],
    [],
    [at('@ SOA ns1 hostmaster 1 7200 3600 1209600 300'), at('ns1 A 192.0.2.1'), at('mail A 192.0.2.2'), at(TLSA), end].map((l) => `${l} nsec-chain`).sort(),
  ]);
});

test('unsigned zones, and signed ones whose apex names no denial, cost the rules nothing', () => {
  const rules = core.RULES.filter((r) => r.id.startsWith('nsec-'));
  assert.deepEqual(rules.map((r) => r.id), ['nsec-bitmap', 'nsec-chain', 'nsec-next-name']);
  const unsigned = core.buildZone({ id: 'u.zone', lines: ['$ORIGIN example.com.', '@ 300 SOA ns1 h 1 2 3 4 5', '@ 300 NS ns1', 'ns1 300 A 192.0.2.1'], entries: [] }, {});
  for (const r of rules) assert.equal(r.appliesToZone(unsigned), false, r.id);
});

/** The NSEC3 owner label of `name` (RFC 5155 §5), worked out here apart from the rules' code. */
function hashLabel(name, saltHex = '', iterations = 0) {
  const labels = name === '.' ? [] : name.slice(0, -1).split('.');
  const salt = Buffer.from(saltHex, 'hex');
  let x = Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l.toLowerCase())])), Buffer.from([0])]);
  for (let i = 0; i <= iterations; i++) x = createHash('sha1').update(Buffer.concat([x, salt])).digest();
  let bits = 0, val = 0, out = '';
  for (const b of x) {
    val = (val << 8) | b; bits += 8;
    while (bits >= 5) { out += '0123456789ABCDEFGHIJKLMNOPQRSTUV'[(val >>> (bits - 5)) & 31]; bits -= 5; val &= (1 << bits) - 1; }
  }
  return out;
}

test('hashLabel agrees with dnssec-signzone on the hashes above', () => {
  assert.equal(hashLabel('example.com.'), H.apex);
  assert.equal(hashLabel('_25._tcp.mail.example.com.'), H.tlsa);
});

test('NSEC3 zone edited by hand: names added and removed below one another (their empty non-terminals come and go)', () => {
  const salt = 'aabb', it = 2;
  const h = (n) => hashLabel(`${n}example.com.`, salt, it);
  const chain = (name, types) => [`${h(name)} NSEC3 1 0 ${it} ${salt} ${h('')} ${types}`, `${h(name)} RRSIG NSEC3 13 3 3600 ${SIG}`];
  const lines = [...HEAD, `@ NSEC3PARAM 1 0 ${it} ${salt}`, `@ RRSIG NSEC3PARAM 13 2 3600 ${SIG}`,
    ...chain('', 'NS SOA MX RRSIG DNSKEY NSEC3PARAM'), ...chain('ns1.', 'A RRSIG'), ...chain('mail.', 'A RRSIG'),
    ...chain('c.mail.', 'TXT'), ...chain('b.c.mail.', ''), '', '', '', ''];
  const cNsec3 = lines.indexOf(chain('c.mail.', 'TXT')[0]);
  const end = lines.length - 4;
  const steps = [
    [end, 'a.b.c.mail TXT "x"'], // c.mail and b.c.mail empty non-terminals: c.mail's NSEC3 lists TXT
    [end + 1, 'x.c.mail TXT "y"'],
    [end, ''], // b.c.mail gone, c.mail stays (x.c.mail below it)
    [end + 1, ''], // c.mail gone: its NSEC3 is of no name
    [end + 2, 'c.mail TXT "now"'], // c.mail a name with TXT: its NSEC3 right
    [end + 3, 'd.c.mail TXT "z"'],
    [end + 2, ''], // an empty non-terminal again (d.c.mail below it)
    [end + 3, ''],
  ];
  const found = findingsAfterEachStep(lines.join('\n'), steps);
  const bitmap = (step) => found[step].filter((f) => f.ruleId === 'nsec-bitmap').map((f) => f.message.replace(/:.*/, ''));
  assert.deepEqual(found.map(ours), [
    [`${cNsec3} nsec-bitmap`, `${end} nsec-chain`],
    [`${cNsec3} nsec-bitmap`, `${end} nsec-chain`, `${end + 1} nsec-chain`],
    [`${cNsec3} nsec-bitmap`, `${end + 1} nsec-chain`],
    [`${cNsec3} nsec-bitmap`],
    [],
    [`${end + 3} nsec-chain`],
    [`${cNsec3} nsec-bitmap`, `${end + 3} nsec-chain`],
    [`${cNsec3} nsec-bitmap`],
  ]);
  const ent = 'this NSEC3 (of c.mail.example.com., its hash) lists TXT, but c.mail.example.com. (an empty non-terminal) has no TXT record';
  const none = 'no name of this zone hashes to this NSEC3\'s owner (RFC 5155 §5)';
  assert.deepEqual([0, 2, 3, 6, 7].map(bitmap), [[ent], [ent], [none], [ent], [none]]);
});

test('a root zone signed with NSEC3: each name found at its hash right below the root', () => {
  const sig = '20990101000000 20250101000000 12345 . AAAA';
  const h = (n) => hashLabel(n);
  const chain = (name, types) => [`${h(name)}. NSEC3 1 0 0 - ${h('.')} ${types}`, `${h(name)}. RRSIG NSEC3 13 2 3600 ${sig}`];
  const text = ['$ORIGIN .', '$TTL 3600',
    '. SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400', `. RRSIG SOA 13 0 3600 ${sig}`,
    '. NS a.root-servers.net.', `. RRSIG NS 13 0 3600 ${sig}`,
    '. DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', `. RRSIG DNSKEY 13 0 3600 ${sig}`,
    '. NSEC3PARAM 1 0 0 -', `. RRSIG NSEC3PARAM 13 0 3600 ${sig}`,
    ...chain('.', 'NS SOA RRSIG DNSKEY NSEC3PARAM'),
    'arpa. TXT "x"', `arpa. RRSIG TXT 13 1 3600 ${sig}`, ...chain('arpa.', 'TXT RRSIG'),
    'int. TXT "y"', ...chain('int.', 'TXT RRSIG A'), // an A in the bitmap, none at int.
  ].join('\n');
  const zone = core.buildZone({ id: 'root.zone', lines: text.split('\n'), entries: [] }, {});
  const found = core.runRules(zone).filter((f) => f.ruleId.startsWith('nsec-'));
  assert.deepEqual(found.map((f) => `${f.ruleId} ${f.message.replace(/:.*/, '')}`), [
    'nsec-bitmap this NSEC3 (of int., its hash) lists A, but int. has no A record',
  ]);
});
