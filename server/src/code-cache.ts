// Runs a CommonJS bundle of dist/ with the V8 code cache the build wrote next to it
// (scripts/code-cache.mjs): the functions a check compiled in the build's run come compiled,
// so a start skips parsing the bundle and compiling them again (Node 20 has no
// module.enableCompileCache). The cache is only read here, never written: a cache that is
// missing, made for another bundle, or rejected by V8 (another Node or Electron version, other
// V8 flags such as --max-old-space-size) leaves the bundle compiled as Node would compile it.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** How the cache was taken: used, refused by V8 or made for another bundle, or not there. */
export type CodeCacheState = 'accepted' | 'rejected' | 'stale' | 'missing';

/** The bundle's first line, written by the build: the key its cache file starts with. */
const KEY_LINE = /^\/\/ code-cache-key ([0-9a-f]+)\n/;

/** The cache file's first bytes: `dane-zone-code-cache <key>\n`, then V8's data. */
export function cacheHeader(key: string): string {
  return `dane-zone-code-cache ${key}\n`;
}

/** The bundle wrapped as Node wraps a CommonJS module; the cache is made from this exact text. */
function wrapBundle(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

export interface CompiledBundle {
  script: Script;
  /** the key of the bundle's first line ('' when it has none) */
  key: string;
  cache: CodeCacheState;
  /** runs the bundle's top level as the module `mod`, requiring through `req` */
  run(req: NodeJS.Require, mod: NodeJS.Module): void;
}

export function compileBundle(file: string, cacheFile: string | undefined): CompiledBundle {
  const source = readFileSync(file, 'utf8');
  const key = KEY_LINE.exec(source)?.[1] ?? '';
  let cachedData: Buffer | undefined;
  let cache: CodeCacheState = 'missing';
  if (cacheFile !== undefined && key) {
    try {
      const bytes = readFileSync(cacheFile);
      const header = cacheHeader(key);
      // V8 checks only the source's length: a cache of another build must not reach it
      if (bytes.length > header.length && bytes.toString('latin1', 0, header.length) === header) cachedData = bytes.subarray(header.length);
      else cache = 'stale';
    } catch {
      // no cache: compiled as Node would
    }
  }
  const script = new Script(wrapBundle(source), { filename: file, cachedData });
  if (cachedData !== undefined) cache = script.cachedDataRejected ? 'rejected' : 'accepted';
  return {
    script,
    key,
    cache,
    run(req, mod) {
      script.runInThisContext()(mod.exports, req, mod, file, dirname(file));
    },
  };
}
