// The CLI: `dane-zone tlsa <cert-file>` prints what GnuTLS danetool computes for
// the same file (default 3 1 1, the --usage/--selector/--mtype variants, --owner,
// DER input, usage 2 from a chain), with clear errors and exit codes; and
// `dane-zone check` reports certificate links like the editor does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCerts, opensslTlsaData } from '../fixtures/dane/make-certs.mjs';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
let certs;
before(() => { certs = makeCerts(); });
after(() => certs?.cleanup());

const run = (...args) => spawnSync(process.execPath, [cli, ...args], { cwd: certs.dir, encoding: 'utf8' });
const danetool = (...args) => {
  const r = spawnSync('danetool', ['--tlsa-rr', '--port', '25', ...args], { cwd: certs.dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const m = /^(\S+) IN TLSA \( (\d\d) (\d\d) (\d\d) ([0-9a-f]+) \)/m.exec(r.stdout);
  return `${m[1]} IN TLSA ${Number(m[2])} ${Number(m[3])} ${Number(m[4])} ${m[5]}\n`;
};

test('dane-zone tlsa prints the record danetool computes', () => {
  const r = run('tlsa', 'mx1.pem');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, danetool('--host=mx1.example.com', '--load-certificate', 'mx1.pem'));
  assert.match(r.stderr, /3 1 1 \(DANE-EE SPKI SHA2-256\) from leaf CN=mx1\.example\.com, ECDSA P-256, valid \d{4}-\d\d-\d\d to \d{4}/);
  assert.equal(run('tlsa', 'mx1.pem', '--selector', '0', '--owner', 'mail.example.org').stdout,
    danetool('--host=mail.example.org', '--load-certificate', 'mx1.pem', '--x509'));
  assert.equal(run('tlsa', 'mx1.pem', '--mtype=2').stdout, danetool('--host=mx1.example.com', '--load-certificate', 'mx1.pem', '--hash', 'sha512'));
  assert.equal(run('tlsa', 'mx1-chain.pem', '--usage', '2', '--owner', 'mx1.example.com').stdout,
    danetool('--host=mx1.example.com', '--load-certificate', 'ca.pem', '--ca'));
  spawnSync('openssl', ['x509', '-in', 'mx2.pem', '-outform', 'DER', '-out', 'mx2.der'], { cwd: certs.dir });
  assert.equal(run('tlsa', 'mx2.der').stdout, danetool('--host=mx2.example.com', '--load-certificate', 'mx2.pem'));
  assert.equal(run('tlsa', 'mx1.pub.pem').stdout, `IN TLSA 3 1 1 ${opensslTlsaData(certs.dir, 'mx1.pem', 1, 1)}\n`);
});

test('dane-zone tlsa errors: exit 2 for bad files, 3 for bad usage, message on stderr, nothing on stdout', () => {
  const cases = [
    [['tlsa', 'missing.pem'], 2, /cannot read missing\.pem: ENOENT/],
    [['tlsa', 'notcert.pem'], 2, /notcert\.pem holds no CERTIFICATE or PUBLIC KEY block \(found: PRIVATE KEY\)/],
    [['tlsa', 'mx1.pem', '--usage', '2'], 2, /needs the issuer certificate; the file holds only the leaf/],
    [['tlsa', 'mx1.pub.pem', '--selector', '0'], 2, /selector 0 \(Cert\) needs a certificate/],
    [['tlsa', 'mx1.pem', '--mtype', '7'], 2, /matching type 7 is not 0 \(Full\), 1 \(SHA2-256\) or 2 \(SHA2-512\)/],
    [['tlsa', 'mx1.pem', '--usage', 'x'], 3, /--usage x: not a number/],
    [['tlsa'], 3, /missing <cert-file>/],
    [['tlsa', 'a.pem', 'b.pem'], 3, /one certificate file at a time/],
  ];
  for (const [args, code, msg] of cases) {
    const r = run(...args);
    assert.equal(r.status, code, args.join(' '));
    assert.match(r.stderr, msg, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

test('dane-zone check reports certificate links and DANE rules with positions', () => {
  const wrong = opensslTlsaData(certs.dir, 'mx2.pem', 1, 1);
  const zone = `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ${wrong}\n_25._tcp.mx1 IN TLSA 1 1 1 ${wrong} ; dane-zone: cert=nope.pem\n`;
  writeFileSync(join(certs.dir, 'cli.zone'), zone);
  const r = run('check', '--json', 'cli.zone');
  assert.equal(r.status, 1, r.stderr);
  const got = JSON.parse(r.stdout).filter((f) => f.rule.startsWith('tlsa-')).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}`);
  assert.deepEqual(got.sort(), [
    '5:28 error tlsa-cert-mismatch',
    `6:${zone.split('\n')[5].indexOf('cert=nope.pem') + 1} error tlsa-cert-link-unreadable`,
    '6:22 warning tlsa-usage-unusable-for-smtp',
  ].sort());
  const mismatch = JSON.parse(r.stdout).find((f) => f.rule === 'tlsa-cert-mismatch');
  assert.match(mismatch.message, new RegExp(`would publish 3 1 1 ${opensslTlsaData(certs.dir, 'mx1.pem', 1, 1)}`));
});
