// Bundles the extension client, the language server and the CLI with esbuild.
// `vscode` stays external: the editor provides it at run time. The CLI's bundle then gets its
// V8 code cache (scripts/code-cache.mjs). The server runs as Node loads it: started through
// vm.Script, as the CLI is, it opened the 100k bench zone 12-13% slower, cache or not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// One version for the CLI's --version and the server's serverInfo: package.json's.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  define: { DANE_ZONE_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: process.env.DANE_ZONE_SOURCEMAP === '1' ? 'linked' : false,
  logLevel: 'warning',
};

// a cache left from an earlier build must never sit next to a new bundle
rmSync('dist/cli-main.cache', { force: true });

// The CLI runs from a code cache: dist/cli-main.js, started by dist/cli.js
const mains = { cli: 'server/src/cli/main.ts' };
// A bundle's first line names it (a hash of its text): a cache file made for another bundle
// is never handed to V8, which compares only the source's length. Written as a placeholder of
// the same length first, so that a source map stays true.
const KEY_PLACEHOLDER = `// code-cache-key ${'0'.repeat(32)}`;
const mainBuilds = Object.entries(mains).map(([name, entry]) => build({ ...common, entryPoints: [entry], outfile: `dist/${name}-main.js`, write: false, banner: { js: KEY_PLACEHOLDER } }));
await Promise.all([
  ...mainBuilds,
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // daneZone/checkFile's worker thread (the server starts it from its own folder)
  build({ ...common, entryPoints: ['server/src/check-worker.ts'], outfile: 'dist/check-worker.js' }),
  // `dane-zone`: a small start that runs the CLI's bundle with its code cache (code-cache.ts)
  build({
    ...common,
    entryPoints: ['server/src/cli/start.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The zone core, for unit tests and benchmarks that call it without a server.
  build({ ...common, entryPoints: ['server/src/index.ts'], outfile: 'dist/core.js' }),
]);

for (const main of mainBuilds) {
  for (const out of (await main).outputFiles) {
    if (!out.path.endsWith('.js')) writeFileSync(out.path, out.contents); // a source map
    else {
      const key = createHash('sha256').update(out.text).digest('hex').slice(0, 32);
      writeFileSync(out.path, out.text.replace(KEY_PLACEHOLDER, `// code-cache-key ${key}`));
    }
  }
}
// made by a plain node: NODE_OPTIONS' V8 flags would make V8 refuse the caches without them
const env = { ...process.env };
delete env.NODE_OPTIONS;
const cache = spawnSync(process.execPath, ['scripts/code-cache.mjs'], { stdio: ['ignore', 'ignore', 'inherit'], env });
if (cache.status !== 0) {
  console.error(`build: the code cache was not made (exit ${cache.status ?? cache.signal})`);
  process.exit(1);
}
