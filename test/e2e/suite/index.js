// Extension-host suite in the @vscode/test-electron form (`run()` in this module):
// runs inside real VS Code (code-server here; desktop VS Code elsewhere) with the
// extension under development loaded, and drives it through the real `vscode` API.
// The workspace is a copy of test/e2e/fixtures/workspace made by the runner, with a
// generated certificate and, when the loopback lab runs, .e2e/lab.json.
const vscode = require('vscode');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { createSuite, waitFor, waitForDiagnostics, expectations, codeOf } = require('./harness');

const ws = () => vscode.workspace.workspaceFolders[0].uri;
const file = (name) => vscode.Uri.joinPath(ws(), name);

async function open(name) {
  const doc = await vscode.workspace.openTextDocument(file(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function spkiSha256(pemPath) {
  const cert = new crypto.X509Certificate(fs.readFileSync(pemPath));
  return crypto.createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

function hoverText(hovers) {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function hoverAt(uri, line, character) {
  return hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, character)));
}

const lineOf = (doc, re) => {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${re} in ${doc.uri.fsPath}`);
};

exports.run = async function run() {
  const { test, runAll } = createSuite();
  const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'dane-zone');
  console.log(`[suite] VS Code ${vscode.version}, extension at ${ext && ext.extensionPath}`);

  test('the extension activates on a zone file', async () => {
    const doc = await open('diagnostics.zone');
    assert.equal(doc.languageId, 'dns-zone');
    await waitFor('extension activation', () => ext.isActive, [vscode.window.onDidChangeActiveTextEditor, vscode.languages.onDidChangeDiagnostics]);
  });

  test('diagnostics: codes, RFC links and ranges as the fixture expects', async () => {
    const doc = await open('diagnostics.zone');
    const want = expectations(doc.getText());
    assert.ok(want.length >= 2);
    const covers = (d, w) => d.range.start.line === w.line && d.range.start.character < w.to && d.range.end.character > w.from;
    const diags = await waitForDiagnostics(doc.uri, (ds) => want.every((w) => ds.some((d) => codeOf(d) === w.code && covers(d, w))),
      `diagnostics ${want.map((w) => w.code).join(', ')}`);
    console.log('[suite] diagnostics:', JSON.stringify(diags.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.character, d.message])));
    for (const w of want) {
      const d = diags.find((x) => codeOf(x) === w.code && covers(x, w));
      assert.equal(d.source, 'dane-zone');
      assert.ok(d.code.target && /^https:\/\/.*rfc/i.test(d.code.target.toString()), `${w.code} links its RFC section: ${d.code.target}`);
      assert.ok(d.message.length > 10);
    }
    const expectedLines = new Set(want.map((w) => w.line));
    const stray = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && !expectedLines.has(d.range.start.line));
    assert.deepEqual(stray.map((d) => `${d.range.start.line}: ${codeOf(d)} ${d.message}`), []);
  });

  test('hover: TLSA usage with its RFC 7218 acronym, TTL in human units', async () => {
    const doc = await open('diagnostics.zone');
    const tl = lineOf(doc, /^_25\._tcp\.mail/);
    const usageCol = doc.lineAt(tl).text.indexOf('TLSA 0') + 5;
    const usage = await hoverAt(doc.uri, tl, usageCol);
    console.log('[suite] hover on usage:', JSON.stringify(usage));
    assert.match(usage, /PKIX-TA/);
    const type = await hoverAt(doc.uri, tl, usageCol - 3);
    assert.match(type, /TLSA/);
    assert.match(type, /RFC 6698/);
    const ttl = await hoverAt(doc.uri, lineOf(doc, /^\$TTL/), 6);
    console.log('[suite] hover on $TTL:', JSON.stringify(ttl));
    assert.match(ttl, /1 ?h(our)?/i);
  });

  test('quick-fix "Replace with 3 1 1" applied through executeCommand rewrites the record', async () => {
    const doc = await open('diagnostics.zone');
    const tl = lineOf(doc, /^_25\._tcp\.mail/);
    const [diag] = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'tlsa-usage-unusable-for-smtp'));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(tl).range, vscode.CodeActionKind.QuickFix.value);
    console.log('[suite] code actions:', JSON.stringify(actions.map((a) => a.title)));
    const fix = actions.find((a) => /^Replace with 3 1 1/.test(a.title));
    assert.ok(fix, `no "Replace with 3 1 1" among ${actions.map((a) => a.title).join(' | ')} (diagnostic ${diag && diag.message})`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
    const want = spkiSha256(path.join(ws().fsPath, 'certs', 'mail.pem'));
    const text = doc.lineAt(tl).text.replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`TLSA 3 1 1 ${want}`, 'i'));
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'tlsa-usage-unusable-for-smtp' && d.range.start.line === tl), 'the usage diagnostic to clear');
    const usage = await hoverAt(doc.uri, tl, doc.lineAt(tl).text.indexOf('TLSA 3') + 5);
    assert.match(usage, /DANE-EE/);
  });

  test('a fix of a finding kept while lines are typed above its record writes where the record is now', async () => {
    const doc = await open('moved.zone');
    const dotted = (ds) => ds.filter((d) => codeOf(d) === 'name-origin-repeated').map((d) => d.range.start.line);
    await waitForDiagnostics(doc.uri, (ds) => dotted(ds).join() === '7', 'name-origin-repeated on web.example.com');
    const we = new vscode.WorkspaceEdit();
    we.insert(doc.uri, new vscode.Position(5, 0), '; a note\nftp IN A 192.0.2.21\n');
    assert.ok(await vscode.workspace.applyEdit(we));
    await waitForDiagnostics(doc.uri, (ds) => dotted(ds).join() === '9', 'the finding two lines down');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(9).range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Add the trailing dot: web.example.com.');
    assert.ok(fix && fix.edit, `no trailing-dot fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.deepEqual([5, 6, 7, 8, 9].map((i) => doc.lineAt(i).text), ['; a note', 'ftp IN A 192.0.2.21', 'www IN A 192.0.2.80', 'imap IN A 192.0.2.82', 'web.example.com. IN A 192.0.2.81']);
    await waitForDiagnostics(doc.uri, (ds) => dotted(ds).length === 0, 'the finding to clear');
  });

  test('light bulb "Ignore <id> here" writes an ignore comment and the diagnostic clears; completion there lists check ids', async () => {
    const doc = await open('ignore.zone');
    const txt = lineOf(doc, /^@\s+IN TXT "v=spf1/);
    const [diag] = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'spf-include-missing' && d.range.start.line === txt));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(txt).range, vscode.CodeActionKind.QuickFix.value);
    console.log('[suite] ignore actions:', JSON.stringify(actions.map((a) => a.title)));
    const fix = actions.find((a) => a.title === 'Ignore spf-include-missing here (dane-zone: ignore comment)');
    assert.ok(fix && fix.edit, `no ignore action among ${actions.map((a) => a.title).join(' | ')} (diagnostic ${diag && diag.message})`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(txt).text, '; dane-zone: ignore=spf-include-missing');
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'spf-include-missing'), 'the silenced diagnostic to clear');
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(txt, doc.lineAt(txt).text.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('tlsa-usage-unusable-for-smtp') && !labels.includes('syntax') && !labels.includes('cname-and-other-data'), labels.slice(0, 20).join(' '));
  });

  test('a signed zone: a TLSA typed over after signing is rrsig-bogus on both its signatures; typed back, they verify; a DNSKEY hover gives its key tag', async () => {
    const doc = await open('signed.zone');
    const tlsa = lineOf(doc, /TLSA\s+3 1 1 .*C0B6A3D3$/);
    const sigs = [lineOf(doc, /RRSIG\s+TLSA .* 26382 /), lineOf(doc, /RRSIG\s+TLSA .* 32598 /)];
    const bogus = (ds) => ds.filter((d) => codeOf(d) === 'rrsig-bogus').map((d) => d.range.start.line).sort((a, b) => a - b);
    const found = await waitForDiagnostics(doc.uri, (ds) => bogus(ds).length === 2, 'rrsig-bogus on the TLSA signatures');
    assert.deepEqual(bogus(found), sigs);
    assert.match(found.find((d) => codeOf(d) === 'rrsig-bogus').message, /^this signature over the TLSA RRset at _25\._tcp\.mail\.example\.com\. does not verify/);
    const at = doc.lineAt(tlsa).text.lastIndexOf('D3');
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, new vscode.Range(tlsa, at, tlsa, at + 2), 'D2');
    assert.ok(await vscode.workspace.applyEdit(we));
    await waitForDiagnostics(doc.uri, (ds) => bogus(ds).length === 0, 'the signatures to verify again');
    const key = lineOf(doc, /DNSKEY\s+257 3 15 edudi/);
    const hover = await hoverAt(doc.uri, key, doc.lineAt(key).text.indexOf('edudi') + 2);
    assert.match(hover, /Key tag \*\*26382\*\*/);
    const sig = await hoverAt(doc.uri, sigs[0], doc.lineAt(sigs[0]).text.indexOf(' 26382 ') + 2);
    assert.match(sig, /Verifies over the TLSA RRset \(2 records\) with the DNSKEY of key tag 26382/);
  });

  test('formatting aligns columns and keeps every record', async () => {
    const doc = await open('format.zone');
    const words = () => doc.getText().split(/\r?\n/).map((l) => l.replace(/;.*$/, '').trim().split(/\s+/).join(' ')).filter(Boolean);
    const before = words();
    const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'the misaligned fixture gets edits');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.deepEqual(words(), before, 'same tokens on every line');
    // the class column lines up for every record whose owner (and TTL) fit before it; a longer
    // owner may push its own line further right, as BIND's named-compilezone output does
    const rr = doc.getText().split('\n').filter((l) => /\sIN\s/.test(l) && !/^\s/.test(l));
    const col = Math.min(...rr.map((l) => l.search(/\sIN\s/)));
    const fitting = rr.filter((l) => l.search(/\sIN\s/) === col || l.slice(0, col).trim().length < col - 1);
    assert.ok(fitting.length >= rr.length - 1, 'only an over-long owner may break the column');
    assert.deepEqual([...new Set(fitting.map((l) => l.search(/\sIN\s/)))], [col], `class column aligned:\n${rr.join('\n')}`);
    const again = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    assert.equal((again || []).length, 0, 'formatting is idempotent');
  });

  test('"Bump SOA serial" writes a date-based serial', async () => {
    const doc = await open('serial.zone');
    await waitFor('server ready for serial.zone', () => ext.isActive, [vscode.languages.onDidChangeDiagnostics]);
    const d = new Date();
    const today = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    assert.equal(await vscode.commands.executeCommand('daneZone.bumpSerial'), true);
    const serial = /^\s*(\d+)\s*; serial/m.exec(doc.getText())[1];
    assert.match(serial, new RegExp(`^${today}\\d\\d$`));
    assert.equal(await vscode.commands.executeCommand('daneZone.bumpSerial'), true);
    const next = /^\s*(\d+)\s*; serial/m.exec(doc.getText())[1];
    assert.equal(Number(next), Number(serial) + 1, 'a second bump the same day increments nn');
  });

  test('"Generate TLSA record from certificate…" inserts the 3 1 1 record for the MX host', async () => {
    const doc = await open('generate.zone');
    const cert = path.join(ws().fsPath, 'certs', 'mail.pem');
    const rec = await vscode.commands.executeCommand('daneZone.generateTlsa', { certPath: cert, host: 'mail.example.com.', usage: 3, selector: 1, matchingType: 1 });
    assert.ok(rec, 'the command returned the inserted record');
    const want = spkiSha256(cert);
    const text = doc.getText().replace(/[ \t]+/g, ' ');
    assert.match(text, new RegExp(`_25\\._tcp\\.mail(\\.example\\.com\\.)? (\\d+ )?(IN )?TLSA 3 1 1 ${want}`, 'i'));
    // as the next-key quick-fix of an RRset reached through a CNAME runs it: at that owner, no host asked
    const atOwner = await vscode.commands.executeCommand('daneZone.generateTlsa', { certPath: cert, owner: '_dane.example.com.', usage: 3, selector: 1, matchingType: 1 });
    assert.equal(String(atOwner).toLowerCase(), `_dane.example.com. in tlsa 3 1 1 ${want}`.toLowerCase());
    assert.match(doc.getText().replace(/[ \t]+/g, ' '), new RegExp(`^_dane IN TLSA 3 1 1 ${want}$`, 'im'));
  });

  test('"Open sample zone" opens example.zone from the extension\'s storage, and its cert-link walkthrough works', async () => {
    const editor = await vscode.commands.executeCommand('daneZone.openSample');
    const doc = (editor && editor.document) || vscode.window.activeTextEditor.document;
    assert.equal(doc.isUntitled, false, 'a file on disk, so relative certificate links resolve');
    assert.equal(doc.uri.scheme, 'file');
    assert.equal(path.basename(doc.uri.fsPath), 'example.zone', 'the tab is titled example.zone');
    assert.ok(!doc.uri.fsPath.startsWith(ws().fsPath + path.sep), `not in the user's workspace: ${doc.uri.fsPath}`);
    assert.ok(fs.existsSync(path.join(path.dirname(doc.uri.fsPath), 'certs', 'backup-mx.pem')), 'the certificate is copied beside it');
    assert.equal(doc.languageId, 'dns-zone');
    assert.match(doc.getText(), /^; dane-zone sample zone/);
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'tlsa-usage-unusable-for-smtp'), 'diagnostics on the sample');
    // the walkthrough: link the certificate above the backup-mx record, then take the light bulb's fix
    const tl = lineOf(doc, /^_25\._tcp\.backup-mx/);
    assert.ok(await vscode.window.activeTextEditor.edit((b) => b.insert(new vscode.Position(tl, 0), '; dane-zone: cert=certs/backup-mx.pem\n')));
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'tlsa-usage-unusable-for-smtp' && d.range.start.line === tl + 1) && !ds.some((d) => codeOf(d) === 'tlsa-cert-link-unreadable'), 'the linked certificate read');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(tl + 1).range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title === 'Replace with 3 1 1 from certs/backup-mx.pem'), actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('"Check zone file on disk" checks a file no editor has open; opened, the server takes over', async () => {
    const uri = file('disk-only.zone');
    fs.writeFileSync(uri.fsPath, '$ORIGIN example.net.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\nbad IN A 192.0.2.300\n');
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    assert.equal(isOpen(), false);
    await vscode.commands.executeCommand('daneZone.checkFileOnDisk', uri);
    const fromDisk = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'rdata-invalid'), 'diagnostics of the file on disk');
    assert.equal(fromDisk.find((d) => codeOf(d) === 'rdata-invalid').range.start.line, 5);
    assert.equal(isOpen(), false, 'the check opened no document');
    // opened in an editor: the file's problems come from the server once, not twice
    const doc = await open('disk-only.zone');
    const edit = vscode.window.activeTextEditor;
    await edit.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), 'bad2 IN A 192.0.2.301\n'));
    const live = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === 6), 'the server diagnostics of the edited document');
    assert.equal(live.filter((d) => codeOf(d) === 'rdata-invalid' && d.range.start.line === 5).length, 1, 'no second copy from disk');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a zone saved as UTF-8 with a byte order mark: VS Code hides the mark and writes it back; the server reports it from the file', async () => {
    const uri = file('bom.zone');
    const text = '$ORIGIN example.org.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';
    fs.writeFileSync(uri.fsPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const doc = await open('bom.zone');
    assert.equal(doc.getText(), text, 'VS Code showed the mark');
    const bom = (ds) => ds.filter((d) => codeOf(d) === 'byte-order-mark');
    const first = await waitForDiagnostics(uri, (ds) => bom(ds).length === 1, 'the byte-order-mark error');
    assert.deepEqual([bom(first)[0].range.start.line, bom(first)[0].range.start.character, bom(first)[0].severity], [0, 0, vscode.DiagnosticSeverity.Error]);
    // an edit and a save: VS Code writes the mark back, and the error stays
    await vscode.window.activeTextEditor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), 'www IN A 192.0.2.2\n'));
    assert.ok(await doc.save());
    assert.deepEqual([...fs.readFileSync(uri.fsPath).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'VS Code saved without the mark');
    await waitForDiagnostics(uri, (ds) => bom(ds).length === 1 && ds.every((d) => codeOf(d) === 'byte-order-mark'), 'the error after the save');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(uri.fsPath);
  });

  test('"Restart language server" brings diagnostics back', async () => {
    await vscode.commands.executeCommand('daneZone.restartServer');
    const doc = await open('generate.zone');
    const editor = vscode.window.activeTextEditor;
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), 'bad IN A 300.1.2.3\n'));
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.range.start.line === doc.lineCount - 2), 'a diagnostic from the restarted server');
  });

  test('"Validate DANE for domain" against the loopback lab', async () => {
    const labFile = path.join(ws().fsPath, '.e2e', 'lab.json');
    const lab = JSON.parse(fs.readFileSync(labFile, 'utf8'));
    assert.ok(!lab.error, `the loopback lab is not running: ${lab.error}`);
    const good = await vscode.commands.executeCommand('daneZone.validateDomain', { domain: lab.scenarios.good });
    assert.ok(good, 'the command returned a report');
    console.log('[suite] good:', good.verdict, good.summary);
    assert.equal(good.verdict, 'valid');
    assert.equal(good.hosts[0].verdict, 'valid');
    assert.ok(good.hosts[0].addresses.every((a) => a.matched));
    const bad = await vscode.commands.executeCommand('daneZone.validateDomain', { domain: lab.scenarios.mismatch });
    console.log('[suite] mismatch:', bad.verdict, bad.ndr, bad.tlsrpt);
    assert.equal(bad.verdict, 'invalid');
    assert.equal(bad.ndr, '5.7.323');
    assert.ok(bad.hosts[0].addresses[0].wouldMatch.some((r) => /^3 1 1 [0-9a-f]{64}$/.test(r)));
  }, 120000);

  test('"Validate DANE against this zone file" uses the records as edited, before they are published', async () => {
    const lab = JSON.parse(fs.readFileSync(path.join(ws().fsPath, '.e2e', 'lab.json'), 'utf8'));
    assert.ok(!lab.error, `the loopback lab is not running: ${lab.error}`);
    const domain = lab.scenarios.good;
    // the published zone is valid; this edit would replace the TLSA with a key the server does not have
    const wrong = 'ab'.repeat(32);
    const doc = await vscode.workspace.openTextDocument({ language: 'dns-zone', content: [
      `$ORIGIN ${domain}.`, '$TTL 300', '@ IN SOA ns hostmaster 1 7200 3600 1209600 300', '@ IN NS ns',
      `@ IN MX 10 mx.${domain}.`, `_25._tcp.mx IN TLSA 3 1 1 ${wrong}`, ''].join('\n') });
    await vscode.window.showTextDocument(doc);
    const before = await vscode.commands.executeCommand('daneZone.validateZone', { domain });
    assert.ok(before, 'the command returned a report');
    console.log('[suite] pre-deployment (wrong key):', before.source, before.verdict, before.ndr);
    assert.equal(before.source, 'zone');
    assert.equal(before.verdict, 'invalid');
    assert.equal(before.ndr, '5.7.323');
    // publish what the panel says would match, and the same check passes
    const fix = before.hosts[0].addresses[0].wouldMatch.find((r) => r.startsWith('3 1 1 '));
    const line = lineOf(doc, /TLSA/);
    await vscode.window.activeTextEditor.edit((b) => b.replace(doc.lineAt(line).range, `_25._tcp.mx IN TLSA ${fix}`));
    const after = await vscode.commands.executeCommand('daneZone.validateZone', { domain });
    console.log('[suite] pre-deployment (fixed):', after.source, after.verdict);
    assert.equal(after.verdict, 'valid');
  }, 120000);

  await runAll();
};
