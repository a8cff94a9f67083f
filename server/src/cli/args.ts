// Argument helpers shared by the CLI's subcommands: `--opt value` and `--opt=value` alike, and
// domain-name option values checked before any work starts. Exit codes of every subcommand:
// 0 success, 1 findings/failure (per command), 2 validate only (not applicable), 3 usage error
// or unreadable input, 4 internal error.
import { domainToASCII } from 'node:url';
import { resolveName } from '../zone/names';
import { printable } from '../zone/printable';

export const EXIT_USAGE = 3;

/** `--opt=value` -> ['--opt', 'value']; anything else -> [arg, undefined]. */
export function splitOption(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

export { printable } from '../zone/printable';

/** Why `value` of `flag` is not a domain name in presentation form, or undefined. */
export function domainNameError(flag: string, value: string): string | undefined {
  if (value === '') return `${flag}: no name given`;
  if (value === '@') return `${flag}: '@' stands for the origin inside a zone file; give the zone's name, e.g. example.com.`;
  const shown = printable(value);
  if (value.startsWith('-')) return `${flag}: '${shown}' is not a domain name (it starts with '-'; a missing value?)`;
  if (/[\s\x00-\x1f\x7f]/.test(value)) return `${flag}: '${shown}' is not a domain name: it contains white space or control characters`;
  if (value === '.') return undefined;
  const r = resolveName(value.endsWith('.') ? value : value + '.', '');
  return r.error === undefined ? undefined : `${flag}: '${shown}' is not a domain name: ${r.error}`;
}

/** An internationalised name in its A-label (xn--) form, the one DNS holds and senders query
 *  (RFC 5890 §2.3.2.1); an ASCII name as it is. '' when it has no A-label form. */
export function aLabelForm(name: string): string {
  if (!/[^\x00-\x7f]/.test(name)) return name;
  const ascii = domainToASCII(name);
  return ascii && name.endsWith('.') && !ascii.endsWith('.') ? ascii + '.' : ascii;
}

/** The zone's name given by --origin (check, validate --zone), in the A-label form the zone
 *  holds, or why it is none. */
export function originOption(value: string): { origin: string } | { error: string } {
  const bad = domainNameError('--origin', value);
  if (bad) return { error: bad };
  const origin = aLabelForm(value);
  return origin ? { origin } : { error: `--origin: '${printable(value)}' is not a valid internationalised domain name` };
}
