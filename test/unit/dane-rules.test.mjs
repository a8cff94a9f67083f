// The DANE and mail-policy rules over fixture zones whose expected findings are
// written inline (caret lines, see test/helpers/dane-expectations.mjs). Linked
// certificates are generated with openssl for each run; TLSA data in the
// fixtures is filled in by openssl, not by dane-zone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { makeCerts, opensslTlsaData } from '../fixtures/dane/make-certs.mjs';
import { actual, expectations, placeFixture, testSettings } from '../helpers/dane-expectations.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'dane');
const ids = new Set(core.DANE_RULES.map((r) => r.id));
let certs;

before(() => { certs = makeCerts(); });
after(() => certs?.cleanup());

/** The host a CLI run would give: files relative to the zone file, confined to the fixture dir. */
function fileHost(root, settings) {
  return {
    now: settings.now,
    options: settings.options,
    readFile(from, rel) {
      const full = resolve(dirname(from), rel);
      if (!full.startsWith(root + '/')) return { error: `refused: ${full} is outside ${root}` };
      try { return { bytes: readFileSync(full), path: full }; } catch (e) { return { error: e.code === 'ENOENT' ? `no such file: ${full}` : e.message }; }
    },
  };
}

function checkFixture(name, dir) {
  const { path, text } = placeFixture(join(fixtures, name), dir, name);
  const settings = testSettings(text);
  if (typeof settings.options.certificates === 'string') settings.options.certificates = JSON.parse(settings.options.certificates);
  const { zone, findings } = core.checkText(text, { fileId: path, host: fileHost(dir, settings) });
  return { zone, findings, text };
}

for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.zone')).sort()) {
  test(`fixture ${name}: findings are exactly the inline expectations`, () => {
    const { zone, findings, text } = checkFixture(name, certs.dir);
    assert.deepEqual(zone.problems.map((p) => p.message), [], 'the fixture parses cleanly');
    const want = expectations(text);
    assert.ok(want.length > 0, 'the fixture expects something');
    assert.deepEqual(actual(findings, core.absRange, ids), want);
  });
}

test('every DANE rule has an id, an RFC reference (except file links), a summary, and a fixture that expects it', () => {
  const all = readdirSync(fixtures).filter((f) => f.endsWith('.zone')).map((f) => readFileSync(join(fixtures, f), 'utf8')).join('\n');
  for (const r of core.DANE_RULES) {
    assert.match(r.id, /^[a-z0-9-]+$/);
    assert.ok(r.summary.length > 10, r.id);
    if (r.id !== 'tlsa-cert-link-unreadable') assert.ok(r.rfc.length > 0 && r.rfc.every((x) => x.url.startsWith('https://www.rfc-editor.org/rfc/rfc')), r.id);
    assert.match(all, new RegExp(`\\^ ${r.id}\\b`), `no fixture expects ${r.id}`);
  }
});

test('tlsa-cert-name-mismatch: an error where nothing else at the name matches the leaf, a warning where a DANE-EE record does (mail flows through it until the key changes)', () => {
  const { findings } = checkFixture('tlsa-cert-chains.zone', certs.dir);
  const byOwner = findings.filter((f) => f.ruleId === 'tlsa-cert-name-mismatch')
    .map((f) => `${/^_25\._tcp\.(\w+)/.exec(f.loc.file.lines?.[core.absRange(f.loc).startLine] ?? '')?.[1] ?? core.absRange(f.loc).startLine} ${f.severity}`);
  assert.deepEqual(byOwner.sort(), ['mx1 warning', 'mx3 warning', 'mx4 warning', 'mx6 error']);
  const mx3 = findings.find((f) => f.ruleId === 'tlsa-cert-name-mismatch' && f.severity === 'warning' && /not mx3\.example\.com/.test(f.message));
  assert.match(mx3.message, /delivered today through the 3 1 1 \(DANE-EE\) record at this name/);
});

test('tlsa-single-record: records of one linked key count as one (a 3 1 1 and a 3 1 2 of one certificate), records of two keys do not', () => {
  const { findings } = checkFixture('tlsa-cert-chains.zone', certs.dir);
  const single = findings.filter((f) => f.ruleId === 'tlsa-single-record');
  const mx8 = single.filter((f) => /all match one key/.test(f.message));
  assert.equal(mx8.length, 1);
  assert.match(mx8[0].message, /^these 2 TLSA records all match one key, that of .*CN=mx1/);
  assert.deepEqual(mx8[0].data.nextKey, { file: mx8[0].loc.file.id, host: 'mx8.example.com.' });
});

test('a CA certificate linked alone is a DANE-TA trust anchor: its 2 1 1 matches, is described as the anchor on hover, and a mismatch offers only its 2 1 1, never a 3 1 1 of a CA key', () => {
  const { zone, findings } = checkFixture('tlsa-cert-chains.zone', certs.dir);
  const at = (line) => findings.filter((f) => f.ruleId === 'tlsa-cert-mismatch' && core.absRange(f.loc).startLine === line);
  const lines = zone.records.filter((r) => r.ownerKey === '_25._tcp.mx10.example.com.').map((r) => core.absRange(r.loc).startLine);
  assert.deepEqual(lines.slice(0, 2).flatMap(at), [], 'the current and the next CA match');
  const [wrong] = at(lines[2]);
  assert.match(wrong.message, /does not match other-ca\.pem: its CA certificate \(O=Fixture, CN=Other CA\) would publish 2 1 1 [0-9a-f]{64}\.$/);
  const rule = core.RULES.find((r) => r.id === 'tlsa-cert-mismatch');
  const fixes = rule.fixes(wrong.data);
  assert.deepEqual(fixes.map((x) => [x.title, x.preferred]), [['Replace with 2 1 1 from Other CA', true]]);
  assert.equal(fixes[0].edits[0].newText, `2 1 1 ${opensslTlsaData(certs.dir, 'other-ca.pem', 1, 1)}`);
  const { path, text } = placeFixture(join(fixtures, 'tlsa-cert-chains.zone'), certs.dir, 'hover.zone');
  const hoverZone = core.checkText(text, { fileId: path, host: fileHost(certs.dir, testSettings(text)) }).zone;
  const rec = hoverZone.records.find((r) => r.ownerKey === '_25._tcp.mx10.example.com.');
  const md = core.describeTlsaLink(hoverZone, rec, fileHost(certs.dir, testSettings(text)));
  assert.match(md, /✔ matches the CA certificate, the trust anchor/);
  assert.match(md, /This file publishes\*\* \(a CA certificate: a trust anchor/);
  // the records it lists, as openssl digests the CA's key and certificate
  assert.ok(md.includes(`\`2 1 1 ${opensslTlsaData(certs.dir, 'ca.pem', 1, 1)}\` (DANE-TA SPKI SHA2-256)`), md);
  assert.ok(md.includes(`\`2 0 1 ${opensslTlsaData(certs.dir, 'ca.pem', 0, 1)}\` (DANE-TA Cert SHA2-256)`), md);
  assert.doesNotMatch(md, /DANE-EE/);
});

test('a CA certificate linked alone to a DANE-EE record: a mismatch (no server presents a CA\'s certificate as its own) that offers its 2 1 1, and the hover does not say it matches', () => {
  const { zone, findings } = checkFixture('tlsa-cert-chains.zone', certs.dir);
  const rec = zone.records.find((r) => r.ownerKey === '_25._tcp.mx11.example.com.');
  const [f] = findings.filter((x) => x.ruleId === 'tlsa-cert-mismatch' && core.absRange(x.loc).startLine === core.absRange(rec.loc).startLine);
  assert.ok(f, 'no tlsa-cert-mismatch at the 3 1 1 of ca.pem');
  assert.equal(f.message, 'this is the data of the CA certificate (O=Fixture, CN=Fixture CA), a trust anchor, but usage 3 (DANE-EE) matches only the certificate the server presents as its own: use usage 2 (DANE-TA).');
  const rule = core.RULES.find((r) => r.id === 'tlsa-cert-mismatch');
  assert.deepEqual(rule.fixes(f.data).map((x) => [x.title, x.preferred]), [['Replace with 2 1 1 from Fixture CA', true], ['Change usage to 2 (DANE-TA)', false]]);
  const { path, text } = placeFixture(join(fixtures, 'tlsa-cert-chains.zone'), certs.dir, 'hover-ee.zone');
  const host = fileHost(certs.dir, testSettings(text));
  const hoverZone = core.checkText(text, { fileId: path, host }).zone;
  const md = core.describeTlsaLink(hoverZone, hoverZone.records.find((r) => r.ownerKey === '_25._tcp.mx11.example.com.'), host);
  assert.doesNotMatch(md, /✔/);
  assert.match(md, /✘ does not match/);
});

test('the expiry warning window comes from the certificateExpiryWarningDays option', () => {
  const { path, text } = placeFixture(join(fixtures, 'tlsa-expiry-soon.zone'), certs.dir, 'window.zone');
  const expiring = (days) => core.checkText(text, { fileId: path, host: fileHost(certs.dir, { now: () => new Date(), options: { certificateExpiryWarningDays: days } }) })
    .findings.filter((f) => f.ruleId === 'tlsa-cert-expiring');
  assert.deepEqual(expiring(5), []);
  // the two records linked to soon-chain.pem (3 1 1 and 2 1 1), not the one linked to mx1-chain.pem
  assert.deepEqual(expiring(11).map((f) => { const r = core.absRange(f.loc); return [r.startLine, r.startCol]; }), [[5, 22], [8, 22]]);
  assert.match(expiring(11)[0].message, /expires on \d{4}-\d\d-\d\d, in (9|10) days \(DANE-EE senders ignore dates per RFC 7672 §3\.1\.1, but Exchange Online rejects expired certificates with 5\.7\.322\)/);
});

test('user severity settings override a rule, including its per-finding severities', () => {
  const { path, text } = placeFixture(join(fixtures, 'tlsa-certs.zone'), certs.dir, 'sev.zone');
  const settings = testSettings(text);
  settings.options.certificates = JSON.parse(settings.options.certificates);
  const run = (severities) => core.checkText(text, { fileId: path, host: fileHost(certs.dir, settings), settings: { severities } }).findings;
  const mism = run({}).filter((f) => f.ruleId === 'tlsa-cert-mismatch').map((f) => f.severity).sort();
  assert.deepEqual(mism, ['error', 'error', 'error', 'error', 'warning', 'warning']);
  assert.deepEqual(run({ 'tlsa-cert-mismatch': 'info' }).filter((f) => f.ruleId === 'tlsa-cert-mismatch').map((f) => f.severity), Array(6).fill('info'));
  assert.equal(run({ 'tlsa-cert-mismatch': 'off' }).filter((f) => f.ruleId === 'tlsa-cert-mismatch').length, 0);
});

test('partial DANE at a name with many MX hosts: five protected hosts named, the rest counted, same in editor and check', () => {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
  for (let i = 0; i < 12; i++) {
    lines.push(`@ MX ${i} mx${i}`, `mx${i} A 192.0.2.${10 + i}`);
    if (i % 2 === 0) lines.push(`_25._tcp.mx${i} TLSA 3 1 1 ${'ab'.repeat(32)}`);
  }
  const text = lines.join('\n') + '\n';
  const partial = (findings) => findings.filter((f) => f.ruleId === 'tlsa-partial-dane');
  const check = partial(core.checkText(text, { fileId: 'many-mx.zone' }).findings);
  const editorZone = core.parseZone(text, { fileId: 'many-mx.zone' });
  const editor = partial(core.runRules(editorZone));
  assert.deepEqual(check.map((f) => f.message.match(/^partial DANE: (\S+) has no TLSA/)?.[1]),
    ['mx1', 'mx3', 'mx5', 'mx7', 'mx9', 'mx11'].map((h) => `${h}.example.com.`), 'one finding per unprotected host');
  assert.deepEqual(check.map((f) => f.message), editor.map((f) => f.message));
  assert.match(check[0].message, /^partial DANE: mx1\.example\.com\. has no TLSA at _25\._tcp\.mx1\.example\.com\. while mx0\.example\.com\., mx2\.example\.com\., mx4\.example\.com\., mx6\.example\.com\., mx8\.example\.com\. and 1 more have them;/);
  // the related places are the MX records of the protected hosts named (the first five)
  assert.deepEqual(check[0].related.map((r) => [core.absRange(r.loc).startLine, r.message]),
    [[5, 'mx0'], [10, 'mx2'], [15, 'mx4'], [20, 'mx6'], [25, 'mx8']].map(([l, h]) => [l, `${h}.example.com. is protected by TLSA`]));
});

test('partial DANE judges a name by its first 32 MX records: work and editor dependencies stay bounded', () => {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
  for (let i = 0; i < 100; i++) lines.push(`@ MX ${i} mx${i}`, `mx${i} A 192.0.2.${i + 2}`);
  lines.push(`_25._tcp.mx1 TLSA 3 1 1 ${'ab'.repeat(32)}`, `_25._tcp.mx50 TLSA 3 1 1 ${'cd'.repeat(32)}`);
  const text = lines.join('\n') + '\n';
  const rule = core.RULES.find((r) => r.id === 'tlsa-partial-dane');
  const zone = core.parseZone(text, { fileId: 'mx100.zone' });
  const mx = zone.byType.get('MX');
  for (const rec of mx) assert.ok(rule.dependsOn(rec, zone).length <= 2 * 33, `${rec.rdataText}: ${rule.dependsOn(rec, zone).length} names`);
  const found = core.checkText(text, { fileId: 'mx100.zone' }).findings.filter((f) => f.ruleId === 'tlsa-partial-dane');
  // mx1 is protected and among the first 32: the 98 other hosts are reported; mx50 is
  // protected too but past the first 32, so it is not named
  const unprotected = Array.from({ length: 100 }, (_, i) => `mx${i}.example.com.`).filter((h) => h !== 'mx1.example.com.' && h !== 'mx50.example.com.');
  assert.deepEqual(found.map((f) => f.message.match(/^partial DANE: (\S+) has no TLSA/)?.[1]).sort(), unprotected.sort());
  for (const f of found) assert.match(f.message, /while mx1\.example\.com\. has them;/);
});

test('the TLSA placement rules work out where senders query an RRset once per zone version, in check and dependsOn', () => {
  const base = ['$ORIGIN example.com.', '$TTL 3600', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1',
    '@ MX 10 mx.old', 'mx A 192.0.2.2', `_25._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`, `_25._tcp.www TLSA 3 1 1 ${'cd'.repeat(32)}`];
  const [notAtMx, atMailDomain] = ['tlsa-not-at-mx-target', 'tlsa-at-mail-domain'].map((id) => core.RULES.find((r) => r.id === id));
  const withDname = core.parseZone([...base, 'old DNAME @'].join('\n') + '\n', { fileId: 'apex.zone' });
  const [mx, www] = withDname.byType.get('TLSA');
  const names = notAtMx.dependsOn(mx, withDname);
  // the same list for both rules and both questions: one answer, shared
  assert.equal(notAtMx.dependsOn(mx, withDname), names);
  assert.deepEqual(atMailDomain.dependsOn(mx, withDname).slice(0, names.length), names);
  // it reads the MX host the DNAME maps there, and the DNAMEs to the apex (typing one re-checks)
  assert.ok(names.includes('mx.old.example.com.'), names.join(' '));
  const above = notAtMx.dependsOnDnamesTo(mx, withDname);
  assert.ok(above.includes('example.com.') && above.includes('old.example.com.'), above.join(' '));
  assert.equal(atMailDomain.dependsOnDnamesTo(mx, withDname), notAtMx.dependsOnDnamesTo(mx, withDname));
  const found = (zone) => core.runRules(zone, { now: () => new Date(), options: {} }, {}).filter((f) => f.ruleId === 'tlsa-not-at-mx-target').map((f) => f.message.match(/points to (\S+):/)[1]);
  assert.deepEqual(found(withDname), ['www.example.com.']);
  // another version of the zone (the DNAME gone) gets its own answer, and the first keeps its own
  const without = core.parseZone(base.join('\n') + '\n', { fileId: 'apex.zone' });
  const mxWithout = without.byType.get('TLSA')[0];
  assert.ok(!notAtMx.dependsOn(mxWithout, without).includes('mx.old.example.com.'));
  assert.deepEqual(found(without).sort(), ['mx.example.com.', 'www.example.com.']);
  assert.ok(notAtMx.dependsOn(www, withDname).includes('www.example.com.')); // another RRset in between
  assert.deepEqual(notAtMx.dependsOn(mx, withDname), names);
  assert.deepEqual(found(withDname), ['www.example.com.']);
});

test('tlsa-single-record: the advice fits the lone record (DANE-EE key roll, or DANE-TA issuer change)', () => {
  const text = (usage, selector = 1) => `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\nmx1 IN A 192.0.2.1\n_25._tcp.mx1 IN TLSA ${usage} ${selector} 1 ${'a1'.repeat(32)}\n`;
  const message = (usage, selector) => core.checkText(text(usage, selector), { fileId: 'mem.zone' }).findings.filter((f) => f.ruleId === 'tlsa-single-record').map((f) => f.message);
  // 3 1 1 names the key: a renewal with the same key is no change to prepare for (RFC 7671 §5.1)
  assert.deepEqual(message(3), ['only one TLSA record here: when the server\'s key changes (a certificate renewed with the same key keeps matching), mail fails until the new record has propagated. Publish the next key\'s 3 1 1 (or the issuer\'s 2 1 1) alongside it before the change (RFC 7671 §8.1).']);
  // 3 0 1 names the certificate: every renewal is such a change
  assert.deepEqual(message(3, 0), ['only one TLSA record here: at every certificate renewal (it names the whole certificate), mail fails until the new record has propagated. Publish the next key\'s 3 1 1 (or the issuer\'s 2 1 1) alongside it before the change (RFC 7671 §8.1).']);
  const [ta] = message(2);
  assert.match(ta, /^only one TLSA record here, a 2 \(DANE-TA\) for the issuing CA: when the server's certificate comes from another CA or the CA changes its key, mail fails until the new record has propagated\. Publish the next issuer's 2 1 1 or the server's 3 1 1 alongside it before the change \(RFC 7671 §8\.1, §8\.4\)\.$/);
  assert.doesNotMatch(ta, /the issuer's 2 1 1\)/);
});

test('a linked certificate not yet valid is the next one published ahead: a reminder (info for usage 3, warning for 2), never "renew"', () => {
  const { findings } = checkFixture('tlsa-expiry-future.zone', certs.dir);
  const got = findings.filter((f) => f.ruleId === 'tlsa-cert-expired');
  assert.deepEqual(got.map((f) => f.severity), ['info', 'warning']);
  for (const f of got) {
    assert.match(f.message, /^the leaf certificate \(CN=mx1\.example\.com\) in mx1-chain\.pem is not valid before \d{4}-\d\d-\d\d: right for the next certificate, published ahead of its use \(RFC 7671 §8\.1\); until then a server must not present it/);
    assert.doesNotMatch(f.message, /renew/i);
  }
});

test('tlsa-cert-expiring asks for the next record only where none is published beside it, and only where a renewal changes what the record matches', () => {
  const soon = checkFixture('tlsa-expiry-soon.zone', certs.dir).findings.filter((f) => f.ruleId === 'tlsa-cert-expiring');
  assert.equal(soon.length, 2);
  for (const f of soon) assert.match(f.message, /; for a new (key|trust anchor), the other TLSA records here must match the certificate that replaces it before you switch \(RFC 7671 §8\.1\)\.$/);
  // a renewal with the same key (3 1 1) or under the same anchor (2 1 1) keeps matching: no new record needed for it
  const [ee, ta] = soon.map((f) => f.message);
  assert.match(ee, /: renew it in time; this 3 1 x record names the key, not the certificate, so a certificate renewed with the same key keeps matching it \(RFC 7671 §5\.1\); for a new key, the other TLSA records here/);
  assert.match(ta, /: renew it in time; this 2 x x record names the trust anchor, so a certificate renewed under the same anchor keeps matching it \(RFC 7671 §5\.2\); for a new trust anchor, the other TLSA records here/);
  const alone = (selector) => `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 soon\n; dane-zone: cert=soon.pem\n_25._tcp.soon IN TLSA 3 ${selector} 1 ${opensslTlsaData(certs.dir, 'soon.pem', selector, 1)}\n`;
  const expiring = (text) => {
    writeFileSync(join(certs.dir, 'alone.zone'), text);
    const { findings } = core.checkText(text, { fileId: join(certs.dir, 'alone.zone'), host: fileHost(certs.dir, testSettings(text)) });
    return findings.find((f) => f.ruleId === 'tlsa-cert-expiring').message;
  };
  assert.match(expiring(alone(1)), /: renew it in time; this 3 1 x record names the key, .*; for a new key, publish the next certificate's TLSA record alongside this one before switching \(RFC 7671 §8\.1\)\.$/);
  // 3 0 1 names the certificate itself: every renewal needs the next record first
  assert.match(expiring(alone(0)), /\): publish the next certificate's TLSA record alongside this one before switching \(RFC 7671 §8\.1\)\.$/);
});

test('tlsa-cert-expired: renewing under the same anchor (2 x x) or with the same key (3 1 x) needs no new TLSA record, and the message says so', () => {
  const expired = checkFixture('tlsa-expiry-expired.zone', certs.dir).findings.filter((f) => f.ruleId === 'tlsa-cert-expired').map((f) => f.message);
  assert.equal(expired.length, 3);
  assert.match(expired[0], /renew the certificate \(this 3 1 x record names the key, not the certificate, so a certificate renewed with the same key keeps matching it \(RFC 7671 §5\.1\); with a new key, publish its 3 1 1\)\.$/);
  for (const m of expired.slice(1)) {
    assert.match(m, /Renew it: this 2 x x record names the trust anchor, so a certificate renewed under the same anchor keeps matching it \(RFC 7671 §5\.2\); under a new trust anchor, publish its TLSA record too\.$/);
    assert.doesNotMatch(m, /Renew it and publish the new TLSA record/);
  }
});

test('tlsa-not-at-mx-target: a name with an address and no MX is its own mail host, said so in the message', () => {
  const { findings } = checkFixture('tlsa-implicit-mx.zone', certs.dir);
  const [f] = findings.filter((x) => x.ruleId === 'tlsa-not-at-mx-target');
  assert.equal(f.message, 'no MX record in this zone points to www.example.org.: senders look up TLSA at _25._tcp.<MX host> (RFC 7672 §2.2.3), so this RRset is used only for mail addressed to www.example.org. itself (it has an address and no MX: its own mail host, RFC 5321 §5.1) or if an MX in another zone names it');
});

test('tlsa-owner-form: a *._25._tcp wildcard at the apex answers no MX host\'s TLSA query, an error that says where to write it; *._tcp.<host> is left alone', () => {
  const x = 'a1'.repeat(32);
  const zone = (tlsa) => `$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN MX 10 mx1\nmx1 IN A 192.0.2.1\n${tlsa}\n`;
  const form = (text) => core.checkText(text, { fileId: 'wild.zone' }).findings.filter((f) => f.ruleId === 'tlsa-owner-form');
  const [f, ...rest] = form(zone(`*._25._tcp IN TLSA 3 1 1 ${x}`));
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'the wildcard *._25._tcp.example.com. answers only names below _25._tcp.example.com. (RFC 4592 §4.1), never _25._tcp.<host>, the name senders query (RFC 7672 §2.2.3): no MX host gets DANE from it. Write _25._tcp.<host> for each MX host, or *._tcp.<host>');
  assert.deepEqual(form(zone(`*._tcp.mx1 IN TLSA 3 1 1 ${x}`)), []);
  assert.deepEqual(form(zone(`*.mx1 IN TLSA 3 1 1 ${x}`)), []);
});

test('tlsa-single-record counts the records senders can use: a usable one beside unusable ones is alone, a lone unusable one gets no rollover advice', () => {
  const zone = (...rdata) => `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\nmx1 IN A 192.0.2.1\n${rdata.map((r) => `_25._tcp.mx1 IN TLSA ${r}\n`).join('')}`;
  const single = (...rdata) => core.checkText(zone(...rdata), { fileId: 'mem.zone' }).findings.filter((f) => f.ruleId === 'tlsa-single-record').length;
  assert.equal(single(`3 1 1 ${'a1'.repeat(32)}`), 1);
  assert.equal(single(`3 1 1 ${'a1'.repeat(32)}`, `1 1 1 ${'b2'.repeat(32)}`), 1);
  assert.equal(single(`3 1 1 ${'a1'.repeat(32)}`, `3 1 1 ${'b2'.repeat(31)}`), 1, 'a malformed digest is no next key');
  assert.equal(single(`3 1 9 ${'a1'.repeat(32)}`), 0);
  assert.equal(single(`255 1 1 ${'a1'.repeat(32)}`), 0);
  assert.equal(single(`3 1 1 ${'a1'.repeat(32)}`, `3 1 1 ${'b2'.repeat(32)}`), 0);
});

test('an MX target written with \\DDD escapes is the same name: mx-target-cname sees the CNAME there', () => {
  const text = '$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 hm 1 7200 3600 1209600 300\n@ NS ns1\nns1 A 192.0.2.1\nc CNAME ns1\n@ MX 10 \\099\n@ MX 20 \\067.example.com.\n';
  const found = core.checkText(text, { fileId: 'mem.zone' }).findings.filter((f) => f.ruleId === 'mx-target-cname');
  assert.deepEqual(found.map((f) => core.absRange(f.loc).startLine), [6, 7]);
});

/** Applies a quick-fix's single-line edits to the text. */
function applyFixEdits(text, fix) {
  const lines = text.split('\n');
  for (const e of [...fix.edits].sort((a, b) => b.range.startLine - a.range.startLine || b.range.startCol - a.range.startCol)) {
    assert.equal(e.range.startLine, e.range.endLine);
    lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  }
  return lines.join('\n');
}

test('without a linked certificate, a PKIX usage at an SMTP name gets the DANE usage of the same role as a fix: 1 -> 3, 0 -> 2, the same data', () => {
  const rule = core.RULES.find((r) => r.id === 'tlsa-usage-unusable-for-smtp');
  for (const [from, to, title] of [[1, 3, 'Change usage to 3 (DANE-EE)'], [0, 2, "Change usage to 2 (DANE-TA): the server must send that CA's certificate"]]) {
    const text = `$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\nmx1 IN A 192.0.2.1\n_25._tcp.mx1 IN TLSA ${from} 1 1 ${'a1'.repeat(32)}\n_25._tcp.mx1 IN TLSA 3 1 1 ${'b2'.repeat(32)}\n`;
    const [f] = core.checkText(text, { fileId: 'mem.zone' }).findings.filter((x) => x.ruleId === rule.id);
    const fixes = rule.fixes(f.data);
    assert.deepEqual(fixes.map((x) => [x.title, x.preferred]), [[title, false]]);
    const fixed = applyFixEdits(text, fixes[0]);
    const after = core.checkText(fixed, { fileId: 'mem.zone' });
    assert.deepEqual(after.findings.filter((x) => x.ruleId === rule.id), []);
    assert.equal(after.zone.records.filter((r) => r.type === 'TLSA')[0].field('usage'), to);
    assert.equal(after.zone.records.filter((r) => r.type === 'TLSA')[0].field('data'), 'a1'.repeat(32));
  }
});

test('mx-target-cname: the fix points the MX at the host the aliases lead to; none when they lead to no host here', () => {
  const rule = core.RULES.find((r) => r.id === 'mx-target-cname');
  const text = '$ORIGIN example.net.\n$TTL 60\n@ MX 10 relay\n@ MX 20 away\nrelay CNAME relay2\nrelay2 CNAME mx1\nmx1 A 192.0.2.1\naway CNAME mail.example.org.\n';
  const found = core.checkText(text, { fileId: 'mem.zone' }).findings.filter((x) => x.ruleId === rule.id);
  assert.equal(found.length, 2);
  const [fix] = rule.fixes(found[0].data);
  assert.equal(fix.title, 'Point the MX at the host: mx1.example.net.');
  assert.equal(found[1].data, undefined, 'an alias out of the zone: no host to point at');
  const after = core.checkText(applyFixEdits(text, fix), { fileId: 'mem.zone' });
  assert.deepEqual(after.findings.filter((x) => x.ruleId === rule.id).length, 1);
  assert.equal(after.zone.records.find((r) => r.type === 'MX').field('exchange'), 'mx1.example.net.');
});
