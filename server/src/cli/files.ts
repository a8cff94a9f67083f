// File access for the CLI: $INCLUDE and certificate links, relative to the
// including file, optionally confined to a root folder (--root).
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { IncludeResult } from '../zone/parser';
import { isZoneFileName } from '../zone/origin-hint';
import { CERT_MAX_BYTES, INCLUDE_MAX_BYTES, regularFileError } from '../read-zone-file';

/** The path with its links resolved, or as given (absolute) when it does not exist. */
export function realOrResolved(path: string): string {
  try { return realpathSync(path); } catch { return resolve(path); }
}

export function insideRoot(path: string, root: string | undefined): boolean {
  if (!root) return true;
  // both with their links resolved: a root given as a link (or under macOS's /tmp) is the folder it names
  const real = realOrResolved(path);
  const r = realOrResolved(root);
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
      if (!e.name.startsWith('.')) for (const f of zoneFilesIn(path, skipped)) out.push(f);
    } else if (isZoneFileName(e.name) && (e.isFile() || (e.isSymbolicLink() && isFileAt(path)))) {
      const binary = binaryFileNote(path);
      if (binary) skipped.push(`${path}: ${binary}`);
      else out.push(path);
    } else if (e.isSymbolicLink() && !e.name.startsWith('.')) {
      // said, not silently passed over: a CI job would otherwise pass without checking them
      if (isFolderAt(path)) skipped.push(`${path}: a link to a folder, not followed (name the folder itself to check it)`);
      else if (isZoneFileName(e.name)) skipped.push(`${path}: a link to nothing that can be read`);
    } else if (isZoneFileName(e.name) && !e.isFile()) {
      skipped.push(`${path}: not a regular file (a FIFO, device or socket)`);
    }
  }
  return out;
}

/** Why a zone file is not one in text, or undefined: BIND writes inline-signed zones in its
 *  binary raw format by default (db.x.signed), no master file to read as text. */
export function binaryFileNote(path: string): string | undefined {
  return isBinary(path) ? "a binary file (BIND's raw or map format?), not a zone file in text" : undefined;
}

/** NUL bytes in the first 4 KiB: BIND's raw format starts with its header's zero bytes; a text
 *  zone with a stray NUL or two is read as text, so its findings say where they are. */
function isBinary(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let nuls = 0;
    for (let i = 0; i < n && nuls < 4; i++) if (buf[i] === 0) nuls++;
    return nuls >= 4;
  } catch {
    return false; // unreadable: the check says so when it reads it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isFileAt(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

function isFolderAt(path: string): boolean {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

export function makeIncludeReader(root: string | undefined) {
  return (fromFile: string, path: string): IncludeResult | { error: string } => {
    const full = resolve(dirname(fromFile), path);
    if (!insideRoot(full, root)) return { error: `refused: ${full} is outside ${root}` };
    const bad = regularFileError(full, INCLUDE_MAX_BYTES);
    if (bad) return { error: bad };
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
    const bad = regularFileError(full, CERT_MAX_BYTES);
    if (bad) return { error: bad };
    try {
      return { bytes: readFileSync(full), path: full };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${full}` : `cannot read ${full}: ${(e as Error).message}` };
    }
  };
}

/** How output names a file an $INCLUDE of zone file `zonePath` (given as `zoneShownAs`) reached:
 *  relative to the current folder, or by its full path when the zone file was given by one, or
 *  when it lies outside the current folder and the zone does not (`$INCLUDE /etc/bind/keys.inc`:
 *  its full path, not ../../..). */
export function includedFileShown(id: string, zonePath: string, zoneShownAs: string): string {
  if (id === zonePath) return zoneShownAs;
  const rel = relative(process.cwd(), id);
  const outside = rel.startsWith('..') && !relative(process.cwd(), zonePath).startsWith('..');
  return isAbsolute(zoneShownAs) || !rel || outside ? id : rel;
}
