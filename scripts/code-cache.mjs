// Writes the V8 code cache of the CLI's bundle, dist/cli-main.cache (server/src/code-cache.ts
// reads it). The bundle is compiled and run as dist/cli.js runs it, in a child process
// (`code-cache.mjs cli`), checking the sample zone; the cache is taken after that, so it holds
// the functions the run compiled and not only the bundle's top level. The run is small on purpose: a cache taken after
// a check of 2000 records, where V8 had begun to optimise, made the 100k check 4-11% slower in
// three interleaved series (a cache of the top level alone, or after the sample, did not).
// Run by scripts/build.mjs with the V8 flags the bundles run with (others: V8 refuses it).
import { spawnSync } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'samples', 'example.zone');
const [, , what] = process.argv;

/** Compiles the CLI's bundle as dist/cli.js does, checks the sample zone with it, and writes the
 *  cache when the check ends as a check does (0, or 1: the sample's findings). */
function runAndCache() {
  const startJs = join(root, 'dist', 'cli.js');
  const start = createRequire(import.meta.url)(startJs);
  const bundle = start.compileBundle(start.CLI_BUNDLE, undefined);
  if (!bundle.key) throw new Error(`${start.CLI_BUNDLE} has no code-cache-key line`);
  process.argv = [process.execPath, startJs, 'check', sample];
  process.once('exit', (code) => {
    if (code !== 0 && code !== 1) {
      process.stderr.write(`code-cache: the cli run ended with exit code ${code}\n`);
      process.exitCode = 1;
      return;
    }
    const tmp = `${start.CLI_CACHE}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(start.cacheHeader(bundle.key), 'latin1'), bundle.script.createCachedData()]));
    renameSync(tmp, start.CLI_CACHE);
    process.exitCode = 0;
  });
  bundle.run(createRequire(startJs), { exports: {} });
}

if (what === 'cli') runAndCache();
else {
  // in a child: the run must start from a fresh process, as `dane-zone` does
  const cli = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (cli.status !== 0) throw new Error(`code-cache: the cli run ended with exit code ${cli.status}`);
}
