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

/** Compiles `name`'s bundle as its start does, runs it with `argv`, and writes the cache when the
 *  process ends with one of `okCodes`. */
function runAndCache(name, argv, okCodes) {
  const startJs = join(root, 'dist', `${name}.js`);
  const start = createRequire(import.meta.url)(startJs);
  const bundleFile = start.CLI_BUNDLE, cacheFile = start.CLI_CACHE;
  const bundle = start.compileBundle(bundleFile, undefined);
  if (!bundle.key) throw new Error(`${bundleFile} has no code-cache-key line`);
  process.argv = [process.execPath, startJs, ...argv];
  process.once('exit', (code) => {
    if (!okCodes.includes(code)) {
      process.stderr.write(`code-cache: the ${name} run ended with exit code ${code}\n`);
      process.exitCode = 1;
      return;
    }
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(start.cacheHeader(bundle.key), 'latin1'), bundle.script.createCachedData()]));
    renameSync(tmp, cacheFile);
    process.exitCode = 0;
  });
  bundle.run(createRequire(startJs), { exports: {} });
}

if (what === 'cli') runAndCache('cli', ['check', sample], [0, 1]); // 1: the sample's findings
else {
  const cli = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (cli.status !== 0) throw new Error(`code-cache: the cli run ended with exit code ${cli.status}`);
}
