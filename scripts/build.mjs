// Bundles the extension client, the language server and the CLI with esbuild.
// `vscode` stays external: the editor provides it at run time.
import { build } from 'esbuild';

const common = {
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
  build({
    ...common,
    entryPoints: ['server/src/cli/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // The zone core, for unit tests and benchmarks that call it without a server.
  build({ ...common, entryPoints: ['server/src/index.ts'], outfile: 'dist/core.js' }),
]);
