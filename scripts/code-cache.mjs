// Writes dist/cli-main.cache, the V8 code cache of the CLI's bundle (server/src/code-cache.ts
// reads it): the bundle is compiled and run as dist/cli.js runs it, checking the sample zone,
// and the cache is taken after that run, so it holds the functions a check compiles and not
// only the bundle's top level. The sample is small on purpose: a cache taken after a check of
// 2000 records, where V8 had begun to optimise, made the 100k check 4-11% slower in three
// interleaved series (a cache of the top level alone, or after the sample, did not). Run by
// scripts/build.mjs with the node and V8 flags the CLI runs with (others: V8 refuses it).
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliJs = join(root, 'dist', 'cli.js');
const { compileBundle, cacheHeader, CLI_BUNDLE, CLI_CACHE } = createRequire(import.meta.url)(cliJs);

const bundle = compileBundle(CLI_BUNDLE, undefined);
if (!bundle.key) throw new Error(`${CLI_BUNDLE} has no code-cache-key line`);
process.argv = [process.execPath, cliJs, 'check', join(root, 'samples', 'example.zone')];
bundle.run(createRequire(cliJs), { exports: {} });
process.once('beforeExit', () => {
  // 0 or 1 (the sample's findings); anything else is a CLI that cannot check
  if (process.exitCode !== 0 && process.exitCode !== 1) {
    console.error(`code-cache: the check ended with exit code ${process.exitCode}`);
    process.exitCode = 1;
    return;
  }
  const tmp = `${CLI_CACHE}.${process.pid}`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(cacheHeader(bundle.key), 'latin1'), bundle.script.createCachedData()]));
  renameSync(tmp, CLI_CACHE);
  process.exitCode = 0;
});
