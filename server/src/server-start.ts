// The language server's entry, dist/server.js (`node dist/server.js --stdio`; VS Code forks it
// over ipc): runs the server's bundle, dist/server-main.js, with the V8 code cache the build
// made for it (code-cache.ts). VS Code's Electron has another V8 and refuses a cache Node made:
// the bundle is then compiled as before, so the package does not carry the cache.
import { join } from 'node:path';
import { cacheHeader, compileBundle } from './code-cache';

export { cacheHeader, compileBundle };

export const SERVER_BUNDLE = join(__dirname, 'server-main.js');
export const SERVER_CACHE = join(__dirname, 'server-main.cache');

// required (by the build's cache run and by tests) it only lends compileBundle
if (require.main === module) compileBundle(SERVER_BUNDLE, process.env.DANE_ZONE_CODE_CACHE === 'off' ? undefined : SERVER_CACHE).run(require, module);
