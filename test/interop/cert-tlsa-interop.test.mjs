// Cross-checks the certificate module against the Debian tools a mail admin
// would use: the TLSA association data we compute (3 1 1, 3 0 1, 3 1 2, 3 0 2,
// 2 1 1) must equal what `openssl` hashes and what GnuTLS `danetool --tlsa-rr`
// prints, for RSA, ECDSA P-256/P-384 and Ed25519 certificates generated here
// (no private key is committed). Also reads the same certificate as PEM, DER,
// chain and bare PUBLIC KEY and matches TLSA records the way a sender does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../../dist/core.js';

let dir;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};
const sha = (file, alg) => run('openssl', ['dgst', `-${alg}`, '-r', file]).split(' ')[0].trim();
const bytes = (f) => readFileSync(join(dir, f));
const material = (f) => {
  const m = core.readCertMaterial(bytes(f), f);
  assert.ok(!('error' in m), m.error);
  return m;
};
/** danetool prints `_25._tcp.host. IN TLSA ( 03 01 01 hex )`; returns `3 1 1 hex`. */
const danetool = (args) => {
  const out = run('danetool', ['--tlsa-rr', '--host=mx.example.net', '--port', '25', ...args]);
  const m = /IN TLSA \( (\d\d) (\d\d) (\d\d) ([0-9a-f]+) \)/.exec(out);
  assert.ok(m, `unexpected danetool output: ${out}`);
  return `${Number(m[1])} ${Number(m[2])} ${Number(m[3])} ${m[4]}`;
};

const KEYS = {
  rsa: { gen: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], algorithm: 'RSA', bits: 2048 },
  p256: { gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], algorithm: 'ECDSA', bits: 256, curve: 'P-256' },
  p384: { gen: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'], algorithm: 'ECDSA', bits: 384, curve: 'P-384' },
  ed25519: { gen: ['-algorithm', 'ED25519'], algorithm: 'Ed25519', bits: 256 },
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dane-cert-'));
  run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ca.key']);
  run('openssl', ['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/O=Interop Test/CN=Interop Test CA', '-days', '30', '-out', 'ca.pem',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  for (const [name, k] of Object.entries(KEYS)) {
    run('openssl', ['genpkey', ...k.gen, '-out', `${name}.key`]);
    run('openssl', ['req', '-x509', '-new', '-key', `${name}.key`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-days', '20',
      '-subj', `/CN=mx-${name}.example.net`, '-addext', `subjectAltName=DNS:mx-${name}.example.net,DNS:mail.example.net`,
      '-addext', 'basicConstraints=CA:FALSE', '-out', `${name}.pem`]);
    run('openssl', ['x509', '-in', `${name}.pem`, '-outform', 'DER', '-out', `${name}.der`]);
    run('openssl', ['pkey', '-in', `${name}.key`, '-pubout', '-out', `${name}.pub.pem`]);
    run('openssl', ['pkey', '-in', `${name}.key`, '-pubout', '-outform', 'DER', '-out', `${name}.spki`]);
    writeFileSync(join(dir, `${name}.chain.pem`), Buffer.concat([bytes(`${name}.pem`), bytes('ca.pem')]));
  }
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

for (const [name, k] of Object.entries(KEYS)) {
  test(`${name}: association data equals openssl digests of the certificate and SPKI DER`, () => {
    const leaf = material(`${name}.pem`).certs[0];
    assert.equal(core.associationData(leaf, 0, 1), sha(`${name}.der`, 'sha256'));
    assert.equal(core.associationData(leaf, 0, 2), sha(`${name}.der`, 'sha512'));
    assert.equal(core.associationData(leaf, 1, 1), sha(`${name}.spki`, 'sha256'));
    assert.equal(core.associationData(leaf, 1, 2), sha(`${name}.spki`, 'sha512'));
    assert.equal(core.associationData(leaf, 1, 0), bytes(`${name}.spki`).toString('hex'));
    assert.equal(core.associationData(leaf, 0, 0), bytes(`${name}.der`).toString('hex'));
  });

  test(`${name}: TLSA records equal danetool --tlsa-rr`, () => {
    const leaf = material(`${name}.pem`).certs[0];
    assert.equal(core.tlsaRdata(leaf, 3, 1, 1), danetool(['--load-certificate', `${name}.pem`]));
    assert.equal(core.tlsaRdata(leaf, 3, 0, 1), danetool(['--load-certificate', `${name}.pem`, '--x509']));
    assert.equal(core.tlsaRdata(leaf, 3, 1, 2), danetool(['--load-certificate', `${name}.pem`, '--hash', 'sha512']));
    const facts = core.describeCertificate(leaf);
    assert.equal(facts.tlsa.ee311, danetool(['--load-certificate', `${name}.pem`]));
    assert.equal(facts.tlsa.ee301, danetool(['--load-certificate', `${name}.pem`, '--x509']));
    // a bare public key publishes the same 3 1 1
    assert.equal(core.publicKeyTlsa(material(`${name}.pub.pem`).leafSpki), danetool(['--load-pubkey', `${name}.pub.pem`]));
  });

  test(`${name}: PEM, DER, chain and PUBLIC KEY files all yield the leaf's SPKI`, () => {
    const spki = bytes(`${name}.spki`);
    for (const f of [`${name}.pem`, `${name}.der`, `${name}.chain.pem`, `${name}.pub.pem`, `${name}.spki`]) {
      assert.deepEqual(material(f).leafSpki, spki, f);
    }
    assert.equal(material(`${name}.der`).format, 'der');
    assert.equal(material(`${name}.spki`).format, 'public-key');
    assert.equal(material(`${name}.chain.pem`).certs.length, 2);
    assert.deepEqual(material(`${name}.chain.pem`).notes, []);
  });

  test(`${name}: matching as a DANE sender (usage 3 leaf, usage 2 issuer)`, () => {
    const chain = material(`${name}.chain.pem`);
    const ee = danetool(['--load-certificate', `${name}.pem`]).split(' ');
    const ta = danetool(['--load-certificate', 'ca.pem', '--ca']).split(' ');
    const rec = (f) => ({ usage: +f[0], selector: +f[1], matchingType: +f[2], data: f[3] });
    assert.deepEqual(core.matchTlsa(rec(ee), chain), { ok: true, certIndex: 0 });
    assert.deepEqual(core.matchTlsa(rec(ta), chain), { ok: true, certIndex: 1 });
    // upper case and spaces are allowed in the data
    const spaced = { ...rec(ee), data: ee[3].toUpperCase().replace(/(.{16})/g, '$1 ') };
    assert.deepEqual(core.matchTlsa(spaced, chain), { ok: true, certIndex: 0 });
    // the issuer's key under DANE-EE is the wrong role, and vice versa
    assert.deepEqual(core.matchTlsa({ ...rec(ta), usage: 3 }, chain), { ok: false, reason: 'no-match', wrongRole: { certIndex: 1 } });
    assert.deepEqual(core.matchTlsa({ ...rec(ee), usage: 2 }, chain), { ok: false, reason: 'no-match', wrongRole: { certIndex: 0 } });
    // a leaf-only file cannot satisfy DANE-TA; a bare key cannot satisfy selector 0
    assert.equal(core.matchTlsa(rec(ta), material(`${name}.pem`)).reason, 'no-issuer');
    const pub = material(`${name}.pub.pem`);
    assert.deepEqual(core.matchTlsa(rec(ee), pub), { ok: true, certIndex: 0 });
    const x509 = danetool(['--load-certificate', `${name}.pem`, '--x509']).split(' ');
    assert.equal(core.matchTlsa(rec(x509), pub).reason, 'needs-certificate');
    // another certificate's data matches nothing
    const other = name === 'rsa' ? 'p256' : 'rsa';
    const wrong = danetool(['--load-certificate', `${other}.pem`]).split(' ');
    assert.deepEqual(core.matchTlsa(rec(wrong), chain), { ok: false, reason: 'no-match' });
  });

  test(`${name}: certificate facts equal what openssl x509 reports`, () => {
    const facts = core.describeCertificate(material(`${name}.pem`).certs[0]);
    assert.equal(facts.key.algorithm, k.algorithm);
    assert.equal(facts.key.bits, k.bits);
    assert.equal(facts.key.curve, k.curve);
    const end = run('openssl', ['x509', '-in', `${name}.pem`, '-noout', '-enddate']).trim().replace('notAfter=', '');
    assert.equal(facts.notAfter.getTime(), new Date(end).getTime());
    const start = run('openssl', ['x509', '-in', `${name}.pem`, '-noout', '-startdate']).trim().replace('notBefore=', '');
    assert.equal(facts.notBefore.getTime(), new Date(start).getTime());
    assert.deepEqual(facts.sans, [`DNS:mx-${name}.example.net`, 'DNS:mail.example.net']);
    assert.equal(facts.subject, `CN=mx-${name}.example.net`);
    assert.equal(facts.issuer, 'O=Interop Test, CN=Interop Test CA');
    assert.equal(facts.selfSigned, false);
    assert.equal(facts.ca, false);
    const serial = run('openssl', ['x509', '-in', `${name}.pem`, '-noout', '-serial']).trim().replace('serial=', '');
    assert.equal(facts.serial.toUpperCase(), serial.toUpperCase());
  });
}

test('the CA publishes 2 1 1 as danetool --ca computes it', () => {
  const ca = material('ca.pem').certs[0];
  assert.equal(core.describeCertificate(ca).tlsa.ta211, danetool(['--load-certificate', 'ca.pem', '--ca']));
  assert.equal(core.describeCertificate(ca).selfSigned, true);
  assert.equal(core.describeCertificate(ca).ca, true);
});

test('a reversed chain (CA first) is read leaf first, with a note saying the leaf must come first', () => {
  writeFileSync(join(dir, 'reversed.pem'), Buffer.concat([bytes('ca.pem'), bytes('p256.pem')]));
  const m = material('reversed.pem');
  assert.match(m.notes.join('\n'), /reversed.*leaf/);
  const inOrder = material('p256.pem').certs[0];
  assert.equal(m.certs[0].fingerprint256, inOrder.fingerprint256, 'the end entity comes first');
  assert.equal(m.certs[1].fingerprint256, material('ca.pem').certs[0].fingerprint256);
  assert.deepEqual(m.leafSpki, core.spkiOf(inOrder));
});

test('files holding only a private key, or garbage, give an error naming the file', () => {
  const key = core.readCertMaterial(bytes('p256.key'), 'p256.key');
  assert.match(key.error, /^p256\.key holds no CERTIFICATE, PUBLIC KEY or CERTIFICATE REQUEST block \(found: PRIVATE KEY\): dane-zone does not read private keys/);
  const junk = core.readCertMaterial(Buffer.from('hello'), 'junk.pem');
  assert.match(junk.error, /junk\.pem is neither PEM .* nor DER/);
  const truncated = core.readCertMaterial(bytes('p256.der').subarray(0, 100), 'cut.der');
  assert.match(truncated.error, /cut\.der/);
  const badPem = bytes('p256.pem').toString().replace(/^(-----BEGIN CERTIFICATE-----\n)M/, '$1!');
  assert.match(core.readCertMaterial(Buffer.from(badPem), 'bad.pem').error, /bad\.pem line 1: PEM block CERTIFICATE is not valid base64/);
});

test('a key plus certificate file (private key block first) reads the certificate and ignores the key', () => {
  writeFileSync(join(dir, 'combined.pem'), Buffer.concat([bytes('rsa.key'), bytes('rsa.pem')]));
  const m = material('combined.pem');
  assert.equal(m.certs.length, 1);
  assert.deepEqual(m.leafSpki, bytes('rsa.spki'));
  assert.match(m.notes[0], /PRIVATE KEY block ignored/);
});
