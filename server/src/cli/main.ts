// dane-zone CLI: one entry, subcommands over the same engine the server uses. Bundled as
// dist/cli-main.js and started by dist/cli.js (start.ts) with its code cache.
import { checkMain } from './check';
import { VERSION } from '../version';

const USAGE = `usage:
  dane-zone check <zone-file|folder|->... [--json | --format text|json|github|sarif] [--fail-on error|warning|info|hint] [--origin NAME] [--root DIR] [--rule id=severity|off]... [--verify-signatures]
  dane-zone tlsa <cert-file> [--usage 3 --selector 1 --mtype 1] [--owner NAME]
  dane-zone validate <domain> [--resolver ip|ip:port|[ipv6]:port]... [--port 25] [--timeout 15000] [--json] [--tlsrpt out.json] [--zone FILE [--origin NAME] [--root DIR]]
  dane-zone --version
Options take a value as '--opt value' or '--opt=value'; 'dane-zone <command> --help' shows one.
Exit codes: 0 ok; 1 check: an error finding, validate: DANE failure; 2 validate: not applicable
(no DANE); 3 usage error or unreadable input; 4 internal error; 5 validate: not judged (the
resolver does not answer or does not validate DNSSEC).
`;

// tlsa and validate are loaded when asked for: validate's network modules (net, tls, dgram)
// would cost every check their load
const commands: Record<string, () => (args: string[]) => Promise<number>> = {
  check: () => checkMain,
  tlsa: () => (require('./tlsa') as typeof import('./tlsa')).tlsaMain,
  validate: () => (require('./validate') as typeof import('./validate')).validateMain,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 3;
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`dane-zone ${VERSION}\n`);
    return 0;
  }
  const run = Object.hasOwn(commands, cmd) ? commands[cmd]() : undefined;
  if (!run) {
    process.stderr.write(`dane-zone: unknown command '${cmd}'\n${USAGE}`);
    return 3;
  }
  return run(rest);
}

// A reader that stops early (`dane-zone check big.zone | head`) closes the pipe: the rest of the
// output has nowhere to go, which is no error of the check. Quietly end, as grep and sort do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // a full disk or a closed file: no result reached its reader, and exit 1 would say "findings"
  process.stderr.write(`dane-zone: cannot write the output: ${e.code ?? e.message}\n`);
  process.exit(4);
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`dane-zone: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 4;
  },
);
