// Completion after `; dane-zone: cert=` through the real server: the certificate files and
// folders beside the zone file (or in the folder typed so far), inside the workspace only; and
// '=' or '/' typed outside such a comment opens no list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServerFor } from '../helpers/lsp-client.mjs';

const ZONE = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 3600 900 604800 300\n@ IN NS ns1\nns1 IN A 192.0.2.1\n';

function workspace(t) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-certpath-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['zones/mx1.pem', 'zones/mx1.csr', 'zones/notes.txt', 'zones/.hidden.pem', 'zones/certs/mx2.crt', 'zones/certs/key.der', 'zones/certs/readme.md', 'outside.pem']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), 'x');
  }
  return dir;
}

async function labelsAt(s, uri, line, character, triggerCharacter) {
  const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
  const list = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character }, context });
  return (Array.isArray(list) ? list : list.items);
}

test('after cert= the zone folder\'s certificate files and folders are listed; after certs/ that folder\'s; a hidden file only when a dot is typed', async (t) => {
  const dir = workspace(t);
  const s = await startServerFor(t, { rootUri: pathToFileURL(join(dir, 'zones')).href, workspaceFolders: [{ uri: pathToFileURL(join(dir, 'zones')).href, name: 'zones' }] });
  const uri = pathToFileURL(join(dir, 'zones', 'example.com.zone')).href;
  const text = ZONE + '; dane-zone: cert=\n; dane-zone: cert=certs/m\n; dane-zone: cert=.h\n; dane-zone: cert=../\n';
  await s.open(uri, text, 1);
  await s.diagnostics(uri, 1);
  const top = await labelsAt(s, uri, 5, 18, '=');
  assert.deepEqual(top.map((i) => i.label).sort(), ['certs/', 'mx1.csr', 'mx1.pem']);
  assert.deepEqual(top.find((i) => i.label === 'mx1.pem').textEdit.range, { start: { line: 5, character: 18 }, end: { line: 5, character: 18 } });
  // inside certs/: replaces the segment typed ('m'), not the folder
  const sub = await labelsAt(s, uri, 6, 25);
  assert.deepEqual(sub.map((i) => i.label).sort(), ['key.der', 'mx2.crt']);
  assert.deepEqual(sub[0].textEdit.range, { start: { line: 6, character: 24 }, end: { line: 6, character: 25 } });
  // (the editor filters by the segment typed; the server adds hidden names once it starts with a dot)
  assert.deepEqual((await labelsAt(s, uri, 7, 20)).map((i) => i.label).sort(), ['.hidden.pem', 'certs/', 'mx1.csr', 'mx1.pem']);
  // the folder above the workspace folder is not listed
  assert.deepEqual(await labelsAt(s, uri, 8, 21, '/'), []);
});

test("'=' or '/' typed in a TXT string or a name opens no list; 'ignore=' lists the check ids", async (t) => {
  const dir = workspace(t);
  const s = await startServerFor(t, { rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
  const uri = pathToFileURL(join(dir, 'zones', 'example.com.zone')).href;
  const text = ZONE + '@ IN TXT "v=spf1 -all"\n; dane-zone: ignore=\n';
  await s.open(uri, text, 1);
  await s.diagnostics(uri, 1);
  assert.deepEqual(await labelsAt(s, uri, 5, 12, '='), []);
  const ids = (await labelsAt(s, uri, 6, 20, '=')).map((i) => i.label);
  assert.ok(ids.includes('tlsa-single-record'), ids.join(' '));
});

test('a document not on disk lists nothing after cert=', async (t) => {
  const s = await startServerFor(t, {});
  const uri = 'untitled:Untitled-1';
  await s.open(uri, ZONE + '; dane-zone: cert=\n', 1);
  await s.diagnostics(uri, 1);
  assert.deepEqual(await labelsAt(s, uri, 5, 18, '='), []);
});
