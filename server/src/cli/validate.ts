// dane-zone validate <domain>: the live DANE check from the command line.
// Parses flags, runs the engine (server/src/live), prints a table (colour on a
// TTY) or the --json contract, optionally writes the RFC 8460 report.
// Exit codes: 0 valid, 1 DANE failure (invalid, partial, tls-only, dns-failure),
// 2 not applicable / no DANE, 3 usage error (also an unwritable --tlsrpt path, found before
// the run); a --tlsrpt write that fails after the run keeps the verdict's code.
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NetSmtpProber } from '../live/smtp-probe';
import { budgetedResolver, DEFAULT_STEP_TIMEOUT_MS, parseServer, ServerAddr, systemResolvers } from '../live/resolver';
import { checkDomainName, validateDomain } from '../live/validate-domain';
import { toTlsRpt } from '../live/tlsrpt';
import { formatReport } from './validate-format';
import { cannotBeJudged, type ValidationReport } from '../live/report';
import { splitOption } from './args';

const USAGE = 'usage: dane-zone validate <domain> [--resolver ip|ip:port|[ipv6]:port]... [--port 25] [--timeout 15000] [--json] [--tlsrpt out.json]\n';


export function exitCodeFor(r: ValidationReport): number {
  // the check's own resolver failed it (unreachable, or not validating DNSSEC): no verdict on the
  // domain, which a CI job must not read as "DANE broken"
  if (cannotBeJudged(r.reason)) return 5;
  switch (r.verdict) {
    case 'valid': return 0;
    case 'not-applicable': return 2;
    default: return 1;
  }
}

interface Args { domain: string; resolvers: ServerAddr[]; port: number; timeout: number; json: boolean; tlsrpt?: string }

function parse(args: string[]): Args | string {
  const out: Partial<Args> & { resolvers: ServerAddr[] } = { resolvers: [], port: 25, timeout: DEFAULT_STEP_TIMEOUT_MS, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = splitOption(a);
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case '--resolver': out.resolvers.push(parseServer(value())); break;
        case '--port': {
          const v = value();
          const n = Number(v);
          if (!/^\d+$/.test(v) || n < 1 || n > 65535) return `--port: '${v}' is not a port number (1-65535)`;
          out.port = n; break;
        }
        case '--timeout': {
          const v = value();
          const n = Number(v);
          if (!/^\d+$/.test(v) || n < 100 || n > 600000) return `--timeout: '${v}' is not a number of milliseconds (100-600000)`;
          out.timeout = n; break;
        }
        case '--json': out.json = true; break;
        case '--tlsrpt': out.tlsrpt = value(); break;
        case '-h': case '--help': return 'help';
        default:
          if (a.startsWith('-')) return `unknown option '${a}'`;
          if (out.domain) return `more than one domain given ('${out.domain}', '${a}')`;
          out.domain = a;
      }
    } catch (e) { return (e as Error).message; }
  }
  if (!out.domain) return 'no domain given';
  try { checkDomainName(out.domain); } catch (e) { return `bad domain: ${(e as Error).message}`; }
  return out as Args;
}

export async function validateMain(argv: string[]): Promise<number> {
  const a = parse(argv);
  if (typeof a === 'string') {
    if (a === 'help') { process.stdout.write(USAGE); return 0; }
    process.stderr.write(`dane-zone validate: ${a}\n${USAGE}`);
    return 3;
  }
  if (a.tlsrpt !== undefined) {
    const cannot = unwritable(a.tlsrpt);
    if (cannot) { process.stderr.write(`dane-zone validate: --tlsrpt: cannot write ${a.tlsrpt}: ${cannot}\n`); return 3; }
  }
  const servers = a.resolvers.length ? a.resolvers : systemResolvers();
  if (!servers.length) { process.stderr.write('dane-zone validate: no resolver given and none in /etc/resolv.conf\n'); return 3; }
  // a DNS query waits at most min(--timeout, 5 s) in all
  const resolver = budgetedResolver(servers, a.timeout);
  const ac = new AbortController();
  const onSig = (): void => ac.abort();
  process.once('SIGINT', onSig);
  const tty = !a.json && process.stdout.isTTY === true;
  let report: ValidationReport;
  try {
    report = await validateDomain(a.domain, {
      resolver, prober: new NetSmtpProber(), smtpPort: a.port, stepTimeoutMs: a.timeout, signal: ac.signal,
      onProgress: tty ? (m) => process.stderr.write(`\r\x1b[K… ${m}`) : undefined,
    });
  } finally {
    process.off('SIGINT', onSig);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  process.stdout.write(a.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, tty));
  if (a.tlsrpt !== undefined) {
    // checked before the run; should the write still fail, the report above and the verdict's
    // exit code stand, and this says the file is missing
    try { writeFileSync(a.tlsrpt, JSON.stringify(toTlsRpt(report), null, 2) + '\n'); } catch (e) {
      process.stderr.write(`dane-zone validate: the TLS-RPT report could not be written to ${a.tlsrpt}: ${(e as Error).message}\n`);
    }
  }
  return exitCodeFor(report);
}

/** Why `path` cannot be written (checked before a run that may take minutes), or undefined. */
function unwritable(path: string): string | undefined {
  if (path === '') return 'no file name given';
  try {
    if (statSync(path).isDirectory()) return 'it is a directory';
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return (e as Error).message;
  }
  try {
    const dir = dirname(resolve(path));
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `no such directory: ${dirname(resolve(path))}` : (e as Error).message;
  }
}
