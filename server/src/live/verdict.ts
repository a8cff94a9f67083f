// From per-address results to host and domain verdicts (RFC 7672 §2.2 and the
// --json contract): which code is decisive for the domain, and the summary
// sentence. Pure; no I/O.
import type { AddressReport, DomainVerdict, HostReport, HostVerdict, NotJudgedReason, Reason } from './report';
import { cannotBeJudged, codesFor } from './report';
import { bareName } from './dns-wire';

/** DANE applies to a host (the MX RRset being secure) when it publishes TLSA or when its DNSSEC
 *  data is bogus (RFC 7672 §2.1.1: the host is unusable). The verdict and TLS-RPT both ask. */
export function daneApplies(h: HostReport): boolean {
  return h.tlsaStatus === 'present' || h.tlsaStatus === 'bogus' || h.verdict === 'dnssec-invalid';
}
import type { MatchOutcome } from './tlsa-match';

export function reasonForMatch(o: MatchOutcome): Reason | null {
  switch (o) {
    case 'match-ee': case 'match-ta': case 'no-usable': return null;
    case 'expired': return 'certificate-expired';
    case 'name-mismatch': return 'certificate-host-mismatch';
    case 'chain-invalid': return 'chain-invalid';
    case 'mismatch': case 'no-certificate': return 'tlsa-mismatch';
  }
}

/** A host authenticates when any of its addresses does (a sender tries them in turn). */
export function hostFromAddresses(addrs: AddressReport[]): { verdict: HostVerdict; reason: Reason | null } {
  if (!addrs.length) return { verdict: 'dns-failure', reason: 'dns-failure' };
  const order: HostVerdict[] = ['valid', 'tls-only', 'no-dane', 'invalid', 'smtp-failure'];
  let best = addrs[0];
  for (const a of addrs) if (order.indexOf(a.verdict) < order.indexOf(best.verdict)) best = a;
  return { verdict: best.verdict, reason: best.verdict === 'valid' || best.verdict === 'tls-only' || best.verdict === 'no-dane' ? null : best.reason };
}

/** Whether mail can be delivered to a host without TLSA: some address got through EHLO
 *  (opportunistic TLS, or cleartext after a failed STARTTLS). */
function reachable(h: HostReport): boolean {
  return h.addresses.some((a) => !a.steps.some((s) => s.status === 'fail' && (s.step === 'connect' || s.step === 'banner' || s.step === 'ehlo')));
}

/** The domain verdict, its code and, when the standard sentence would not be true, the summary. */
export function domainVerdict(hosts: HostReport[]): { verdict: DomainVerdict; reason: Reason | null; summary?: string } {
  // with a resolver that does not validate, no host's DNSSEC status is known: nothing can be judged
  for (const h of hosts) if (cannotBeJudged(h.reason)) return notJudgedVerdict(h.reason, h.detail);
  const dane = hosts.filter(daneApplies);
  if (!dane.length) {
    // no host publishes TLSA; but when every lookup failed we cannot even say that
    const failed = hosts.filter((h) => h.verdict === 'dns-failure');
    if (hosts.length && failed.length === hosts.length) return { verdict: 'dns-failure', reason: 'dns-failure' };
    return { verdict: 'not-applicable', reason: null };
  }
  const valid = hosts.filter((h) => h.verdict === 'valid');
  if (valid.length === hosts.length) {
    // every host authenticates on some address; one that fails on another (a different
    // certificate on the IPv6 address) fails the senders that connect there first (RFC 7672
    // §2.2 authenticates each connection): they try the next address or defer
    const failing = hosts.flatMap((h) => h.addresses.filter((a) => a.verdict !== 'valid').map((a) => ({ h, a })));
    if (!failing.length) return { verdict: 'valid', reason: null };
    const where = failing.map(({ h, a }) => `${bareName(h.name)} at ${a.address} (${a.ndr ?? a.verdict})`).join(', ');
    return {
      verdict: 'partial', reason: null,
      summary: `DANE applies and every MX host authenticates on some address, but not on every one: ${where}. Senders that connect there fail that connection and try another address or defer, degraded (RFC 7672 §2.2).`,
    };
  }
  if (valid.length) return someAuthenticate(hosts, valid);
  if (hosts.every((h) => h.verdict === 'tls-only' || h.verdict === 'no-dane') && hosts.some((h) => h.verdict === 'tls-only')) {
    return { verdict: 'tls-only', reason: null };
  }
  // none authenticates, but senders still deliver to a host with only unusable TLSA (TLS without
  // authentication) or without TLSA (opportunistic TLS), RFC 7672 §2.2
  const open = hosts.filter((h) => h.verdict === 'tls-only' || (h.verdict === 'no-dane' && reachable(h)));
  if (open.length) {
    const names = open.map((h) => bareName(h.name)).join(', ');
    return {
      verdict: 'partial', reason: null,
      summary: `DANE applies, but no MX host authenticates: mail flows, without authentication, only through ${names} (no usable TLSA records: ${open.some((h) => h.verdict === 'no-dane') ? 'opportunistic TLS' : 'TLS required, not authenticated'}, RFC 7672 §2.2), degraded.`,
    };
  }
  // no host takes the mail: the first failing host in preference order decides the code
  const failing = hosts.filter((h) => h.reason);
  if (failing.length && failing.every((h) => h.verdict === 'dns-failure')) return { verdict: 'dns-failure', reason: 'dns-failure' };
  return { verdict: 'invalid', reason: failing[0]?.reason ?? 'tlsa-mismatch' };
}

/** Some hosts authenticate, others do not. A sender skips a host that fails authentication,
 *  but delivers to one without usable TLSA records unauthenticated (RFC 7672 §2.2): say which
 *  hosts those are, since whoever can block the authenticating hosts gets the mail there. */
function someAuthenticate(hosts: HostReport[], valid: HostReport[]): { verdict: DomainVerdict; reason: null; summary?: string } {
  const open = hosts.filter((h) => h.verdict === 'tls-only' || (h.verdict === 'no-dane' && reachable(h)));
  if (!open.length) return { verdict: 'partial', reason: null };
  const names = (list: HostReport[]): string => list.map((h) => bareName(h.name)).join(', ');
  return {
    verdict: 'partial', reason: null,
    summary: `DANE applies, but not every MX host authenticates: mail flows authenticated through ${names(valid)}, and without authentication through ${names(open)} (no usable TLSA records: ${open.some((h) => h.verdict === 'no-dane') ? 'opportunistic TLS' : 'TLS required, not authenticated'}, RFC 7672 §2.2), degraded: publish TLSA records for every MX host.`,
  };
}

const SUMMARY: Record<DomainVerdict, string> = {
  valid: 'DANE is valid: every MX host authenticates with its TLSA records.',
  partial: 'DANE applies, but not every MX host authenticates: mail flows through the hosts that do, degraded.',
  invalid: 'DANE applies and no MX host can be authenticated: DANE-enforcing senders hold the mail.',
  'tls-only': 'The TLSA records are all unusable for SMTP (usage 0/1): senders require TLS but do not authenticate the server.',
  'not-applicable': 'DANE does not apply to this domain: senders fall back to opportunistic TLS.',
  'dns-failure': 'The DNS lookups failed: senders defer the mail and retry.',
};

/** The summary when DANE cannot be judged, whatever the verdict. */
const NOT_JUDGED_SUMMARY: Record<NotJudgedReason, string> = {
  'resolver-not-validating': 'DANE cannot be judged: the resolver does not validate DNSSEC (it returns RRSIG records without the AD bit), so signed and unsigned data look alike. This is not a fault of the domain and no NDR applies: a sender with a validating resolver sees the real answer. Use a validating resolver (daneZone.resolvers, --resolver).',
  'resolver-unreachable': 'DANE cannot be judged: the resolver does not answer, not even for the root zone, so nothing about the domain is known. This is not a fault of the domain and no NDR applies. Check the resolver, or use another (daneZone.resolvers, --resolver).',
};

export function summarize(verdict: DomainVerdict, reason: Reason | null, extra = ''): string {
  const codes = codesFor(reason);
  return (cannotBeJudged(reason) ? NOT_JUDGED_SUMMARY[reason] : SUMMARY[verdict]) + (codes.ndr ? ` Exchange Online would report ${codes.ndr} (TLS-RPT ${codes.tlsrpt}).` : '') + (extra ? ' ' + extra : '');
}

/** The domain verdict when DANE cannot be judged: a DNS failure of this check, its summary ending
 *  with `detail` (a lookup's or a host's) as a sentence. */
export function notJudgedVerdict(reason: NotJudgedReason, detail: string): { verdict: DomainVerdict; reason: Reason; summary: string } {
  return { verdict: 'dns-failure', reason, summary: summarize('dns-failure', reason, `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`) };
}

/** Why one lookup's answer cannot be judged (the MX, address and TLSA lookups say it alike): the
 *  resolver passed on RRSIG records without the AD bit. `host`: the MX host whose DANE this leaves
 *  open. A detail: lower case, no full stop. */
export function notValidatingDetail(server: string | undefined, type: string, name: string, host?: string): string {
  return `the resolver ${server} does not validate DNSSEC (or not the zone's algorithm): its answer for ${type} ${bareName(name)} carries RRSIG records but no AD bit`
    + (host ? `, so DANE cannot be judged for ${bareName(host)}` : '');
}
