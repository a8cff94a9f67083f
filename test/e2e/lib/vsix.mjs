// Builds the .vsix a user installs (vsce, offline, no dependencies: the bundles
// carry them) and installs it into a code-server extensions dir.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, STATE, CODE_SERVER } from './env.mjs';
import { baseArgs, codeServerEnv } from './code-server.mjs';

export const VSIX = join(STATE, 'dane-zone.vsix');
const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Packages the extension once per e2e run (re-used when newer than the bundles and manifest). */
export function buildVsix() {
  const inputs = ['package.json', 'dist/client.js', 'dist/server.js', 'dist/check-worker.js', 'README.md', '.vscodeignore'].map((f) => join(ROOT, f));
  const fresh = existsSync(VSIX) && inputs.every((f) => statSync(f).mtimeMs <= statSync(VSIX).mtimeMs);
  if (!fresh) execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', VSIX], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return VSIX;
}

/** Files vsce puts in the package. */
export function vsixFiles() {
  return execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

export function installVsix(run, vsix = buildVsix()) {
  return execFileSync(CODE_SERVER, [...baseArgs(run), '--install-extension', vsix], { env: codeServerEnv(run), encoding: 'utf8' });
}
