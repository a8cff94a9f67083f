// Unit tests of the certificate module's parts: the DER walker (v1 and v3
// certificates, truncated and non-DER input), expiry states at a given clock,
// and record building for the CLI and commands. Certificates come from openssl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../../dist/core.js';

let dir;
const ossl = (...args) => {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const bytes = (f) => readFileSync(join(dir, f));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dane-cert-parts-'));
  ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'k.pem');
  ossl('pkey', '-in', 'k.pem', '-pubout', '-outform', 'DER', '-out', 'spki.der');
  // a version 1 certificate has no [0] version field: the SPKI is the 6th field of tbsCertificate
  ossl('req', '-new', '-key', 'k.pem', '-subj', '/CN=v1.example', '-out', 'v1.csr');
  ossl('x509', '-req', '-in', 'v1.csr', '-signkey', 'k.pem', '-days', '10', '-outform', 'DER', '-out', 'v1.der');
  ossl('req', '-x509', '-new', '-key', 'k.pem', '-subj', '/CN=v3.example', '-days', '10', '-outform', 'DER', '-out', 'v3.der');
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('certSpki finds the SubjectPublicKeyInfo in v1 and v3 certificates, byte for byte', () => {
  assert.match(ossl('x509', '-inform', 'DER', '-in', 'v1.der', '-noout', '-text'), /Version: 1 \(0x0\)/);
  assert.deepEqual(Buffer.from(core.certSpki(bytes('v1.der'))), bytes('spki.der'));
  assert.deepEqual(Buffer.from(core.certSpki(bytes('v3.der'))), bytes('spki.der'));
});

test('the DER walker rejects what is not DER, with a reason', () => {
  assert.equal(core.spkiShapeError(bytes('spki.der')), undefined);
  assert.match(core.spkiShapeError(bytes('spki.der').subarray(0, 40)), /runs past the end/);
  assert.match(core.spkiShapeError(Buffer.from('3080', 'hex')), /indefinite length/);
  assert.match(core.spkiShapeError(Buffer.concat([bytes('spki.der'), Buffer.from([0])])), /^1 byte after the end of the structure$/);
  assert.match(core.spkiShapeError(bytes('v3.der')), /is not SEQUENCE \{ AlgorithmIdentifier, BIT STRING \}/);
  assert.match(core.spkiShapeError(Buffer.from('0400', 'hex')), /does not start with a SEQUENCE/);
  assert.match(core.certSpki(Buffer.from('3003020101', 'hex')), /is not a Certificate/);
});

test('tlsa-full-data-malformed: Full data must be exactly a DER certificate or SPKI, and says why in plain words', () => {
  const hex = (f, extra = '') => bytes(f).toString('hex') + extra;
  const zone = (u, s, data) => `$ORIGIN example.com.\n$TTL 3600\n_443._tcp.www IN TLSA ${u} ${s} 0 ${data}\n`;
  const found = (text) => core.checkText(text, { fileId: 'mem.zone' }).findings.filter((f) => f.ruleId === 'tlsa-full-data-malformed').map((f) => f.message);
  assert.deepEqual(found(zone(3, 0, hex('v3.der'))), []);
  assert.deepEqual(found(zone(3, 1, hex('spki.der'))), []);
  // Node's X509Certificate ignores bytes after the certificate; the data can never equal it
  assert.deepEqual(found(zone(3, 0, hex('v3.der', '00'))), [
    'selector 0 (Cert) with matching type 0 (Full) needs the whole DER certificate; this data is not one: 1 byte after the end of the certificate (RFC 6698 §2.1.2)']);
  assert.deepEqual(found(zone(3, 0, hex('spki.der'))), [
    'selector 0 (Cert) with matching type 0 (Full) needs the whole DER certificate; this data is not one: it is a SubjectPublicKeyInfo, which is selector 1 (SPKI) (RFC 6698 §2.1.2)']);
  assert.deepEqual(found(zone(3, 1, hex('spki.der', '0000'))), [
    'selector 1 (SPKI) with matching type 0 (Full) needs the DER SubjectPublicKeyInfo; this data is not one: 2 bytes after the end of the structure (RFC 6698 §2.1.2)']);
  for (const m of found(zone(3, 0, '3003020101'))) assert.doesNotMatch(m, /error:|routines|PEM/);
});

test('expiry states at a given clock, with the warning window', () => {
  const cert = core.readCertMaterial(bytes('v3.der'), 'v3.der').certs[0];
  const notAfter = new Date(cert.validTo);
  const notBefore = new Date(cert.validFrom);
  const day = 86400000;
  assert.equal(core.expiryOf(cert, new Date(notBefore.getTime() - day), 30).state, 'not-yet-valid');
  assert.equal(core.expiryOf(cert, notBefore, 5).state, 'valid');
  const soon = core.expiryOf(cert, notBefore, 30);
  assert.equal(soon.state, 'expires-soon');
  assert.equal(soon.daysLeft, 10);
  assert.equal(core.expiryOf(cert, new Date(notAfter.getTime() + 1000), 30).state, 'expired');
  assert.equal(core.expiryOf(cert, new Date(notAfter.getTime() + 3 * day + 1), 30).daysLeft, -4);
  assert.equal(core.isoDay(new Date('2026-03-04T23:59:59Z')), '2026-03-04');
});

test('buildTlsa and tlsaLabel: RFC 7218 names next to the numbers; smtpTlsaOwner', () => {
  const m = core.readCertMaterial(bytes('v3.der'), 'v3.der');
  const sha = ossl('dgst', '-sha256', '-r', 'spki.der').split(' ')[0];
  assert.deepEqual(core.buildTlsa(m, { usage: 3, selector: 1, matchingType: 1 }), { rdata: `3 1 1 ${sha}`, certIndex: 0 });
  assert.equal(core.tlsaLabel({ usage: 2, selector: 0, matchingType: 2 }), '2 0 2 (DANE-TA Cert SHA2-512)');
  assert.equal(core.tlsaLabel({ usage: 255, selector: 1, matchingType: 9 }), '255 1 9 (private SPKI unassigned)');
  assert.match(core.buildTlsa(m, { usage: 4, selector: 1, matchingType: 1 }).error, /usage 4 is not 0-3/);
  assert.equal(core.smtpTlsaOwner('MX1.Example.com'), '_25._tcp.mx1.example.com.');
  assert.equal(core.smtpTlsaOwner('_25._tcp.mx1.example.com.'), '_25._tcp.mx1.example.com.');
});
