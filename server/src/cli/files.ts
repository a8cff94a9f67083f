// File access for the CLI: $INCLUDE and certificate links, relative to the
// including file, optionally confined to a root folder (--root).
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import type { IncludeResult } from '../zone/parser';

export function insideRoot(path: string, root: string | undefined): boolean {
  if (!root) return true;
  let real: string;
  try { real = realpathSync(path); } catch { real = resolve(path); }
  const r = resolve(root);
  return real === r || real.startsWith(r.endsWith(sep) ? r : r + sep);
}

export function makeIncludeReader(root: string | undefined) {
  return (fromFile: string, path: string): IncludeResult | { error: string } => {
    const full = resolve(dirname(fromFile), path);
    if (!insideRoot(full, root)) return { error: `refused: ${full} is outside ${root}` };
    try {
      return { id: full, text: readFileSync(full, 'utf8') };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${full}` : `cannot read ${full}: ${(e as Error).message}` };
    }
  };
}

export function makeFileReader(root: string | undefined) {
  return (fromFile: string, relPath: string): { bytes: Uint8Array; path: string } | { error: string } => {
    const full = resolve(dirname(fromFile), relPath);
    if (!insideRoot(full, root)) return { error: `refused: ${full} is outside ${root}` };
    try {
      return { bytes: readFileSync(full), path: full };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${full}` : `cannot read ${full}: ${(e as Error).message}` };
    }
  };
}
