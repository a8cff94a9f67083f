// The README's rule table is generated from the registry; this fails when a rule
// was added or changed without regenerating it (node scripts/gen-readme-rules.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderReadme } from '../../scripts/gen-readme-rules.mjs';
import { RULES, PARSE_PROBLEM_CODES, checkText } from '../../dist/core.js';

test('README rule table matches the rule registry', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.equal(readme, renderReadme(readme), 'run: node scripts/gen-readme-rules.mjs');
  for (const r of [...RULES, ...PARSE_PROBLEM_CODES]) assert.ok(readme.includes(`| \`${r.id}\` |`), r.id);
});

test('the table gives the default severity a finding gets, also where it differs by record type (NS: error)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const zone = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\n  IN NS alias\n  IN MX 10 mx\n  IN MX 20 noaddr\n'
    + 'alias IN CNAME ns1\nns1 IN A 192.0.2.1\nmx IN A 192.0.2.2\nsub IN NS nsx.sub\n_sip._tcp IN SRV 0 0 5060 alias\n';
  const got = checkText(zone, { fileId: 'r.zone' }).findings.filter((f) => f.ruleId.startsWith('target-'));
  const sev = (rule, type) => [...new Set(got.filter((f) => f.ruleId === rule && f.message.startsWith(type)).map((f) => f.severity))];
  assert.deepEqual(sev('target-is-cname', 'NS'), ['error']);
  assert.deepEqual(sev('target-is-cname', 'SRV'), ['warning']);
  assert.deepEqual(sev('target-no-address', 'NS'), ['error']);
  assert.deepEqual(sev('target-no-address', 'MX'), ['warning']);
  assert.match(readme, /\| `target-is-cname` \| warning; NS: error \|/);
  assert.match(readme, /\| `target-no-address` \| warning; NS: error \|/);
});

test('every rule has an id, a severity, an RFC reference and a summary; ids are unique', () => {
  const ids = new Set();
  for (const r of RULES) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(r.defaultSeverity), r.id);
    assert.ok(r.rfc.length > 0 && r.rfc.every((x) => /^RFC \d+/.test(x.label) && x.url.startsWith('https://')), r.id);
    assert.ok(r.summary.length > 10, r.id);
  }
});

test('README links are absolute: vsce refuses relative links without a known repository host', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)|^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? m[2]);
  assert.ok(links.length > 0);
  const relative = links.filter((l) => !/^(https?:|mailto:|#)/.test(l));
  assert.deepEqual(relative, [], 'write these as absolute URLs (see the image links)');
});

test('every rule id given a severity in README or package.json examples is a real rule id', () => {
  const ids = new Set([...RULES, ...PARSE_PROBLEM_CODES].map((r) => r.id));
  let named = 0;
  for (const f of ['../../README.md', '../../package.json']) {
    const text = readFileSync(new URL(f, import.meta.url), 'utf8').replaceAll('\\"', '"');
    // `"some-rule": "off"` in a settings example (a JSON string in package.json)
    for (const m of text.matchAll(/"([a-z0-9]+(?:-[a-z0-9]+)+)"\s*:\s*"(?:error|warning|info|hint|off)"/g)) {
      named++;
      assert.ok(ids.has(m[1]), `${f.slice(6)} names "${m[1]}", which no rule has`);
    }
  }
  assert.ok(named >= 2);
});
