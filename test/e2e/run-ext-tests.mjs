#!/usr/bin/env node
// A stand-in for the VS Code executable: runs an extension test suite
// (extensionTestsPath, a module exporting run()) inside code-server's Node
// extension host with the extension loaded from extensionDevelopmentPath, by
// opening the workbench in headless Chromium with the test "payload" in the URL.
// The suite's exit code comes back through window.codeAutomationExit.
// Accepts VS Code's own arguments, so @vscode/test-electron's runTests() can use
// it as vscodeExecutablePath; the same suite runs in desktop VS Code unchanged.
//   run-ext-tests.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [workspace]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newRun, startCodeServer } from './lib/code-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { OUT } from './lib/env.mjs';

const TIMEOUT_MS = Number(process.env.EXT_TEST_TIMEOUT_MS ?? 300000);
const flags = {};
const positional = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const m = /^--([^=]+)=(.*)$/.exec(a);
  if (m) flags[m[1]] = m[2];
  else if (!a.startsWith('-')) positional.push(a);
  // other VS Code flags (--no-sandbox, --disable-updates, --skip-welcome …) mean nothing here
}
if (!flags.extensionDevelopmentPath || !flags.extensionTestsPath) {
  console.error('usage: run-ext-tests.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [workspace]');
  process.exit(2);
}
const extDev = resolve(flags.extensionDevelopmentPath);
const suite = resolve(flags.extensionTestsPath);
const ws = positional[0] && resolve(positional[0]);

const t0 = Date.now();
const log = (...a) => console.log(`[run-ext-tests ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

const run = newRun('exttest');
const cs = await startCodeServer(run, { smokeDriver: true, logFile: join(OUT, 'ext-host-code-server.log') });
log('code-server up at', cs.base, '| workspace:', ws ?? '(none)');
const { ctx, page, blocked } = await launchBrowser(run);
let code = 'timeout';
try {
  const exitCode = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
  // the workbench prints the extension host's console (our suite's log) into the page console
  const NOISE = /authentication provider|open-vsx|\[AgentHost|ChatModelSelection|AccountPolicyGate|DefaultAccount|Failed to load resource|ERR_BLOCKED_BY_CLIENT/;
  page.on('console', (m) => {
    const text = m.text().replace(/%c/g, '').replace(/\s*color: #\w+;?\s*/g, ' ');
    if (!NOISE.test(text)) console.log('[ext-host]', text.slice(0, 3000));
  });
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  const payload = JSON.stringify([['extensionDevelopmentPath', cs.remote(extDev)], ['extensionTestsPath', cs.remote(suite)]]);
  const folder = ws ? `folder=${encodeURIComponent(ws)}&` : '';
  await page.goto(`${cs.base}/?${folder}payload=${encodeURIComponent(payload)}`);
  code = await Promise.race([exitCode, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
  if (code !== 0) await page.screenshot({ path: join(OUT, 'ext-host-failure.png') }).catch(() => {});
} finally {
  await ctx.close().catch(() => {});
  cs.stop();
}
if (blocked.length) log('blocked non-loopback requests:', blocked.join(' '));
log('extension tests finished, exit code =', code);
rmSync(run, { recursive: true, force: true });
process.exit(code === 0 ? 0 : 1);
