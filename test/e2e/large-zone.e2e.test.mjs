// A zone over VS Code's 50 MB sync limit: the extension host never gets the document, so
// the extension checks the file from disk (daneZone/checkFile). A code-server of its own,
// where this zone is the first file opened: the extension must wake for it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT } from './lib/env.mjs';
import { newRun } from './lib/code-server.mjs';
import { installVsix } from './lib/vsix.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { ownEditor } from './lib/own-editor.mjs';

const HUGE_ZONE = 'huge.example.com.zone';
const HUGE_LINES = 560_000;
const HUGE_FAULT_LINE = 550_000;

/** 560 000 lines of about 108 bytes (60 MB), a bad address at HUGE_FAULT_LINE. */
function hugeZone() {
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  const filler = 'x'.repeat(80);
  while (lines.length < HUGE_LINES) {
    const i = lines.length;
    lines.push(i === HUGE_FAULT_LINE ? `bad${i} IN A 192.0.2.301` : `t${i} IN TXT "note ${i} ${filler}"`);
  }
  return lines.join('\n') + '\n';
}

const editor = ownEditor();

test('a zone over 50 MB: checked from disk, again after a change on disk and in a reloaded window, cleared when its tab closes', { timeout: 300000 }, async (t) => {
  if (editor.skip) return t.skip(String(editor.skip));
  // no 'open anyway?' placeholder for the 60 MB zone (the web workbench asks from 10 MB)
  const run = newRun('large', { 'workbench.editorLargeFileConfirmation': 1024 });
  installVsix(run);
  const ws = makeWorkspace(run, undefined);
  const file = join(ws, HUGE_ZONE);
  writeFileSync(file, hugeZone());
  assert.ok(statSync(file).size > 50 * 1024 * 1024, 'the zone is over the sync limit');
  const { page, wb } = await editor.start(run, ws, { logFile: join(OUT, 'large-code-server.log') });
  try {
    await wb.openFile(HUGE_ZONE);
    // while the check runs (seconds for 560 000 records) the status bar says so
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /from disk: checking/.test(e.textContent ?? '')), undefined, { timeout: 120000 });
    await wb.command('View: Focus Problems');
    const fault = page.locator('.markers-panel .monaco-list-row', { hasText: '192.0.2.301' }).first();
    await fault.waitFor({ timeout: 120000 });
    assert.match(await page.locator('.markers-panel').innerText(), /huge\.example\.com\.zone/);
    // the status bar says where the problems come from, with their count, once the check has
    // ended (the fault, which reading the file finds, may show before, with "from disk: checking")
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /from disk\s+\S*\s*1$/.test(e.textContent ?? '')), undefined, { timeout: 120000 });
    const fromDisk = page.locator('.statusbar-item', { hasText: /from disk\s+\S*\s*\d+$/ });
    // the squiggle sits on the faulty line in the editor, as for a synced document
    await page.locator('.monaco-editor .view-lines').first().click();
    await wb.goTo(HUGE_FAULT_LINE + 1, 1);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(OUT, 'large-zone-squiggle.png') });
    // a change on disk (as a save writes it) is checked again: a second fault appears
    appendFileSync(file, 'late IN AAAA 2001:db8::zz\n');
    await page.locator('.markers-panel .monaco-list-row', { hasText: '2001:db8::zz' }).first().waitFor({ timeout: 120000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some((e) => /from disk\s+\S*\s*2$/.test(e.textContent ?? '')));
    // it was the file on disk that was checked (VS Code never handed the document over), the
    // second time with both faults (the log's line: "<path>: checked from disk (not synced to
    // extensions): 559997 records, 2 diagnostics, <ms> ms", wrapped in the panel)
    await wb.command('dane-zone: Show server log');
    await page.locator('.part.panel .monaco-editor .view-line', { hasText: '559997 records, 2 diagnostics' }).first().waitFor({ timeout: 15000 });
    // a reloaded window restores the tab: the extension starts with it already shown
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await wb.command('View: Focus Problems');
    await page.locator('.markers-panel .monaco-list-row', { hasText: '2001:db8::zz' }).first().waitFor({ timeout: 120000 });
    await fault.waitFor({ timeout: 30000 });
    // closing the last tab of the file takes its diagnostics away
    const tab = page.locator('.tab', { hasText: HUGE_ZONE }).first();
    await tab.click({ button: 'middle' }); // VS Code closes a tab on a middle click
    await tab.waitFor({ state: 'detached', timeout: 15000 });
    await fault.waitFor({ state: 'detached', timeout: 30000 });
    await fromDisk.waitFor({ state: 'hidden', timeout: 15000 });
  } finally {
    await page.screenshot({ path: join(OUT, 'large-zone.png') }).catch(() => {});
  }
});
