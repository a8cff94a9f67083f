// dane-zone validate <domain>: the live DANE check from the command line.
// Parses flags, runs the engine (server/src/live), prints a table (colour on a
// TTY) or the --json contract, optionally writes the RFC 8460 report.
// With --zone FILE, the MX and TLSA records come from that zone file as edited (the editor's
// "Validate DANE against this zone file"): a hook runs it before reloading the zone, and what the
// run found is printed at the file's records (file:line:column).
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
import { originOption, splitOption } from './args';
import { liveNotes, zoneHolds, zoneRecordsFor, type LiveNote } from '../live/zone-records';
import { absRange, checkText, type Zone } from '../zone/api';
import { readZoneFile } from '../read-zone-file';
import { originFromFileName } from '../zone/origin-hint';
import { binaryFileNote, includedFileShown, makeFileReader, makeIncludeReader } from './files';
import { charColumn } from './check';
import { printable } from '../zone/printable';

const USAGE = 'usage: dane-zone validate <domain> [--resolver ip|ip:port|[ipv6]:port]... [--port 25] [--timeout 15000] [--json] [--tlsrpt out.json] [--zone FILE [--origin NAME] [--root DIR]]\n';


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

interface Args {
  domain: string; resolvers: ServerAddr[]; port: number; timeout: number; json: boolean; tlsrpt?: string;
  /** the zone file whose MX and TLSA records are validated instead of the published ones */
  zone?: string;
  /** its origin (else from $ORIGIN, the file's name, or the domain) */
  origin?: string;
  /** $INCLUDEs and certificate links of the zone file only inside this folder */
  root?: string;
}

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
        case '--zone': out.zone = value(); break;
        case '--origin': {
          const o = originOption(value());
          if ('error' in o) return o.error;
          out.origin = o.origin.endsWith('.') ? o.origin : `${o.origin}.`; break;
        }
        case '--root': out.root = value(); break;
        case '-h': case '--help': return 'help';
        default:
          if (a.startsWith('-')) return `unknown option '${a}'`;
          if (out.domain) return `more than one domain given ('${out.domain}', '${a}')`;
          out.domain = a;
      }
    } catch (e) { return (e as Error).message; }
  }
  if (!out.domain) return 'no domain given';
  if (out.zone === undefined && (out.origin !== undefined || out.root !== undefined)) return `${out.origin !== undefined ? '--origin' : '--root'} is for the file of --zone, and none was given`;
  // as senders look it up (its A-label, absolute): the form the zone file's names are in too
  try { out.domain = checkDomainName(out.domain); } catch (e) { return `bad domain: ${(e as Error).message}`; }
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
  let zone: EditedZone | undefined;
  if (a.zone !== undefined) {
    const read = readEditedZone(a.zone, a.domain, a.origin, a.root);
    if (typeof read === 'string') { process.stderr.write(`dane-zone validate: --zone: ${read}\n`); return 3; }
    zone = read;
    if (!zoneHolds(zone.zone, a.domain)) process.stderr.write(`dane-zone validate: note: ${printable(a.domain.replace(/\.$/, ''))} is not in the zone of ${printable(a.zone)} (${zone.zone.origin}): its MX records are looked up in DNS; only the file's TLSA records under ${zone.zone.origin} are validated as edited\n`);
    if (zone.errors) process.stderr.write(`dane-zone validate: note: ${printable(a.zone)} has ${zone.errors} error${zone.errors === 1 ? '' : 's'} (\`dane-zone check ${printable(a.zone)}\` lists them); its records that could be read are validated\n`);
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
      zone: zone ? zoneRecordsFor(zone.zone, a.domain) : undefined,
      onProgress: tty ? (m) => process.stderr.write(`\r\x1b[K… ${m}`) : undefined,
    });
  } finally {
    process.off('SIGINT', onSig);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  const notes = zone ? notesAt(zone, report) : undefined;
  process.stdout.write(a.json ? JSON.stringify(notes ? { ...report, zoneNotes: notes } : report, null, 2) + '\n'
    : formatReport(report, tty) + (notes ? formatNotes(zone!.shownAs, notes) : ''));
  if (a.tlsrpt !== undefined) {
    // checked before the run; should the write still fail, the report above and the verdict's
    // exit code stand, and this says the file is missing
    try { writeFileSync(a.tlsrpt, JSON.stringify(toTlsRpt(report), null, 2) + '\n'); } catch (e) {
      process.stderr.write(`dane-zone validate: the TLS-RPT report could not be written to ${a.tlsrpt}: ${(e as Error).message}\n`);
    }
  }
  return exitCodeFor(report);
}

/** The zone file of --zone, read and checked as `dane-zone check` reads it. */
interface EditedZone {
  zone: Zone;
  /** the file as given on the command line, and its full path */
  shownAs: string;
  path: string;
  /** error findings in it (the records they spoil are not validated as meant) */
  errors: number;
}

function readEditedZone(file: string, domain: string, origin: string | undefined, root: string | undefined): EditedZone | string {
  const path = resolve(file);
  const binary = binaryFileNote(path);
  if (binary) return `cannot read ${printable(file)}: ${binary}`;
  let text: string | string[];
  try { text = readZoneFile(path); } catch (e) { return `cannot read ${printable(file)}: ${(e as Error).message}`; }
  const guessed = origin ?? originFromFileName(path);
  const { zone, findings } = checkText(text, {
    fileId: path,
    // the file's $ORIGIN comes first; without one, the domain validated is the likeliest zone
    origin: guessed ?? (domain.endsWith('.') ? domain : `${domain}.`),
    originGuessed: origin === undefined,
    readInclude: makeIncludeReader(root),
    host: { now: () => new Date(), readFile: makeFileReader(root), options: { wholeZone: true } },
  });
  return { zone, shownAs: file, path, errors: findings.filter((f) => f.severity === 'error').length };
}

/** A note of the run at a record of the zone file, placed as `dane-zone check` places findings. */
interface PlacedNote { file: string; line: number; column: number; severity: string; message: string }

function notesAt(z: EditedZone, report: ValidationReport): PlacedNote[] {
  return liveNotes(z.zone, report).map((n: LiveNote) => {
    const loc = n.onRdata ? n.rec.rdataLoc : n.rec.loc;
    const r = absRange(loc);
    const file = includedFileShown(loc.file.id, z.path, z.shownAs);
    return { file, line: r.startLine + 1, column: charColumn(loc.file, r.startLine, r.startCol), severity: n.severity, message: n.message };
  });
}

function formatNotes(shownAs: string, notes: readonly PlacedNote[]): string {
  const head = `\nAt the records of ${printable(shownAs)}:\n`;
  if (!notes.length) return `${head}  (no MX record of the domain and no TLSA record of its hosts in the file)\n`;
  return head + notes.map((n) => `  ${printable(n.file)}:${n.line}:${n.column}: ${n.severity}: ${printable(n.message)}\n`).join('');
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
