// Neovim (Debian, headless) as a second LSP client of `node dist/server.js --stdio`:
// proves the server serves any editor, not only VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, RUNS, requireTools, timer } from './lib/env.mjs';

test('Neovim LSP client: diagnostics, hover, an edit that clears a diagnostic', (t) => {
  const skip = requireTools(['nvim']);
  if (skip) return t.skip(skip);
  const dir = mkdtempSync(join(RUNS, 'nvim-'));
  const zone = join(dir, 'check.zone');
  copyFileSync(join(ROOT, 'test', 'e2e', 'nvim', 'check.zone'), zone);
  const elapsed = timer();
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'e2e', 'nvim', 'lsp-check.lua')}`], {
    env: { ...process.env, SERVER: join(ROOT, 'dist', 'server.js'), ZONE: zone }, encoding: 'utf8', timeout: 90000, cwd: dir,
  });
  const out = `${r.stdout}${r.stderr}`;
  console.log(out.trim());
  console.log(`# neovim check: ${elapsed()} s`);
  assert.equal(r.status, 0, 'nvim reported failures');
  assert.match(out, /ALL PASSED/);
});
