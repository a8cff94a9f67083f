// Quick-fixes and commands of the DANE rules over the real server bundle: for
// each fix, request code actions for the diagnostic, apply the edit the server
// returns, re-parse the text and assert the record now matches its linked
// certificate (as openssl computed it). Also: daneZone/generateTlsa, and a
// linked certificate renewed on disk re-checks the open zone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import * as core from '../../dist/core.js';
import { startServer, startServerFor } from '../helpers/lsp-client.mjs';
import { makeCerts, opensslTlsaData } from '../fixtures/dane/make-certs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let certs, dir, s;
const data = (file, sel = 1, mt = 1) => opensslTlsaData(dir, file, sel, mt);

before(async () => {
  certs = makeCerts();
  dir = realpathSync(certs.dir);
  const uri = pathToFileURL(dir).toString();
  s = await startServer({ rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }] });
});
after(async () => { await s?.stop(); certs?.cleanup(); });

function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const host = {
  now: () => new Date(),
  options: {},
  readFile(from, rel) {
    const full = resolve(dirname(from), rel);
    try { return { bytes: readFileSync(full), path: full }; } catch (e) { return { error: e.message }; }
  },
};

/** Opens `text` as a zone file in the workspace and returns its diagnostics. */
let n = 0;
async function openZone(text) {
  const path = join(dir, `fix${++n}.zone`);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  await s.open(uri, text, 1);
  return { uri, path, diags: (await s.diagnostics(uri, 1)).diagnostics };
}

/** Applies the code action titled `title` for the diagnostic with `code` on `line`; returns the new text. */
async function applyFix(z, text, code, line, title) {
  const d = z.diags.find((x) => x.code === code && x.range.start.line === line);
  assert.ok(d, `no ${code} diagnostic on line ${line}: ${JSON.stringify(z.diags.map((x) => [x.code, x.range.start.line]))}`);
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: z.uri }, range: d.range, context: { diagnostics: [d] } });
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no action '${title}' among ${JSON.stringify(actions.map((x) => x.title))}`);
  return { text: applyEdits(text, a.edit.changes[z.uri]), action: a, actions };
}

const recAt = (zone, line) => zone.records.find((r) => core.absRange(r.loc).startLine === line);
const check = (path, text) => core.checkText(text, { fileId: path, host });
const tlsaOf = (rec) => ({ usage: rec.field('usage'), selector: rec.field('selector'), matchingType: rec.field('matchingType'), data: rec.field('data') });

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mx1\n@ IN MX 20 mx2\n';

test('mismatch: "Replace with 3 1 1 from <file>" (preferred) writes the leaf\'s 3 1 1', async () => {
  const text = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx1 IN TLSA 2 1 1 ' + data('ca.pem') + '\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'tlsa-cert-mismatch', 5, 'Replace with 3 1 1 from mx1-chain.pem');
  assert.equal(r.action.isPreferred, true);
  const { zone, findings } = check(z.path, r.text);
  const rec = recAt(zone, 5);
  assert.equal(rec.field('data'), data('mx1.pem'));
  assert.deepEqual(core.matchTlsa(tlsaOf(rec), core.readCertMaterial(readFileSync(join(dir, 'mx1-chain.pem')), 'x')), { ok: true, certIndex: 0 });
  assert.deepEqual(findings.filter((f) => f.ruleId === 'tlsa-cert-mismatch'), []);
});

test('mismatch of a 3 1 2 among 3 1 2 records: the message and the preferred fix keep SHA2-512, so senders that pick it still find the key', async () => {
  const text = HEAD + '; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 2 ' + data('mx1.pem', 1, 2) + '\n; dane-zone: cert=mx2.pem\n_25._tcp.mx1 IN TLSA 3 1 2 ' + 'c2'.repeat(64) + '\n';
  const z = await openZone(text);
  const d = z.diags.find((x) => x.code === 'tlsa-cert-mismatch');
  assert.match(d.message, new RegExp(`would publish 3 1 2 ${data('mx2.pem', 1, 2)}`));
  const r = await applyFix(z, text, 'tlsa-cert-mismatch', 7, 'Replace with 3 1 2 from mx2.pem');
  assert.equal(r.action.isPreferred, true);
  assert.deepEqual(r.actions.filter((a) => a.title.startsWith('Replace with 3 1 1')), [], 'no 3 1 1, which SHA2-512 senders pass over here');
  const { zone, findings } = check(z.path, r.text);
  assert.equal(recAt(zone, 7).field('data'), data('mx2.pem', 1, 2));
  assert.deepEqual(findings.filter((f) => ['tlsa-cert-mismatch', 'tlsa-weaker-digest-ignored', 'tlsa-matching-type-consistency'].includes(f.ruleId)).map((f) => f.ruleId), []);
  // a PKIX-EE 1 1 2 at an SMTP name: its DANE-EE replacement keeps the digest too
  const pkix = HEAD + '; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 1 1 2 ' + 'c2'.repeat(64) + '\n_25._tcp.mx1 IN TLSA 3 1 2 ' + data('next.pem', 1, 2) + '\n';
  const z2 = await openZone(pkix);
  const r2 = await applyFix(z2, pkix, 'tlsa-usage-unusable-for-smtp', 5, 'Replace with 3 1 2 from mx1.pem');
  assert.equal(recAt(check(z2.path, r2.text).zone, 5).field('data'), data('mx1.pem', 1, 2));
});

test('multi-line record: the replacement keeps the parentheses balanced', async () => {
  const d = data('mx2.pem');
  const text = HEAD + '; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ( ' + d.slice(0, 32) + '\n    ' + d.slice(32) + ' )\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'tlsa-cert-mismatch', 5, 'Replace with 3 1 1 from mx1.pem');
  const { zone } = check(z.path, r.text);
  assert.deepEqual(zone.problems.map((p) => p.message), []);
  assert.equal(recAt(zone, 5).field('data'), data('mx1.pem'));
});

test('usage 1 at an SMTP name with data of the leaf: "Change usage to 3 (DANE-EE)" keeps the data', async () => {
  const text = HEAD + '; dane-zone: cert=mx2.pem\n_25._tcp.mx2 IN TLSA 1 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'tlsa-usage-unusable-for-smtp', 5, 'Change usage to 3 (DANE-EE)');
  // the rule's own fixes first, then the two that silence it instead (an ignore comment)
  assert.deepEqual(r.actions.map((a) => a.title), ['Replace with 3 1 1 from mx2.pem', 'Change usage to 3 (DANE-EE)',
    'Ignore tlsa-usage-unusable-for-smtp here (dane-zone: ignore comment)', 'Ignore tlsa-usage-unusable-for-smtp in this file (dane-zone: ignore-file comment)']);
  const { zone, findings } = check(z.path, r.text);
  const rec = recAt(zone, 5);
  assert.equal(rec.field('usage'), 3);
  assert.equal(rec.field('data'), data('mx2.pem'));
  assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('tlsa-usage') || f.ruleId === 'tlsa-cert-mismatch'), []);
});

test('usage 2 with wrong data: "Replace with 2 1 1 from <issuer>" writes the CA\'s 2 1 1', async () => {
  const text = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 2 1 1 ' + data('next.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'tlsa-cert-mismatch', 5, 'Replace with 2 1 1 from Fixture CA');
  const { zone, findings } = check(z.path, r.text);
  const rec = recAt(zone, 5);
  assert.equal(rec.field('usage'), 2);
  assert.equal(rec.field('data'), data('ca.pem'));
  assert.deepEqual(findings.filter((f) => f.ruleId === 'tlsa-cert-mismatch'), []);
});

test('_smtp._tcp owner: "Change owner to _25._tcp.<host>" moves the record where senders look', async () => {
  const text = HEAD + '_smtp._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'tlsa-owner-form', 4, 'Change owner to _25._tcp.mx1.example.com.');
  const { zone, findings } = check(z.path, r.text);
  assert.equal(recAt(zone, 4).ownerKey, '_25._tcp.mx1.example.com.');
  assert.deepEqual(findings.filter((f) => f.ruleId === 'tlsa-owner-form'), []);
});

test('name-origin-repeated: "Add the trailing dot" (preferred) turns mail.example.com.example.com. into mail.example.com.', async () => {
  const text = HEAD + 'mx1 IN A 192.0.2.1\nmx2 IN A 192.0.2.2\nmail IN A 192.0.2.3\nwww IN CNAME mail.example.com\n';
  const z = await openZone(text);
  const r = await applyFix(z, text, 'name-origin-repeated', 7, 'Add the trailing dot: mail.example.com.');
  assert.equal(r.action.isPreferred, true);
  const { zone, findings } = check(z.path, r.text);
  assert.equal(recAt(zone, 7).field('target'), 'mail.example.com.');
  assert.deepEqual(findings.filter((f) => f.ruleId === 'name-origin-repeated'), []);
});

test('single record: "Add 2 1 1 from <issuer>" adds a linked DANE-TA record that matches', async () => {
  const text = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  const d = z.diags.find((x) => x.code === 'tlsa-single-record');
  assert.deepEqual(d.data.nextKey, { file: z.uri, host: 'mx1.example.com.' });
  const r = await applyFix(z, text, 'tlsa-single-record', 5, 'Add 2 1 1 from Fixture CA');
  // the next-key fix needs a file from the user: it runs the client's generate command for this host
  const next = r.actions.find((a) => a.title === 'Add next-key 3 1 1 from …');
  assert.deepEqual(next.command, { title: 'Add next-key 3 1 1 from …', command: 'daneZone.generateTlsa', arguments: [{ uri: z.uri, host: 'mx1.example.com.', usage: 3, selector: 1, matchingType: 1 }] });
  assert.equal(next.edit, undefined);
  const { zone, findings } = check(z.path, r.text);
  const added = recAt(zone, 7);
  assert.equal(added.ownerKey, '_25._tcp.mx1.example.com.');
  // written as the record beside it: its owner as written, no TTL where it has none
  assert.equal(r.text.split('\n')[7], `_25._tcp.mx1 IN TLSA 2 1 1 ${data('ca.pem')}`);
  assert.equal(added.field('data'), data('ca.pem'));
  assert.equal(added.commentAbove?.trim(), 'dane-zone: cert=mx1-chain.pem');
  assert.deepEqual(findings.filter((f) => ['tlsa-single-record', 'tlsa-cert-mismatch', 'tlsa-cert-link-unreadable'].includes(f.ruleId)), []);
});

test('daneZone/generateTlsa returns an edit inserting a linked 3 1 1 after the host\'s records', async () => {
  const text = HEAD + 'mx1 IN A 192.0.2.1\nmx2 IN A 192.0.2.2\n';
  const z = await openZone(text);
  const res = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'next.pem'), host: 'mx1.example.com' });
  assert.equal(res.record, `_25._tcp.mx1.example.com. IN TLSA 3 1 1 ${data('next.pem')}`);
  assert.equal(res.edit.line, 4);
  const after = applyEdits(text, [{ range: { start: { line: res.edit.line, character: res.edit.character }, end: { line: res.edit.line, character: res.edit.character } }, newText: res.edit.newText }]);
  const { zone, findings } = check(z.path, after);
  const rec = recAt(zone, 6);
  // written as the zone writes its names: relative to the $ORIGIN there
  assert.equal(after.split('\n')[6], `_25._tcp.mx1 IN TLSA 3 1 1 ${data('next.pem')}`);
  assert.equal(rec.ownerKey, '_25._tcp.mx1.example.com.');
  assert.equal(rec.commentAbove.trim(), 'dane-zone: cert=next.pem');
  assert.equal(rec.field('data'), data('next.pem'));
  assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('tlsa-cert')), []);
  const bad = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'notcert.pem'), host: 'mx1.example.com' });
  assert.match(bad.error, /notcert\.pem holds no CERTIFICATE/);
  const outside = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: '/etc/hostname', host: 'mx1.example.com' });
  assert.match(outside.error, /outside the workspace/);
});

test('single record reached through a CNAME: the next-key fix and daneZone/generateTlsa write into that RRset, at its own owner', async () => {
  const text = HEAD + '_25._tcp.mx1 IN CNAME _dane\n_25._tcp.mx2 IN CNAME _dane\n_dane IN TLSA 3 1 1 ' + data('mx1.pem') + '\nwww IN A 192.0.2.80\n';
  const z = await openZone(text);
  const d = z.diags.find((x) => x.code === 'tlsa-single-record');
  assert.equal(d?.range.start.line, 6);
  assert.deepEqual(d.data.nextKey, { file: z.uri, owner: '_dane.example.com.' });
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: z.uri }, range: d.range, context: { diagnostics: [d] } });
  const next = actions.find((a) => a.title === 'Add next-key 3 1 1 from …');
  // not `_25._tcp.<host>`, a CNAME's owner, where a TLSA record beside it would break the zone
  assert.deepEqual(next.command.arguments, [{ uri: z.uri, owner: '_dane.example.com.', usage: 3, selector: 1, matchingType: 1 }]);
  const res = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'next.pem'), ...next.command.arguments[0] });
  assert.equal(res.record, `_dane.example.com. IN TLSA 3 1 1 ${data('next.pem')}`);
  const after = applyEdits(text, [{ range: { start: { line: res.edit.line, character: res.edit.character }, end: { line: res.edit.line, character: res.edit.character } }, newText: res.edit.newText }]);
  // after the RRset, written relative to the origin, with its link
  assert.deepEqual(after.split('\n').slice(6, 9), ['_dane IN TLSA 3 1 1 ' + data('mx1.pem'), '; dane-zone: cert=next.pem', `_dane IN TLSA 3 1 1 ${data('next.pem')}`]);
  const { findings } = check(z.path, after);
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.ruleId === 'tlsa-single-record' || f.ruleId === 'cname-and-other-data'), []);
  const wild = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'next.pem'), owner: '*._tcp.mx1.example.com.' });
  assert.equal(wild.record, `*._tcp.mx1.example.com. IN TLSA 3 1 1 ${data('next.pem')}`);
  const bad = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'next.pem'), owner: 'a b.example.com.' });
  assert.match(bad.error, /'a b\.example\.com\.' is not an owner name/);
});

test('a diagnostic sent back from an earlier version gets the fixes of the document now: none where its range is stale, the moved finding\'s where the editor moved it', async () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\n@ IN SPF "v=spf1 -all"\n';
  const z = await openZone(text);
  const old = z.diags.find((d) => d.code === 'spf-record-type');
  assert.equal(old.range.start.line, 2);
  // a line typed at the top; the code action is asked before the new version's publish
  await s.change(z.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '; note\n' }]);
  const ask = (d) => s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: z.uri }, range: d.range, context: { diagnostics: [d] } });
  // as sent at version 1 (clients that do not move ranges): its edits would turn `$TTL 3600` into `$TTL TXT0`
  assert.deepEqual(await ask(old), []);
  // as VS Code sends it, its range moved with the edit: the fixes of the finding there now
  const moved = { ...old, range: { start: { line: 3, character: old.range.start.character }, end: { line: 3, character: old.range.end.character } } };
  const actions = await ask(moved);
  const txt = actions.find((a) => a.title === 'Write it as TXT');
  assert.deepEqual(txt.edit.changes[z.uri].map((e) => e.range.start.line), [3]);
  assert.deepEqual(txt.diagnostics, [moved], 'the action names the diagnostic as the client has it');
  const ignore = actions.find((a) => a.title.startsWith('Ignore spf-record-type here'));
  assert.deepEqual(ignore.edit.changes[z.uri].map((e) => e.range.start.line), [3], 'the ignore comment goes above the record, not above $TTL');
  await s.diagnostics(z.uri, 2);
});

/** A bare client without workspace/configuration (so exactly one publish per analysis) that
 *  supports dynamic file-watcher registration and records what the server registers. */
async function bareClient(rootDir) {
  const child = spawn(process.execPath, [join(here, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const registrations = [];
  const publishes = [];
  let notify;
  conn.onRequest('client/registerCapability', (p) => { registrations.push(...p.registrations); notify?.(); return null; });
  conn.onNotification('textDocument/publishDiagnostics', (p) => { publishes.push(p); notify?.(); });
  conn.listen();
  const uri = pathToFileURL(rootDir).toString();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
  await conn.sendNotification('initialized', {});
  /** resolves when `pred()` holds, re-checked on every message from the server (bounded) */
  const until = (pred, ms = 20000) => new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error('timed out waiting for the server')), ms);
    notify = () => { if (pred()) { clearTimeout(t); notify = undefined; res(); } };
    notify();
  });
  const stop = async () => {
    try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
    conn.dispose();
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  };
  return { conn, registrations, publishes, until, stop };
}

test('a linked certificate renewed on disk re-checks the open zone without reopening it', async (t) => {
  const c = await bareClient(dir);
  t.after(() => c.stop());
  await c.until(() => c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  const reg = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(reg.registerOptions.watchers.some((w) => /\*\*\/\*\.\{[^}]*pem/.test(w.globPattern)), JSON.stringify(reg));
  // certificate requests too: the next key's CSR, linked before its certificate exists
  assert.ok(reg.registerOptions.watchers.some((w) => /\*\*\/\*\.\{[^}]*\bcsr\b[^}]*\}/.test(w.globPattern)), JSON.stringify(reg));

  copyFileSync(join(dir, 'mx1.pem'), join(dir, 'renew.pem'));
  const text = HEAD + '; dane-zone: cert=renew.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const path = join(dir, 'renew.zone');
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  const mismatches = (p) => p.diagnostics.filter((x) => x.code === 'tlsa-cert-mismatch');
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dns-zone', version: 1, text } });
  await c.until(() => c.publishes.some((p) => p.uri === uri));
  assert.equal(c.publishes.filter((p) => p.uri === uri).length, 1);
  assert.deepEqual(mismatches(c.publishes.at(-1)), []);

  copyFileSync(join(dir, 'mx2.pem'), join(dir, 'renew.pem'));
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'renew.pem')).toString(), type: 2 }] });
  await c.until(() => c.publishes.filter((p) => p.uri === uri).length === 2);
  const d = mismatches(c.publishes.at(-1));
  assert.equal(d.length, 1);
  assert.match(d[0].message, new RegExp(`would publish 3 1 1 ${data('mx2.pem')}`));
  assert.match(d[0].codeDescription.href, /rfc7671/);

  // a change to a file no zone links to publishes nothing new
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'ca.pem')).toString(), type: 2 }] });
  await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d[0].range, context: { diagnostics: [] } });
  assert.equal(c.publishes.filter((p) => p.uri === uri).length, 2);
});

test('editing only the link comment above a record re-checks the record (incremental analysis)', async () => {
  const text = HEAD + '; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  assert.deepEqual(z.diags.filter((d) => d.code === 'tlsa-cert-mismatch'), []);
  // cert=mx1.pem -> cert=mx2.pem (one character on line 4)
  await s.change(z.uri, 2, [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 21 } }, text: '2' }]);
  const d = (await s.diagnostics(z.uri, 2)).diagnostics.filter((x) => x.code === 'tlsa-cert-mismatch');
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, 5);
  // and back: the finding goes away
  await s.change(z.uri, 3, [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 21 } }, text: '1' }]);
  assert.deepEqual((await s.diagnostics(z.uri, 3)).diagnostics.filter((x) => x.code === 'tlsa-cert-mismatch'), []);
});

test('daneZone.certificates: paths relative to the workspace folder, for a zone in a subfolder', async (t) => {
  const uri = pathToFileURL(dir).toString();
  const c = await startServerFor(t, { rootUri: uri, workspaceFolders: [{ uri, name: 'ws' }], configuration: { certificates: { '_25._tcp.mx1.example.com.': 'mx1.pem', '_25._tcp.*': 'zones-only.pem' } } });
  mkdirSync(join(dir, 'zones'), { recursive: true });
  const text = HEAD + '_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('mx2.pem') + '\n';
  const zuri = pathToFileURL(join(dir, 'zones', 'example.com.zone')).toString();
  writeFileSync(join(dir, 'zones', 'example.com.zone'), text);
  await c.open(zuri, text, 1);
  // settings arrive after the open: wait for the publish that reflects them
  let p = await c.diagnostics(zuri, 1);
  for (let i = 0; i < 5 && !p.diagnostics.some((d) => d.code === 'tlsa-cert-link-unreadable'); i++) {
    c.latest.delete(zuri);
    p = await c.diagnostics(zuri, 1);
  }
  const got = p.diagnostics.filter((d) => d.code.startsWith('tlsa-cert')).map((d) => `${d.range.start.line} ${d.code}`).sort();
  assert.deepEqual(got, ['4 tlsa-cert-mismatch', '6 tlsa-cert-link-unreadable']);
  const unreadable = p.diagnostics.find((d) => d.code === 'tlsa-cert-link-unreadable');
  // named as configured, relative to the workspace folder, like a comment link: never the absolute path
  assert.match(unreadable.message, /^cannot read certificate file zones-only\.pem: .*daneZone\.certificates setting/);
  const mism = p.diagnostics.find((d) => d.code === 'tlsa-cert-mismatch');
  assert.match(mism.message, new RegExp(`does not match mx1\\.pem: .*would publish 3 1 1 ${data('mx1.pem')}`));
  const actions = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: zuri }, range: mism.range, context: { diagnostics: [mism] } });
  assert.ok(actions.some((a) => a.title === 'Replace with 3 1 1 from mx1.pem'), actions.map((a) => a.title).join(' | '));
  // (the reader's own "no such file: <where it looked>" keeps the full path, as for comment links)
  for (const text of [mism.message, ...actions.map((a) => a.title)]) assert.ok(!text.includes(dir), text);
});

test('the sample zone, copied with its certificate to the folder the client names as sampleFolder, follows its walkthrough: the cert link reads certs/backup-mx.pem', async (t) => {
  const storage = join(dir, 'global-storage');
  const sample = join(storage, 'sample');
  mkdirSync(join(sample, 'certs'), { recursive: true });
  const root = join(here, '..', '..', 'samples');
  copyFileSync(join(root, 'certs', 'backup-mx.pem'), join(sample, 'certs', 'backup-mx.pem'));
  // the walkthrough: the link goes on the line above the backup-mx TLSA record
  const text = readFileSync(join(root, 'example.zone'), 'utf8').replace(/^_25\._tcp\.backup-mx /m, '; dane-zone: cert=certs/backup-mx.pem\n$&');
  writeFileSync(join(sample, 'example.zone'), text);
  const outside = join(storage, 'other.zone');
  writeFileSync(outside, text);
  // no workspace folder at all (the sample is opened in an empty window)
  const c = await startServerFor(t, { initializationOptions: { sampleFolder: sample } });
  const zuri = pathToFileURL(join(sample, 'example.zone')).toString();
  await c.open(zuri, text, 1);
  const p = await c.diagnostics(zuri, 1);
  assert.deepEqual(p.diagnostics.filter((d) => d.code === 'tlsa-cert-link-unreadable').map((d) => d.message), []);
  const line = text.split('\n').findIndex((l) => l.startsWith('_25._tcp.backup-mx'));
  const d = p.diagnostics.find((x) => x.code === 'tlsa-usage-unusable-for-smtp' && x.range.start.line === line);
  assert.ok(d, 'the usage finding on the backup-mx record');
  const actions = await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: zuri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title === 'Replace with 3 1 1 from certs/backup-mx.pem');
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const fixed = applyEdits(text, fix.edit.changes[zuri]);
  assert.match(fixed, new RegExp(`^_25\\._tcp\\.backup-mx IN TLSA 3 1 1 ${opensslTlsaData(join(sample, 'certs'), 'backup-mx.pem', 1, 1)}`, 'm'));
  // only that folder is vouched for: a zone beside it still cannot read files
  const ouri = pathToFileURL(outside).toString();
  await c.open(ouri, text, 1);
  const o = await c.diagnostics(ouri, 1);
  assert.match(o.diagnostics.find((x) => x.code === 'tlsa-cert-link-unreadable')?.message ?? '', /outside the workspace folder/);
});

test('hover on a linked TLSA record shows the certificate facts below the generic hover', async () => {
  const text = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n';
  const z = await openZone(text);
  const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: z.uri }, position: { line: 5, character: 22 } });
  assert.equal(h.contents.kind, 'markdown');
  const [generic, dane] = h.contents.value.split('\n\n---\n\n');
  // the generic hover of the field under the cursor (the usage), as without a link
  assert.match(generic, /^\*\*TLSA usage\*\* \(u8\): .*\n\nValue \*\*3 = DANE-EE\*\*: /);
  assert.match(dane, /\*\*TLSA 3 1 1 \(DANE-EE SPKI SHA2-256\)\*\*/);
  assert.match(dane, /✔ matches the leaf/);
  assert.match(dane, /\| Subject \| CN=mx1\.example\.com \|/);
  assert.ok(dane.includes('`2 1 1 ' + data('ca.pem') + '`'));
  const mx = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: z.uri }, position: { line: 2, character: 11 } });
  assert.match(mx.contents.value, /a sender delivering to `mx1\.example\.com\.` looks up TLSA at:\n\n- `_25\._tcp\.mx1\.example\.com\.` — 1 TLSA record in this zone/);
});

test('hover on a cert= link shows the TLSA record it links with the certificate\'s facts; on a link no record takes, nothing', async () => {
  const text = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + ' ; dane-zone: cert=mx1.pem\n' +
    '_25._tcp.mx2 IN TLSA 3 1 1 ' + data('mx2.pem') + ' ; dane-zone: cert=mx2.pem\n; dane-zone: cert=next.pem\n\n';
  const z = await openZone(text);
  const hover = (line, character) => s.conn.sendRequest('textDocument/hover', { textDocument: { uri: z.uri }, position: { line, character } });
  // at the end of mx2's record: linked
  const end = await hover(6, text.split('\n')[6].indexOf('cert=') + 2);
  assert.match(end.contents.value, /^\*\*TLSA 3 1 1 \(DANE-EE SPKI SHA2-256\)\*\*/);
  assert.match(end.contents.value, /\*\*Certificate file\*\* `mx2\.pem` \(linked by comment\)/);
  assert.match(end.contents.value, /✔ matches the leaf/);
  assert.equal(end.range.start.line, 6);
  // above mx1's record, whose own end link is the one read (cert-link-unused's), and above a blank line: nothing
  assert.equal(await hover(4, 20), null);
  assert.equal(await hover(7, 20), null);
  // the end link mx1's record reads
  const mx1 = await hover(5, text.split('\n')[5].indexOf('cert=') + 2);
  assert.match(mx1.contents.value, /`mx1\.pem`/);
  assert.match(mx1.contents.value, /\| Subject \| CN=mx1\.example\.com \|/);
});

test('in a CRLF document, the inserted lines of a quick-fix and of daneZone/generateTlsa end with CRLF', async () => {
  const lf = HEAD + '; dane-zone: cert=mx1-chain.pem\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('mx1.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx2 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const text = lf.replace(/\n/g, '\r\n');
  const z = await openZone(text);
  const d = z.diags.find((x) => x.code === 'tlsa-single-record');
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: z.uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((x) => x.title === 'Add 2 1 1 from Fixture CA');
  const inserted = fix.edit.changes[z.uri].map((e) => e.newText).join('');
  assert.match(inserted, /\r\n/);
  assert.doesNotMatch(inserted, /[^\r]\n|^\n/);
  const res = await s.conn.sendRequest('daneZone/generateTlsa', { uri: z.uri, certPath: join(dir, 'next.pem'), host: 'mx1.example.com' });
  assert.match(res.edit.newText, /^\r\n; dane-zone: cert=next\.pem\r\n_25\._tcp\.mx1/);
  assert.doesNotMatch(res.edit.newText, /[^\r]\n/);
});

test('one fix offered for two diagnostics of a record is one entry in the light bulb, naming both', async () => {
  const text = HEAD + '; dane-zone: cert=mx1.pem\n_25._tcp.mx1 IN TLSA 1 1 1 ' + data('mx2.pem') + '\n_25._tcp.mx1 IN TLSA 3 1 1 ' + data('next.pem') + '\n';
  const z = await openZone(text);
  const here = z.diags.filter((d) => d.range.start.line === 5);
  assert.deepEqual(here.map((d) => d.code).sort(), ['tlsa-cert-mismatch', 'tlsa-usage-unusable-for-smtp']);
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: z.uri }, range: here[0].range, context: { diagnostics: here } });
  const titles = actions.map((a) => a.title);
  assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
  const replace = actions.filter((a) => a.title === 'Replace with 3 1 1 from mx1.pem');
  assert.equal(replace.length, 1, titles.join(' | '));
  assert.deepEqual(replace[0].diagnostics.map((d) => d.code).sort(), ['tlsa-cert-mismatch', 'tlsa-usage-unusable-for-smtp']);
});

test('a fix of a finding kept from an earlier version writes where the record is now: lines typed above it move its edit (the cached finding made its range when it was found, and the fix wrote over another line)', async () => {
  const text = HEAD + 'www IN A 192.0.2.80\nimap IN A 192.0.2.82\nweb.example.com IN A 192.0.2.81\nlong IN TXT "' + 'x'.repeat(300) + '"\n';
  const z = await openZone(text);
  assert.ok(z.diags.some((d) => d.code === 'name-origin-repeated' && d.range.start.line === 6));
  // two lines typed above www: www and imap are read again, the record below them is not, and its finding is kept
  const lines = text.split('\n');
  const moved = [...lines.slice(0, 4), '; a note', 'ftp IN A 192.0.2.21', ...lines.slice(4)].join('\n');
  await s.change(z.uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '; a note\nftp IN A 192.0.2.21\n' }]);
  const diags = (await s.diagnostics(z.uri, 2)).diagnostics;
  const r = await applyFix({ ...z, diags }, moved, 'name-origin-repeated', 8, 'Add the trailing dot: web.example.com.');
  assert.deepEqual(r.action.edit.changes[z.uri].map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[8, 0, 'web.example.com.']]);
  assert.deepEqual(r.text.split('\n').slice(4, 9), ['; a note', 'ftp IN A 192.0.2.21', 'www IN A 192.0.2.80', 'imap IN A 192.0.2.82', 'web.example.com. IN A 192.0.2.81']);
  // a reading problem's fix too ("Split into 2 strings")
  const split = diags.find((d) => d.code === 'rdata-invalid' && d.range.start.line === 9);
  assert.ok(split, JSON.stringify(diags.map((d) => [d.code, d.range.start.line])));
  assert.ok(split.data.fixes.every((f) => f.edits.every((e) => e.range.startLine === 9)), JSON.stringify(split.data));
});
