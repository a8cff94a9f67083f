// SPF record (RFC 7208): `v=spf1` then space-separated terms: mechanisms with
// an optional qualifier (all, include, a, mx, ptr, ip4, ip6, exists) and
// modifiers (redirect=, exp=, unknown ones ignored). Counts the terms that cost
// a DNS lookup (§4.6.4: include, a, mx, ptr, exists, redirect; limit 10). Pure.
import { isIPv4, isIPv6 } from 'node:net';
import type { ParsedPolicy, PolicyProblem, PolicyTerm } from './policy-types';

/** True for TXT strings that are SPF records (RFC 7208 §4.5: exactly `v=spf1` then space or end). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

export interface SpfTerm extends PolicyTerm {
  qualifier?: '+' | '-' | '~' | '?';
  /** mechanism or modifier name, lower case (`include`, `redirect`) */
  mechanism: string;
  /** domain-spec argument (include:, exists:, redirect=, a:, mx:, ptr:), if any */
  domain?: string;
  /** true when evaluating the term costs a DNS lookup (RFC 7208 §4.6.4) */
  lookup: boolean;
}

export interface ParsedSpf extends ParsedPolicy {
  kind: 'spf';
  terms: SpfTerm[];
  /** DNS-querying terms in this record itself (include targets not followed) */
  lookups: number;
}

const QUALIFIERS: Record<string, string> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

const EXPLAIN: Record<string, string> = {
  all: 'matches every sender: the default result for mail no earlier term matched (`-all` fail, `~all` softfail).',
  include: 'evaluates the SPF record of another domain; matches if that record passes. Costs a DNS lookup.',
  a: 'matches the IPv4/IPv6 addresses of the domain (default: this one). Costs a DNS lookup.',
  mx: 'matches the addresses of the domain\'s MX hosts. Costs a DNS lookup (plus one per MX host, at most 10).',
  ptr: 'matches by reverse DNS; slow and unreliable, RFC 7208 §5.5 says do not use it.',
  ip4: 'matches an IPv4 address or CIDR range.',
  ip6: 'matches an IPv6 address or CIDR range.',
  exists: 'matches if the (macro-expanded) domain has an A record. Costs a DNS lookup.',
  redirect: 'if nothing matched, use the SPF record of this domain instead. Costs a DNS lookup; ignored when `all` is present.',
  exp: 'domain whose TXT record explains a fail result to the sender.',
};

const LOOKUP = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

/** domain-spec: macro-string with a domain end; accept macros and plain names loosely. */
function domainSpecError(d: string): string | undefined {
  if (!d) return 'is empty';
  if (/\s/.test(d)) return 'contains white space';
  if (/%\{[^}]*$/.test(d) || /%[^{%_-]/.test(d.replace(/%\{[^}]*\}/g, ''))) return 'has a malformed macro';
  if (d.includes('%')) return undefined;
  if (!/^[A-Za-z0-9_.-]+\.?$/.test(d) || d.startsWith('.') || d.includes('..')) return 'is not a domain name';
  if (!/\.[A-Za-z0-9-]+\.?$/.test(d)) return 'needs at least two labels';
  return undefined;
}

function cidrError(ip: string, v6: boolean): string | undefined {
  const [addr, len, extra] = ip.split('/');
  if (extra !== undefined) return 'has two prefix lengths';
  if (v6 ? !isIPv6(addr) : !isIPv4(addr)) return `'${addr}' is not an IPv${v6 ? 6 : 4} address`;
  if (len !== undefined && !(/^\d{1,3}$/.test(len) && Number(len) <= (v6 ? 128 : 32))) return `prefix length /${len} is out of range 0-${v6 ? 128 : 32}`;
  return undefined;
}

export function parseSpf(text: string): ParsedSpf {
  const problems: PolicyProblem[] = [];
  const terms: SpfTerm[] = [];
  if (!isSpfRecord(text)) {
    problems.push({ start: 0, end: Math.max(1, text.indexOf(' ') < 0 ? text.length : text.indexOf(' ')), severity: 'error', message: "an SPF record starts with 'v=spf1' followed by a space (RFC 7208 §4.5)" });
    return { kind: 'spf', terms, problems, lookups: 0 };
  }
  let lookups = 0;
  let allAt: SpfTerm | undefined;
  const seenMod = new Map<string, SpfTerm>();
  for (const m of text.slice(6).matchAll(/[^ ]+/g)) {
    const start = 6 + (m.index ?? 0);
    const word = m[0];
    const end = start + word.length;
    const err = (message: string, severity: PolicyProblem['severity'] = 'error') => problems.push({ start, end, severity, message });
    const mod = /^([A-Za-z][A-Za-z0-9_.-]*)=(.*)$/.exec(word);
    if (mod) {
      const name = mod[1].toLowerCase();
      const known = name === 'redirect' || name === 'exp';
      const t: SpfTerm = { name: mod[1], value: mod[2], start, end, mechanism: name, lookup: name === 'redirect',
        domain: known ? mod[2] : undefined,
        explain: `**${name}=** — ${EXPLAIN[name] ?? 'unknown modifier, ignored by receivers (RFC 7208 §6).'}` };
      terms.push(t);
      if (known) {
        if (seenMod.has(name)) err(`${name}= may appear only once (RFC 7208 §6); receivers return permerror`);
        else seenMod.set(name, t);
        const de = domainSpecError(mod[2]);
        if (de) err(`${name}= target ${de}`);
      }
      if (t.lookup) lookups++;
      continue;
    }
    const mm = /^([-+~?]?)([A-Za-z0-9]+)(?:([:/])(.*))?$/.exec(word);
    const q = (mm?.[1] || undefined) as SpfTerm['qualifier'];
    const name = mm?.[2].toLowerCase() ?? '';
    if (!mm || !(name in EXPLAIN) || name === 'redirect' || name === 'exp') {
      terms.push({ name: word, value: '', start, end, mechanism: word, lookup: false, explain: `**${word}** — not an SPF mechanism.` });
      err(`'${word}' is not an SPF mechanism or modifier; receivers return permerror (RFC 7208 §5)`);
      continue;
    }
    const arg = mm[3] === ':' ? mm[4] : undefined;
    const cidr = mm[3] === '/' ? mm[4] : undefined;
    const t: SpfTerm = { name: word, value: arg ?? cidr ?? '', start, end, qualifier: q, mechanism: name, lookup: LOOKUP.has(name),
      explain: `**${word}** — ${q ? `${QUALIFIERS[q]} if ` : ''}${EXPLAIN[name]}` };
    terms.push(t);
    if (t.lookup) lookups++;
    switch (name) {
      case 'all':
        if (mm[3]) err('all takes no argument');
        allAt ??= t;
        break;
      case 'include':
      case 'exists': {
        if (arg === undefined) { err(`${name} needs a domain: ${name}:example.com`); break; }
        t.domain = arg;
        const de = domainSpecError(arg);
        if (de) err(`${name}: target ${de}`);
        break;
      }
      case 'a':
      case 'mx':
      case 'ptr': {
        let rest = mm[3] ? mm[3] + mm[4] : '';
        if (rest.startsWith(':')) {
          const slash = rest.indexOf('/');
          t.domain = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
          const de = domainSpecError(t.domain);
          if (de) err(`${name}: target ${de}`);
          rest = slash < 0 ? '' : rest.slice(slash);
        }
        if (rest && (name === 'ptr' || !/^\/\d{1,2}(\/\/\d{1,3})?$|^\/\/\d{1,3}$/.test(rest))) err(`'${rest}' is not a valid prefix length for ${name}`);
        if (name === 'ptr') err('ptr should not be used (RFC 7208 §5.5): it is slow and many receivers skip it', 'warning');
        break;
      }
      case 'ip4':
      case 'ip6': {
        if (arg === undefined) { err(`${name} needs an address: ${name}:${name === 'ip4' ? '192.0.2.0/24' : '2001:db8::/32'}`); break; }
        const ce = cidrError(arg, name === 'ip6');
        if (ce) err(`${name}: ${ce}`);
        break;
      }
    }
    if (allAt && t !== allAt) err('terms after "all" are never evaluated', 'warning');
  }
  const redirect = seenMod.get('redirect');
  if (allAt && redirect) {
    problems.push({ start: redirect.start, end: redirect.end, severity: 'warning', message: 'redirect= is ignored because the record has an "all" mechanism (RFC 7208 §6.1)' });
  }
  if (lookups > 10) {
    problems.push({ start: 0, end: text.length, severity: 'error', code: 'lookup-limit', message: `${lookups} DNS-querying terms: more than 10 makes receivers return permerror (RFC 7208 §4.6.4)` });
  }
  return { kind: 'spf', terms, problems, lookups };
}
