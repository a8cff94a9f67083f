// Hover content for DANE and mail records (daneHover / daneHoverAt): linked
// certificate facts checked against openssl's own output, the names a DANE
// sender queries for an MX target, and per-tag explanations of policy TXT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as core from '../../dist/core.js';
import { makeCerts, opensslTlsaData } from '../fixtures/dane/make-certs.mjs';

let certs;
before(() => { certs = makeCerts(); });
after(() => certs?.cleanup());

const host = (options = {}) => ({
  now: () => new Date(),
  options,
  readFile(from, rel) {
    const full = resolve(dirname(from), rel);
    try { return { bytes: readFileSync(full), path: full }; } catch (e) { return { error: e.message }; }
  },
});
const openssl = (...args) => spawnSync('openssl', args, { cwd: certs.dir, encoding: 'utf8' }).stdout.trim();

function zoneOf(text) {
  const path = join(certs.dir, 'hover.zone');
  writeFileSync(path, text);
  return core.parseZone(text, { fileId: path });
}

test('TLSA hover of a linked chain: facts, match state and the values the file publishes', () => {
  const d = opensslTlsaData(certs.dir, 'mx1.pem', 1, 1);
  const zone = zoneOf(`$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ${d}\n`);
  const md = core.daneHoverAt(zone, 4, host());
  assert.match(md, /\*\*TLSA 3 1 1 \(DANE-EE SPKI SHA2-256\)\*\*/);
  assert.match(md, /For SMTP to `mx1\.example\.com\.` \(the MX host of `example\.com\.`\)\./);
  assert.match(md, /`mx1-chain\.pem` \(linked by comment\)/);
  assert.match(md, /✔ matches the leaf/);
  assert.match(md, /\| Subject \| CN=mx1\.example\.com \|/);
  assert.match(md, /\| Issuer \| O=Fixture, CN=Fixture CA \|/);
  assert.match(md, /\| SANs \| DNS:mx1\.example\.com \|/);
  assert.match(md, /\| Key \| ECDSA P-256 \|/);
  const end = new Date(openssl('x509', '-in', 'mx1.pem', '-noout', '-enddate').replace('notAfter=', '')).toISOString().slice(0, 10);
  assert.match(md, new RegExp(`\\| Valid \\| \\d{4}-\\d\\d-\\d\\d to ${end} \\(\\d+ days left\\) \\|`));
  assert.ok(md.includes('`3 1 1 ' + d + '`'));
  assert.ok(md.includes('`3 0 1 ' + opensslTlsaData(certs.dir, 'mx1.pem', 0, 1) + '`'));
  assert.ok(md.includes('`2 1 1 ' + opensslTlsaData(certs.dir, 'ca.pem', 1, 1) + '` (DANE-TA SPKI SHA2-256 of O=Fixture, CN=Fixture CA'));
});

test('TLSA hover of a next key\'s certificate request: the key it holds, where it came from, and the 3 1 1 it publishes', () => {
  spawnSync('openssl', ['req', '-new', '-key', 'mx2.key', '-subj', '/CN=mx1.example.com', '-out', 'mx2.csr'], { cwd: certs.dir });
  const d = opensslTlsaData(certs.dir, 'mx2.pem', 1, 1);
  const zone = zoneOf(`$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n; dane-zone: cert=mx2.csr\n_25._tcp.mx1 IN TLSA 3 1 1 ${d}\n`);
  const md = core.daneHoverAt(zone, 4, host());
  assert.match(md, /✔ matches the leaf/);
  assert.match(md, /Public key only \(the public key of the certificate request at line 1\): ECDSA P-256/);
  assert.ok(md.includes('`3 1 1 ' + d + '` (DANE-EE SPKI SHA2-256)'), md);
});

test('TLSA hover: a name ending a sentence is not followed by a second dot', () => {
  const d = opensslTlsaData(certs.dir, 'mx1.pem', 1, 1);
  const zone = zoneOf(`$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ${d}\n_443._tcp.www IN TLSA 3 1 1 ${d}\n`);
  for (const line of [3, 4]) {
    const md = core.daneHoverAt(zone, line, host());
    assert.doesNotMatch(md, /\.`\./, md);
  }
  assert.match(core.daneHoverAt(zone, 4, host()), /For TCP port 443 on `www\.example\.com\.`/);
});

test('TLSA hover of a mismatching record, an unreadable link and a setting link', () => {
  const other = opensslTlsaData(certs.dir, 'mx2.pem', 1, 1);
  const zone = zoneOf(`$ORIGIN example.com.\n$TTL 3600\n_25._tcp.mx1 IN TLSA 3 1 1 ${other} ; dane-zone: cert=mx1.pem\n_25._tcp.mx2 IN TLSA 3 1 1 ${other} ; dane-zone: cert=gone.pem\n_25._tcp.mx3 IN TLSA 3 1 1 ${other}\n`);
  assert.match(core.daneHoverAt(zone, 2, host()), /✘ does not match \(different data\)/);
  assert.match(core.daneHoverAt(zone, 2, host()), /no MX record in this zone names this host/);
  assert.match(core.daneHoverAt(zone, 3, host()), /⚠ cannot read certificate file gone\.pem/);
  const viaSetting = core.daneHoverAt(zone, 4, host({ certificates: { '_25._tcp.*.example.com': 'mx2.pem' } }));
  assert.match(viaSetting, /`mx2\.pem` \(linked by the daneZone\.certificates setting\)/);
  assert.match(viaSetting, /✔ matches the leaf/);
  assert.doesNotMatch(core.daneHoverAt(zone, 4, host()), /Certificate file/);
  // a setting path, relative or absolute inside the workspace folder, is named relative to it; outside it in full
  const folder = dirname(certs.dir);
  const rel = join(certs.dir.slice(folder.length + 1), 'mx2.pem');
  for (const p of [rel, join(certs.dir, 'mx2.pem')]) {
    const md = core.daneHoverAt(zone, 4, host({ workspaceFolder: folder, certificates: { '_25._tcp.*.example.com': p } }));
    assert.ok(md.includes('`' + rel + '` (linked by the daneZone.certificates setting)'), md);
    assert.match(md, /✔ matches the leaf/);
  }
  const outside = core.daneHoverAt(zone, 4, host({ workspaceFolder: join(certs.dir, 'sub'), certificates: { '_25._tcp.*.example.com': join(certs.dir, 'mx2.pem') } }));
  assert.ok(outside.includes('`' + join(certs.dir, 'mx2.pem') + '`'), outside);
});

test('MX hover names the TLSA base a DANE sender queries, following a CNAME', () => {
  const zone = zoneOf('$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 alias\n@ IN MX 20 mx2\nalias IN CNAME mx1\n_25._tcp.mx1 IN TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n@ IN MX 30 ext.example.net.\n');
  const md = core.daneHoverAt(zone, 2, host());
  assert.match(md, /- `_25\._tcp\.mx1\.example\.com\.` — 1 TLSA record in this zone\n- `_25\._tcp\.alias\.example\.com\.` — no TLSA records in this zone/);
  assert.match(md, /alias \(CNAME to `mx1\.example\.com\.`\): senders try the CNAME-expanded name first/);
  assert.match(core.daneHoverAt(zone, 3, host()), /`_25\._tcp\.mx2\.example\.com\.` — no TLSA records in this zone/);
  assert.match(core.daneHoverAt(zone, 6, host()), /`_25\._tcp\.ext\.example\.net\.` — outside this zone/);
});

test('MX hover: a TLSA name below a delegation or a DNAME is not "no TLSA records in this zone"; a host below a DNAME is an alias', () => {
  const zone = zoneOf('$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\n@ IN MX 10 mx.sub\n@ IN MX 20 mx.old\nsub IN NS ns.example.net.\nold IN DNAME example.net.\n');
  assert.match(core.daneHoverAt(zone, 4, host()), /`_25\._tcp\.mx\.sub\.example\.com\.` — in the child zone delegated at `sub\.example\.com\.`/);
  const old = core.daneHoverAt(zone, 5, host());
  // the DNAME makes mx.old an alias of mx.example.net.: a sender queries the expanded name first
  assert.match(old, /- `_25\._tcp\.mx\.example\.net\.` — outside this zone\n- `_25\._tcp\.mx\.old\.example\.com\.` — redirected by the DNAME at `old\.example\.com\.`/);
  assert.match(old, /`mx\.old\.example\.com\.` is an alias \(below the DNAME at `old\.example\.com\.`, it maps to `mx\.example\.net\.`\): senders try the CNAME-expanded name first/);
  assert.doesNotMatch(core.daneHoverAt(zone, 4, host()), /is an alias/);
});

test('policy TXT hover explains each tag; plain TXT has no DANE hover', () => {
  const zone = zoneOf('$ORIGIN example.com.\n$TTL 3600\n_dmarc IN TXT "v=DMARC1; p=quarantine; " "rua=mailto:d@example.com"\n@ IN TXT "v=spf1 mx include:_spf.example.net -all"\nwww IN TXT "hello"\n_mta-sts IN TXT "v=STSv1; id=1"\n_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:t@example.com"\n');
  const dmarc = core.daneHoverAt(zone, 2, host());
  assert.match(dmarc, /^\*\*DMARC record\*\* \(\[RFC 7489 §6\.3\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc7489#section-6\.3\)/);
  assert.match(dmarc, /- \*\*p\*\* — policy for mail failing DMARC/);
  assert.match(dmarc, /- \*\*rua\*\* — where to send aggregate reports/);
  const spf = core.daneHoverAt(zone, 3, host());
  assert.match(spf, /- \*\*-all\*\* — fail if matches every sender/);
  assert.match(spf, /DNS-querying terms in this record: 2/);
  assert.equal(core.daneHoverAt(zone, 4, host()), undefined);
  assert.match(core.daneHoverAt(zone, 5, host()), /\*\*id\*\* — policy version/);
  assert.match(core.daneHoverAt(zone, 6, host()), /\*\*rua\*\* — where senders send daily TLS reports/);
});

test('DKIM key record hover: each tag explained, and the key as a verifier reads it', () => {
  spawnSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'dkim.key'], { cwd: certs.dir });
  const spki = spawnSync('openssl', ['pkey', '-in', 'dkim.key', '-pubout', '-outform', 'DER'], { cwd: certs.dir }).stdout.toString('base64');
  const zone = zoneOf(`$ORIGIN example.com.\n$TTL 3600\nsel._domainkey IN TXT "v=DKIM1; k=rsa; p=${spki.slice(0, 200)}" "${spki.slice(200)}"\nold._domainkey IN TXT "v=DKIM1; p="\ncut._domainkey IN TXT "v=DKIM1; p=${spki.slice(0, 200)}"\n`);
  const md = core.daneHoverAt(zone, 2, host());
  assert.match(md, /^\*\*DKIM key record\*\* \(\[RFC 6376 §3\.6\.1\]/);
  assert.match(md, /- \*\*k\*\* — key type: `rsa`/);
  assert.match(md, /Key: RSA, 2048 bits\.$/);
  assert.match(core.daneHoverAt(zone, 3, host()), /Key: revoked \(p= empty\)\./);
  assert.match(core.daneHoverAt(zone, 4, host()), /Key: none a verifier can use/);
});

test('linkedCertificatePaths lists each linked file once, comments and settings', () => {
  const zone = zoneOf('$ORIGIN example.com.\n$TTL 3600\n; dane-zone: cert=a.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + 'cd'.repeat(32) + ' ; dane-zone: cert=a.pem\n_25._tcp.mx2 IN TLSA 3 1 1 ' + 'ab'.repeat(32) + '\n');
  const path = join(certs.dir, 'hover.zone');
  assert.deepEqual(core.linkedCertificatePaths(zone), [{ fromFile: path, path: 'a.pem' }]);
  assert.deepEqual(core.linkedCertificatePaths(zone, { certificates: { '_25._tcp.mx2.example.com': '/etc/ssl/b.pem' } }),
    [{ fromFile: path, path: 'a.pem' }, { fromFile: path, path: '/etc/ssl/b.pem' }]);
});

test('settingFor: exact owner beats patterns, the longest pattern wins, keys are case- and dot-insensitive', () => {
  const map = { '_25._tcp.*': 'any.pem', '_25._tcp.*.example.com': 'ex.pem', '_25._tcp.MX1.example.com': 'mx1.pem' };
  assert.equal(core.settingFor('_25._tcp.mx1.example.com.', map), 'mx1.pem');
  assert.equal(core.settingFor('_25._tcp.mx2.example.com.', map), 'ex.pem');
  assert.equal(core.settingFor('_25._tcp.mx.example.org.', map), 'any.pem');
  assert.equal(core.settingFor('_443._tcp.www.example.com.', map), undefined);
  assert.equal(core.settingFor('_25._tcp.mx.example.org.', 'not a map'), undefined);
});
