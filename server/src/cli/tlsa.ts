// dane-zone tlsa <cert-file> [--usage 3 --selector 1 --mtype 1] [--owner NAME]:
// prints the TLSA record a certificate (or public key) file publishes, computed
// exactly as the editor's quick-fixes do: one line for each end-entity certificate of the
// file (an RSA and an ECDSA certificate: two). Facts about the certificates go to stderr so
// stdout holds only record lines for scripts. Exit 0, or 3 for a usage error, an
// unreadable file or a record the file cannot give (e.g. usage 2 without the issuer).
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';
import { readCertMaterial } from '../cert/cert-file';
import { buildTlsa, smtpTlsaOwner, tlsaLabel } from '../cert/build-record';
import { certHostName, describeCertificate, isHostName, keyLabel } from '../cert/describe';
import { isoDay } from '../cert/expiry';
import { tlsaRdata, type MatchingType, type Selector } from '../cert/tlsa-data';
import { aLabelForm, domainNameError, EXIT_USAGE, printable, splitOption } from './args';

const USAGE = 'usage: dane-zone tlsa <cert-file|-> [--usage 3 --selector 1 --mtype 1] [--owner NAME]\n';

interface TlsaArgs {
  file: string;
  usage: number;
  selector: number;
  matchingType: number;
  owner?: string;
}

/** An --owner no sender queries TLSA at: a wildcard, or a name that has no A-label form. */
function ownerError(owner: string): string | undefined {
  if (owner.split('.').some((l) => l.includes('*'))) {
    return `--owner: '${printable(owner)}' is a wildcard, but senders look up TLSA at _25._tcp.<MX host> for the host name itself (a wildcard there is not below _tcp: RFC 4592 §2.1.1); give the MX host's name`;
  }
  if (/[^\x00-\x7f]/.test(owner) && !domainToASCII(owner)) return `--owner: '${printable(owner)}' is not a valid internationalised domain name`;
  const bare = owner.replace(/\.$/, '').replace(/^_25\._tcp\./i, '');
  if (owner === '.' || bare === '') return "--owner: the root is no mail host; give the MX host's name, e.g. mail.example.com";
  if (isIP(bare) || /\.[0-9]+$/.test(bare)) return `--owner: '${printable(owner)}' is an IP address, not a host name: senders look up TLSA at _25._tcp.<MX host name> (RFC 7672 §2.2.3)`;
  return undefined;
}

/** The name senders query: an internationalised name in its A-label (xn--) form (RFC 5890 §2.3.2.1). */
function queriedName(owner: string): string {
  return aLabelForm(owner);
}

function parseArgs(args: string[]): TlsaArgs | string {
  const out: Partial<TlsaArgs> = { usage: 3, selector: 1, matchingType: 1 };
  const num: Record<string, 'usage' | 'selector' | 'matchingType'> = { '--usage': 'usage', '--selector': 'selector', '--mtype': 'matchingType', '--matching-type': 'matchingType' };
  let optionsEnd = false;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = splitOption(args[i]);
    // after '--' the argument is the file, also one named like an option
    if (!optionsEnd && flag === '--' && inline === undefined) { optionsEnd = true; continue; }
    if (optionsEnd) {
      if (out.file !== undefined) return `unexpected argument '${printable(args[i])}' (one certificate file at a time)`;
      out.file = args[i];
    } else if (flag in num || flag === '--owner') {
      const v = inline ?? args[++i];
      if (v === undefined) return `${flag} needs a value`;
      if (flag === '--owner') {
        const bad = domainNameError('--owner', v) ?? ownerError(v);
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

/** Warnings about a leaf a record is printed for: a CA given where the server's certificate
 *  belongs, expired, not yet valid. A self-signed certificate that names a host is a server's,
 *  whatever its basicConstraints say (`openssl req -x509` writes CA:TRUE; DANE-EE uses such). */
function leafNotes(f: ReturnType<typeof describeCertificate>, usage: number, now: Date, namesHost: boolean): void {
  if (f.ca && !(f.subject === f.issuer && namesHost)) process.stderr.write(`dane-zone tlsa: warning: ${f.subject} is a CA certificate (basicConstraints CA:TRUE), not a server's: a usage ${usage} record matches what the server presents only if that is this certificate; give the server's certificate (with its chain for usage 2), or --usage 2 for this CA as a DANE-TA(2) trust anchor\n`);
  if (f.notAfter < now) process.stderr.write(`dane-zone tlsa: warning: ${f.subject} expired on ${isoDay(f.notAfter)}: DANE-EE(3) senders ignore dates (RFC 7672 §3.1.1), but Exchange Online rejects it with 5.7.322, and under a DANE-TA(2) record senders refuse it (§3.1.2); renew it\n`);
  else if (f.notBefore > now) process.stderr.write(`dane-zone tlsa: note: ${f.subject} is not valid before ${isoDay(f.notBefore)}: publish its record ahead (RFC 7671 §8.1), but do not present it before then\n`);
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
    // '-': the certificate on standard input (`openssl s_client … | dane-zone tlsa -`)
    bytes = readFileSync(a.file === '-' ? 0 : a.file);
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
  if (a.owner && queriedName(a.owner) !== a.owner) process.stderr.write(`dane-zone tlsa: note: --owner ${a.owner} written as ${queriedName(a.owner)}, the A-label form senders look up\n`);
  let owner = a.owner ? smtpTlsaOwner(queriedName(a.owner)) : undefined;
  const cert = m.certs[built.certIndex];
  if (!cert) {
    // a certificate request names the host it is for, as the certificate made from it will
    const asked = m.requestNames ? [...m.requestNames.dns, ...(m.requestNames.dns.length ? [] : m.requestNames.cn)].find(isHostName) : undefined;
    if (!owner && asked) owner = smtpTlsaOwner(queriedName(asked));
    if (!owner) process.stderr.write(`dane-zone tlsa: no owner name: ${m.requestNames ? 'the certificate request names no host name' : 'a public key names no host'}; give it with --owner mail.example.com\n`);
    process.stdout.write(`${owner ? `${owner} ` : ''}IN TLSA ${built.rdata}\n`);
    return 0;
  }
  if (!owner) {
    const host = certHostName(m.certs[0]);
    if ('host' in host) owner = smtpTlsaOwner(host.host);
    else process.stderr.write(`dane-zone tlsa: no owner name: the certificate names no host name (${host.why}); give it with --owner mail.example.com\n`);
  }
  // a file with several end entities (an RSA and an ECDSA certificate): a record for each,
  // as the server may present either
  const ta = a.usage === 0 || a.usage === 2;
  const from = ta ? [built.certIndex] : m.chains.map((c) => c.leaf);
  const now = new Date();
  for (const i of from) {
    const f = describeCertificate(m.certs[i]);
    process.stderr.write(`; ${tlsaLabel(a)} from ${ta ? 'issuer' : 'leaf'} ${f.subject}, ${keyLabel(f.key)}, valid ${isoDay(f.notBefore)} to ${isoDay(f.notAfter)}\n`);
    // what the editor's rules would say of the record, said before it is published (a DANE-TA
    // anchor is a CA, and its own dates are not checked, RFC 7672 §3.1.2: only a leaf is judged)
    if (!ta) leafNotes(f, a.usage, now, 'host' in certHostName(m.certs[i]));
    const rdata = i === built.certIndex ? built.rdata : tlsaRdata(m.certs[i], a.usage, a.selector as Selector, a.matchingType as MatchingType);
    process.stdout.write(`${owner ? `${owner} ` : ''}IN TLSA ${rdata}\n`);
  }
  return 0;
}
