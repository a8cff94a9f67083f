// parseDkim's reading of p= (mail-policy/dkim.ts): base64 with folding white space, what Node's
// decoder would quietly skip or take (base64url's - and _, '=' inside), a key cut short, and the
// RSA frame read by the DER walker. The verdicts against a real verifier are in
// test/interop/dkim-keys.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as core from '../../dist/core.js';

const spki = (bits) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const KEY = spki(2048);
const errors = (text) => core.parseDkim(text).problems.filter((p) => p.severity === 'error').map((p) => `${p.start}-${p.end} ${p.message}`);

test('p= base64: folding white space and a key split anywhere read as the key', () => {
  assert.deepEqual(errors(`v=DKIM1; p=${KEY.slice(0, 100)} \t ${KEY.slice(100, 101)}\r\n ${KEY.slice(101)}`), []);
  assert.deepEqual(core.parseDkim(`v=DKIM1; p=${KEY}`).key, { type: 'rsa', bits: 2048, form: 'spki' });
});

test('p= base64: characters Node\'s decoder would skip or read as base64url are errors at the character', () => {
  const at = (text) => errors(text).map((e) => e.split(' ')[0]);
  const p = 'v=DKIM1; p='.length;
  assert.deepEqual(at(`v=DKIM1; p=${KEY.slice(0, 50)}-${KEY.slice(51)}`), [`${p + 50}-${p + KEY.length}`]);
  assert.deepEqual(at(`v=DKIM1; p=${KEY.slice(0, 50)}_${KEY.slice(51)}`), [`${p + 50}-${p + KEY.length}`]);
  assert.deepEqual(at(`v=DKIM1; p=${KEY.slice(0, 50)}=${KEY.slice(51)}`), [`${p + 51}-${p + KEY.length}`]);
  assert.match(errors(`v=DKIM1; p=${KEY.slice(0, 50)}-${KEY.slice(51)}`)[0], /'-' is not a base64 character/);
  assert.match(errors(`v=DKIM1; p=${KEY.slice(0, 50)}=${KEY.slice(51)}`)[0], /characters after '='/);
});

test('p= cut short: at a whole number of octets the DER frame says so, else the base64 length does', () => {
  assert.match(errors(`v=DKIM1; p=${KEY.slice(0, 300)}`)[0], /runs past the end .* part of it is missing/);
  assert.match(errors(`v=DKIM1; p=${KEY.slice(0, 301)}`)[0], /301 base64 characters is not a whole number of octets/);
  assert.match(errors(`v=DKIM1; p=${KEY.slice(0, 302)}`)[0], /runs past the end .* part of it is missing/); // not "padding missing"
  assert.equal(errors(`v=DKIM1; p=${KEY.slice(0, 302)}`).length, 1);
  // the unused bits of a last character set: decoders ignore them, and so does the check
  const raw = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  assert.equal(raw.length, 44, '32 octets: 43 characters and one =');
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const flipped = `${raw.slice(0, 42)}${B64[B64.indexOf(raw[42]) ^ 1]}=`; // one of its 2 unused bits
  assert.notEqual(Buffer.from(flipped, 'base64').toString('base64'), flipped);
  assert.deepEqual(core.parseDkim(`k=ed25519; p=${flipped}`).problems, []);
});

test('RSA key sizes: under 1024 bits an error, under 2048 a warning; the bare RSAPublicKey form a warning', () => {
  const sev = (text) => core.parseDkim(text).problems.map((p) => p.severity);
  assert.deepEqual(sev(`p=${spki(1024)}`), ['warning']);
  assert.deepEqual(sev(`p=${spki(3072)}`), []);
  assert.deepEqual(core.parseDkim(`p=${spki(3072)}`).key, { type: 'rsa', bits: 3072, form: 'spki' });
  const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
  assert.deepEqual(core.parseDkim(`p=${pkcs1}`).key, { type: 'rsa', bits: 2048, form: 'pkcs1' });
  assert.deepEqual(sev(`p=${pkcs1}`), ['warning']);
});

test('tags: case-sensitive names, a repeated tag, an unknown version, no p=; the rule reads no explanations', () => {
  assert.deepEqual(errors(`v=DKIM1; p=${KEY}; p=${KEY}`).length, 1);
  assert.match(errors(`v=DKIM2; p=${KEY}`)[0], /v=DKIM2: must be DKIM1/);
  assert.match(errors(`V=DKIM1; p=${KEY}`)[0], /'V=': DKIM tag names are case-sensitive/);
  assert.match(errors('v=DKIM1; k=rsa')[0], /no p= tag/);
  assert.deepEqual(core.parseDkim(`v=DKIM1; p=${KEY}`, false).terms, []);
  assert.deepEqual(core.parseDkim(`v=DKIM1; p=${KEY}`).terms.map((t) => t.name), ['v', 'p']);
});

test('dkim-syntax fixes: a tag name in lower case, an Ed25519 key\'s bare form; none where the text is split across strings or escaped; after them, no finding', () => {
  const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const text = ['$ORIGIN example.com.', '$TTL 3600',
    `upper._domainkey IN TXT "v=DKIM1; P=${KEY.slice(0, 200)}" "${KEY.slice(200)}"`,
    `ed._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ed}"`,
    `split._domainkey IN TXT "v=DKIM1; k=ed25519; p=${ed.slice(0, 20)}" "${ed.slice(20)}"`,
    `esc._domainkey IN TXT "v=DKIM1; \\080=${KEY.slice(0, 200)}" "${KEY.slice(200)}"`, ''].join('\n');
  const host = { now: () => new Date(), options: {} };
  const rule = core.RULES.find((r) => r.id === 'dkim-syntax');
  const found = core.checkText(text, { fileId: 'dkim.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  const titles = found.map((f) => `${core.absRange(f.loc).startLine} ${rule.fixes(f.data).map((x) => x.title).join()}`);
  assert.deepEqual(titles, ["2 Write 'p='", '2 ', '3 Publish the bare 32-octet key', '4 ', '5 ', '5 ']);
  const lines = text.split('\n');
  for (const f of found) {
    for (const e of rule.fixes(f.data).flatMap((x) => x.edits)) {
      lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
    }
  }
  assert.equal(lines[3], `ed._domainkey IN TXT "v=DKIM1; k=ed25519; p=${Buffer.from(ed, 'base64').subarray(12).toString('base64')}"`);
  const after = core.checkText(lines.join('\n'), { fileId: 'dkim.zone', host }).findings.filter((f) => f.ruleId === rule.id);
  assert.deepEqual(after.map((f) => core.absRange(f.loc).startLine), [4, 5, 5]);
});

test('what is no key record: _adsp and _report below _domainkey (no selector starts with _), an escaped dot; tag names of Object.prototype are unknown tags', () => {
  for (const [name, is] of [['sel._domainkey.example.com.', true], ['s1.sub._domainkey.example.com.', true], ['*._domainkey.example.com.', true],
    ['_adsp._domainkey.example.com.', false], ['_report._domainkey.example.com.', false], ['sel\\._domainkey.example.com.', false],
    ['sel\\\\._domainkey.example.com.', true], ['_domainkey.example.com.', false], ['sel._domainkeys.example.com.', false]]) {
    assert.equal(core.isDkimKeyName(name), is, name);
  }
  const zone = '$ORIGIN example.com.\n$TTL 3600\n_adsp._domainkey TXT "dkim=all"\n_report._domainkey TXT "ra=postmaster"\n';
  assert.deepEqual(core.checkText(zone, { fileId: 'adsp.zone' }).findings.filter((f) => f.ruleId === 'dkim-syntax'), []);
  for (const tag of ['constructor', 'toString', '__proto__']) {
    assert.deepEqual(core.parseDkim(`v=DKIM1; ${tag}=x; p=${KEY}`).problems.map((p) => p.message), [`unknown DKIM key tag '${tag}' is ignored by verifiers`]);
    assert.match(core.parseDkim(`v=DKIM1; ${tag}=x; p=${KEY}`).terms[1].explain, new RegExp(`^\\*\\*${tag}\\*\\* — not a DKIM key tag`));
  }
});

test('tag names are case-sensitive: P= beside p= is two tags (no repeated-tag error, no fix that would make one); s=EMAIL is email', () => {
  const found = core.parseDkim(`v=DKIM1; P=x; p=${KEY}`).problems;
  assert.deepEqual(found.map((p) => [p.message.slice(0, 4), p.replace]), [["'P='", undefined]]);
  assert.deepEqual(core.parseDkim(`v=DKIM1; s=EMAIL; p=${KEY}`).problems, []);
});

test('a key whose = padding was left out: said so (not "part of the key is missing"), with a fix that adds it', () => {
  const raw = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  const text = `v=DKIM1; k=ed25519; p=${raw.slice(0, -1)}`;
  const [p] = core.parseDkim(text).problems;
  assert.match(p.message, /ends without its '=' padding/);
  assert.deepEqual([p.start, p.end], [text.length - 1, text.length]);
  const fixed = text.slice(0, p.start) + p.replace.text + text.slice(p.end);
  assert.equal(fixed, `v=DKIM1; k=ed25519; p=${raw}`);
  assert.deepEqual(core.parseDkim(fixed).problems, []);
});
