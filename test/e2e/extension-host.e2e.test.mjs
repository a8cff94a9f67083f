// The extension-host suite (test/e2e/suite) run through @vscode/test-electron's
// runTests(), with vscodeExecutablePath = run-ext-tests.mjs, a shim that runs the
// suite in code-server; on a desktop with internet, drop vscodeExecutablePath and
// the same call downloads and uses desktop VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, requireTools, timer } from './lib/env.mjs';
import { newRun } from './lib/code-server.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { startLab } from './lib/lab.mjs';

const require = createRequire(import.meta.url);

test('extension-host suite in VS Code (code-server) via @vscode/test-electron runTests', { timeout: 600000 }, async (t) => {
  const skip = requireTools(['code-server', 'chromium', 'openssl']);
  if (skip) return t.skip(skip);
  const { runTests } = require('@vscode/test-electron');
  const lab = startLab();
  t.after(() => lab.stop());
  if (lab.error) console.log(`# lab: ${lab.error}`);
  const run = newRun('suite');
  const ws = makeWorkspace(run, lab);
  const elapsed = timer();
  const code = await runTests({
    vscodeExecutablePath: join(ROOT, 'test', 'e2e', 'run-ext-tests.mjs'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [ws],
  }).catch((e) => { throw new Error(`the extension-host suite failed (see [suite] lines above): ${e.message ?? e}`); });
  console.log(`# extension-host suite: ${elapsed()} s`);
  assert.equal(code, 0);
});
