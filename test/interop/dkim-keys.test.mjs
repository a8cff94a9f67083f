// dkim-syntax against a real DKIM verifier: dkimpy (Debian python3-dkim) signs a message with each
// case's private key (made by openssl) and verifies it against the case's key record. Where
// dane-zone reports an error, the verifier fails the signature; where it reports none, it passes.
// Warnings and information (v= not first, a 1024-bit key, testing mode, a revoked key) are no
// errors. Two known differences are pinned: dkimpy accepts a key restricted to h=sha1 for an
// rsa-sha256 signature, where RFC 6376 §6.1.2 (step 6) tells verifiers to ignore that key record,
// and it refuses a list of service types (s=email:tlsrpt), which RFC 6376 §3.6.1 allows.
// Then the same records in a zone through `dane-zone check`, with positions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', 'dist', 'cli.js');
let dir;
before(() => { dir = mkdtempSync(join(tmpdir(), 'dz-dkim-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

function openssl(...args) {
  const r = spawnSync('openssl', args, { cwd: dir });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}
const rsa = (bits) => {
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', `rsa${bits}.pem`);
  return {
    priv: readFileSync(join(dir, `rsa${bits}.pem`), 'utf8'),
    spki: openssl('pkey', '-in', `rsa${bits}.pem`, '-pubout', '-outform', 'DER').toString('base64'),
    pkcs1: openssl('rsa', '-in', `rsa${bits}.pem`, '-RSAPublicKey_out', '-outform', 'DER').toString('base64'),
  };
};
const ed25519 = () => {
  openssl('genpkey', '-algorithm', 'ED25519', '-out', 'ed.pem');
  const spki = openssl('pkey', '-in', 'ed.pem', '-pubout', '-outform', 'DER');
  // dkimpy signs with the bare 32-octet private key, base64 (RFC 8463 §4.1)
  return { priv: openssl('pkey', '-in', 'ed.pem', '-outform', 'DER').subarray(-32).toString('base64'), raw: spki.subarray(-32).toString('base64'), spki: spki.toString('base64') };
};

function dkimpy(cases) {
  const input = cases.map((c) => JSON.stringify({ record: c.record, key: c.priv, alg: c.alg })).join('\n');
  const r = spawnSync('/usr/bin/python3', [join(here, 'dkim-peer.py')], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('dkim-syntax errors exactly where dkimpy fails the signature (RSA 512/1024/2048 and Ed25519 keys, in every form)', () => {
  const r2048 = rsa(2048), r1024 = rsa(1024), r512 = rsa(512), ed = ed25519();
  const R = (record, key = r2048) => ({ record, priv: key.priv, alg: 'rsa' });
  const E = (record) => ({ record, priv: ed.priv, alg: 'ed25519' });
  const cases = [
    R(`v=DKIM1; k=rsa; p=${r2048.spki}`),
    R(`v=DKIM1; p=${r2048.spki.slice(0, 200)} ${r2048.spki.slice(200)}`), // folding white space in p=
    R(`p=${r2048.spki}`), // v= and k= may be left out
    R(`k=rsa; v=DKIM1; p=${r2048.spki}`), // v= not first: a warning
    R(`v=DKIM1; p=${r2048.pkcs1}`), // a bare RSAPublicKey: a warning (OpenDKIM reads SPKI only)
    R(`v=DKIM1; p=${r1024.spki}`, r1024), // 1024 bits: a warning
    R(`v=DKIM1; p=${r512.spki}`, r512), // under 1024 bits: verifiers reject it (RFC 8301 §3.2)
    R(`v=DKIM1; p=${r2048.spki.slice(0, 300)}`), // cut short at a whole number of octets
    R(`v=DKIM1; p=${r2048.spki.slice(0, 298)}`), // cut short
    R(`v=DKIM1; p=-----BEGIN PUBLIC KEY-----${r2048.spki}`),
    R(`v=DKIM2; p=${r2048.spki}`),
    R(`v=DKIM1; P=${r2048.spki}`), // tag names are case-sensitive: no p=
    R(`v=DKIM1; p=${r2048.spki}; p=${r2048.spki}`),
    R(`v=DKIM1; k=dsa; p=${r2048.spki}`),
    R(`v=DKIM1; s=tlsrpt; p=${r2048.spki}`),
    R(`v=DKIM1; s=email:tlsrpt; p=${r2048.spki}`), // the other known difference (above)
    R(`v=DKIM1; t=y; p=${r2048.spki}`), // testing: information
    R(`v=DKIM1; n=rotated 2026; x-note=ok; p=${r2048.spki}`), // an unknown tag: a warning
    R('v=DKIM1; p='), // revoked: information, and the signature fails, as meant
    R(`v=DKIM1; h=sha1; p=${r2048.spki}`), // the known difference (above)
    E(`v=DKIM1; k=ed25519; p=${ed.raw}`),
    E(`v=DKIM1; k=ed25519; p=${ed.spki}`), // SubjectPublicKeyInfo form: verifiers reject it
    E(`v=DKIM1; p=${ed.spki}`), // no k=: read as RSA
    E(`v=DKIM1; k=ed25519; p=${ed.raw.slice(0, 40)}`),
    E(`v=DKIM1; k=ed25519; p=${ed.raw.slice(0, -1)}`), // whole but for its '=' padding
  ];
  const peer = dkimpy(cases);
  const ours = cases.map((c) => core.parseDkim(c.record).problems);
  const verdicts = cases.map((c, i) => {
    const errors = ours[i].filter((p) => p.severity === 'error').length;
    return `${c.record.slice(0, 40)}: dane-zone ${errors ? 'error' : 'ok'}, dkimpy ${peer[i].ok ? 'ok' : 'fail'}`;
  });
  const expected = cases.map((c, i) => {
    const agreed = peer[i].ok ? 'ok' : 'fail';
    if (c.record === 'v=DKIM1; p=') return `${c.record}: dane-zone ok, dkimpy fail`;
    if (c.record.includes('h=sha1')) return `${c.record.slice(0, 40)}: dane-zone error, dkimpy ok`;
    if (c.record.includes('s=email:tlsrpt')) return `${c.record.slice(0, 40)}: dane-zone ok, dkimpy fail`;
    return `${c.record.slice(0, 40)}: dane-zone ${agreed === 'ok' ? 'ok' : 'error'}, dkimpy ${agreed}`;
  });
  assert.deepEqual(verdicts, expected);
  // and the verifier fails exactly the cases meant to fail (not a key or signing mix-up here)
  assert.deepEqual(peer.map((p) => p.ok), [true, true, true, true, true, true, false, false, false, false, false, false, false, false, false, false, true, true, false, true, true, false, false, false, false]);
  const sevs = (i) => ours[i].map((p) => p.severity).join(',');
  assert.deepEqual([3, 4, 5, 16, 17, 18].map(sevs), ['warning', 'warning', 'warning', 'info', 'warning', 'info']);
  assert.match(ours[6][0].message, /512-bit RSA key: verifiers reject keys under 1024 bits/);
  assert.match(ours[7][0].message, /runs past the end.*part of it is missing/);
  assert.match(ours[8][0].message, /runs past the end.*part of it is missing/); // decoded as if padded
  assert.match(ours[24][0].message, /ends without its '=' padding/);
  assert.match(ours[21][0].message, new RegExp(`SubjectPublicKeyInfo form; .* p=${ed.raw.replace(/[+/]/g, '\\$&')}$`));
  assert.match(ours[22][0].message, /holds an Ed25519 key, but the record says no k=, which means rsa: write k=ed25519/);
});

test('dane-zone check: a DKIM key split over strings in parentheses, found where the problem is written', () => {
  const { spki } = rsa(2048);
  const zone = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1',
    `good._domainkey TXT ( "v=DKIM1; k=rsa; p=${spki.slice(0, 200)}"`, `    "${spki.slice(200)}" )`,
    `cut._domainkey TXT ( "v=DKIM1; k=rsa; p=${spki.slice(0, 200)}"`, `    "${spki.slice(200, 300)}" )`,
    'old._domainkey TXT "v=DKIM1; h=sha1; p="',
    `notdkim TXT "v=DKIM1; p=${spki.slice(0, 10)}"`, ''].join('\n');
  writeFileSync(join(dir, 'dkim.zone'), zone);
  const r = spawnSync(process.execPath, [cli, 'check', '--json', 'dkim.zone'], { cwd: dir, encoding: 'utf8' });
  const found = JSON.parse(r.stdout).filter((f) => f.rule === 'dkim-syntax').map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`);
  const lines = zone.split('\n');
  assert.deepEqual(found, [
    // the key, over both strings
    `8:${lines[7].indexOf('p=') + 3}-9:${lines[8].lastIndexOf('"') + 1} error`,
    `10:${lines[9].indexOf('h=sha1') + 3}-10:${lines[9].indexOf('h=sha1') + 7} error`,
    `10:${lines[9].indexOf('p=') + 1}-10:${lines[9].indexOf('p=') + 3} info`,
  ]);
});
