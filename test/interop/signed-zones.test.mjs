// Zones signed by real signers (BIND's dnssec-signzone, Knot's kzonesign, ldns-signzone) are
// clean; the DNSSEC rules find what an operator breaks by editing one after signing, and what
// a signer configured with a past validity writes. The peers agree where they check the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'dz-signed-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

const ZONE = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 2026010101 7200 3600 1209600 300
@ IN NS ns1
@ IN MX 10 mail
ns1 IN A 192.0.2.1
mail IN A 192.0.2.25
mail IN AAAA 2001:db8::25
_25._tcp.mail IN TLSA 3 1 1 ${'8f'.repeat(32)}
_25._tcp.mail IN TLSA 3 1 1 ${'a1'.repeat(32)}
@ IN TXT "v=spf1 mx -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
sub IN NS ns.sub
ns.sub IN A 192.0.2.53
unsigned IN NS ns.example.net.
*.wild IN TXT "wild"
`;

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const check = (file) => spawnSync(process.execPath, [cli, 'check', '--json', file], { cwd: dir, encoding: 'utf8' });

/** BIND signs example.com with an ECDSA P-256 CSK; extra options for dnssec-signzone. */
function bindSigned(name, ...opts) {
  writeFileSync(join(dir, `${name}.in`), ZONE);
  const key = sh('dnssec-keygen', ['-q', '-K', dir, '-a', 'ECDSAP256SHA256', '-f', 'KSK', 'example.com']).trim();
  appendFileSync(join(dir, `${name}.in`), `$INCLUDE ${key}.key\n`);
  sh('dnssec-signzone', ['-q', '-K', dir, '-z', '-o', 'example.com.', '-f', join(dir, `${name}.zone`), ...opts, join(dir, `${name}.in`), key]);
  return `${name}.zone`;
}

test('the output of dnssec-signzone (NSEC, NSEC3, opt-out), kzonesign and ldns-signzone has no finding', () => {
  const files = [bindSigned('nsec'), bindSigned('nsec3', '-3', '-', '-H', '0'), bindSigned('optout', '-3', '-', '-H', '0', '-A')];
  // Knot: a policy with a single-type-signing key and NSEC3, keys made by kzonesign itself
  mkdirSync(join(dir, 'knot', 'out'), { recursive: true });
  writeFileSync(join(dir, 'knot', 'example.com.zone'), ZONE);
  writeFileSync(join(dir, 'knot', 'knot.conf'), `server:\n    rundir: "${dir}/knot"\ndatabase:\n    storage: "${dir}/knot"\n    kasp-db: "${dir}/knot/kasp"\n` +
    `policy:\n  - id: p\n    algorithm: ecdsap256sha256\n    single-type-signing: on\n    nsec3: on\n    nsec3-iterations: 0\n    nsec3-salt-length: 0\n` +
    `zone:\n  - domain: example.com.\n    storage: "${dir}/knot"\n    file: "example.com.zone"\n    dnssec-signing: on\n    dnssec-policy: p\n`);
  sh('kzonesign', ['-c', join(dir, 'knot', 'knot.conf'), '-o', join(dir, 'knot', 'out'), 'example.com.']);
  files.push(join('knot', 'out', readdirSync(join(dir, 'knot', 'out'))[0]));
  // ldns: a key of its own, signed with NSEC3
  const ldnsKey = sh('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', 'example.com']).trim();
  writeFileSync(join(dir, 'ldns.zone'), ZONE);
  sh('ldns-signzone', ['-n', '-t', '0', '-f', join(dir, 'ldns.zone.signed'), join(dir, 'ldns.zone'), join(dir, ldnsKey)]);
  files.push('ldns.zone.signed');
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.match(text, /RRSIG\s+DNSKEY/, `${f} is signed`);
    const r = check(f);
    assert.deepEqual([r.status, JSON.parse(r.stdout)], [0, []], `${f}: ${r.stdout}`);
  }
});

test('a record added after signing, and a zone signed with a validity in the past: rrsig-missing, rrsig-expired', () => {
  const edited = bindSigned('edited', '-3', '-', '-H', '0');
  appendFileSync(join(dir, edited), 'added.example.com. 3600 IN TXT "after signing"\n');
  const lines = readFileSync(join(dir, edited), 'utf8').split('\n');
  const r = check(edited);
  assert.equal(r.status, 1);
  // a new name: unsigned, and no NSEC3 at its hash
  assert.deepEqual(JSON.parse(r.stdout).map((f) => [f.rule, f.line]).sort(), [['nsec-chain', lines.length - 1], ['rrsig-missing', lines.length - 1]]);
  const old = bindSigned('old', '-P', '-s', '20200101000000', '-e', '20200201000000'); // -P: no check of its own output, which it would refuse
  const found = JSON.parse(check(old).stdout);
  const rrsigs = readFileSync(join(dir, old), 'utf8').split('\n').filter((l) => /\sRRSIG\s+[A-Z0-9]+\s+\d+\s+\d+\s+\d+\s/.test(l)).length; // records, not bitmaps naming the type
  assert.equal(found.filter((f) => f.rule === 'rrsig-expired').length, rrsigs);
  assert.match(found[0].message, /^this signature expired on 2020-02-01 00:00 UTC, \d+ days ago: validators treat the \S+ RRset at \S+ as bogus/);
});

// Every type the RR table has a row for, names and text written in the ways a zone file allows:
// the signers' canonical form (RFC 4034 §6.2) is what rrsig-bogus must rebuild for each.
const MANY_TYPES = `$ORIGIN example.com.
$TTL 3600
@ IN SOA ns1 hostmaster 2026010101 7200 3600 1209600 300
@ IN NS ns1
@ IN MX 10 Mail
ns1 IN A 192.0.2.1
mail IN A 192.0.2.25
mail IN AAAA 2001:DB8::25
_25._tcp.mail IN TLSA 3 1 1 ${'8f'.repeat(32)}
_25._tcp.mail IN TLSA 2 1 1 ${'0c'.repeat(32)}
@ IN TXT "v=spf1 mx -all"
txt IN TXT "caf\\195\\169" "a b" "c\\"d" e\\ f "" plain
@ IN HINFO "PC" "Linux"
@ IN CAA 0 issue "letsencrypt.org"
@ IN CAA 0 Tbs "Unknown"
www IN HTTPS 1 . alpn=h2,h3 ipv4hint=192.0.2.1 ipv6hint=2001:db8::1 port=8443
svc IN SVCB 2 Target.Example.COM. mandatory=alpn alpn="h2" key65000=abc
svc2 IN SVCB 1 . key65001="a\\\\,b\\\\\\\\c" key65333="\\001\\255"
svc3 IN SVCB 1 . key65001=a\\\\b alpn=h\\\\,2,h3
loc IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m
loc2 IN LOC 42 21 54 N 71 06 18 W -24m 30m
apl IN APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32
_sip._tcp IN SRV 10 60 5060 MAIL.example.com.
naptr IN NAPTR 100 10 "S" "SIP+D2U" "!^.*$!sip:info@example.com!" _sip._udp.Example.com.
rp IN RP Admin.example.com. txt.example.com.
afsdb IN AFSDB 1 AFS.example.com.
kx IN KX 10 KX.example.com.
eui IN EUI48 00-00-5e-00-53-2a
eui64 IN EUI64 00-00-5e-ef-10-00-00-2a
nid IN NID 10 0014:4fff:ff20:ee64
l64 IN L64 10 2001:0db8:1140:1000
lp IN LP 10 L64-Subnet.example.com.
uri IN URI 10 1 "https://example.com/"
sshfp IN SSHFP 4 2 ${'ab'.repeat(32)}
ipsec IN IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==
ipsec3 IN IPSECKEY 10 3 2 Gateway.Example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==
cert IN CERT PKIX 0 0 AQID
dhcid IN DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=
openpgp IN OPENPGPKEY AQID
smimea IN SMIMEA 3 1 1 ${'cd'.repeat(32)}
gen IN TYPE65280 \\# 4 0a000001
ptrlike IN TYPE12 \\# 17 03577777076578616d706c6503636f6d00
upper IN CNAME Www.Example.COM.
*.wild IN TXT "wild"
sub IN NS ns.sub
ns.sub IN A 192.0.2.53
sub IN DS 12345 13 2 ${'7d'.repeat(32)}
dname IN DNAME Other.Example.NET.
`;

/** `dir/<name>`: MANY_TYPES signed by BIND with a key of `algorithm`. */
function bindSignedMany(name, algorithm) {
  writeFileSync(join(dir, `${name}.in`), MANY_TYPES);
  const key = sh('dnssec-keygen', ['-q', '-K', dir, '-a', algorithm, ...(algorithm.startsWith('RSA') || algorithm.startsWith('NSEC3RSA') ? ['-b', '2048'] : []), '-f', 'KSK', 'example.com']).trim();
  appendFileSync(join(dir, `${name}.in`), `$INCLUDE ${key}.key\n`);
  sh('dnssec-signzone', ['-q', '-K', dir, '-z', ...(algorithm === 'NSEC3RSASHA1' ? ['-3', '-', '-H', '0'] : []), '-o', 'example.com.', '-f', join(dir, name), join(dir, `${name}.in`), key]);
  return name;
}

// BIND's dnssec-verify reads every signer's output; ldns-verify-zone only ldns's (it cannot read
// an IPSECKEY in parentheses, as BIND writes it)
const peerVerifies = (file) => spawnSync('dnssec-verify', ['-q', '-z', '-o', 'example.com.', join(dir, file)], { encoding: 'utf8' }).status === 0
  && (!file.startsWith('ldns') || spawnSync('ldns-verify-zone', [join(dir, file)], { encoding: 'utf8' }).status === 0);

test('signatures made by dnssec-signzone (eight algorithms), ldns-signzone and kzonesign over every type verify; a TLSA digit typed over is rrsig-bogus on each of its signatures, as dnssec-verify (and ldns-verify-zone, for ldns\'s own output) find', () => {
  const files = ['RSASHA1', 'NSEC3RSASHA1', 'RSASHA256', 'RSASHA512', 'ECDSAP256SHA256', 'ECDSAP384SHA384', 'ED25519', 'ED448'].map((a) => bindSignedMany(`many-${a}.zone`, a));
  for (const [alg, bits] of [['ED25519', []], ['RSASHA256', ['-b', '2048']]]) {
    const key = sh('ldns-keygen', ['-a', alg, ...bits, '-k', 'example.com']).trim();
    // ldns reads an escaped comma in an alpn value otherwise than BIND and Knot (RFC 9460 App. A:
    // `h\\,2` is the one protocol id "h,2"): dnssec-verify refuses its signature over that record
    writeFileSync(join(dir, `ldns-many-${alg}.zone`), MANY_TYPES.replace(' alpn=h\\\\,2,h3', ''));
    sh('ldns-signzone', ['-f', join(dir, `ldns-many-${alg}.signed`), join(dir, `ldns-many-${alg}.zone`), join(dir, key)]);
    files.push(`ldns-many-${alg}.signed`);
  }
  mkdirSync(join(dir, 'knot-many', 'out'), { recursive: true });
  writeFileSync(join(dir, 'knot-many', 'example.com.zone'), MANY_TYPES);
  writeFileSync(join(dir, 'knot-many', 'knot.conf'), `server:\n    rundir: "${dir}/knot-many"\ndatabase:\n    storage: "${dir}/knot-many"\n    kasp-db: "${dir}/knot-many/kasp"\n` +
    `policy:\n  - id: p\n    algorithm: ed25519\n    cds-cdnskey-publish: always\n    cds-digest-type: sha384\n` +
    `zone:\n  - domain: example.com.\n    storage: "${dir}/knot-many"\n    file: "example.com.zone"\n    dnssec-signing: on\n    dnssec-policy: p\n`);
  sh('kzonesign', ['-c', join(dir, 'knot-many', 'knot.conf'), '-o', join(dir, 'knot-many', 'out'), 'example.com.']);
  files.push(join('knot-many', 'out', readdirSync(join(dir, 'knot-many', 'out'))[0]));
  // Knot publishes the key-signing key as CDS (SHA-384) and CDNSKEY: cds-no-dnskey and cdnskey-no-dnskey check them
  assert.match(readFileSync(join(dir, files.at(-1)), 'utf8'), /\sCDS\s[\s\S]*\sCDNSKEY\s|\sCDNSKEY\s[\s\S]*\sCDS\s/);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.match(text, /SVCB/, `${f} holds the zone`);
    const r = check(f);
    assert.deepEqual([r.status, JSON.parse(r.stdout)], [0, []], `${f}: ${r.stdout}`);
    assert.ok(peerVerifies(f), `${f}: the peers verify it`);
    // the 3 1 1 digest's last digit typed over, wherever the signer's line breaks put it
    const tampered = text.replace(/(TLSA\s+3 1 1 [\s(]*(?:[0-9A-Fa-f]+\s*)*?[0-9A-Fa-f]*)8[Ff](\s*\)?\s*\n)/, '$18E$2');
    assert.notEqual(tampered, text, f);
    writeFileSync(join(dir, `${f}.bad`), tampered);
    const bad = check(`${f}.bad`);
    const found = JSON.parse(bad.stdout);
    const tlsaSigs = tampered.split('\n').filter((l) => /\bRRSIG\s+TLSA\s+\d+\s+\d+/.test(l)).length; // records, not bitmaps naming the type
    assert.deepEqual([bad.status, found.map((x) => `${x.rule} ${x.severity}`)], [1, Array(tlsaSigs).fill('rrsig-bogus error')], `${f}.bad: ${bad.stdout}`);
    assert.ok(found.every((x) => /over the TLSA RRset at _25\._tcp\.mail\.example\.com\. does not verify/.test(x.message)));
    assert.ok(!peerVerifies(`${f}.bad`), `${f}.bad: the peers refuse it too`);
  }
});

test('a TTL raised after signing: rrsig-ttl on its signatures (which still verify), where dnssec-verify reports "TTL mismatch"', () => {
  const file = bindSigned('ttl-edit');
  const text = readFileSync(join(dir, file), 'utf8');
  const edited = text.replace(/^(mail\.example\.com\.\s+)3600(\s+IN\s+A\s)/m, '$17200$2');
  assert.notEqual(edited, text);
  writeFileSync(join(dir, file), edited);
  const found = JSON.parse(check(file).stdout);
  assert.deepEqual(found.map((f) => `${f.rule} ${f.severity}`), ['rrsig-ttl warning']);
  assert.match(found[0].message, /^the Original TTL is 3600 \(1h\), but the A RRset at mail\.example\.com\. has TTL 7200 \(2h\): its TTL was changed after signing; validators cap it at 3600 \(1h\)/);
  const peer = spawnSync('dnssec-verify', ['-z', '-o', 'example.com.', join(dir, file)], { encoding: 'utf8' });
  assert.notEqual(peer.status, 0);
  assert.match(peer.stderr + peer.stdout, /TTL mismatch for mail\.example\.com A/);
  // the quick-fix sets the TTL back to the signed one: dnssec-verify accepts the zone again
  const { findings } = core.checkText(edited, { fileId: join(dir, file), origin: 'example.com.' });
  const [fix] = core.RULES.find((r) => r.id === 'rrsig-ttl').fixes(findings.find((f) => f.ruleId === 'rrsig-ttl').data);
  assert.equal(fix.title, 'Set the TTL of the A RRset back to 3600, the signed one');
  const lines = edited.split('\n');
  for (const e of fix.edits) lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  writeFileSync(join(dir, file), lines.join('\n'));
  assert.equal(lines.join('\n'), text, 'the file as signed');
  assert.deepEqual(JSON.parse(check(file).stdout), []);
  assert.equal(spawnSync('dnssec-verify', ['-z', '-o', 'example.com.', join(dir, file)], { encoding: 'utf8' }).status, 0);
});

const verifies = (file) => spawnSync('dnssec-verify', ['-q', '-z', '-o', 'example.com.', join(dir, file)], { encoding: 'utf8' });
const kzonecheck = (file) => spawnSync('kzonecheck', ['-o', 'example.com.', '-d', 'on', join(dir, file)], { encoding: 'utf8' });

test('a TLSA RRset and its RRSIG deleted by hand from a zone signed with NSEC, NSEC3 and opt-out NSEC3: nsec-bitmap at the bitmap that still lists TLSA, where dnssec-verify fails (and kzonecheck -d on, for NSEC)', () => {
  for (const [name, opts] of [['del-nsec', []], ['del-nsec3', ['-3', '-', '-H', '0']], ['del-optout', ['-3', '-', '-H', '0', '-A']]]) {
    // -O full: one record a line, as an operator's deletion of lines removes whole records
    const file = bindSigned(name, '-O', 'full', ...opts);
    const text = readFileSync(join(dir, file), 'utf8');
    assert.deepEqual(JSON.parse(check(file).stdout), [], `${file} as signed`);
    assert.equal(verifies(file).status, 0, `${file}: dnssec-verify accepts it as signed`);
    const lines = text.split('\n').filter((l) => !/^_25\._tcp\.mail\.example\.com\.\s+\d+\s+IN\s+(TLSA|RRSIG\s+TLSA)\s/.test(l));
    assert.equal(lines.length, text.split('\n').length - 3, `${file}: two TLSA records and one RRSIG deleted`);
    writeFileSync(join(dir, `${file}.del`), lines.join('\n'));
    const r = check(`${file}.del`);
    const found = JSON.parse(r.stdout);
    assert.deepEqual([r.status, found.map((f) => f.rule)], [1, ['nsec-bitmap']], `${file}.del: ${r.stdout}`);
    // the NSEC at the name, or the NSEC3 at its hash, at its type bitmap
    const line = lines[found[0].line - 1];
    assert.match(line, opts.length ? /^2K1QVB8QJCRDGVIB26LKGEK76L1RRBDH\.example\.com\.\s.*\sNSEC3\s.*\sRRSIG TLSA$/ : /^_25\._tcp\.mail\.example\.com\.\s.*\sNSEC\s.*\sTLSA$/, file);
    assert.equal(line.slice(found[0].column - 1).split(/\s+/)[0], 'RRSIG', `${file}: at the bitmap`);
    assert.match(found[0].message, opts.length ? /^this NSEC3 is the one of _25\._tcp\.mail\.example\.com\. .* lists RRSIG, TLSA: .*5\.7\.324 dnssec-invalid/ : /^this NSEC lists TLSA, but _25\._tcp\.mail\.example\.com\. has no TLSA record: validators treat the NODATA answer as bogus .*5\.7\.324 dnssec-invalid/);
    const peer = verifies(`${file}.del`);
    assert.notEqual(peer.status, 0, `${file}.del: dnssec-verify refuses it`);
    assert.match(peer.stderr, opts.length ? /Expected and found NSEC3 chains not equal/ : /Bad NSEC record for _25\._tcp\.mail\.example\.com, bit map mismatch/);
    // kzonecheck (3.2) finds the NSEC bitmap, not an NSEC3 left of a name that went
    if (!opts.length) assert.match(kzonecheck(`${file}.del`).stdout + kzonecheck(`${file}.del`).stderr, /wrong NSEC\(3\) bitmap/);
  }
});

test('a name deleted by hand with its NSEC (or its NSEC3) from a zone signed with NSEC, NSEC3 and opt-out NSEC3: nsec-next-name at the link that still names it, where dnssec-verify and kzonecheck -d on fail', () => {
  for (const [name, opts] of [['gone-nsec', []], ['gone-nsec3', ['-3', '-', '-H', '0']], ['gone-optout', ['-3', '-', '-H', '0', '-A']]]) {
    const file = bindSigned(name, '-O', 'full', ...opts);
    const without = (lines, owner) => lines.filter((l) => !l.toLowerCase().startsWith(`${owner}\t`) && !l.toLowerCase().startsWith(`${owner} `));
    let lines = without(readFileSync(join(dir, file), 'utf8').split('\n'), '_dmarc.example.com.');
    if (opts.length) {
      // the NSEC3 at the name's hash: the one nsec-bitmap finds of no name, deleted too
      writeFileSync(join(dir, `${file}.half`), lines.join('\n'));
      const left = JSON.parse(check(`${file}.half`).stdout);
      assert.deepEqual(left.map((f) => f.rule), ['nsec-bitmap'], `${file}.half`);
      lines = without(lines, lines[left[0].line - 1].split(/\s/)[0].toLowerCase());
    }
    writeFileSync(join(dir, `${file}.gone`), lines.join('\n'));
    const r = check(`${file}.gone`);
    const found = JSON.parse(r.stdout);
    assert.deepEqual([r.status, found.map((f) => f.rule)], [1, ['nsec-next-name']], `${file}.gone: ${r.stdout}`);
    const at = lines[found[0].line - 1].slice(found[0].column - 1).split(/\s+/)[0];
    if (opts.length) assert.match(found[0].message, new RegExp(`^this NSEC3.s next hashed owner ${at} holds no NSEC3 of the chain`), `${file}: ${at}`);
    else assert.deepEqual([at, found[0].message.slice(0, 59)], ['_dmarc.example.com.', "this NSEC's next name _dmarc.example.com. holds no record, "]);
    const peer = verifies(`${file}.gone`);
    assert.notEqual(peer.status, 0, `${file}.gone: dnssec-verify refuses it`);
    assert.match(peer.stderr, opts.length ? /Break in NSEC3 chain/ : /Bad NSEC record for .*next name mismatch \(expected:[^,]*, found:_dmarc\.example\.com\)/);
    const k = kzonecheck(`${file}.gone`);
    assert.match(k.stdout + k.stderr, /inconsistent NSEC\(3\) chain/);
  }
});

test('an RRset added by hand to a zone signed with NSEC: nsec-bitmap (its type not in the bitmap) beside rrsig-missing, where dnssec-verify and kzonecheck -d on fail', () => {
  const file = bindSigned('add-nsec', '-O', 'full');
  appendFileSync(join(dir, file), 'mail.example.com. 3600 IN TXT "added after signing"\n');
  const found = JSON.parse(check(file).stdout);
  assert.deepEqual(found.map((f) => f.rule).sort(), ['nsec-bitmap', 'rrsig-missing']);
  assert.match(found.find((f) => f.rule === 'nsec-bitmap').message, /^this NSEC does not list TXT, which mail\.example\.com\. has/);
  assert.notEqual(verifies(file).status, 0);
  assert.match(kzonecheck(file).stdout + kzonecheck(file).stderr, /wrong NSEC\(3\) bitmap/);
});
