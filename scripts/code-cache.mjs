// Writes the V8 code caches of the CLI's and the server's bundles, dist/cli-main.cache and
// dist/server-main.cache (server/src/code-cache.ts reads them). Each bundle is compiled and run
// as dist/cli.js or dist/server.js runs it, in a child process (`code-cache.mjs cli|server`):
// the CLI checks the sample zone, the server opens it over stdio, answers a hover and a
// completion and shuts down; the cache is taken after that, so it holds the functions the run
// compiled and not only the bundle's top level. The run is small on purpose: a cache taken after
// a check of 2000 records, where V8 had begun to optimise, made the 100k check 4-11% slower in
// three interleaved series (a cache of the top level alone, or after the sample, did not).
// Run by scripts/build.mjs with the V8 flags the bundles run with (others: V8 refuses it).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sample = join(root, 'samples', 'example.zone');
const [, , what] = process.argv;

/** Compiles `name`'s bundle as its start does, runs it with `argv`, and writes the cache when the
 *  process ends with one of `okCodes`. */
function runAndCache(name, argv, okCodes) {
  const startJs = join(root, 'dist', `${name}.js`);
  const start = createRequire(import.meta.url)(startJs);
  const [bundleFile, cacheFile] = name === 'cli' ? [start.CLI_BUNDLE, start.CLI_CACHE] : [start.SERVER_BUNDLE, start.SERVER_CACHE];
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

/** Talks to `code-cache.mjs server` over its stdio as an editor would. */
async function driveServer() {
  const rpc = await import('vscode-languageserver-protocol/node');
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'server'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(sample).href;
  const published = new Promise((res) => conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => { if (p.uri === uri) res(); }));
  conn.listen();
  const folder = pathToFileURL(dirname(sample)).href;
  await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'samples' }], capabilities: {} });
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dns-zone', version: 1, text: readFileSync(sample, 'utf8') } });
  await published;
  const lines = readFileSync(sample, 'utf8').split('\n');
  const line = lines.findIndex((l) => /\sTLSA\s/.test(l));
  const character = lines[line].indexOf('TLSA');
  await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  await conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  const code = await exited;
  conn.dispose();
  if (code !== 0) throw new Error(`code-cache: the server run ended with exit code ${code}`);
}

if (what === 'cli') runAndCache('cli', ['check', sample], [0, 1]); // 1: the sample's findings
else if (what === 'server') runAndCache('server', ['--stdio'], [0]);
else {
  const cli = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (cli.status !== 0) throw new Error(`code-cache: the cli run ended with exit code ${cli.status}`);
  await driveServer();
}
