// Test helper: a small throw-away PKI (ECDSA P-256) made with the openssl CLI
// (installed by scripts/setup-test-deps.sh) in a temporary directory, for the
// matcher and prober unit tests. `openssl ca` lets us set any validity window.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DAY = 86400_000;
const stamp = (d) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

export function makePki() {
  const dir = mkdtempSync(join(tmpdir(), 'dz-pki-'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), `[ ca ]\ndefault_ca = t\n[ t ]\ndir = ${dir}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir\nserial = $dir/serial\ndefault_md = sha256\npolicy = pol\nunique_subject = no\n[ pol ]\ncommonName = supplied\n`);
  const ossl = (...args) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  let n = 0;
  /** issue a certificate; issuer = a previous result or undefined (self-signed); ext = the whole
   *  extension text (openssl -extfile syntax) instead of the one `ca`/`sans` make */
  const issue = (cn, { issuer, ca = false, ext: extText, sans = [], notBefore = new Date(Date.now() - DAY), notAfter = new Date(Date.now() + 90 * DAY) } = {}) => {
    const id = `c${n++}`;
    ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${id}.key`);
    ossl('req', '-new', '-key', `${id}.key`, '-subj', `/CN=${cn}`, '-out', `${id}.csr`);
    const ext = extText ?? (ca ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
      : `basicConstraints=critical,CA:FALSE\n${sans.length ? `subjectAltName=${sans.map((s) => `DNS:${s}`).join(',')}\n` : ''}`);
    writeFileSync(join(dir, `${id}.ext`), ext);
    const signer = issuer ? ['-cert', issuer.crtPath, '-keyfile', issuer.keyPath] : ['-selfsign', '-keyfile', `${id}.key`];
    ossl('ca', '-batch', '-notext', '-config', 'ca.cnf', ...signer, '-in', `${id}.csr`, '-out', `${id}.crt`,
      '-startdate', stamp(notBefore), '-enddate', stamp(notAfter), '-extfile', `${id}.ext`);
    const pem = readFileSync(join(dir, `${id}.crt`), 'utf8');
    return { pem, der: new X509Certificate(pem).raw, keyPem: readFileSync(join(dir, `${id}.key`), 'utf8'), crtPath: join(dir, `${id}.crt`), keyPath: join(dir, `${id}.key`) };
  };
  return { issue, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
