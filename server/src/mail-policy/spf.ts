// SPF record (RFC 7208): `v=spf1` then space-separated terms: mechanisms with
// an optional qualifier (all, include, a, mx, ptr, ip4, ip6, exists) and
// modifiers (redirect=, exp=, unknown ones ignored). Counts the terms that cost
// a DNS lookup (§4.6.4: include, a, mx, ptr, exists, redirect; limit 10). Pure.
import { isIpv4At, isIpv6At } from '../zone/ip-text';
import { hasLineTerminator, type ParsedPolicy, type PolicyProblem, type PolicyTerm } from './policy-types';

/** True for TXT strings that are SPF records (RFC 7208 §4.5: exactly `v=spf1` then space or end). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

/** Why TXT strings that start like an SPF record are not one to receivers (RFC 7208 §4.5: the
 *  joined text starts with exactly `v=spf1` and then a space or its end), or undefined. `end`:
 *  the length of the text the message is about. */
export function spfNearMiss(strings: readonly string[]): { end: number; message: string } | undefined {
  // a DKIM key (v=DKIM1; …) and the like are told by their first string, without joining a long key
  if (strings[0].length >= 12 && !/^\s*v\s*=\s*spf/i.test(strings[0])) return undefined;
  const text = strings.join('');
  const m = /^\s*v\s*=\s*spf\w*/i.exec(text);
  if (!m || isSpfRecord(text)) return undefined;
  const none = 'receivers do not read this TXT record as SPF, so the domain has no SPF policy from it (RFC 7208 §4.5)';
  const glued = /^v=spf1/i.test(text) && strings.length > 1 && strings[0].length === 6;
  let why: string;
  if (glued) why = `the strings of a TXT record are joined without a space (RFC 7208 §3.3): '${text.slice(0, 24)}…'; end the first string with a space, "v=spf1 "`;
  else if (/^\s/.test(text)) why = "the text starts with white space: 'v=spf1' must be its very first characters";
  else if (/^v=spf1\t/i.test(text)) why = "a tab follows 'v=spf1': only a space separates the terms";
  else if (/^v=spf1/i.test(text)) why = `'v=spf1' must be followed by a space or the end of the record, not '${text.charAt(6)}'`;
  else why = `the version is written '${m[0].trim()}': it must be exactly 'v=spf1'`;
  return { end: glued ? 6 : Math.max(1, Math.min(text.length, m[0].length + 1)), message: `${none}: ${why}` };
}

export interface SpfTerm extends PolicyTerm {
  qualifier?: '+' | '-' | '~' | '?';
  /** mechanism or modifier name, lower case (`include`, `redirect`) */
  mechanism: string;
  /** domain-spec argument (include:, exists:, redirect=, a:, mx:, ptr:), if any */
  domain?: string;
  /** true when evaluating the term costs a DNS lookup (RFC 7208 §4.6.4); false for a
   *  redirect= the record's "all" makes unreachable (§6.1) */
  lookup: boolean;
}

export interface ParsedSpf extends ParsedPolicy {
  kind: 'spf';
  terms: SpfTerm[];
  /** DNS-querying terms in this record itself (include targets not followed) */
  lookups: number;
}

/** The name a term queries, lower case and absolute: its domain-spec, or `owner` (the record's
 *  own domain) for a bare `a` or `mx`; undefined for a macro (it cannot be followed here) or a
 *  word that is no domain (strings run together: spf-syntax reports it). */
export function spfTermName(t: SpfTerm, owner: string): string | undefined {
  const domain = t.domain ?? (t.mechanism === 'a' || t.mechanism === 'mx' ? owner : undefined);
  if (!domain || !/^[A-Za-z0-9_.-]+$/.test(domain)) return undefined;
  const lower = domain.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
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

/** d[from, end) is a domain-end's toplabel (RFC 7208 §7.1): alphanumeric with a letter, or
 *  alphanumeric with inner hyphens; never all-numeric, so an IP address is not a domain-spec.
 *  By char codes: it runs for every SPF domain. */
function isTopLabel(d: string, from: number, end: number): boolean {
  if (from >= end) return false;
  let letter = false;
  let hyphen = false;
  for (let i = from; i < end; i++) {
    const c = d.charCodeAt(i);
    if (c === 0x2d) hyphen = true;
    else if (isAlpha(c)) letter = true;
    else if (!isDigit(c)) return false;
  }
  return hyphen ? d.charCodeAt(from) !== 0x2d && d.charCodeAt(end - 1) !== 0x2d : letter;
}

/** The domain-end of `d` from `from` on ("." toplabel ["."], RFC 7208 §7.1), or why it is not one. */
function domainEndError(d: string, from: number): string | undefined {
  const end = d.endsWith('.') ? d.length - 1 : d.length;
  const dot = d.lastIndexOf('.', end - 1);
  if (dot < from) return "does not end in a macro or in '.' and a top label (RFC 7208 §7.1)";
  if (isTopLabel(d, dot + 1, end)) return undefined;
  const top = d.slice(dot + 1, end);
  return /^[0-9]+$/.test(top)
    ? `ends in the all-numeric label '${top}' (RFC 7208 §7.1: the last label needs a letter; an address belongs in ip4: or ip6:)`
    : `ends in '${top}', which is not a top label (RFC 7208 §7.1: letters and digits, hyphens only inside)`;
}

const MACRO_LETTERS = 'slodiphv';
/** Letters only the explanation text may use (RFC 7208 §7.2). */
const EXP_LETTERS = 'crt';

/** Why `m`, a `%{...}` macro-expand, is malformed (RFC 7208 §7.1-§7.3), if it is. */
function macroExpandError(m: string, anyLetter: boolean): string | undefined {
  const letter = m.length > 3 ? m[2].toLowerCase() : '';
  const isExp = letter !== '' && EXP_LETTERS.includes(letter);
  if (!letter || (!MACRO_LETTERS.includes(letter) && !isExp)) return `has '${m}': '${m.slice(2, 3).replace('}', '')}' is not a macro letter (RFC 7208 §7.2: s, l, o, d, i, p, h, v)`;
  if (isExp && !anyLetter) return `has '${m}': %{${m[2]}} is allowed only in explanation text (RFC 7208 §7.2)`;
  // transformers = *DIGIT [ "r" ], then *delimiter
  const t = /^([0-9]*)[rR]?[.\-+,/_=]*$/.exec(m.slice(3, -1));
  if (!t) return `has '${m}': after the macro letter come only digits, 'r' and the delimiters . - + , / _ = (RFC 7208 §7.1)`;
  if (t[1] && Number(t[1]) === 0) return `has '${m}': the number of labels to keep must be 1 or more (RFC 7208 §7.3)`;
  return undefined;
}

/**
 * Why `s` is not a macro-string (RFC 7208 §7.1), if it is not; with `domainEnd`, a domain-spec
 * (macro-string domain-end). `anyLetter`: c, r and t allowed (unknown modifiers, never expanded).
 */
function macroStringError(s: string, domainEnd: boolean, anyLetter: boolean): string | undefined {
  let afterMacro = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return `has '${s[i]}', which is not allowed (RFC 7208 §7.1: visible ASCII characters only)`;
    if (c !== 0x25) continue; // '%'
    const n = s[i + 1];
    if (n === '%' || n === '_' || n === '-') {
      i++;
      afterMacro = i + 1;
      continue;
    }
    if (n !== '{') return "has a '%' not followed by {, %, _ or - (RFC 7208 §7.1: a literal % is written %%)";
    const close = s.indexOf('}', i + 2);
    if (close < 0) return "has a '%{' without a closing '}' (RFC 7208 §7.1)";
    const e = macroExpandError(s.slice(i, close + 1), anyLetter);
    if (e) return e;
    i = close;
    afterMacro = close + 1;
  }
  if (!domainEnd || (afterMacro === s.length && afterMacro > 0)) return undefined;
  return domainEndError(s, afterMacro);
}

/** domain-spec (RFC 7208 §7.1): a macro-string with a domain-end. A plain name is held to
 *  host-name characters (a typo more often than a wish for odd labels). */
function domainSpecError(d: string): string | undefined {
  if (!d) return 'is empty';
  if (/\s/.test(d)) return 'contains white space';
  // The macro grammar only matters with a '%': most names skip it.
  if (d.includes('%')) return macroStringError(d, true, false);
  if (!/^[A-Za-z0-9_.-]+\.?$/.test(d) || d.startsWith('.') || d.includes('..')) {
    // `"…include:_a.example.com" "include:_b…"`: two strings joined with no space between
    const glued = /[A-Za-z0-9](?:[+?~-]?(?:include|a|mx|ptr|ip4|ip6|exists|all|redirect|exp)[:=/]|[+?~-]?all$)/i.exec(d);
    if (glued && /[.:=/]/.test(d.slice(glued.index + 1))) return "is not a domain name: it runs into the next term, as happens when the strings of a TXT record are joined, without a space (RFC 7208 §3.3); end the string before with a space";
    return 'is not a domain name';
  }
  // `include:_spf` as a zone file writes a relative name: SPF names are always whole ones
  if (!/\.[A-Za-z0-9-]+\.?$/.test(d)) return `needs at least two labels: SPF names are never relative to the zone's $ORIGIN, so write the whole name (${d.replace(/\.$/, '')}.<your domain>) (RFC 7208 §7.1)`;
  // `"v=spf1 include:_spf.example.com" "-all"`: the strings joined read `…example.com-all`, a
  // name no one has (a top label ending in '-all' is none), and the "all" is lost
  if (/[+?~-]all\.?$/i.test(d)) return "runs into the next term ('…all'), as happens when the strings of a TXT record are joined, without a space (RFC 7208 §3.3); end the string before with a space";
  return domainEndError(d, 0);
}

/** ip4-cidr-length (0-32) or ip6-cidr-length (0-128) digits (RFC 7208 §5.6): no leading zero. */
function prefixLengthError(len: string, v6: boolean, slashes: string): string | undefined {
  const max = v6 ? 128 : 32;
  if (!/^[0-9]{1,3}$/.test(len)) return `'${slashes}${len}' is not a prefix length`;
  if (len.length > 1 && len[0] === '0') return `prefix length ${slashes}${len} has a leading zero (RFC 7208 §5.6)`;
  if (Number(len) > max) return `prefix length ${slashes}${len} is out of range 0-${max} (RFC 7208 §5.6)`;
  return undefined;
}

/** dual-cidr-length of a and mx: [ "/" ip4-cidr-length ] [ "//" ip6-cidr-length ] (RFC 7208 §5.3, §5.4, §5.6). */
function dualCidrError(rest: string): string | undefined {
  const m = /^(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/.exec(rest);
  if (!m) return `'${rest}' is not a prefix length (/N for IPv4, //N for IPv6; RFC 7208 §5.6)`;
  return (m[1] === undefined ? undefined : prefixLengthError(m[1], false, '/')) ?? (m[2] === undefined ? undefined : prefixLengthError(m[2], true, '//'));
}

/** Index of the '/' starting a dual-cidr-length after a domain-spec, or -1; a '/' inside a
 *  macro-expand is its delimiter, not a prefix length. */
function cidrStart(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2f) return i;
    if (c === 0x25 && s.charCodeAt(i + 1) === 0x7b) {
      const close = s.indexOf('}', i);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

function cidrError(ip: string, v6: boolean): string | undefined {
  // indexOf rather than split('/'): no array per address
  const slash = ip.indexOf('/');
  if (slash >= 0 && ip.indexOf('/', slash + 1) >= 0) return 'has two prefix lengths';
  const addr = slash < 0 ? ip : ip.slice(0, slash);
  if (v6 ? !isIpv6At(addr) : !isIpv4At(addr)) return `'${addr}' is not an IPv${v6 ? 6 : 4} address`;
  return slash < 0 ? undefined : prefixLengthError(ip.slice(slash + 1), v6, '/');
}

// Term syntax by char codes: the regexes allocated a match array and capture
// strings per term (parseSpf was the rules phase's largest allocator).
const SPACE = 0x20;

const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isAlpha(c) || isDigit(c);
/** [A-Za-z0-9_.-] */
const isModifierNameChar = (c: number) => isAlnum(c) || c === 0x5f || c === 0x2e || c === 0x2d;
const isQualifier = (c: number) => c === 0x2b || c === 0x2d || c === 0x7e || c === 0x3f;

/** Index of the '=' of a modifier (`name=value`, name `[A-Za-z][A-Za-z0-9_.-]*`), or -1. */
function modifierEquals(word: string): number {
  const eq = word.indexOf('=');
  if (eq < 1 || !isAlpha(word.charCodeAt(0))) return -1;
  for (let i = 1; i < eq; i++) if (!isModifierNameChar(word.charCodeAt(i))) return -1;
  return hasLineTerminator(word, eq + 1) ? -1 : eq;
}

/** End of the name of a mechanism (`[qualifier]name[(:|/)rest]`, name alphanumeric) starting at `from`, or -1. */
function mechanismNameEnd(word: string, from: number): number {
  let i = from;
  while (i < word.length && isAlnum(word.charCodeAt(i))) i++;
  if (i === from) return -1;
  if (i === word.length) return i;
  const sep = word.charCodeAt(i);
  return (sep === 0x3a || sep === 0x2f) && !hasLineTerminator(word, i + 1) ? i : -1;
}

/** A mechanism's qualifier gives "pass" when it matches: none, or '+' (RFC 7208 §4.6.2). */
const passes = (q: string | undefined): boolean => !q || q === '+';

function addProblem(problems: PolicyProblem[], start: number, end: number, message: string, severity: PolicyProblem['severity'] = 'error'): void {
  problems.push({ start, end, severity, message });
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
  // the two known modifiers, each allowed once (two variables, not a Map per record)
  let redirectAt: SpfTerm | undefined;
  let expAt: SpfTerm | undefined;
  for (let start = 6; start < text.length; ) {
    if (text.charCodeAt(start) === SPACE) { start++; continue; }
    let end = text.indexOf(' ', start);
    if (end < 0) end = text.length;
    const word = text.slice(start, end);
    const termStart = start;
    start = end;
    const eq = modifierEquals(word);
    if (eq >= 0) {
      const written = word.slice(0, eq);
      const value = word.slice(eq + 1);
      const name = written.toLowerCase();
      const known = name === 'redirect' || name === 'exp';
      const t: SpfTerm = { name: written, value, start: termStart, end, mechanism: name, lookup: name === 'redirect',
        domain: known ? value : undefined,
        explain: `**${name}=** — ${EXPLAIN[name] ?? 'unknown modifier, ignored by receivers (RFC 7208 §6).'}` };
      terms.push(t);
      if (known) {
        if ((name === 'redirect' ? redirectAt : expAt) !== undefined) addProblem(problems, termStart, end, `${name}= may appear only once (RFC 7208 §6); receivers return permerror`);
        else if (name === 'redirect') redirectAt = t;
        else expAt = t;
        const de = domainSpecError(value);
        if (de) addProblem(problems, termStart, end, `${name}= target ${de}`);
      } else if (value.includes('%')) {
        // unknown-modifier = name "=" macro-string: never expanded, but its syntax still counts (§6, §7.1)
        const me = macroStringError(value, false, true);
        if (me) addProblem(problems, termStart, end, `${written}= value ${me}`);
      }
      if (t.lookup) lookups++;
      continue;
    }
    const qualified = word.length > 0 && isQualifier(word.charCodeAt(0));
    const nameEnd = mechanismNameEnd(word, qualified ? 1 : 0);
    const q = (qualified ? word[0] : undefined) as SpfTerm['qualifier'];
    const name = nameEnd < 0 ? '' : word.slice(qualified ? 1 : 0, nameEnd).toLowerCase();
    if (nameEnd < 0 || !(name in EXPLAIN) || name === 'redirect' || name === 'exp') {
      terms.push({ name: word, value: '', start: termStart, end, mechanism: word, lookup: false, explain: `**${word}** — not an SPF mechanism.` });
      addProblem(problems, termStart, end, `'${word}' is not an SPF mechanism or modifier; receivers return permerror (RFC 7208 §5)`);
      continue;
    }
    // after the name: nothing, or ':' / '/' and the rest
    const sep = nameEnd < word.length ? word[nameEnd] : undefined;
    const afterSep = sep === undefined ? '' : word.slice(nameEnd + 1);
    const arg = sep === ':' ? afterSep : undefined;
    const cidr = sep === '/' ? afterSep : undefined;
    const t: SpfTerm = { name: word, value: arg ?? cidr ?? '', start: termStart, end, qualifier: q, mechanism: name, lookup: LOOKUP.has(name),
      explain: `**${word}** — ${q ? `${QUALIFIERS[q]} if ` : ''}${EXPLAIN[name]}` };
    terms.push(t);
    if (t.lookup) lookups++;
    switch (name) {
      case 'all':
        if (sep) addProblem(problems, termStart, end, 'all takes no argument');
        // a pass for every host: forged mail from anywhere passes SPF (and DMARC through it)
        else if (passes(q)) addProblem(problems, termStart, end, `${word} passes mail from every host on the Internet, so forged mail passes SPF; end the record with -all (or ~all while testing) (RFC 7208 §5.1, §8.3)`, 'warning');
        allAt ??= t;
        break;
      case 'include':
      case 'exists': {
        if (arg === undefined) { addProblem(problems, termStart, end, `${name} needs a domain: ${name}:example.com`); break; }
        t.domain = arg;
        const de = domainSpecError(arg);
        if (de) addProblem(problems, termStart, end, `${name}: target ${de}`);
        break;
      }
      case 'a':
      case 'mx':
      case 'ptr': {
        let rest = sep ? word.slice(nameEnd) : '';
        if (rest.startsWith(':')) {
          const slash = cidrStart(rest, 1);
          t.domain = slash < 0 ? rest.slice(1) : rest.slice(1, slash);
          const de = domainSpecError(t.domain);
          if (de) addProblem(problems, termStart, end, `${name}: target ${de}`);
          rest = slash < 0 ? '' : rest.slice(slash);
        }
        if (rest) {
          const ce = name === 'ptr' ? `'${rest}': ptr takes no prefix length` : dualCidrError(rest);
          if (ce) addProblem(problems, termStart, end, `${name}: ${ce}`);
          else if (passes(q) && /^\/0+(\/|$)|\/\/0+$/.test(rest)) {
            addProblem(problems, termStart, end, `${word} matches every ${/^\/0+(\/|$)/.test(rest) ? 'IPv4' : 'IPv6'} address (a prefix length of 0), so forged mail passes SPF; drop the prefix length or use the network's (RFC 7208 §5.6)`, 'warning');
          }
        }
        if (name === 'ptr') addProblem(problems, termStart, end, 'ptr should not be used (RFC 7208 §5.5): it is slow and many receivers skip it', 'warning');
        break;
      }
      case 'ip4':
      case 'ip6': {
        if (arg === undefined) { addProblem(problems, termStart, end, `${name} needs an address: ${name}:${name === 'ip4' ? '192.0.2.0/24' : '2001:db8::/32'}`); break; }
        const ce = cidrError(arg, name === 'ip6');
        if (ce) addProblem(problems, termStart, end, `${name}: ${ce}`);
        else if (passes(q) && /\/0+$/.test(arg)) {
          addProblem(problems, termStart, end, `${word} matches every ${name === 'ip6' ? 'IPv6' : 'IPv4'} address, so forged mail from any such host passes SPF; list the networks that send your mail (RFC 7208 §5.6)`, 'warning');
        }
        break;
      }
    }
    if (allAt && t !== allAt) {
      addProblem(problems, termStart, end, 'terms after "all" are never evaluated', 'warning');
      // so they make no lookup and their targets are not followed (RFC 7208 §4.6.2, §4.6.4)
      if (t.lookup) { t.lookup = false; lookups--; }
    }
  }
  if (allAt && redirectAt) {
    // never evaluated, so it costs no lookup and its target is not followed (t.lookup false)
    for (const t of terms) if (t.mechanism === 'redirect' && t.lookup) { t.lookup = false; lookups--; }
    problems.push({ start: redirectAt.start, end: redirectAt.end, severity: 'warning', message: 'redirect= is ignored because the record has an "all" mechanism (RFC 7208 §6.1)' });
  }
  if (lookups > 10) {
    problems.push({ start: 0, end: text.length, severity: 'error', code: 'lookup-limit', message: `${lookups} DNS-querying terms: more than 10 makes receivers return permerror (RFC 7208 §4.6.4)` });
  }
  return { kind: 'spf', terms, problems, lookups };
}
