// `dane-zone check` as an operator runs it: which origin names the zone (a file-name guess
// yields to the file's $ORIGIN; --origin is the user's and is validated), the options and
// exit codes, how findings in $INCLUDEd files are named and ordered, columns in characters,
// and control characters escaped in messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
  const run = (...args) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  run.dir = dir;
  return run;
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

test('check: --origin must be a domain name (exit 3 at once), --opt=value works, --help, unknown --rule ids', (t) => {
  const run = inDir(t, { 'z.zone': HEAD, 'o/dane.zone': NO_SOA });
  for (const [bad, why] of [['', /--origin: no name given/], ['bad name', /--origin: 'bad name' is not a domain name: it contains white space/],
    ['@', /--origin: '@' .*give the zone's name/], ['-x', /--origin: '-x' is not a domain name/], ['example..com', /--origin: 'example\.\.com' is not a domain name: empty label/]]) {
    for (const args of [['--origin', bad], [`--origin=${bad}`]]) {
      const r = run('check', 'z.zone', ...args);
      assert.equal(r.status, 3, `${args}: ${r.stderr}`);
      assert.match(r.stderr, why, String(args));
      assert.equal(r.stdout, '', String(args));
    }
  }
  const ok = run('check', '--json', '--origin=example.com', 'o/dane.zone');
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).filter((x) => x.rule === 'out-of-zone'), []);
  // --origin names the zone: an SOA elsewhere is an error, as BIND has it
  const misnamed = run('check', '--json', '--origin', 'example.org', 'z.zone');
  assert.equal(misnamed.status, 1, misnamed.stderr);
  assert.deepEqual(JSON.parse(misnamed.stdout).filter((x) => x.rule === 'soa-not-at-origin').map((x) => `${x.line}:${x.column} ${x.severity}`), ['3:1 error']);
  assert.equal(run('check', '--origin', 'example.com', 'z.zone').status, 0);
  // a file without any record is an empty zone, not a fragment
  const empty = inDir(t, { 'empty.zone': '; nothing yet\n' })('check', 'empty.zone');
  assert.equal(empty.status, 1);
  assert.match(empty.stdout, /^empty\.zone:1:1: error soa-missing no SOA record/);
  const other = run('check', '--json', '--origin', 'example.org.', '--rule=soa-missing=off', 'o/dane.zone');
  assert.deepEqual([...new Set(JSON.parse(other.stdout).map((x) => x.rule))], ['out-of-zone'], other.stdout);
  for (const h of ['--help', '-h']) {
    const help = run('check', h);
    assert.equal(help.status, 0, h);
    assert.match(help.stdout, /^usage: dane-zone check <zone-file\|folder\|->\.\.\. \[--json \| --format text\|json\|github\|sarif\] \[--fail-on error\|warning\|info\|hint\] \[--origin NAME\] \[--root DIR\] \[--rule id=severity\|off\]/);
  }
  const unknown = run('check', 'z.zone', '--rule', 'no-such-rule=off');
  assert.equal(unknown.status, 3);
  assert.match(unknown.stderr, /--rule: no rule 'no-such-rule'/);
  assert.equal(run('check', 'z.zone', '--rule', 'syntax=warning').status, 0, 'parse problem codes are rule ids too');
  const missing = run('check', 'nope.zone');
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /cannot read nope\.zone/);
});

test('top-level usage lists every option of every subcommand', () => {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const opt of ['--json', '--format', '--fail-on', '--origin', '--root', '--rule', '--usage', '--selector', '--mtype', '--owner', '--resolver', '--port', '--timeout', '--tlsrpt', '--version']) {
    assert.ok(help.stdout.includes(opt), opt);
  }
  assert.match(help.stdout, /\[ipv6\]:port/);
});

test('control characters in quoted zone text are escaped as \\DDD, in the CLI and in the editor\'s findings', (t) => {
  const zone = HEAD + 'bad IN A 192.0.2.1\0\ndel IN A 192.0.2.\x7f\n';
  const run = inDir(t, { 'nul.zone': zone });
  const r = run('check', 'nul.zone');
  assert.equal(r.status, 1);
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(r.stdout), JSON.stringify(r.stdout));
  assert.match(r.stdout, /'192\.0\.2\.1\\000'/);
  assert.match(r.stdout, /'192\.0\.2\.\\127'/);
  const json = JSON.parse(run('check', '--json', 'nul.zone').stdout);
  assert.ok(json.some((f) => f.message.includes("'192.0.2.1\\000'")));
  // the editor's model: the same messages
  const z = parseZone(zone, { fileId: 'nul.zone' });
  const msgs = z.problems.map((p) => p.message).join('\n');
  assert.ok(!/[\x00\x7f]/.test(msgs), msgs);
  assert.match(msgs, /'192\.0\.2\.1\\000'/);
});

test('check: text columns count characters (code points); --json gives the same columns', (t) => {
  // '𝔢' is one character and two UTF-16 units
  const run = inDir(t, { 'u.zone': HEAD + '𝔢ð IN TXT "v=spf1 bogus"\n' });
  const r = run('check', 'u.zone');
  const line = r.stdout.split('\n').find((l) => l.includes('spf-syntax'));
  assert.match(line, /^u\.zone:6:19: /, r.stdout);
  const f = JSON.parse(run('check', '--json', 'u.zone').stdout).find((x) => x.rule === 'spf-syntax');
  assert.deepEqual([f.line, f.column], [6, 19]);
});

test('check: findings in $INCLUDEd files name them relative to the current folder like the main file; files in the order given, each by line and column, its includes after it', (t) => {
  const main = HEAD + '$INCLUDE inc/hosts.inc\nz IN A 192.0.2.300\na IN A 192.0.2.301\n';
  const run = inDir(t, { 'zones/main.zone': main, 'zones/inc/hosts.inc': 'h2 IN A 192.0.2.302\nh1 IN AAAA 2001:db8::zz\n' });
  const r = run('check', 'zones/main.zone');
  const where = r.stdout.trim().split('\n').filter((l) => l.includes('rdata-invalid')).map((l) => l.split(': ')[0]);
  assert.deepEqual(where, ['zones/main.zone:7:8', 'zones/main.zone:8:8', 'zones/inc/hosts.inc:1:9', 'zones/inc/hosts.inc:2:12']);
  const json = JSON.parse(run('check', '--json', 'zones/main.zone').stdout);
  assert.deepEqual(json.filter((f) => f.rule === 'rdata-invalid').map((f) => `${f.file}:${f.line}:${f.column}`), where);
  // a main file given by an absolute path: its includes are absolute too
  const abs = JSON.parse(run('check', '--json', join(run.dir, 'zones/main.zone')).stdout).filter((f) => f.rule === 'rdata-invalid');
  assert.deepEqual(abs.map((f) => f.file), [join(run.dir, 'zones/main.zone'), join(run.dir, 'zones/main.zone'), join(run.dir, 'zones/inc/hosts.inc'), join(run.dir, 'zones/inc/hosts.inc')]);
  // two zone files: in the order given, not by name
  const two = inDir(t, { 'b.zone': HEAD + 'x IN A 192.0.2.300\n', 'a.zone': HEAD + 'y IN A 192.0.2.300\n' });
  const files = JSON.parse(two('check', '--json', 'b.zone', 'a.zone').stdout).filter((f) => f.rule === 'rdata-invalid').map((f) => f.file);
  assert.deepEqual(files, ['b.zone', 'a.zone']);
});

test('check: a folder stands for the zone files below it (*.zone, db.*; no journals, no hidden folders), in name order', (t) => {
  const bad = (name) => HEAD + `${name} IN A 192.0.2.300\n`;
  const run = inDir(t, {
    'zones/b.example.zone': bad('b'),
    'zones/a/db.example.org': bad('a'),
    'zones/a/db.example.org.jnl': '\u0000\u0001 not text',
    'zones/a/hosts.inc': 'x IN A 192.0.2.999\n', // only as an $INCLUDE: not a zone of its own
    'zones/.git/stale.zone': bad('git'),
    'zones/c.example.zone': bad('c'),
    'notes/readme.txt': 'no zones here\n',
  });
  const files = (r) => [...new Set(JSON.parse(r.stdout).filter((f) => f.rule === 'rdata-invalid').map((f) => f.file))];
  const r = run('check', '--json', 'zones');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(files(r), ['zones/a/db.example.org', 'zones/b.example.zone', 'zones/c.example.zone']);
  // the same as the files given one by one; a trailing slash changes nothing
  assert.deepEqual(files(run('check', '--json', 'zones/')), files(r));
  assert.equal(run('check', '--json', 'zones/a/db.example.org', 'zones/b.example.zone', 'zones/c.example.zone').stdout, r.stdout);
  // a folder and a file, in the order given
  assert.deepEqual(files(run('check', '--json', 'zones/c.example.zone', 'zones/a')), ['zones/c.example.zone', 'zones/a/db.example.org']);
  // a folder without zone files is an error (exit 3) that names it; the other arguments are still checked
  const none = run('check', 'notes', 'zones/b.example.zone');
  assert.equal(none.status, 3);
  assert.match(none.stderr, /^dane-zone check: no zone files in notes \(file names \*\.zone or db\.\*\)$/m);
  assert.match(none.stdout, /^zones\/b\.example\.zone:6:\d+: error rdata-invalid /m);
});

test('check: - reads the zone from standard input (a pipe or a file), named "-", its $INCLUDEs relative to the current folder', (t) => {
  const zone = HEAD + '$INCLUDE inc/hosts.inc\nz IN A 192.0.2.300\n';
  const run = inDir(t, { 'inc/hosts.inc': 'h2 IN A 192.0.2.302\n', 'saved.zone': zone });
  const where = (stdout) => JSON.parse(stdout).filter((f) => f.rule === 'rdata-invalid').map((f) => `${f.file}:${f.line}:${f.column}`);
  const piped = spawnSync(process.execPath, [cli, 'check', '--json', '-'], { cwd: run.dir, input: zone, encoding: 'utf8' });
  assert.equal(piped.status, 1, piped.stderr);
  assert.deepEqual(where(piped.stdout), ['-:7:8', 'inc/hosts.inc:1:9']);
  // the same as the file it came from, but for the name
  assert.deepEqual(where(run('check', '--json', 'saved.zone').stdout), ['saved.zone:7:8', 'inc/hosts.inc:1:9']);
  const fd = openSync(join(run.dir, 'saved.zone'), 'r');
  t.after(() => closeSync(fd));
  const redirected = spawnSync(process.execPath, [cli, 'check', '-', 'saved.zone'], { cwd: run.dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
  assert.equal(redirected.status, 1, redirected.stderr);
  assert.match(redirected.stdout, /^-:7:8: error rdata-invalid [^\n]*\n(.*\n)*saved\.zone:7:8: error rdata-invalid /m);
  // one standard input
  const twice = spawnSync(process.execPath, [cli, 'check', '-', '-'], { cwd: run.dir, input: zone, encoding: 'utf8' });
  assert.equal(twice.status, 3);
  assert.match(twice.stderr, /^dane-zone check: '-' \(standard input\) can be given once$/m);
});

test('check - --stdin-name: standard input is read as the file it names (its name in the findings, its $INCLUDEs, its origin); SARIF of unnamed standard input has no URI', (t) => {
  // no $ORIGIN and no SOA owner written out: the origin is guessed from the file name, as for the file
  const zone = '$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n$INCLUDE inc/hosts.inc\nz IN A 192.0.2.300\n';
  const run = inDir(t, { 'zones/inc/hosts.inc': 'h2 IN A 192.0.2.302\n', 'zones/example.org.zone': zone });
  const stdin = (...args) => spawnSync(process.execPath, [cli, 'check', ...args], { cwd: run.dir, input: zone, encoding: 'utf8' });
  const named = stdin('--json', '-', '--stdin-name', 'zones/example.org.zone');
  assert.equal(named.status, 1, named.stderr);
  assert.equal(named.stdout, run('check', '--json', 'zones/example.org.zone').stdout);
  assert.deepEqual([...new Set(JSON.parse(named.stdout).map((f) => f.file))], ['zones/example.org.zone', 'zones/inc/hosts.inc']);
  // without it: named '-', its $INCLUDE read from the current folder, where there is none
  const plain = JSON.parse(stdin('--json', '-').stdout);
  assert.ok(plain.some((f) => f.file === '-' && f.rule === 'include-failed'));
  const sarif = JSON.parse(stdin('--format', 'sarif', '-').stdout).runs[0].results;
  assert.ok(sarif.length > 0);
  for (const r of sarif) assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { description: { text: 'standard input' } });
  const sarifNamed = JSON.parse(stdin('--format', 'sarif', '-', '--stdin-name=zones/example.org.zone').stdout).runs[0].results;
  assert.deepEqual(sarifNamed[0].locations[0].physicalLocation.artifactLocation, { uri: 'zones/example.org.zone', uriBaseId: '%SRCROOT%' });
  // named without '-': a usage error
  const lone = run('check', 'zones/example.org.zone', '--stdin-name', 'x.zone');
  assert.equal(lone.status, 3);
  assert.match(lone.stderr, /^dane-zone check: --stdin-name names standard input: give '-' too$/m);
});

test('check: a reader that stops early (| head) ends the check quietly, not with an EPIPE stack trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-epipe-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'many.zone');
  writeFileSync(file, '$ORIGIN example.com.\n$TTL 300\n' + Array.from({ length: 20000 }, (_, i) => `h${i} IN A 300.1.1.1\n`).join(''));
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [cli, 'check', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // read one chunk, then close the pipe as `head -1` does
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  assert.doesNotMatch(stderr, /EPIPE|Unhandled|internal error/, stderr);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
});

test('check <folder>: a zone-named file another zone $INCLUDEs is checked through it, not alone; its findings once; includes in the order included', (t) => {
  const head = (name) => `$ORIGIN ${name}.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n`;
  const run = inDir(t, {
    'a.test.zone': head('a.test') + '$INCLUDE hosts.zone\n',
    // alone it has no TTL ($TTL comes from a.test.zone): an error that is not one
    'hosts.zone': 'www IN A 192.0.2.2\n',
    'b.test.zone': head('b.test') + '$INCLUDE z.inc\n$INCLUDE shared.zone\n',
    'c.test.zone': head('c.test') + '$INCLUDE shared.zone\n',
    'shared.zone': 'bad IN A 192.0.2.300\n',
    'z.inc': 'zz IN A 1.1.1.256\n',
  });
  const r = run('check', '.');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(': ')[0]), ['z.inc:1:9', 'shared.zone:1:10'], r.stdout);
  // the zone that includes hosts.zone alone: nothing to say
  const only = inDir(t, { 'a.test.zone': head('a.test') + '$INCLUDE hosts.zone\n', 'hosts.zone': 'www IN A 192.0.2.2\n' })('check', '.');
  assert.equal(only.status, 0, only.stdout);
  assert.equal(only.stdout, '');
});

test('check <folder>: BIND journal backups (.jbk) and binary files (raw-format signed zones) are skipped, the latter said on stderr', (t) => {
  const zone = '$ORIGIN a.test.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
  const run = inDir(t, { 'db.a.test': zone, 'db.a.test.jbk': 'garbage', 'db.a.test.signed': '\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0001raw' });
  const r = run('check', '.');
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^dane-zone check: skipped \S*db\.a\.test\.signed: a binary file \(BIND's raw or map format\?\), not a zone file in text$/m);
  assert.doesNotMatch(r.stderr, /jbk/);
});

test('check: an error silenced by an ignore comment no longer fails the run (exit 0), the same in --json; one BIND refuses the zone for still does', (t) => {
  const zone = HEAD + '@ IN TXT "v=spf1 include:_spf.example.com -all"\n';
  const run = inDir(t, {
    'a.zone': zone,
    'b.zone': zone.replace('-all"', '-all" ; dane-zone: ignore=spf-include-missing -- _spf comes with the next release'),
    'c.zone': HEAD + 'c IN CNAME ns1\nc IN TXT "x" ; dane-zone: ignore=cname-and-other-data\n',
  });
  const a = run('check', 'a.zone');
  assert.equal(a.status, 1);
  assert.match(a.stdout, /^a\.zone:6:18: error spf-include-missing /);
  const b = run('check', 'b.zone');
  assert.deepEqual([b.status, b.stdout, b.stderr], [0, '', '']);
  assert.deepEqual(JSON.parse(run('check', '--json', 'b.zone').stdout), []);
  const c = run('check', 'c.zone');
  assert.equal(c.status, 1);
  assert.match(c.stdout, /error cname-and-other-data [^]*warning ignore-invalid 'cname-and-other-data' cannot be ignored: BIND or Knot refuses a zone with it/);
});

test('check: an output that cannot be written (a full disk) is exit 4 with one line, not a stack trace or exit 1', (t) => {
  const run = inDir(t, { 'a.zone': HEAD });
  const out = openSync('/dev/full', 'w');
  t.after(() => closeSync(out));
  const r = spawnSync(process.execPath, [cli, 'check', '--json', 'a.zone'], { cwd: run.dir, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  assert.equal(r.status, 4);
  assert.equal(r.stderr, 'dane-zone: cannot write the output: ENOSPC\n');
});

test('check --root: a root given through a link is the folder it names; a root that is no folder is a usage error', (t) => {
  const run = inDir(t, { 'real/main.zone': HEAD + '$INCLUDE sub/hosts.inc\n', 'real/sub/hosts.inc': 'www IN A 192.0.2.7\n' });
  symlinkSync(join(run.dir, 'real'), join(run.dir, 'link'));
  const r = run('check', 'link/main.zone', '--root', 'link');
  assert.deepEqual([r.status, r.stdout], [0, '']);
  for (const root of ['nope', 'real/main.zone']) {
    const bad = run('check', 'real/main.zone', '--root', root);
    assert.equal(bad.status, 3);
    assert.match(bad.stderr, new RegExp(`^dane-zone check: --root ${root.replace('.', '\\.')}: no such folder\\n`));
  }
  // an option where the folder belongs
  assert.equal(run('check', 'real/main.zone', '--root', '--json').status, 3);
});

test('check: a file another file given $INCLUDEs is checked through it, named or globbed as in a folder; a file named twice once', (t) => {
  const run = inDir(t, { 'frag/main.zone': HEAD + '$INCLUDE a-part.zone\n', 'frag/a-part.zone': 'www IN A 192.0.2.7\n' });
  const folder = run('check', 'frag');
  const globbed = run('check', 'frag/a-part.zone', 'frag/main.zone');
  assert.deepEqual([globbed.status, globbed.stdout], [folder.status, folder.stdout]);
  assert.deepEqual([globbed.status, globbed.stdout], [0, '']);
  // alone, the fragment is checked on its own (no $TTL: BIND would refuse it)
  assert.equal(run('check', 'frag/a-part.zone').status, 1);
  symlinkSync(join(run.dir, 'frag/main.zone'), join(run.dir, 'alias.zone'));
  const dup = inDir(t, { 'x.zone': HEAD + 'c IN CNAME ns1\nc IN TXT "x"\n' });
  symlinkSync(join(dup.dir, 'x.zone'), join(dup.dir, 'alias.zone'));
  const twice = dup('check', 'x.zone', './x.zone', join(dup.dir, 'x.zone'), 'alias.zone');
  assert.equal(twice.stdout.split('\n').filter((l) => / error /.test(l)).length, 1);
});

test('check: $INCLUDE of a device or a FIFO is an include-failed finding, not an abort or a hang', (t) => {
  const run = inDir(t, { 'z.zone': HEAD + '$INCLUDE /dev/zero\n', 'f.zone': HEAD + '$INCLUDE ff.inc\n' });
  spawnSync('mkfifo', [join(run.dir, 'ff.inc')]);
  const r = spawnSync(process.execPath, [cli, 'check', 'z.zone', 'f.zone'], { cwd: run.dir, encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^z\.zone:6:10: error include-failed \$INCLUDE '\/dev\/zero': cannot read \/dev\/zero: not a regular file/m);
  assert.match(r.stdout, /^f\.zone:6:10: error include-failed \$INCLUDE 'ff\.inc': cannot read .*ff\.inc: not a regular file/m);
});

test('check: the places a message speaks of (related) follow it as notes, and in --json', (t) => {
  const run = inDir(t, { 'a.zone': HEAD + 'ns1 IN A 192.0.2.1\n' });
  const r = run('check', 'a.zone');
  assert.equal(r.stdout, 'a.zone:6:10: warning duplicate-record duplicate A record at ns1.example.com.: the same record is written above\n' +
    'a.zone:5:10: note duplicate-record first copy\n');
  const [f] = JSON.parse(run('check', '--json', 'a.zone').stdout);
  assert.deepEqual(f.related, [{ file: 'a.zone', line: 5, column: 10, message: 'first copy' }]);
});

test('check --origin: an internationalised name in its A-label form, escapes read as in a zone file', (t) => {
  const zone = (o) => `$ORIGIN ${o}\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n`;
  const run = inDir(t, { 'idn.zone': zone('xn--bcher-kva.example.'), 'esc.zone': zone('example.org.') });
  assert.deepEqual([run('check', '--origin', 'bücher.example', 'idn.zone').status, run('check', '--origin', 'bücher.example', 'idn.zone').stdout], [0, '']);
  assert.equal(run('check', '--origin', 'other.example', 'idn.zone').status, 1, 'another name is still refused');
  assert.deepEqual([run('check', '--origin', '\\101xample.org', 'esc.zone').status, run('check', '--origin', '\\101xample.org', 'esc.zone').stdout], [0, '']);
});

test('check: file names are printed with control characters escaped; a binary file given is refused in one line (exit 3); folders say what they pass over', (t) => {
  const run = inDir(t, { 'new\nline.zone': HEAD + 'ns1 IN A 192.0.2.1\n', 'z/ok.zone': HEAD, 'z/sub/x.zone': HEAD });
  const r = run('check', 'new\nline.zone');
  assert.match(r.stdout, /^new\\010line\.zone:6:10: warning duplicate-record /);
  assert.equal(r.stdout.split('\n').length, 3);
  writeFileSync(join(run.dir, 'db.x.signed'), Buffer.from([0, 0, 0, 2, 0, 0, 0, 1, 0x0a, 0x41]));
  const bin = run('check', 'db.x.signed');
  assert.deepEqual([bin.status, bin.stdout, bin.stderr], [3, '', "dane-zone check: cannot check db.x.signed: a binary file (BIND's raw or map format?), not a zone file in text\n"]);
  symlinkSync(join(run.dir, 'nothing.zone'), join(run.dir, 'z/dangling.zone'));
  symlinkSync(join(run.dir, 'z/sub'), join(run.dir, 'z/linked'));
  const folder = run('check', 'z');
  assert.equal(folder.status, 0);
  assert.equal(folder.stderr, `dane-zone check: skipped z/dangling.zone: a link to nothing that can be read\ndane-zone check: skipped z/linked: a link to a folder, not followed (name the folder itself to check it)\n`);
});

test('check: after -- every argument is a file, also one named like an option', (t) => {
  const run = inDir(t, { '-x.zone': HEAD + 'ns1 IN A 192.0.2.1\n' });
  assert.equal(run('check', '-x.zone').status, 3);
  const r = run('check', '--', '-x.zone');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^-x\.zone:6:10: warning duplicate-record /);
});

test('check: the origin of dnssec-signzone\'s db.<zone>.signed (a DNSSEC fragment without SOA) is <zone>', (t) => {
  const run = inDir(t, { 'db.example.com.signed': '$TTL 3600\nexample.com. IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n' });
  const r = run('check', 'db.example.com.signed');
  assert.deepEqual([r.status, r.stdout], [0, '']);
});

test('check --format github: workflow commands that annotate the lines, values escaped as GitHub\'s toolkit does', (t) => {
  const run = inDir(t, { 'a,b:c%.zone': HEAD + 'ns1 IN A 192.0.2.1\nc IN CNAME ns1\nc IN TXT "50%"\n' });
  const r = run('check', '--format', 'github', 'a,b:c%.zone');
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    '::warning file=a%2Cb%3Ac%25.zone,line=6,col=10,endLine=6,endColumn=19,title=dane-zone duplicate-record::duplicate A record at ns1.example.com.: the same record is written above (first copy: a,b:c%25.zone:5:10)',
    '::error file=a%2Cb%3Ac%25.zone,line=8,col=6,endLine=8,endColumn=9,title=dane-zone cname-and-other-data::TXT record at c.example.com., which has a CNAME: a name with a CNAME can have no other records (CNAME at c.example.com.: a,b:c%25.zone:7:6)',
    '',
  ]);
});

test('check --format sarif: SARIF 2.1.0 with the rules used, code-point columns and related locations', (t) => {
  const run = inDir(t, { 'a.zone': HEAD + 'ns1 IN A 192.0.2.1\n' });
  const r = run('check', '--format=sarif', 'a.zone');
  assert.equal(r.status, 0);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const [runLog] = log.runs;
  assert.equal(runLog.tool.driver.name, 'dane-zone');
  assert.deepEqual(runLog.tool.driver.rules.map((x) => [x.id, x.helpUri, x.defaultConfiguration.level]), [['duplicate-record', 'https://www.rfc-editor.org/rfc/rfc2181#section-5', 'warning']]);
  assert.equal(runLog.columnKind, 'unicodeCodePoints');
  assert.equal(runLog.originalUriBaseIds['%SRCROOT%'].uri, `file://${run.dir}/`);
  assert.deepEqual(runLog.results, [{
    ruleId: 'duplicate-record', ruleIndex: 0, level: 'warning', message: { text: 'duplicate A record at ns1.example.com.: the same record is written above' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'a.zone', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 10, endLine: 6, endColumn: 19 } } }],
    relatedLocations: [{ id: 0, message: { text: 'first copy' }, physicalLocation: { artifactLocation: { uri: 'a.zone', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 10 } } }],
  }]);
  assert.equal(run('check', '--format', 'xml', 'a.zone').status, 3);
  // a name with '#' or '?' is one artifact, not a path with a fragment or a query
  mkdirSync(join(run.dir, 'we#ird'));
  writeFileSync(join(run.dir, 'we#ird', 'a?b.zone'), HEAD + 'ns1 IN A 192.0.2.1\n');
  const odd = JSON.parse(run('check', '--format', 'sarif', 'we#ird/a?b.zone').stdout).runs[0].results[0];
  assert.deepEqual(odd.locations[0].physicalLocation.artifactLocation, { uri: 'we%23ird/a%3Fb.zone', uriBaseId: '%SRCROOT%' });
  const abs = JSON.parse(run('check', '--format', 'sarif', join(run.dir, 'a.zone')).stdout).runs[0].results[0];
  assert.deepEqual(abs.locations[0].physicalLocation.artifactLocation, { uri: `file://${run.dir}/a.zone` });
});

test('check --fail-on: exit 1 from the severity given on (warnings fail a strict CI job); the default is error', (t) => {
  const run = inDir(t, { 'a.zone': HEAD + 'ns1 IN A 192.0.2.1\n' });
  assert.equal(run('check', 'a.zone').status, 0);
  assert.equal(run('check', '--fail-on', 'warning', 'a.zone').status, 1);
  assert.equal(run('check', '--fail-on=error', 'a.zone').status, 0);
  assert.equal(run('check', '--fail-on', 'warning', '--rule', 'duplicate-record=info', 'a.zone').status, 0);
  assert.equal(run('check', '--fail-on', 'hint', '--rule', 'duplicate-record=info', 'a.zone').status, 1);
  assert.equal(run('check', '--fail-on', 'fatal', 'a.zone').status, 3);
});

test('check: a file a zone $INCLUDEs from outside the current folder is named by its full path, not ../../', (t) => {
  const outside = mkdtempSync(join(tmpdir(), 'dz-outside-'));
  t.after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'keys.inc'), 'ns1 IN A 192.0.2.1\n');
  const run = inDir(t, { 'a.zone': HEAD + `$INCLUDE ${join(outside, 'keys.inc')}\n` });
  const r = run('check', 'a.zone');
  assert.match(r.stdout, new RegExp(`^${join(outside, 'keys.inc').replace(/[.]/g, '\\.')}:1:10: warning duplicate-record `, 'm'));
});

test('check: a cert= link to /dev/zero (through a link) or to a FIFO is a finding, not gigabytes read or a hang', (t) => {
  const tlsa = `_25._tcp.ns1 IN TLSA 3 1 1 ${'ab'.repeat(32)}\n_25._tcp.ns1 IN TLSA 3 1 1 ${'cd'.repeat(32)}\n`;
  const run = inDir(t, { 'a.zone': HEAD + '@ IN MX 10 ns1\n; dane-zone: cert=zero.pem\n' + tlsa.split('\n')[0] + '\n; dane-zone: cert=fifo\n' + tlsa.split('\n')[1] + '\n' });
  symlinkSync('/dev/zero', join(run.dir, 'zero.pem'));
  spawnSync('mkfifo', [join(run.dir, 'fifo')]);
  const r = spawnSync(process.execPath, [cli, 'check', 'a.zone'], { cwd: run.dir, encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 1);
  assert.equal((r.stdout.match(/tlsa-cert-link-unreadable .*not a regular file \(a device, FIFO or socket\)/g) ?? []).length, 2, r.stdout);
});

test('--verify-signatures: rrsig-bogus verifies every signature of a zone past 20 000 of them; without it, the DANE RRsets only and a note', (t) => {
  const fixture = readFileSync(fileURLToPath(new URL('../fixtures/rules/rrsig-bogus.zone', import.meta.url)), 'utf8');
  let extra = '';
  for (let i = 0; i < 20000; i++) extra += `h${i} A 192.0.2.1\nh${i} RRSIG A 15 3 3600 20901231000000 20250101000000 999 example.com. ${'A'.repeat(86)}==\n`;
  const run = inDir(t, { 'example.com.zone': `${fixture}\n${extra}` });
  const rules = (r) => JSON.parse(r.stdout).filter((f) => f.rule === 'rrsig-bogus').map((f) => f.severity);
  // the 20 000 names come without NSEC records: nsec-chain's findings are not this test's
  const some = rules(run('check', '--json', '--rule', 'nsec-chain=off', 'example.com.zone'));
  assert.deepEqual([some.filter((s) => s === 'info').length, some.filter((s) => s === 'error').length], [1, 2], 'the TLSA RRset: the mail A RRset is not verified');
  // 20 000 findings: 8 MB of JSON
  const all = spawnSync(process.execPath, [cli, 'check', '--json', '--rule', 'nsec-chain=off', '--verify-signatures', 'example.com.zone'], { cwd: run.dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(all.status, 1);
  assert.deepEqual([rules(all).filter((s) => s === 'info').length, rules(all).filter((s) => s === 'error').length], [0, 20004]);
  assert.match(run('check', '--verify-signatures=yes', 'example.com.zone').stderr, /unknown option --verify-signatures=yes/);
});
