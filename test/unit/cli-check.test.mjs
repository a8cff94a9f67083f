// `dane-zone check` as an operator runs it: which origin names the zone (a file-name guess
// yields to the file's $ORIGIN; --origin is the user's and is validated), the options and
// exit codes, how findings in $INCLUDEd files are named and ordered, columns in characters,
// and control characters escaped in messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseZone, scanZone, checkText } from '../../dist/core.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
const NO_SOA = '$ORIGIN example.com.\n$TTL 3600\n@ IN MX 10 mail\nmail IN A 192.0.2.25\n';

function inDir(t, files) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-check-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return (...args) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
}

test('a file-name origin guess yields to the $ORIGIN of a file without SOA (both zone models)', (t) => {
  for (const build of [parseZone, scanZone]) {
    assert.equal(build(NO_SOA, { fileId: 'o/dane.zone', origin: 'dane.', originGuessed: true }).origin, 'example.com.', build.name);
    // no $ORIGIN: the guess names the zone
    assert.equal(build('$TTL 60\n@ IN MX 10 mail\n', { fileId: 'o/dane.zone', origin: 'dane.', originGuessed: true }).origin, 'dane.', build.name);
    // an origin the user gave stays the zone's
    assert.equal(build(NO_SOA, { fileId: 'o/dane.zone', origin: 'example.org.' }).origin, 'example.org.', build.name);
  }
  const run = inDir(t, { 'o/dane.zone': NO_SOA, 'o/dane.txt': NO_SOA });
  for (const f of ['o/dane.zone', 'o/dane.txt']) {
    const r = run('check', '--json', f);
    const rules = JSON.parse(r.stdout).map((x) => x.rule);
    assert.ok(!rules.includes('out-of-zone'), `${f}: ${r.stdout}`);
  }
  const findings = checkText(NO_SOA, { fileId: '/x/dane.zone', origin: 'dane.', originGuessed: true }).findings;
  assert.deepEqual(findings.filter((x) => x.ruleId === 'out-of-zone'), []);
});
