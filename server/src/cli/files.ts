// File access for the CLI: $INCLUDE and certificate links, relative to the
// including file, optionally confined to a root folder (--root).
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { IncludeResult } from '../zone/parser';
import { isZoneFileName } from '../zone/origin-hint';

export function insideRoot(path: string, root: string | undefined): boolean {
  if (!root) return true;
  let real: string;
  try { real = realpathSync(path); } catch { real = resolve(path); }
  const r = resolve(root);
  return real === r || real.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** The zone files below folder `dir` (isZoneFileName), depth first in name order, named from
 *  `dir` as given. Hidden folders (.git) and links to folders are not entered; links to files
 *  are followed. An unreadable folder throws. */
export function zoneFilesIn(dir: string, skipped: string[] = []): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...zoneFilesIn(path, skipped));
    } else if (isZoneFileName(e.name) && (e.isFile() || (e.isSymbolicLink() && isFileAt(path)))) {
      // BIND writes inline-signed zones in its binary raw format by default (db.x.signed):
      // no master file to read as text
      if (isBinary(path)) skipped.push(`${path}: a binary file (BIND's raw or map format?), not a zone file in text`);
      else out.push(path);
    }
  }
  return out;
}

/** A NUL byte in the first 4 KiB: no zone file in text has one (BIND's raw format starts with them). */
function isBinary(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  } catch {
    return false; // unreadable: the check says so when it reads it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isFileAt(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
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
