// Server modules that dist/core.js does not export (the editor's ZoneStore, FirstDiagnostics),
// bundled from their TypeScript source for a test, into a folder removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The module whose source is `exports` (export lines, paths from the repository's root). */
export async function fromSource(t, exports) {
  const dir = mkdtempSync(join(tmpdir(), 'dz-src-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'bundle.cjs');
  await build({ stdin: { contents: exports, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
  return createRequire(import.meta.url)(out);
}
