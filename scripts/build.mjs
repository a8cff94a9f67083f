// Bundles the extension client, the language server and the CLI with esbuild.
// `vscode` stays external: the editor provides it at run time.
import { readFileSync } from 'node:fs';
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

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // daneZone/checkFile's worker thread (the server starts it from its own folder)
  build({ ...common, entryPoints: ['server/src/check-worker.ts'], outfile: 'dist/check-worker.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The zone core, for unit tests and benchmarks that call it without a server.
  build({ ...common, entryPoints: ['server/src/index.ts'], outfile: 'dist/core.js' }),
]);
