// `dane-zone` (dist/cli.js): starts the CLI's bundle, dist/cli-main.js, with the V8 code cache
// the build made for it (code-cache.ts). Kept to fs, path and vm: what it loads, every start pays.
import { join } from 'node:path';
import { cacheHeader, compileBundle } from '../code-cache';

export { cacheHeader, compileBundle };

/** The CLI's bundle and its cache, next to this file. */
export const CLI_BUNDLE = join(__dirname, 'cli-main.js');
export const CLI_CACHE = join(__dirname, 'cli-main.cache');

// required (by the build's cache run and by tests) it only lends compileBundle
if (require.main === module) compileBundle(CLI_BUNDLE, process.env.DANE_ZONE_CODE_CACHE === 'off' ? undefined : CLI_CACHE).run(require, module);
