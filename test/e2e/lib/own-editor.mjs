// For a test file that starts a code-server and a browser of its own (its own settings or a
// fresh editor): the reason to skip when tools are missing, a `before` that fails the file
// when they must be there, `start` (code-server, browser, the workbench open on a folder)
// and an `after` that stops both.
import { before, after } from 'node:test';
import { requireTools } from './env.mjs';
import { startCodeServer } from './code-server.mjs';
import { launchBrowser } from './browser.mjs';
import { workbench } from './workbench.mjs';

export function ownEditor() {
  const skip = (() => { try { return requireTools(['code-server', 'chromium', 'openssl']); } catch (e) { return e; } })();
  let cs, browser;
  before(async () => {
    if (skip instanceof Error) throw skip;
  }, { timeout: 10000 });
  after(async () => {
    await browser?.ctx.close().catch(() => {});
    cs?.stop();
  });
  return {
    skip,
    /** Starts code-server for `run` (startCodeServer's options) and a browser on folder `ws`;
     *  resolves with the page and its workbench once the Explorer lists the folder. */
    async start(run, ws, codeServerOptions) {
      cs = await startCodeServer(run, codeServerOptions);
      browser = await launchBrowser(run);
      const { page } = browser;
      await page.goto(`${cs.base}/?folder=${encodeURIComponent(ws)}`);
      await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
      return { page, wb: workbench(page) };
    },
  };
}
