// Live DANE validation against the loopback lab: real Knot (signed zones),
// real Unbound (validating), real SMTP servers with STARTTLS. Every scenario's
// verdict, NDR code and TLS-RPT result type, through the library and through
// `dane-zone validate --json`, plus the RFC 8460 file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUp, labDown, ROOT } from './lab.mjs';
import * as core from '../../dist/core.js';
import { startServer } from '../helpers/lsp-client.mjs';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';

// domain verdict, NDR, TLS-RPT type, exit code, and per-host verdicts in preference order
const EXPECT = {
  good: ['valid', null, null, 0, ['valid']],
  ta: ['valid', null, null, 0, ['valid']],
  cname: ['valid', null, null, 0, ['valid']],
  mismatch: ['invalid', '5.7.323', 'tlsa-invalid', 1, ['invalid']],
  pkix: ['tls-only', null, null, 1, ['tls-only']],
  nostarttls: ['invalid', '5.7.321', 'starttls-not-supported', 1, ['invalid']],
  expired: ['invalid', '5.7.322', 'certificate-expired', 1, ['invalid']],
  'bogus-ds': ['invalid', '5.7.324', 'dnssec-invalid', 1, []],
  'expired-sig': ['invalid', '5.7.324', 'dnssec-invalid', 1, []],
  'bogus-tlsa': ['invalid', '5.7.324', 'dnssec-invalid', 1, ['dnssec-invalid']],
  insecure: ['not-applicable', null, null, 2, []],
  notlsa: ['not-applicable', null, null, 2, ['no-dane']],
  lame: ['dns-failure', '4.4.312', 'validation-failure', 1, []],
  namemismatch: ['invalid', '5.7.325', 'certificate-host-mismatch', 1, ['invalid']],
  twomx: ['partial', null, null, 1, ['valid', 'no-dane']],
  dualstack: ['valid', null, null, 0, ['valid']],
  silent: ['invalid', '4.4.316', 'validation-failure', 1, ['smtp-failure']],
  endless: ['invalid', '4.4.316', 'validation-failure', 1, ['smtp-failure']],
};
const STEP_TIMEOUT = 2500; // per SMTP step; the silent server costs exactly one of these

let lab;
before(async () => { lab = await labUp(); });
after(() => labDown());

function runCli(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

const resolver = () => new core.StubResolver({ servers: [core.parseServer(lab.resolver)], timeoutMs: 3000, attempts: 2 });

test('the lab description lists every scenario', () => {
  assert.deepEqual(Object.keys(lab.scenarios).sort(), Object.keys(EXPECT).sort());
});

for (const [name, [verdict, ndr, tlsrpt, code, hostVerdicts]] of Object.entries(EXPECT)) {
  test(`${name}: library verdict ${verdict}${ndr ? ' / ' + ndr : ''}`, async () => {
    const r = await core.validateDomain(lab.scenarios[name], {
      resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort, stepTimeoutMs: STEP_TIMEOUT,
    });
    assert.equal(r.verdict, verdict, r.summary);
    assert.equal(r.ndr, ndr);
    assert.equal(r.tlsrpt, tlsrpt);
    assert.deepEqual(r.hosts.map((h) => h.verdict), hostVerdicts);
    assert.equal(r.resolver, lab.resolver);
    assert.deepEqual(r.answeredBy, [lab.resolver]);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
  });

  test(`${name}: CLI --json agrees, exit ${code}`, async () => {
    const { code: rc, out, err } = await runCli(['validate', lab.scenarios[name], '--resolver', lab.resolver, '--port', String(lab.smtpPort), '--timeout', String(STEP_TIMEOUT), '--json']);
    const r = JSON.parse(out);
    assert.equal(rc, code, err);
    assert.equal(r.domain, lab.scenarios[name]);
    assert.equal(r.verdict, verdict);
    assert.equal(r.ndr, ndr);
    assert.equal(r.tlsrpt, tlsrpt);
    assert.deepEqual(r.hosts.map((h) => h.verdict), hostVerdicts);
    for (const h of r.hosts) {
      assert.equal(typeof h.name, 'string');
      assert.equal(typeof h.tlsaBase, 'string');
      assert.ok(Array.isArray(h.tlsa));
      for (const a of h.addresses) {
        assert.ok('address' in a && 'verdict' in a && 'ndr' in a && 'tlsrpt' in a && Array.isArray(a.steps));
      }
    }
  });
}

test('good: both published 3 1 1 records are reported, the live one matched, the presented chain described', async () => {
  const r = await core.validateDomain(lab.scenarios.good, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  const h = r.hosts[0];
  assert.equal(h.tlsa.length, 2);
  const a = h.addresses[0];
  assert.ok(h.tlsa.includes(a.matched));
  assert.equal(a.chain[0].subject, 'CN=mx.good.example.internal');
  assert.deepEqual(a.chain[0].sans, ['DNS:mx.good.example.internal']);
  assert.equal(a.wouldMatch[0], a.matched);
  assert.deepEqual(a.steps.map((s) => s.step), ['connect', 'banner', 'ehlo', 'starttls', 'tls', 'quit', 'match']);
});

test('mismatch: the report names the 3 1 1 record that would match the deployed key', async () => {
  const r = await core.validateDomain(lab.scenarios.mismatch, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  const a = r.hosts[0].addresses[0];
  // the lab publishes the hash of mismatch-wrong.key; the server uses mismatch.key
  const pki = lab.pki;
  const { createPublicKey, createHash } = await import('node:crypto');
  const spki = (f) => createHash('sha256').update(createPublicKey(readFileSync(join(pki, f))).export({ type: 'spki', format: 'der' })).digest('hex');
  assert.deepEqual(r.hosts[0].tlsa, [`3 1 1 ${spki('mismatch-wrong.key')}`]);
  assert.deepEqual(a.wouldMatch, [`3 1 1 ${spki('mismatch.key')}`]);
});

test('ta: the chain is leaf + issuing CA and 2 1 1 matched at depth 1; cname uses the expanded TLSA base', async () => {
  const ta = await core.validateDomain(lab.scenarios.ta, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  const a = ta.hosts[0].addresses[0];
  assert.equal(a.chain.length, 2);
  assert.match(a.matched, /^2 1 1 /);
  assert.ok(a.wouldMatch.includes(a.matched));
  const cn = await core.validateDomain(lab.scenarios.cname, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  assert.equal(cn.hosts[0].tlsaBase, `smtp.hosting.${lab.parent}`);
  assert.deepEqual(cn.hosts[0].cnames, [[`mx.cname.${lab.parent}`, `smtp.hosting.${lab.parent}`]]);
});

test('dualstack: the IPv4 and the ::1 address are both probed and valid', async () => {
  const r = await core.validateDomain(lab.scenarios.dualstack, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  assert.deepEqual(r.hosts[0].addresses.map((a) => [a.address, a.family, a.verdict]), [[lab.servers.dualstack.address, 4, 'valid'], ['::1', 6, 'valid']]);
});

test('bogus vs unreachable: the CD re-query tells bogus-ds (data exists) from lame (nothing)', async () => {
  const bogus = await core.lookup(resolver(), lab.scenarios['expired-sig'], core.TYPE.MX);
  assert.equal(bogus.rcode, 'SERVFAIL');
  assert.equal(bogus.status, 'bogus');
  const lame = await core.lookup(resolver(), lab.scenarios.lame, core.TYPE.MX);
  assert.equal(lame.rcode, 'SERVFAIL');
  assert.equal(lame.status, 'failed');
  assert.ok(lame.ede.every((e) => !core.EDE_DNSSEC_BOGUS.has(e.code)));
  const tlsa = await core.lookup(resolver(), `_25._tcp.mx.bogus-tlsa.${lab.parent}`, core.TYPE.TLSA);
  assert.equal(tlsa.status, 'bogus');
  // EDE codes vary between first and cached answers; when present they are DNSSEC ones
  for (const e of tlsa.ede) assert.ok([6, 7, 9].includes(e.code), `EDE ${e.code}`);
});

test('silent and endless servers end in bounded time, with the failing step named', async () => {
  const t0 = Date.now();
  const s = await core.validateDomain(lab.scenarios.silent, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort, stepTimeoutMs: 1000 });
  const sa = s.hosts[0].addresses[0];
  assert.equal(sa.steps.at(-1).step, 'banner');
  assert.match(sa.steps.at(-1).detail, /no complete banner within 1000 ms/);
  const e = await core.validateDomain(lab.scenarios.endless, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort, stepTimeoutMs: 1000 });
  // Either bound stops the flood: the line count when the probe is already waiting for the
  // banner, the byte count when more than 32 KiB arrived before it was (a busy machine).
  assert.match(e.hosts[0].addresses[0].steps.at(-1).detail, /more than 100 lines|larger than|more than 32768 bytes without a complete reply/);
  // A guard against hanging, not a speed test: far above the 1 s step limits, far below "forever".
  assert.ok(Date.now() - t0 < 20000, `took ${Date.now() - t0} ms`);
});

test('--tlsrpt writes an RFC 8460 report with policy-type tlsa and the failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-tlsrpt-'));
  try {
    const file = join(dir, 'rpt.json');
    const { code } = await runCli(['validate', lab.scenarios.mismatch, `--resolver=${lab.resolver}`, '--port', String(lab.smtpPort), '--tlsrpt', file]);
    assert.equal(code, 1);
    const rpt = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(rpt.policies.length, 1);
    const p = rpt.policies[0];
    assert.equal(p.policy['policy-type'], 'tlsa');
    assert.equal(p.policy['policy-domain'], lab.scenarios.mismatch);
    assert.equal(p.policy['policy-string'].length, 1);
    assert.deepEqual(p.summary, { 'total-successful-session-count': 0, 'total-failure-session-count': 1 });
    assert.equal(p['failure-details'][0]['result-type'], 'tlsa-invalid');
    assert.equal(p['failure-details'][0]['receiving-ip'], lab.servers.mismatch.address);
    assert.ok(rpt['date-range']['start-datetime'] <= rpt['date-range']['end-datetime']);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('human output: a table with the verdict, no colour when not a TTY', async () => {
  const { code, out } = await runCli(['validate', lab.scenarios.mismatch, '--resolver', lab.resolver, '--port', String(lab.smtpPort)]);
  assert.equal(code, 1);
  assert.match(out, /INVALID {2}NDR 5\.7\.323/);
  assert.match(out, /records that would match this server:\n {10}_25\._tcp\.mx\.mismatch\.example\.internal\. IN TLSA 3 1 1 [0-9a-f]{64}/);
  assert.doesNotMatch(out, /\x1b\[/);
});

// ---- peer tools judge the same scenarios; dane-zone must agree ----

function opensslVerdict(addr, base, tlsa) {
  const args = ['s_client', '-brief', '-starttls', 'smtp', '-connect', `${addr}:${lab.smtpPort}`, '-servername', base,
    '-dane_tlsa_domain', base, '-dane_ee_no_namechecks', ...tlsa.flatMap((t) => ['-dane_tlsa_rrdata', t])];
  const r = spawnSync('openssl', args, { input: '', encoding: 'utf8', timeout: 15000 });
  const text = r.stdout + r.stderr;
  if (/Didn't find STARTTLS/.test(text)) return { ok: false, why: 'no-starttls', text };
  if (/Verification: OK/.test(text) && !/verify error/.test(text)) return { ok: true, text };
  return { ok: false, why: (/verify error:num=\d+:([^\n]*)/.exec(text) ?? /Verification error: ([^\n]*)/.exec(text) ?? [])[1], text };
}

for (const name of ['good', 'ta', 'cname', 'mismatch', 'expired', 'namemismatch', 'dualstack']) {
  test(`peer openssl s_client -dane_tlsa_* agrees on ${name}`, async () => {
    const r = await core.validateDomain(lab.scenarios[name], { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
    const h = r.hosts[0];
    assert.ok(h.tlsa.length, 'TLSA records found');
    const a = h.addresses.find((x) => x.family === 4);
    const peer = opensslVerdict(a.address, h.tlsaBase, h.tlsa);
    assert.equal(a.verdict === 'valid', peer.ok, `dane-zone ${a.verdict} (${a.detail}) vs openssl: ${peer.why}\n${peer.text.slice(0, 400)}`);
    // the reasons agree too
    const expectWhy = { mismatch: /no matching DANE TLSA/, expired: /certificate has expired/, namemismatch: /hostname mismatch/ }[name];
    if (expectWhy) assert.match(peer.why ?? '', expectWhy);
  });
}

test('peer openssl agrees that nostarttls has no STARTTLS', async () => {
  const r = await core.validateDomain(lab.scenarios.nostarttls, { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
  const h = r.hosts[0];
  const peer = opensslVerdict(h.addresses[0].address, h.tlsaBase, h.tlsa);
  assert.equal(peer.why, 'no-starttls');
  assert.equal(h.addresses[0].reason, 'starttls-not-supported');
});

// delv is BIND's validator run on the raw authoritative data: independent of unbound
function delv(name, type) {
  const r = spawnSync('delv', [`@${lab.authoritative.split(':')[0]}`, '-p', lab.authoritative.split(':')[1], '-a', lab.trustAnchorFile,
    `+root=${lab.parent}`, name, type], { encoding: 'utf8', timeout: 20000 });
  const t = r.stdout + r.stderr;
  if (/^; fully validated/m.test(t)) return 'secure';
  if (/^; negative response, fully validated/m.test(t)) return 'secure';
  if (/^; unsigned answer/m.test(t)) return 'insecure';
  if (/resolution failed/.test(t)) return /broken trust chain|RRSIG has expired|no valid signature/.test(t) ? 'bogus' : 'failed';
  return `unknown: ${t.slice(0, 200)}`;
}

for (const [name, qname, type] of [
  ['good', 'good', 'MX'], ['insecure', 'insecure', 'MX'], ['bogus-ds', 'bogus-ds', 'MX'], ['expired-sig', 'expired-sig', 'MX'],
  ['bogus-tlsa', '_25._tcp.mx.bogus-tlsa', 'TLSA'], ['notlsa', '_25._tcp.mx.notlsa', 'TLSA'], ['twomx', '_25._tcp.mx2.twomx', 'TLSA'],
]) {
  test(`peer delv agrees on the DNSSEC status of ${type} ${qname}`, async () => {
    const fq = `${qname}.${lab.parent}`;
    const ours = await core.lookup(resolver(), fq, core.TYPE[type]);
    assert.equal(ours.status, delv(fq, type), ours.detail);
  });
}

// ---- the LSP request daneZone/validateDomain, against the real server bundle ----

test('LSP daneZone/validateDomain: pre-deployment check with the zone as edited, progress, diagnostics on the TLSA line', async () => {
  const srv = await startServer({ configuration: { resolvers: [lab.resolver], smtpPort: lab.smtpPort, validationTimeoutMs: 5000 } });
  try {
    const domain = lab.scenarios.good;
    const wrong = 'ab'.repeat(32);
    const uri = 'file:///tmp/dane-zone-live/good.zone';
    const text = [
      `$ORIGIN ${domain}.`, '$TTL 60',
      `@ SOA ns.${lab.parent}. hostmaster.${lab.parent}. 1 3600 600 86400 60`,
      `@ NS ns.${lab.parent}.`,
      `@ MX 10 mx.${domain}.`,
      `mx A ${lab.servers.good.address}`,
      `_25._tcp.mx TLSA 3 1 1 ${wrong}`,
      '',
    ].join('\n');
    await srv.open(uri, text);
    await srv.diagnostics(uri, 1);
    const progress = [];
    srv.conn.onNotification('$/progress', (p) => { if (p.token === 'tok-1') progress.push(p.value); });
    const report = await srv.conn.sendRequest('daneZone/validateDomain', { domain, zoneUri: uri, useZoneRecords: true, workDoneToken: 'tok-1' });
    assert.equal(report.source, 'zone');
    assert.equal(report.verdict, 'invalid');
    assert.equal(report.ndr, '5.7.323');
    assert.deepEqual(report.hosts[0].tlsa, [`3 1 1 ${wrong}`]);
    const live = await srv.diagnosticsWhere(uri, (p) => p.diagnostics.some((d) => d.code === 'live-validation'));
    const tlsaDiag = live.diagnostics.find((d) => d.code === 'live-validation' && d.range.start.line === 6);
    assert.ok(tlsaDiag, JSON.stringify(live.diagnostics));
    assert.equal(tlsaDiag.severity, 1);
    assert.match(tlsaDiag.message, new RegExp(`deployed server at mx\\.good\\.example\\.internal \\(${lab.servers.good.address.replace(/\./g, '\\.')}\\) presents a key that this record does not match; it would match 3 1 1 ${report.hosts[0].addresses[0].wouldMatch[0].slice(6)}`));
    assert.ok(live.diagnostics.some((d) => d.code === 'live-validation' && d.range.start.line === 4 && d.severity === 1), 'MX line flagged');
    assert.equal(progress[0].kind, 'begin');
    assert.ok(progress.some((v) => v.kind === 'report' && /STARTTLS probe/.test(v.message ?? '')));
    assert.equal(progress.at(-1).kind, 'end');

    // the same against published DNS: valid, and the zone's (wrong) record is still shown as not matching
    const pub = await srv.conn.sendRequest('daneZone/validateDomain', { domain, zoneUri: uri });
    assert.equal(pub.source, 'dns');
    assert.equal(pub.verdict, 'valid');
    await assert.rejects(srv.conn.sendRequest('daneZone/validateDomain', { domain: '1.2.3.4' }), /IP address/);

    // an edit moves lines: the live results (about the text as validated) are dropped, not left stale
    await srv.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '; moved\n' }]);
    const after = await srv.diagnostics(uri, 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'live-validation'), JSON.stringify(after.diagnostics));
  } finally { await srv.stop(); }
});

test('CLI validate --zone: the zone file as edited is validated, and what the run found is printed at its records (file:line:column)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-validate-zone-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const domain = lab.scenarios.good;
  const wrong = 'ab'.repeat(32);
  const zoneText = (tlsa) => [
    `$ORIGIN ${domain}.`, '$TTL 60',
    `@ SOA ns.${lab.parent}. hostmaster.${lab.parent}. 1 3600 600 86400 60`,
    `@ NS ns.${lab.parent}.`,
    `@ MX 10 mx.${domain}.`,
    `mx A ${lab.servers.good.address}`,
    ...tlsa.map((d) => `_25._tcp.mx TLSA ${d}`),
    '',
  ].join('\n');
  const file = join(dir, 'db.good');
  writeFileSync(file, zoneText([`3 1 1 ${wrong}`]));
  const common = ['--resolver', lab.resolver, '--port', String(lab.smtpPort), '--timeout', String(STEP_TIMEOUT)];

  // only a record the deployed key does not match: 5.7.323, said at the MX line and at the TLSA record's data
  const bad = await runCli(['validate', domain, '--zone', file, ...common, '--json']);
  assert.equal(bad.code, 1, bad.err);
  const r = JSON.parse(bad.out);
  assert.deepEqual([r.source, r.verdict, r.ndr, r.hosts[0].tlsa], ['zone', 'invalid', '5.7.323', [`3 1 1 ${wrong}`]]);
  const fix = r.hosts[0].addresses[0].wouldMatch[0];
  assert.match(fix, /^3 1 1 [0-9a-f]{64}$/);
  assert.deepEqual(r.zoneNotes.map((n) => [n.file, n.line, n.column, n.severity]), [[file, 5, 1, 'error'], [file, 7, 18, 'error']]);
  assert.match(r.zoneNotes[0].message, /^Live: mx\.good\.example\.internal is invalid \(Exchange Online 5\.7\.323/);
  assert.equal(r.zoneNotes[1].message, `Live: the deployed server at mx.${domain} (${lab.servers.good.address}) presents a key that this record does not match; it would match ${fix}.`);

  // the next key's record published beside the current one (a rollover), in text: valid, a hint at the next key's
  writeFileSync(file, zoneText([`3 1 1 ${wrong}`, fix]));
  const roll = await runCli(['validate', domain, '--zone', 'db.good', ...common], { cwd: dir });
  assert.equal(roll.code, 0, roll.err + roll.out);
  assert.match(roll.out, /MX\/TLSA from the zone file/);
  assert.match(roll.out, /At the records of db\.good:\n {2}db\.good:5:1: info: Live: mx\.good\.example\.internal is valid/);
  assert.match(roll.out, /\n {2}db\.good:7:18: hint: Live: the deployed server at .* \(another record matches: fine if this is the next key\)\.\n/);
  assert.match(roll.out, /\n {2}db\.good:8:18: info: Live: the deployed server at .* matches this record\.\n/);

  // a zone file with an error is still validated, with a note saying so
  writeFileSync(file, zoneText([fix]) + 'www A 999.1.1.1\n');
  const spoilt = await runCli(['validate', domain, '--zone', file, ...common, '--json']);
  assert.equal(spoilt.code, 0, spoilt.err);
  assert.match(spoilt.err, /db\.good has 1 error \(`dane-zone check .*db\.good` lists them\); its records that could be read are validated/);
  assert.equal(JSON.parse(spoilt.out).verdict, 'valid');

  // usage errors come before any network step: exit 3
  const missing = await runCli(['validate', domain, '--zone', join(dir, 'nope.zone'), ...common]);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /--zone: cannot read .*nope\.zone/);
  const stray = await runCli(['validate', domain, '--origin', domain, ...common]);
  assert.equal(stray.code, 3);
  assert.match(stray.err, /--origin is for the file of --zone, and none was given/);
});

test('LSP daneZone/validateDomain: cancellation ends a run stuck on a silent server', async () => {
  const srv = await startServer({ configuration: { resolvers: [lab.resolver], smtpPort: lab.smtpPort, validationTimeoutMs: 30000 } });
  try {
    const cts = new CancellationTokenSource();
    srv.conn.onNotification('$/progress', (p) => { if (p.token === 'tok-2' && /STARTTLS probe/.test(p.value.message ?? '')) cts.cancel(); });
    const t0 = Date.now();
    const r = await srv.conn.sendRequest('daneZone/validateDomain', { domain: lab.scenarios.silent, workDoneToken: 'tok-2' }, cts.token).catch((e) => e);
    assert.ok(Date.now() - t0 < 10000, `took ${Date.now() - t0} ms`);
    if (r && r.hosts) assert.notEqual(r.verdict, 'valid');
  } finally { await srv.stop(); }
});

// posttls-finger (Postfix's own DANE client: MX lookup, RFC 7672 CNAME rules, AD bit) runs
// in a private mount namespace with the lab's resolv.conf, so it only ever asks the lab resolver
function posttlsFinger(domain) {
  const r = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind "$1" /etc/resolv.conf && mount --bind "$2" /etc/nsswitch.conf && shift 2 && exec "$@"',
    'lab-ns', lab.resolvConf, lab.nsswitchConf, 'posttls-finger', '-l', 'dane', '-t', '5', domain],
  { encoding: 'utf8', timeout: 30000, env: { ...process.env, MAIL_CONFIG: lab.postfixConfig } });
  const t = r.stdout + r.stderr;
  if (/TLSA lookup error/.test(t)) return 'dnssec-invalid';
  if (/Destination address lookup failed/.test(t)) return 'dns';
  // ("certificate verification failed … untrusted issuer" alone is Postfix's PKIX log line, not a DANE failure)
  if (/server certificate verification failed/.test(t)) return 'invalid';
  if (/Verified TLS connection established/.test(t)) return 'valid';
  if (/Untrusted TLS connection established/.test(t)) return /unsupported TLSA certificate usage/.test(t) ? 'tls-only' : 'no-dane';
  if (/> QUIT/.test(t) && !/< 250.STARTTLS/.test(t)) return 'no-starttls';
  return `unknown: ${t.slice(0, 300)}`;
}
function ourClass(r) {
  if (r.verdict === 'valid') return 'valid';
  if (r.verdict === 'tls-only') return 'tls-only';
  if (r.verdict === 'not-applicable') return 'no-dane';
  if (r.verdict === 'dns-failure') return 'dns';
  if (r.ndr === '5.7.321') return 'no-starttls';
  if (r.ndr === '5.7.324') return r.hosts.length ? 'dnssec-invalid' : 'dns'; // bogus MX: Postfix cannot look the destination up
  return 'invalid';
}
for (const name of ['good', 'ta', 'cname', 'mismatch', 'pkix', 'nostarttls', 'expired', 'bogus-ds', 'expired-sig', 'bogus-tlsa', 'insecure', 'notlsa', 'lame', 'namemismatch', 'dualstack']) {
  // unshare -m and the port-53 listener need root; said as a skip, never a silent pass
  test(`peer posttls-finger -l dane agrees on ${name}`, { skip: process.getuid?.() !== 0 && 'needs root (unshare -m, port 53)' }, async () => {
    const r = await core.validateDomain(lab.scenarios[name], { resolver: resolver(), prober: new core.NetSmtpProber(), smtpPort: lab.smtpPort });
    assert.equal(ourClass(r), posttlsFinger(lab.scenarios[name]), r.summary);
  });
}
