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
  assert.deepEqual(JSON.parse(r.stdout).map((f) => [f.rule, f.line]), [['rrsig-missing', lines.length - 1]]);
  const old = bindSigned('old', '-P', '-s', '20200101000000', '-e', '20200201000000'); // -P: no check of its own output, which it would refuse
  const found = JSON.parse(check(old).stdout);
  const rrsigs = readFileSync(join(dir, old), 'utf8').split('\n').filter((l) => /\sRRSIG\s+[A-Z0-9]+\s+\d+\s+\d+\s+\d+\s/.test(l)).length; // records, not bitmaps naming the type
  assert.equal(found.filter((f) => f.rule === 'rrsig-expired').length, rrsigs);
  assert.match(found[0].message, /^this signature expired on 2020-02-01 00:00 UTC, \d+ days ago: validators treat the \S+ RRset at \S+ as bogus/);
});
