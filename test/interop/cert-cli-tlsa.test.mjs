// The CLI: `dane-zone tlsa <cert-file>` prints what GnuTLS danetool computes for
// the same file (default 3 1 1, the --usage/--selector/--mtype variants, --owner,
// DER input, usage 2 from a chain), with clear errors and exit codes; and
// `dane-zone check` reports certificate links like the editor does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

test('dane-zone tlsa --usage 2 of an issuing CA\'s certificate alone (the next CA, before it issues anything) is the CA\'s own 2 1 1, as danetool --ca computes it; under usage 3 a warning points at --usage 2', () => {
  const r = run('tlsa', 'ca.pem', '--usage', '2', '--owner', 'mx1.example.com');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, danetool('--host=mx1.example.com', '--load-certificate', 'ca.pem', '--ca'));
  assert.match(r.stderr, /2 1 1 \(DANE-TA SPKI SHA2-256\) from issuer O=Fixture, CN=Fixture CA/);
  assert.match(run('tlsa', 'ca.pem', '--owner', 'mx1.example.com').stderr, /is a CA certificate .*, or --usage 2 for this CA as a DANE-TA\(2\) trust anchor/);
});

test('dane-zone tlsa with usage 0 or 1 prints the record asked for, with a warning that SMTP senders do not use it', () => {
  for (const usage of ['0', '1']) {
    const r = usage === '0' ? run('tlsa', 'mx1-chain.pem', '--usage', usage) : run('tlsa', 'mx1.pem', '--usage', usage);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^_25\\._tcp\\.mx1\\.example\\.com\\. IN TLSA ${usage} 1 1 [0-9a-f]{64}\\n$`));
    assert.match(r.stderr, new RegExp(`warning: usage ${usage} \\(${usage === '0' ? 'PKIX-TA' : 'PKIX-EE'}\\) is unusable for SMTP: .*RFC 7672 §3\\.1\\.3`));
  }
  assert.doesNotMatch(run('tlsa', 'mx1.pem').stderr, /warning/);
  assert.doesNotMatch(run('tlsa', 'mx1-chain.pem', '--usage', '2').stderr, /warning/);
});

test('dane-zone tlsa errors: exit 3 for unreadable files and bad usage alike, message on stderr, nothing on stdout', () => {
  const cases = [
    [['tlsa', 'missing.pem'], 3, /cannot read missing\.pem: ENOENT/],
    [['tlsa', 'notcert.pem'], 3, /notcert\.pem holds no CERTIFICATE, PUBLIC KEY or CERTIFICATE REQUEST block \(found: PRIVATE KEY\): dane-zone does not read private keys; link the certificate, or the public key \(openssl pkey -in notcert\.pem -pubout\)/],
    [['tlsa', 'mx1.pem', '--usage', '2'], 3, /needs the issuer certificate; the file holds only the leaf/],
    // a CA that did not issue the leaf is no issuer, whatever its name (the impostor has the right one)
    [['tlsa', 'mx1-wrong-ca.pem', '--usage', '2'], 3, /needs the issuer certificate; no certificate in the file issued the leaf \(CN=mx1\.example\.com\): append its issuer/],
    [['tlsa', 'mx1-impostor-ca.pem', '--usage', '2'], 3, /no certificate in the file issued the leaf/],
    [['tlsa', 'mx1.pem', '--owner', '*.example.com'], 3, /--owner: '\*\.example\.com' is a wildcard, but senders look up TLSA at _25\._tcp\.<MX host>/],
    [['tlsa', 'mx1.pem', '--owner', 'a.*.example.com'], 3, /is a wildcard/],
    [['tlsa', 'mx1.pub.pem', '--selector', '0'], 3, /selector 0 \(Cert\) needs a certificate/],
    [['tlsa', 'mx1.pem', '--mtype', '7'], 3, /matching type 7 is not 0 \(Full\), 1 \(SHA2-256\) or 2 \(SHA2-512\)/],
    [['tlsa', 'mx1.pem', '--usage', '4'], 3, /usage 4 is not 0-3/],
    [['tlsa', 'mx1.pem', '--owner', 'bad name'], 3, /--owner: 'bad name' is not a domain name/],
    [['tlsa', 'mx1.pem', '--owner='], 3, /--owner: no name given/],
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

test('dane-zone tlsa prints a record for each end-entity certificate of a file, as danetool computes each', () => {
  const r = run('tlsa', 'two-leaves.pem', '--owner', 'mx1.example.com');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, danetool('--host=mx1.example.com', '--load-certificate', 'mx1.pem') + danetool('--host=mx1.example.com', '--load-certificate', 'mx2.pem'));
  assert.match(r.stderr, /note: the file holds 2 end-entity certificates \(mx1\.example\.com, mx2\.example\.com; say, an RSA and an ECDSA certificate\)/);
  assert.match(r.stderr, /from leaf CN=mx1\.example\.com[^\n]*\n[^]*from leaf CN=mx2\.example\.com/);
  assert.doesNotMatch(r.stderr, /did not issue/, 'the CA written twice is one certificate, in both chains');
  // usage 2: the CA both leaves share, once
  assert.equal(run('tlsa', 'two-leaves.pem', '--usage', '2', '--owner', 'mx1.example.com').stdout, danetool('--host=mx1.example.com', '--load-certificate', 'ca.pem', '--ca'));
  // a file with a CA that issued nothing in it: the leaf's record, and a note about that CA
  const wrong = run('tlsa', 'mx1-wrong-ca.pem');
  assert.equal(wrong.stdout, danetool('--host=mx1.example.com', '--load-certificate', 'mx1.pem'));
  assert.match(wrong.stderr, /note: certificate 2 of 2 \(Other CA\) did not issue the leaf \(mx1\.example\.com\) nor any of its issuers/);
});

test('dane-zone tlsa --owner with an internationalised name writes the A-label senders look up', () => {
  const r = run('tlsa', 'mx1.pem', '--owner', 'bücher.example');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `_25._tcp.xn--bcher-kva.example. IN TLSA 3 1 1 ${opensslTlsaData(certs.dir, 'mx1.pem', 1, 1)}\n`);
  assert.match(r.stderr, /note: --owner bücher\.example written as xn--bcher-kva\.example, the A-label form senders look up/);
});

test('a next key\'s certificate request (PEM or DER), as made before its certificate exists, gives the 3 1 1 of its key (RFC 7671 §8.1); linked in a zone, it is the next key beside the current one', () => {
  const openssl = (...args) => {
    const r = spawnSync('openssl', args, { cwd: certs.dir });
    assert.equal(r.status, 0, String(r.stderr));
    return r.stdout;
  };
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'next.key');
  openssl('req', '-new', '-key', 'next.key', '-subj', '/CN=mx1.example.com', '-out', 'next.csr');
  openssl('req', '-in', 'next.csr', '-outform', 'DER', '-out', 'next.csr.der');
  const spki = openssl('pkey', '-in', 'next.key', '-pubout', '-outform', 'DER');
  const sha256 = spawnSync('openssl', ['dgst', '-sha256', '-r'], { input: spki, encoding: 'utf8' }).stdout.split(' ')[0];
  for (const file of ['next.csr', 'next.csr.der']) {
    const r = run('tlsa', file, '--owner', 'mx1.example.com');
    assert.deepEqual([r.status, r.stdout], [0, `_25._tcp.mx1.example.com. IN TLSA 3 1 1 ${sha256}\n`], `${file}: ${r.stderr}`);
    const cert = run('tlsa', file, '--selector', '0');
    assert.equal(cert.status, 3);
    assert.match(cert.stderr, /selector 0 \(Cert\) needs a certificate; the file holds only a public key/);
  }
  // without --owner, the owner comes from the host the request names, as it would from its
  // certificate: the requested DNS SAN first, the CN only when it asks for none
  openssl('req', '-new', '-key', 'next.key', '-subj', '/CN=other.example.com', '-addext', 'subjectAltName=DNS:mx2.example.com', '-out', 'san.csr');
  openssl('req', '-in', 'san.csr', '-outform', 'DER', '-out', 'san.csr.der');
  openssl('req', '-new', '-key', 'next.key', '-subj', '/O=Fixture', '-out', 'noname.csr');
  for (const [file, owner] of [['next.csr', '_25._tcp.mx1.example.com. '], ['next.csr.der', '_25._tcp.mx1.example.com. '], ['san.csr', '_25._tcp.mx2.example.com. '], ['san.csr.der', '_25._tcp.mx2.example.com. '], ['noname.csr', '']]) {
    const r = run('tlsa', file);
    assert.deepEqual([r.status, r.stdout], [0, `${owner}IN TLSA 3 1 1 ${sha256}\n`], `${file}: ${r.stderr}`);
    if (!owner) assert.match(r.stderr, /no owner name: the certificate request names no host name; give it with --owner/);
  }
  // the current certificate and the next key's request, each linked to its record: no mismatch,
  // and two keys published, so tlsa-single-record is quiet
  const current = opensslTlsaData(certs.dir, 'mx1.pem', 1, 1);
  const zone = (next) => `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ${current}\n; dane-zone: cert=next.csr\n_25._tcp.mx1 IN TLSA 3 1 1 ${next}\n`;
  writeFileSync(join(certs.dir, 'next.zone'), zone(sha256));
  const ok = run('check', '--json', 'next.zone');
  assert.deepEqual([ok.status, JSON.parse(ok.stdout).filter((f) => f.rule.startsWith('tlsa-'))], [0, []], ok.stdout);
  writeFileSync(join(certs.dir, 'next.zone'), zone(current));
  const bad = JSON.parse(run('check', '--json', 'next.zone').stdout).find((f) => f.rule === 'tlsa-cert-mismatch');
  assert.equal(bad?.line, 7);
  assert.match(bad.message, new RegExp(`3 1 1 ${sha256}`));
});

test('a broken certificate request is an error where the file holds nothing else, and a note beside a certificate', async () => {
  const core = await import('../../dist/core.js');
  const r = spawnSync('openssl', ['req', '-new', '-key', 'mx1.key', '-subj', '/CN=mx1.example.com', '-outform', 'DER'], { cwd: certs.dir });
  const cut = r.stdout.subarray(0, r.stdout.length - 20);
  const pem = (der) => `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
  const alone = core.readCertMaterial(Buffer.from(pem(cut)), 'cut.csr');
  assert.match(alone.error, /^cut\.csr line 1: not a valid certificate request \(/);
  const both = core.readCertMaterial(Buffer.concat([readFileSync(join(certs.dir, 'mx1.pem')), Buffer.from(pem(cut))]), 'both.pem');
  assert.equal(both.certs.length, 1);
  assert.match(both.notes.join('\n'), /line \d+: not a valid certificate request .*: ignored/);
  assert.equal(core.readCertMaterial(Buffer.from(pem(r.stdout)), 'ok.csr').format, 'public-key');
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
    // the 1 1 1 is unusable for SMTP: the 3 1 1 stands alone
    '5:17 info tlsa-single-record',
  ].sort());
  const mismatch = JSON.parse(r.stdout).find((f) => f.rule === 'tlsa-cert-mismatch');
  assert.match(mismatch.message, new RegExp(`would publish 3 1 1 ${opensslTlsaData(certs.dir, 'mx1.pem', 1, 1)}`));
});

test('dane-zone tlsa names the owner only from a host name of the end-entity certificate, else says how to give one', () => {
  const openssl = (...args) => {
    const r = spawnSync('openssl', args, { cwd: certs.dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ms.key', '-subj', '/O=Acme/CN=Mail Server', '-days', '30', '-out', 'ms.pem');
  const ms = run('tlsa', 'ms.pem');
  assert.equal(ms.status, 0, ms.stderr);
  assert.equal(ms.stdout, `IN TLSA 3 1 1 ${opensslTlsaData(certs.dir, 'ms.pem', 1, 1)}\n`);
  assert.match(ms.stderr, /no owner name: the certificate names no host name \(CN=Mail Server is not one\); give it with --owner/);
  // a DNS SAN that is not a host name is not used, and the CN does not stand in for it
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'wild.key', '-subj', '/CN=mx9.example.com', '-addext', 'subjectAltName=DNS:*.example.com', '-days', '30', '-out', 'wild.pem');
  const wild = run('tlsa', 'wild.pem');
  assert.match(wild.stdout, /^IN TLSA 3 1 1 /);
  assert.match(wild.stderr, /no owner name: .*DNS:\*\.example\.com/);
  // a host-name CN with no DNS SAN names the owner
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'cn.key', '-subj', '/O=Acme/CN=Mail.Example.COM', '-days', '30', '-out', 'cn.pem');
  assert.match(run('tlsa', 'cn.pem').stdout, /^_25\._tcp\.mail\.example\.com\. IN TLSA 3 1 1 /);
  // a reversed chain (CA first): the end entity is the certificate that issued no other one
  writeFileSync(join(certs.dir, 'reversed.pem'), Buffer.concat([readFileSync(join(certs.dir, 'ca.pem')), readFileSync(join(certs.dir, 'mx1.pem'))]));
  const rev = run('tlsa', 'reversed.pem');
  assert.equal(rev.status, 0, rev.stderr);
  assert.equal(rev.stdout, danetool('--host=mx1.example.com', '--load-certificate', 'mx1.pem'));
  assert.match(rev.stderr, /chain is reversed \(issuer first\): the end entity, .* is certificate 2 of 2/);
  assert.match(rev.stderr, /from leaf CN=mx1\.example\.com/);
  assert.equal(run('tlsa', 'reversed.pem', '--usage', '2', '--owner', 'mx1.example.com').stdout,
    danetool('--host=mx1.example.com', '--load-certificate', 'ca.pem', '--ca'));
  // intermediate, leaf, CA: out of order, not reversed; usage 2 takes the leaf's own issuer
  writeFileSync(join(certs.dir, 'mixed.pem'), Buffer.concat(['short-int.pem', 'deep.pem', 'ca.pem'].map((n) => readFileSync(join(certs.dir, n)))));
  const mixed = run('tlsa', 'mixed.pem', '--usage', '2');
  assert.equal(mixed.status, 0, mixed.stderr);
  assert.match(mixed.stderr, /note: the chain is not in leaf-first order: the end entity, .* is certificate 2 of 3/);
  assert.equal(mixed.stdout, danetool('--host=soon.example.com', '--load-certificate', 'short-int.pem', '--ca'));
});

test('dane-zone tlsa: --owner must name a host (not the root, not an address); a certificate for an IP address names no owner; - reads standard input', () => {
  for (const owner of ['.', '192.0.2.1', '2001:db8::25', '_25._tcp.192.0.2.1']) {
    const r = run('tlsa', 'mx1.pem', '--owner', owner);
    assert.equal(r.status, 3, owner);
    assert.equal(r.stdout, '', owner);
    assert.match(r.stderr, owner === '.' ? /--owner: the root is no mail host/ : /is an IP address, not a host name/, owner);
  }
  const ip = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ip.key', '-subj', '/CN=192.0.2.1', '-addext', 'subjectAltName=IP:192.0.2.1', '-days', '30', '-out', 'ip.pem'], { cwd: certs.dir, encoding: 'utf8' });
  assert.equal(ip.status, 0, ip.stderr);
  const r = run('tlsa', 'ip.pem');
  assert.equal(r.stdout, `IN TLSA 3 1 1 ${opensslTlsaData(certs.dir, 'ip.pem', 1, 1)}\n`);
  assert.match(r.stderr, /no owner name: the certificate names no host name \(CN=192\.0\.2\.1 is not one\)/);
  const stdin = spawnSync(process.execPath, [cli, 'tlsa', '-', '--owner', 'mx1.example.com'], { cwd: certs.dir, encoding: 'utf8', input: readFileSync(join(certs.dir, 'mx1.pem')) });
  assert.equal(stdin.status, 0, stdin.stderr);
  assert.equal(stdin.stdout, run('tlsa', 'mx1.pem', '--owner', 'mx1.example.com').stdout);
});

test('dane-zone tlsa warns when the certificate given for a leaf record is a CA (the record is printed, stdout unchanged)', () => {
  const r = run('tlsa', 'ca.pem', '--owner', 'mx1.example.com');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `_25._tcp.mx1.example.com. IN TLSA 3 1 1 ${opensslTlsaData(certs.dir, 'ca.pem', 1, 1)}\n`);
  assert.match(r.stderr, /warning: O=Fixture, CN=Fixture CA is a CA certificate \(basicConstraints CA:TRUE\), not a server's/);
  assert.doesNotMatch(run('tlsa', 'mx1.pem').stderr, /warning/);
});

test('dane-zone tlsa: after -- the argument is the certificate file, also one named like an option', () => {
  writeFileSync(join(certs.dir, '-x.pem'), readFileSync(join(certs.dir, 'mx1.pem')));
  assert.equal(run('tlsa', '-x.pem').status, 3);
  const r = run('tlsa', '--owner', 'mx1.example.com', '--', '-x.pem');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, run('tlsa', 'mx1.pem', '--owner', 'mx1.example.com').stdout);
});

test('dane-zone tlsa does not call a self-signed server certificate a CA (openssl req -x509 writes CA:TRUE; DANE-EE uses such)', () => {
  const r0 = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'self.key', '-subj', '/CN=mx7.example.com', '-addext', 'subjectAltName=DNS:mx7.example.com', '-days', '30', '-out', 'self.pem'], { cwd: certs.dir, encoding: 'utf8' });
  assert.equal(r0.status, 0, r0.stderr);
  const r = run('tlsa', 'self.pem');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^_25\._tcp\.mx7\.example\.com\. IN TLSA 3 1 1 /);
  assert.doesNotMatch(r.stderr, /is a CA certificate/);
});
