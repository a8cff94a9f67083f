// Workspace trust: in Restricted Mode the zone features work, and the commands that
// reach the network ask first. A separate code-server with trust switched on; the
// resolver is a closed loopback port (user setting: restricted mode ignores the
// workspace's), so "Connect anyway" fails fast and touches nothing outside.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, requireTools } from './lib/env.mjs';
import { newRun, startCodeServer } from './lib/code-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { installVsix } from './lib/vsix.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { workbench } from './lib/workbench.mjs';

const skip = (() => { try { return requireTools(['code-server', 'chromium', 'openssl']); } catch (e) { return e; } })();
let cs, browser;

before(async () => {
  if (skip instanceof Error) throw skip;
}, { timeout: 10000 });

after(async () => {
  await browser?.ctx.close().catch(() => {});
  cs?.stop();
});

test('untrusted workspace: zone features work, "Validate DANE for domain" asks before connecting', { timeout: 240000 }, async (t) => {
  if (skip) return t.skip(String(skip));
  const run = newRun('trust', {
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'daneZone.resolvers': ['127.0.0.1:9'],
    'daneZone.validationTimeoutMs': 2000,
  });
  installVsix(run);
  const ws = makeWorkspace(run, undefined);
  cs = await startCodeServer(run, { workspaceTrust: true, logFile: join(OUT, 'trust-code-server.log') });
  browser = await launchBrowser(run);
  const { page } = browser;
  const wb = workbench(page);
  try {
    await page.goto(`${cs.base}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
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
    // it ran: the closed loopback resolver makes it end at once, as a DNS failure
    await page.locator('.part.panel .monaco-editor .view-line', { hasText: 'validating DANE for example.com' }).first().waitFor({ timeout: 30000 });
    // and it asked only the configured loopback resolver
    const panel = workbench(page).webview();
    await panel.locator('#domain', { hasText: 'example.com' }).waitFor({ timeout: 60000 });
    assert.match(await panel.locator('body').innerText(), /resolver 127\.0\.0\.1:9\b/);
  } finally {
    await page.screenshot({ path: join(OUT, '06-untrusted.png') }).catch(() => {});
  }
});
