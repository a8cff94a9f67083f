// Prepares a scratch copy of the e2e fixture workspace (tests edit it freely;
// the repository's fixtures are never written), with a freshly generated
// certificate (no private key is committed) and, when the loopback lab runs,
// its address in .e2e/lab.json and the workspace settings.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

export function makeWorkspace(run, lab) {
  const ws = join(run, 'ws');
  cpSync(join(ROOT, 'test', 'e2e', 'fixtures', 'workspace'), ws, { recursive: true });
  const key = join(run, 'mail.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key,
    '-out', join(ws, 'certs', 'mail.pem'), '-days', '365', '-subj', '/CN=mail.example.com', '-addext', 'subjectAltName=DNS:mail.example.com'],
  { stdio: 'ignore' });
  rmSync(key, { force: true });
  mkdirSync(join(ws, '.e2e'), { recursive: true });
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.e2e', 'lab.json'), JSON.stringify(lab?.info ?? { error: lab?.error ?? 'no lab' }, null, 2));
  const settings = { 'files.autoSave': 'off' };
  if (lab?.info) {
    settings['daneZone.resolvers'] = [lab.info.resolver];
    settings['daneZone.smtpPort'] = lab.info.smtpPort;
    // long enough that a run stuck on the lab's silent server is still going when the test cancels it
    settings['daneZone.validationTimeoutMs'] = 20000;
  }
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return ws;
}
