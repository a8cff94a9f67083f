// Neovim (Debian, headless) as a second LSP client of `node dist/server.js --stdio`:
// proves the server serves any editor, not only VS Code. A script that stops on an error
// leaves Neovim running: the `cquit 2` after it ends Neovim with a failure at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, RUNS, requireTools, timer } from './lib/env.mjs';

test('Neovim LSP client: diagnostics, hover, an edit that clears a diagnostic', (t) => {
  const skip = requireTools(['nvim']);
  if (skip) return t.skip(skip);
  const dir = mkdtempSync(join(RUNS, 'nvim-'));
  const zone = join(dir, 'check.zone');
  copyFileSync(join(ROOT, 'test', 'e2e', 'nvim', 'check.zone'), zone);
  const elapsed = timer();
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'e2e', 'nvim', 'lsp-check.lua')}`, '-c', 'cquit 2'], {
    env: { ...process.env, SERVER: join(ROOT, 'dist', 'server.js'), ZONE: zone }, encoding: 'utf8', timeout: 90000, cwd: dir,
  });
  const out = `${r.stdout}${r.stderr}`;
  console.log(out.trim());
  console.log(`# neovim check: ${elapsed()} s`);
  assert.equal(r.status, 0, 'nvim reported failures');
  assert.match(out, /ALL PASSED/);
});

test('Neovim LSP client: a long zone\'s work-done progress, then its diagnostics', (t) => {
  const skip = requireTools(['nvim']);
  if (skip) return t.skip(skip);
  const dir = mkdtempSync(join(RUNS, 'nvim-'));
  const zone = join(dir, 'long.zone');
  // over the server's SLICED_MIN_LINES (200 000): analysed in turns, with progress
  const lines = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026112801 7200 3600 1209600 300 )', '  IN NS ns1', 'ns1 IN A 192.0.2.1'];
  const fault = 123_456;
  while (lines.length < 210_000) lines.push(lines.length === fault ? 'bad IN A 192.0.2.300' : `h${lines.length} IN A 192.0.2.${(lines.length % 250) + 1}`);
  writeFileSync(zone, lines.join('\n') + '\n');
  const elapsed = timer();
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(ROOT, 'test', 'e2e', 'nvim', 'lsp-progress.lua')}`, '-c', 'cquit 2'], {
    env: { ...process.env, SERVER: join(ROOT, 'dist', 'server.js'), ZONE: zone, FAULT_LINE: String(fault) }, encoding: 'utf8', timeout: 150000, cwd: dir,
  });
  const out = `${r.stdout}${r.stderr}`;
  console.log(out.trim());
  console.log(`# neovim long zone: ${elapsed()} s`);
  assert.equal(r.status, 0, 'nvim reported failures');
  assert.match(out, /ALL PASSED/);
});
