// Workspace trust: in Restricted Mode the zone features work, and the commands that
// reach the network ask first. A separate code-server with trust switched on; the
// resolver is a closed loopback port (user setting: restricted mode ignores the
// workspace's), so "Connect anyway" fails fast and touches nothing outside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT } from './lib/env.mjs';
import { newRun } from './lib/code-server.mjs';
import { installVsix } from './lib/vsix.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { ownEditor } from './lib/own-editor.mjs';

const editor = ownEditor();

test('untrusted workspace: zone features work, "Validate DANE for domain" asks before connecting', { timeout: 240000 }, async (t) => {
  if (editor.skip) return t.skip(String(editor.skip));
  const run = newRun('trust', {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'daneZone.resolvers': ['127.0.0.1:9'],
    'daneZone.validationTimeoutMs': 2000,
  });
  installVsix(run);
  const ws = makeWorkspace(run, undefined);
  const { page, wb } = await editor.start(run, ws, { workspaceTrust: true, logFile: join(OUT, 'trust-code-server.log') });
  try {
    await wb.openFile('example.com.zone');
    // Restricted Mode, and the language server still checks the zone
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30000 });
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 90000 });

    const ask = async () => {
      await wb.command('dane-zone: Validate DANE for domain');
      await wb.quickInput.waitFor();
      await wb.quickInput.fill('example.com');
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'This workspace is not trusted' });
      await dialog.waitFor({ timeout: 30000 });
      return dialog;
    };
    let dialog = await ask();
    await page.screenshot({ path: join(OUT, '06-untrusted-asks.png') });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await wb.command('dane-zone: Show server log');
    const log = page.locator('.part.panel .monaco-editor .view-lines');
    await log.waitFor();
    assert.doesNotMatch(await log.innerText(), /validating DANE for example\.com/, 'nothing ran after Cancel');

    dialog = await ask();
    await dialog.locator('.monaco-button', { hasText: 'Connect anyway' }).click();
    // it ran: the closed loopback resolver makes it end at once, as a DNS failure, and its result
    // panel opens (the log's first line may have scrolled out of the Output view by then: the
    // editor renders only the lines in view)
    const panel = wb.webview();
    await panel.locator('#domain', { hasText: 'example.com' }).waitFor({ timeout: 60000 });
    // and it asked only the configured loopback resolver
    assert.match(await panel.locator('body').innerText(), /resolver 127\.0\.0\.1:9\b/);
  } finally {
    await page.screenshot({ path: join(OUT, '06-untrusted.png') }).catch(() => {});
  }
});
