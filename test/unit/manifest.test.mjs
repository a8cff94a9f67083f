// The extension manifest against the code: every contributed command is
// registered by the client and vice versa, every setting is resource-scoped
// with a description and a default, the icon is a PNG, the language
// configuration's regexes compile, and .vscodeignore keeps sources out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const c = pkg.contributes;

function clientSources(dir = 'client/src') {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? clientSources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  }).join('\n');
}

test('contributed commands and registered commands are the same set', () => {
  const registered = [...clientSources().matchAll(/reg(?:isterCommand)?\('(daneZone\.[\w]+)'/g)].map((m) => m[1]).sort();
  const contributed = c.commands.map((x) => x.command).sort();
  assert.deepEqual(registered, contributed);
  for (const cmd of c.commands) assert.ok(pkg.activationEvents.includes(`onCommand:${cmd.command}`), cmd.command);
  assert.ok(pkg.activationEvents.includes('onLanguage:dns-zone'));
});

test('command titles the README and the e2e tests use', () => {
  const titles = Object.fromEntries(c.commands.map((x) => [x.command, `${x.category}: ${x.title}`]));
  assert.equal(titles['daneZone.validateDomain'], 'dane-zone: Validate DANE for domain');
  assert.equal(titles['daneZone.openSample'], 'dane-zone: Open sample zone');
  assert.equal(titles['daneZone.restartServer'], 'dane-zone: Restart language server');
});

test('settings: resource scope, description, default, enums', () => {
  const props = c.configuration.properties;
  const want = ['daneZone.trace.server', 'daneZone.rules', 'daneZone.certificates', 'daneZone.certificateExpiryWarningDays',
    'daneZone.outlineLimit', 'daneZone.problemLimit', 'daneZone.resolvers', 'daneZone.smtpPort', 'daneZone.validationTimeoutMs', 'daneZone.verifyAllSignatures'];
  assert.deepEqual(Object.keys(props).sort(), want.sort());
  for (const [k, v] of Object.entries(props)) {
    assert.equal(v.scope, 'resource', k);
    assert.ok(v.description || v.markdownDescription, `${k} has a description`);
    assert.ok('default' in v, `${k} has a default`);
  }
  assert.deepEqual(props['daneZone.rules'].additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
  assert.equal(props['daneZone.certificateExpiryWarningDays'].default, 30);
  assert.equal(props['daneZone.smtpPort'].default, 25);
  assert.equal(props['daneZone.outlineLimit'].default, 5000);
  assert.equal(props['daneZone.problemLimit'].default, 5000);
  assert.deepEqual([props['daneZone.verifyAllSignatures'].type, props['daneZone.verifyAllSignatures'].default], ['boolean', false]);
  assert.deepEqual(props['daneZone.trace.server'].enum, ['off', 'messages', 'verbose']);
  const re = new RegExp(props['daneZone.resolvers'].items.pattern);
  for (const ok of ['127.0.0.1', '127.0.0.1:5353', '::1', '[::1]:53']) assert.match(ok, re);
  for (const bad of ['dns.example', '1.2.3.4:x']) assert.doesNotMatch(bad, re);
});

test('language, grammar, icon and metadata files exist and are what they claim', () => {
  assert.deepEqual(c.languages[0].extensions, ['.zone']);
  assert.equal(c.grammars[0].scopeName, JSON.parse(readFileSync(c.grammars[0].path, 'utf8')).scopeName);
  const png = readFileSync(pkg.icon);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 128, 'icon at least 128 px wide');
  for (const f of ['CHANGELOG.md', 'LICENSE', 'README.md', 'samples/example.zone']) assert.ok(statSync(f).size > 0, f);
  for (const k of ['displayName', 'description', 'categories', 'keywords', 'repository', 'license', 'publisher']) assert.ok(pkg[k], k);
  assert.match(pkg.engines.vscode, /^\^1\.9[1-9]\./);
  assert.equal(pkg.devDependencies['@types/vscode'].replace(/^\D*/, ''), pkg.engines.vscode.replace(/^\D*/, ''));
});

test('language configuration: comments, brackets, quotes; regexes compile', () => {
  const lc = JSON.parse(readFileSync('language-configuration.json', 'utf8'));
  assert.equal(lc.comments.lineComment, ';');
  assert.deepEqual(lc.brackets, [['(', ')']]);
  assert.ok(lc.autoClosingPairs.some((p) => p.open === '"'));
  const word = new RegExp(lc.wordPattern, 'g');
  assert.deepEqual('_25._tcp.mail\\032x IN TLSA'.match(word), ['_25._tcp.mail\\032x', 'IN', 'TLSA']);
  assert.ok(new RegExp(lc.folding.markers.start).test('@ IN SOA ns1 host ( ; comment'));
  assert.ok(new RegExp(lc.folding.markers.end).test('   3600 ) ; min'));
});

test('.vscodeignore admits only the runtime files', () => {
  const lines = readFileSync('.vscodeignore', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  const admitted = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  for (const a of admitted) assert.doesNotMatch(a, /(^|\/)(src|test|scripts)\/|\.ts$|\.map$/, a);
  assert.ok(admitted.includes('dist/client.js') && admitted.includes('dist/server.js'));
});

test('the certificate files the sample zone\'s walkthrough links ship next to it in the package', () => {
  const admitted = readFileSync('.vscodeignore', 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  const links = [...readFileSync('samples/example.zone', 'utf8').matchAll(/cert=(\S+)/g)].map((m) => m[1]);
  assert.ok(links.length > 0, 'the sample names a certificate file');
  for (const l of new Set(links)) {
    assert.match(readFileSync(`samples/${l}`, 'utf8'), /^-----BEGIN CERTIFICATE-----/, l);
    assert.ok(admitted.includes(`samples/${l}`), `.vscodeignore admits samples/${l}`);
  }
});
