// One $GENERATE line of 100 000 records (the most one line expands) in a short zone, over the
// real server bundle: its range is read in turns, at open and after an edit of that line, so a
// request sent meanwhile is answered while the range is still being read (the work-done progress
// shows where the reading is); an edit of the line while it is read leaves the last version
// published, nothing older after it; and the diagnostics are those of `dane-zone check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const HEAD = ['$ORIGIN example.com.', '$TTL 300', '@ SOA ns1 hostmaster 1 7200 3600 1209600 300', '@ NS ns1', 'ns1 A 192.0.2.1'];
const GEN = HEAD.length; // the $GENERATE line
// a parse error and a rule's finding below it (the worker's early publish has only the first)
const TAIL = ['bad A 192.0.2.300', '@ MX 10 mx1', `_25._tcp.mx1 TLSA 1 1 1 ${'ab'.repeat(32)}`, 'mx1 A 192.0.2.25', ''];
const zoneWith = (range) => [...HEAD, `$GENERATE ${range} host$ A 10.0.0.1`, ...TAIL].join('\n');
// The server's progress: the reading is the first 75% of an analysis, counted in lines and
// generated records; the $GENERATE line's range is read between these whole percents.
const lineFrom = 1, lineTo = 73;
const inLine = (e) => e.kind === 'progress' && e.value.kind === 'report' && e.value.percentage >= lineFrom && e.value.percentage <= lineTo;

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const fromServer = (ds) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity]} ${d.code} ${d.message}`).sort();
const fromCli = (found) => found.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`).sort();

/** `dane-zone check --json` of `text` in a file named as the document. */
function checked(file, text) {
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [cli, 'check', '--json', file], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.stderr, '');
  return fromCli(JSON.parse(r.stdout));
}

/** Hovers on `uri` one after another until stopped, each answer logged among the server's events. */
function keepAsking(s, uri) {
  let stopped = false;
  const asking = (async () => {
    while (!stopped) {
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } });
      s.events.push({ kind: 'answer' });
    }
  })();
  return () => { stopped = true; return asking; };
}

/** Asserts that a request was answered while the $GENERATE line of the analysis whose progress
 *  is `token` was read: after a report inside the line's range, before its reading went past it. */
function answeredInsideTheLine(events, token, when) {
  const ofToken = (e) => e.kind === 'progress' && e.token === token;
  const from = events.findIndex((e) => ofToken(e) && inLine(e));
  assert.ok(from >= 0, `${when}: no progress inside the $GENERATE line (${lineFrom}-${lineTo}%): ${JSON.stringify(events.filter(ofToken).map((e) => e.value.percentage ?? e.value.kind))}`);
  let to = events.findIndex((e, i) => i > from && ofToken(e) && !inLine(e));
  if (to < 0) to = events.length;
  assert.ok(events.slice(from, to).some((e) => e.kind === 'answer'), `${when}: no request answered while the line was read`);
}

test('a $GENERATE line of 100 000 records is read in turns: requests are answered meanwhile, at open and after an edit of it; the last version is published, as `dane-zone check` finds it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dz-gen-turns-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'gen.example.com.zone');
  const uri = pathToFileURL(file).href;
  const small = pathToFileURL(join(dir, 'small.example.com.zone')).href;
  const s = await startServerFor(t, { workDoneProgress: true });
  await s.open(small, [...HEAD, 'www A 192.0.2.2', ''].join('\n'), 1);
  await s.diagnostics(small, 1);
  const stop = keepAsking(s, small);
  t.after(stop);

  // open
  const v1Text = zoneWith('1-100000');
  const v1Want = checked(file, v1Text);
  assert.ok(v1Want.some((k) => k.includes('rdata-invalid')) && v1Want.some((k) => k.includes('tlsa-')), v1Want.join('\n'));
  await s.open(uri, v1Text, 1);
  const v1 = await s.diagnosticsWhere(uri, (p) => p.version === 1 && fromServer(p.diagnostics).length === v1Want.length);
  assert.deepEqual(fromServer(v1.diagnostics), v1Want);
  const tokens = () => [...new Set(s.events.filter((e) => e.kind === 'progress').map((e) => e.token))];
  assert.equal(tokens().length, 1, 'its reading is shown as progress');
  answeredInsideTheLine(s.events, tokens()[0], 'open');

  // the range typed over (version 2); typed over again while version 2's range is read (version 3)
  const start = { line: GEN, character: '$GENERATE '.length };
  const typed = (digit) => [{ range: { start, end: { line: GEN, character: start.character + 1 } }, text: digit }];
  const v3Want = checked(file, zoneWith('3-100000')); // (before: the client waits for the check)
  await s.change(uri, 2, typed('2'));
  const v2Inside = await s.eventWhere((e) => inLine(e) && e.token !== tokens()[0]);
  await s.change(uri, 3, typed('3'));
  const v3 = await s.diagnosticsWhere(uri, (p) => p.version === 3 && fromServer(p.diagnostics).length === v3Want.length);
  assert.deepEqual(fromServer(v3.diagnostics), v3Want);
  await stop();
  answeredInsideTheLine(s.events, v2Inside.token, 'after an edit of the line');
  const v3Token = tokens().at(-1);
  assert.ok(v3Token !== v2Inside.token, 'version 3 is read in turns too');
  answeredInsideTheLine(s.events, v3Token, 'after an edit while the line was read');

  // nothing older after a newer version, and nothing after version 3 (version 2 was dropped)
  const versions = s.history.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes went back a version: ${versions}`);
  assert.equal(versions.at(-1), 3);
  assert.deepEqual(fromServer(s.latest.get(uri).diagnostics), v3Want);
});
