// TextMate grammar tests: every fixture under test/grammar/*.zone carries its
// expected scopes inline (see test/grammar/harness.mjs); plus checks that the
// harness itself notices a wrong assertion, so a broken harness cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFixture, tokenize } from '../grammar/harness.mjs';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'grammar');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.zone')).sort();

test('there are grammar fixtures', () => assert.ok(fixtures.length >= 2));

for (const f of fixtures) {
  test(`grammar: ${f}`, async () => {
    const { count, failures } = await checkFixture(readFileSync(join(DIR, f), 'utf8'));
    assert.ok(count > 10, `${f}: only ${count} assertions`);
    assert.deepEqual(failures, []);
  });
}

test('harness reports a wrong assertion and a wrong negative', async () => {
  const wrong = 'www A 192.0.2.1\n;     ^^^^^^^^^ constant.other.hex.dns-zone\n;<-- - entity.name.tag.owner.dns-zone\n';
  const { count, failures } = await checkFixture(wrong);
  assert.equal(count, 2);
  assert.equal(failures.length, 9 + 2);
});

test('every RR type of the sample zone is highlighted as a type', async () => {
  const text = readFileSync(join(DIR, '..', '..', 'samples', 'example.zone'), 'utf8');
  const lines = await tokenize(text);
  const types = lines.flat().filter((t) => t.scopes.includes('storage.type.rr.dns-zone')).map((t) => t.text.toUpperCase());
  for (const t of ['SOA', 'NS', 'A', 'AAAA', 'MX', 'TXT', 'TLSA', 'CAA', 'SRV', 'CNAME']) {
    assert.ok(types.includes(t), `${t} not scoped as a type in samples/example.zone`);
  }
});

test('every type in the core RR table is highlighted as a type, upper and lower case; meta types are not', async () => {
  const { createRequire } = await import('node:module');
  const { RR_TYPES, TYPES_WITHOUT_FIELDS } = createRequire(import.meta.url)('../../dist/core.js');
  assert.ok(RR_TYPES.length >= 30);
  // with the mnemonics the table knows without fields (IPSECKEY, NSAP-PTR, ...): the parser takes them too
  const names = [...RR_TYPES, ...TYPES_WITHOUT_FIELDS.filter((t) => !t.meta)].map((t) => t.name);
  assert.ok(names.includes('NSAP-PTR') && names.includes('IPSECKEY'));
  const text = names.flatMap((n) => [`x IN ${n} 1`, `x ${n.toLowerCase()} 1`]).join('\n');
  const lines = await tokenize(text);
  const notTyped = text.split('\n').filter((line, i) => !lines[i].some((t) => t.scopes.includes('storage.type.rr.dns-zone')
    && names.includes(t.text.toUpperCase())));
  assert.deepEqual(notTyped, []);
  // a meta type is no record type (the parser refuses it): it is not coloured as one
  const meta = TYPES_WITHOUT_FIELDS.filter((t) => t.meta).map((t) => `x IN ${t.name} 1`);
  assert.deepEqual(meta.map((t) => t.split(' ')[2]), ['OPT', 'NXNAME', 'TKEY', 'TSIG', 'IXFR', 'AXFR', 'MAILB', 'MAILA', 'ANY']);
  const metaLines = await tokenize(meta.join('\n'));
  assert.deepEqual(meta.filter((line, i) => metaLines[i].some((t) => t.scopes.includes('storage.type.rr.dns-zone'))), []);
});

test('syntaxes/dns-zone.tmLanguage.json is what scripts/gen-grammar.mjs writes (run it after editing)', async () => {
  const { text } = await import('../../scripts/gen-grammar.mjs');
  assert.equal(readFileSync(join(DIR, '..', '..', 'syntaxes', 'dns-zone.tmLanguage.json'), 'utf8'), text);
});

test('a head split by parentheses keeps its scopes for every type the grammar knows by name', async () => {
  const text = ['A 192.0.2.1', 'MX 10 mail', 'TLSA 3 1 1 ab12', 'DNSKEY 257 3 13 AwEAAQ==', 'SVCB 1 . alpn=h2', 'NAPTR 1 1 "u" "" "" .']
    .map((r) => `x ( 3600 IN ${r.split(' ')[0]}\n  ${r.split(' ').slice(1).join(' ')} )\nnext IN A 192.0.2.9`).join('\n');
  const lines = await tokenize(text);
  for (let i = 0; i < lines.length; i += 3) {
    assert.ok(lines[i].some((t) => t.scopes.includes('storage.type.rr.dns-zone')), `type on line ${i + 1}`);
    const rdata = lines[i + 1].filter((t) => t.text.trim() && t.text.trim() !== ')');
    assert.ok(rdata.every((t) => t.scopes.length > 3), `RDATA scoped on line ${i + 2}: ${JSON.stringify(rdata.map((t) => [t.text, t.scopes]))}`);
    assert.ok(!lines[i + 2][0].scopes.includes('meta.parens.dns-zone') && lines[i + 2][0].scopes.includes('entity.name.tag.owner.dns-zone'), `line ${i + 3} after the ")"`);
  }
});
