// Starts one code-server (real VS Code 1.139 served to a browser, Node extension host)
// on a free loopback port, with a private user-data dir, extensions dir and TMPDIR,
// settings that keep it quiet and offline, and the extension gallery pointed at a
// closed loopback port so nothing reaches out. Stop kills its whole process group.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER, NODE24_BIN, RUNS } from './env.mjs';

export function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'editor.minimap.enabled': false,
  // the untitled-file language guesser loads a model that fails in code-server's web worker
  'workbench.editor.languageDetection': false,
  'editor.hover.delay': 200,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
};

// no gallery requests leave the machine: a closed loopback port answers them
const CLOSED = 'http://127.0.0.1:9';
const GALLERY = JSON.stringify({ serviceUrl: `${CLOSED}/gallery`, itemUrl: `${CLOSED}/item`, resourceUrlTemplate: `${CLOSED}/{publisher}/{name}/{version}/{path}` });

/** A fresh run folder with user data, extensions dir and config. */
export function newRun(prefix, settings = {}) {
  const run = mkdtempSync(join(RUNS, `${prefix}-`));
  mkdirSync(join(run, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(run, 'extensions'), { recursive: true });
  mkdirSync(join(run, 'tmp'), { recursive: true });
  writeFileSync(join(run, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  writeFileSync(join(run, 'config.yaml'), 'auth: none\ncert: false\n');
  return run;
}

export function codeServerEnv(run) {
  // TMPDIR keeps code-server's vscode-ipc-*.sock files inside the run folder
  return { ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}`, TMPDIR: join(run, 'tmp'), EXTENSIONS_GALLERY: GALLERY };
}

export function baseArgs(run) {
  return ['--config', join(run, 'config.yaml'), '--user-data-dir', join(run, 'user-data'), '--extensions-dir', join(run, 'extensions')];
}

/**
 * Starts code-server; resolves when /healthz answers.
 * smokeDriver: lets the page URL carry extensionDevelopmentPath/extensionTestsPath (the test payload).
 * workspaceTrust: keep VS Code's workspace trust (folders open in Restricted Mode).
 */
export async function startCodeServer(run, { smokeDriver = false, logFile, timeoutMs = 90000, workspaceTrust = false } = {}) {
  const port = await freePort();
  const args = [...baseArgs(run), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override'];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const cs = spawn(CODE_SERVER, args, { env: codeServerEnv(run), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile ?? join(run, 'code-server.log'));
  cs.stdout.pipe(log); cs.stderr.pipe(log);
  let exited = null;
  cs.on('exit', (code) => { exited = code ?? 'signal'; });
  const stop = () => { if (exited === null) { try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* already gone */ } } };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy; see ${logFile ?? join(run, 'code-server.log')}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() - t0 > timeoutMs) { stop(); throw new Error('code-server did not become healthy'); }
    await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for an outcome
  }
  return { base, port, pid: cs.pid, stop, remote: (p) => `vscode-remote://127.0.0.1:${port}${p}` };
}
