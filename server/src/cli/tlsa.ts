// dane-zone tlsa <cert-file> [--usage 3 --selector 1 --mtype 1] [--owner NAME]:
// prints the TLSA record a certificate (or public key) file publishes, computed
// exactly as the editor's quick-fixes do. Facts about the certificate go to
// stderr so stdout stays one record line for scripts. Exit 0, or 3 for a usage error, an
// unreadable file or a record the file cannot give (e.g. usage 2 without the issuer).
import { readFileSync } from 'node:fs';
import { readCertMaterial } from '../cert/cert-file';
import { buildTlsa, smtpTlsaOwner, tlsaLabel } from '../cert/build-record';
import { certHostName, describeCertificate, keyLabel } from '../cert/describe';
import { isoDay } from '../cert/expiry';
import { domainNameError, EXIT_USAGE, printable, splitOption } from './args';

const USAGE = 'usage: dane-zone tlsa <cert-file> [--usage 3 --selector 1 --mtype 1] [--owner NAME]\n';

interface TlsaArgs {
  file: string;
  usage: number;
  selector: number;
  matchingType: number;
  owner?: string;
}

function parseArgs(args: string[]): TlsaArgs | string {
  const out: Partial<TlsaArgs> = { usage: 3, selector: 1, matchingType: 1 };
  const num: Record<string, 'usage' | 'selector' | 'matchingType'> = { '--usage': 'usage', '--selector': 'selector', '--mtype': 'matchingType', '--matching-type': 'matchingType' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = splitOption(args[i]);
    if (flag in num || flag === '--owner') {
      const v = inline ?? args[++i];
      if (v === undefined) return `${flag} needs a value`;
      if (flag === '--owner') {
        const bad = domainNameError('--owner', v);
        if (bad) return bad;
        out.owner = v;
      }
      else if (!/^\d+$/.test(v)) return `${flag} ${v}: not a number`;
      else out[num[flag]] = Number(v);
    } else if (flag.startsWith('-') && flag !== '-') {
      return `unknown option ${printable(args[i])}`;
    } else if (out.file === undefined) {
      out.file = flag;
    } else {
      return `unexpected argument '${flag}' (one certificate file at a time)`;
    }
  }
  if (out.file === undefined) return 'missing <cert-file>';
  return out as TlsaArgs;
}

export async function tlsaMain(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const a = parseArgs(args);
  if (typeof a === 'string') {
    process.stderr.write(`dane-zone tlsa: ${a}\n${USAGE}`);
    return EXIT_USAGE;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(a.file);
  } catch (e) {
    process.stderr.write(`dane-zone tlsa: cannot read ${a.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return EXIT_USAGE;
  }
  const m = readCertMaterial(bytes, a.file);
  if ('error' in m) {
    process.stderr.write(`dane-zone tlsa: ${m.error}\n`);
    return EXIT_USAGE;
  }
  const built = buildTlsa(m, a);
  if ('error' in built) {
    process.stderr.write(`dane-zone tlsa: ${built.error}\n`);
    return EXIT_USAGE;
  }
  for (const n of m.notes) process.stderr.write(`dane-zone tlsa: note: ${n}\n`);
  // the record is for _25._tcp (SMTP), where senders do not use these usages: printed as asked,
  // with the word an operator needs before publishing it
  if (a.usage === 0 || a.usage === 1) {
    process.stderr.write(`dane-zone tlsa: warning: usage ${a.usage} (${a.usage === 0 ? 'PKIX-TA' : 'PKIX-EE'}) is unusable for SMTP: DANE senders treat such records as unusable (RFC 7672 §3.1.3), so this one protects nothing; use 3 (DANE-EE) or 2 (DANE-TA)\n`);
  }
  let owner = a.owner ? smtpTlsaOwner(a.owner) : undefined;
  const cert = m.certs[built.certIndex];
  if (cert) {
    const f = describeCertificate(cert);
    if (!owner) {
      const host = certHostName(m.certs[0]);
      if ('host' in host) owner = smtpTlsaOwner(host.host);
      else process.stderr.write(`dane-zone tlsa: no owner name: the certificate names no host name (${host.why}); give it with --owner mail.example.com\n`);
    }
    process.stderr.write(`; ${tlsaLabel(a)} from ${built.certIndex === 0 ? 'leaf' : 'issuer'} ${f.subject}, ${keyLabel(f.key)}, valid ${isoDay(f.notBefore)} to ${isoDay(f.notAfter)}\n`);
  }
  if (!owner && !cert) process.stderr.write('dane-zone tlsa: no owner name: a public key names no host; give it with --owner mail.example.com\n');
  process.stdout.write(`${owner ? `${owner} ` : ''}IN TLSA ${built.rdata}\n`);
  return 0;
}
