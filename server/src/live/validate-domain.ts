// The live validation run, as a DANE-enforcing sender does it (RFC 7672 §2.2):
// MX (insecure = not applicable; RRSIGs without AD = the resolver does not
// validate, nothing can be judged; null MX; no MX = implicit MX), per host in
// preference order A/AAAA with the CNAME chain, the TLSA base domain with
// fallback (§2.2.3), TLSA, then per address the SMTP STARTTLS probe and the
// matcher. Talks to the network only through Resolver and SmtpProber, so tests
// can hand in fakes. Returns plain report data; never throws for bad peers.
import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { bareName as bare, canonName, MxData, nameToLabels, TlsaData, TYPE } from './dns-wire';
import { cnameChainText, lookup, Lookup } from './dns-lookup';
import type { Resolver } from './resolver';
import type { ProbeResult, SmtpProber } from './smtp-probe';
import { matchPresentedChain, recordText, TlsaRecord } from './tlsa-match';
import { describeChain } from './cert-info';
import { AddressReport, cannotBeJudged, codesFor, HostReport, Reason, sentences, Step, ValidationReport } from './report';
import { domainVerdict, hostFromAddresses, notJudgedVerdict, notValidatingDetail, reasonForMatch, summarize } from './verdict';

/** Records as edited in a zone file, for the pre-deployment check. */
export interface ZoneRecords {
  /** the zone's origin (absolute); TLSA owners under it come from `tlsa`, absent = none */
  origin: string;
  /** MX RRset of the domain in the zone, if the domain is in the zone */
  mx?: MxData[];
  /** TLSA RRsets by owner (canonical, e.g. `_25._tcp.mx.example.com.`) */
  tlsa: Map<string, TlsaRecord[]>;
}

export interface ValidateOptions {
  resolver: Resolver;
  prober: SmtpProber;
  /** SMTP port to connect to (the TLSA owner stays _25._tcp); default 25 */
  smtpPort?: number;
  /** deadline per SMTP step, ms; default 10000 */
  stepTimeoutMs?: number;
  now?: () => Date;
  signal?: AbortSignal;
  /** current step, for progress UIs */
  onProgress?: (message: string) => void;
  /** pre-deployment check: MX/TLSA from the zone instead of DNS */
  zone?: ZoneRecords;
  heloName?: string;
}

const step = (s: string, status: Step['status'], ms: number, detail: string): Step => ({ step: s, status, ms, detail });

// Each probe can take every SMTP step's timeout, so a domain with many MX hosts or a host with
// many addresses must not run for hours. Senders stop sooner (Postfix tries 5 addresses per
// delivery, smtp_mx_address_limit); a validator looks further, and says what it left out.
/** MX hosts validated, in preference order; the rest are named in a warning. */
export const MAX_HOSTS = 10;
/** Addresses probed per host (after removing repeats); the rest are named in a warning. */
export const MAX_ADDRESSES_PER_HOST = 8;
const lookupStep = (name: string, l: Lookup): Step => {
  const s = step(name, l.status === 'secure' ? 'ok' : l.status === 'insecure' ? 'warn' : 'fail', l.ms, `${l.type} ${l.name}: ${l.detail}`);
  if (l.server !== undefined) s.server = l.server; // only a resolver that answered (answeredBy)
  return s;
};

/** Report names without the trailing dot (the --json contract); which resolvers answered. */
function present(r: ValidationReport): void {
  r.domain = bare(r.domain);
  const servers = new Set<string>();
  for (const s of r.steps) if (s.server) servers.add(s.server);
  for (const h of r.hosts) {
    h.name = bare(h.name);
    h.tlsaBase = bare(h.tlsaBase);
    h.cnames = h.cnames.map(([f, t]) => [bare(f), bare(t)]);
    for (const s of h.steps) if (s.server) servers.add(s.server);
  }
  r.answeredBy = [...servers];
}

function isUnder(name: string, origin: string): boolean {
  const n = canonName(name), o = canonName(origin);
  return n === o || n.endsWith('.' + o);
}

/** Throws with a clear message when `domain` is not a usable domain name. */
export function checkDomainName(domain: string): string {
  const d = domain.trim();
  if (!d || d === '.') throw new Error('no domain given');
  if (isIP(d)) throw new Error(`'${d}' is an IP address, not a mail domain`);
  if (/\s/.test(d)) throw new Error(`'${d}' contains white space`);
  // an empty label (`a..b`, a leading dot, two final dots) is no name any sender queries
  if (/^\.|\.\.|\.\.$/.test(d)) throw new Error(`'${d}' has an empty label`);
  // senders look up an internationalised domain by its A-label (RFC 5890 §2.3.2.1)
  let ascii = d;
  if (/[^\x00-\x7f]/.test(d)) {
    ascii = domainToASCII(d);
    if (!ascii) throw new Error(`'${d}' is not a valid internationalised domain name`);
  }
  nameToLabels(ascii); // length limits
  return canonName(ascii);
}

export async function validateDomain(domainIn: string, o: ValidateOptions): Promise<ValidationReport> {
  const t0 = Date.now();
  const domain = checkDomainName(domainIn);
  const now = o.now ?? (() => new Date());
  const port = o.smtpPort ?? 25;
  const progress = o.onProgress ?? (() => undefined);
  const report: ValidationReport = {
    domain, verdict: 'not-applicable', reason: null, ndr: null, tlsrpt: null, summary: '', source: o.zone ? 'zone' : 'dns',
    resolver: o.resolver.describe(), answeredBy: [], smtpPort: port, startedAt: new Date(t0).toISOString(), durationMs: 0,
    steps: [], mx: { status: 'failed', records: [] }, hosts: [],
  };
  const finish = (verdict: ValidationReport['verdict'], reason: Reason | null, extra = ''): ValidationReport => {
    report.verdict = verdict;
    report.reason = reason;
    Object.assign(report, codesFor(reason));
    report.summary = summarize(verdict, reason, extra);
    report.durationMs = Date.now() - t0;
    present(report);
    return report;
  };
  // a verdict that brings its own summary in place of the standard sentence
  const finishWith = (v: { verdict: ValidationReport['verdict']; reason: Reason | null; summary?: string }): ValidationReport => {
    const r = finish(v.verdict, v.reason);
    if (v.summary) r.summary = v.summary;
    return r;
  };

  // ---- MX ----
  progress(`MX lookup for ${domain}`);
  let mxList: MxData[];
  if (o.zone?.mx && o.zone.mx.length) {
    mxList = o.zone.mx;
    report.mx = { status: 'secure', records: mxList.map((m) => `${m.preference} ${m.exchange}`) };
    report.steps.push(step('mx', 'ok', 0, `MX ${domain}: ${mxList.length} record(s) from the zone file (pre-deployment check, treated as signed)`));
  } else {
    const mx = await lookup(o.resolver, domain, TYPE.MX, o.signal);
    report.steps.push(lookupStep('mx', mx));
    mxList = mx.records.map((r) => r.data as MxData);
    report.mx.records = mxList.map((m) => `${m.preference} ${m.exchange}`);
    if (mx.status === 'failed') {
      report.mx.status = 'failed';
      // a resolver that answers nothing, not even for the root (which any resolver knows), is
      // down or unreachable: the check failed, not the domain's DNS
      const root = o.signal?.aborted ? undefined : await o.resolver.query({ name: '.', type: TYPE.NS }, o.signal);
      if (root && !root.ok && root.error !== 'cancelled') {
        return finishWith(notJudgedVerdict('resolver-unreachable', `MX lookup: ${mx.detail}; a query for the root's NS records got no answer either`));
      }
      return finish('dns-failure', 'dns-failure', `MX lookup: ${mx.detail}.`);
    }
    if (mx.status === 'bogus') { report.mx.status = 'bogus'; return finish('invalid', 'dnssec-invalid', `MX lookup: ${mx.detail}.`); }
    if (mx.status === 'unvalidated') {
      report.mx.status = 'unvalidated';
      return finishWith(notJudgedVerdict('resolver-not-validating', notValidatingDetail(mx.server, 'MX', domain)));
    }
    if (mx.rcode === 'NXDOMAIN') {
      report.mx.status = mx.status === 'insecure' ? 'insecure' : 'secure';
      // not "senders fall back to opportunistic TLS", nor "not signed": a name that does not
      // exist takes no mail
      return finishWith({ verdict: 'not-applicable', reason: null, summary: `DANE does not apply: ${bare(domain)} does not exist (${mx.status === 'insecure' ? 'NXDOMAIN, not authenticated' : 'authenticated NXDOMAIN'}), so it receives no mail at all.` });
    }
    if (mx.status === 'insecure') { report.mx.status = 'insecure'; return finish('not-applicable', null, 'The MX RRset is not DNSSEC-signed (no AD bit and no signatures), so DANE does not apply (RFC 7672 §2.2.1); a resolver that does not validate and drops signatures gives the same answer for a signed zone, so if the zone is signed, check with a validating resolver.'); }
    report.mx.status = 'secure';
    if (mx.cnames.length) report.steps.push(step('mx', 'warn', 0, `${domain} is an alias of ${mx.target}; its MX RRset was used`));
  }
  const isNull = (m: MxData): boolean => m.exchange === '.' || m.exchange === '';
  if (mxList.length && mxList.every(isNull)) {
    report.mx.status = 'null-mx';
    return finish('not-applicable', null, `${domain} publishes a null MX (RFC 7505): it accepts no mail.`);
  }
  if (mxList.some(isNull)) {
    // RFC 7505 §3: a null MX must stand alone; next to real hosts it is just an unusable target
    report.steps.push(step('mx', 'warn', 0, `a null MX ("${mxList.find(isNull)!.preference} .") stands next to other MX records; it is ignored (RFC 7505 §3)`));
    mxList = mxList.filter((m) => !isNull(m));
  }
  if (!mxList.length) {
    report.mx.status = 'implicit';
    mxList = [{ preference: 0, exchange: domain }];
    report.steps.push(step('mx', 'ok', 0, `no MX records: the domain itself is the implicit MX (RFC 5321 §5.1)`));
  }
  mxList = [...mxList].sort((a, b) => a.preference - b.preference);
  // a host named twice (10 mx, 20 mx) is validated once, at its best preference
  const seenHosts = new Set<string>();
  mxList = mxList.filter((m) => {
    const k = canonName(m.exchange);
    return seenHosts.has(k) ? false : (seenHosts.add(k), true);
  });
  if (mxList.length > MAX_HOSTS) {
    const left = mxList.slice(MAX_HOSTS);
    report.steps.push(step('mx', 'warn', 0, `${left.length} more MX host${left.length === 1 ? '' : 's'} not validated (at most ${MAX_HOSTS}): ${left.map((m) => `${m.preference} ${bare(m.exchange)}`).join(', ')}`));
    mxList = mxList.slice(0, MAX_HOSTS);
  }

  // ---- hosts, in preference order (sequential: bounded load, readable progress) ----
  for (const mx of mxList) {
    if (o.signal?.aborted) break;
    report.hosts.push(await validateHost(mx, o, port, now, progress));
  }
  if (o.signal?.aborted) return finish('dns-failure', 'dns-failure', 'Cancelled before the end.');
  // no MX and, by clean answers, no address either: the domain receives no mail at all (RFC 5321
  // §5.1), for good; no lookup failed, so this is no 4.4.312 to retry
  const only = report.hosts[0];
  if (report.mx.status === 'implicit' && only && !only.addresses.length && !cannotBeJudged(only.reason)) {
    const answers = only.steps.filter((st) => st.step === 'address');
    if (answers.length && answers.every((st) => st.status === 'ok')) {
      return finishWith({ verdict: 'not-applicable', reason: null, summary: `DANE does not apply: ${bare(domain)} has no MX records and no address records, so it receives no mail at all (RFC 5321 §5.1).` });
    }
  }
  return finishWith(domainVerdict(report.hosts));
}

async function tlsaLookup(name: string, o: ValidateOptions): Promise<{ step: Step; status: HostReport['tlsaStatus']; records: TlsaRecord[] }> {
  const owner = canonName(`_25._tcp.${name}`);
  if (o.zone && isUnder(owner, o.zone.origin)) {
    const recs = o.zone.tlsa.get(owner) ?? [];
    return { step: step('tlsa', recs.length ? 'ok' : 'warn', 0, `TLSA ${owner}: ${recs.length ? recs.length + ' record(s)' : 'none'} in the zone file (pre-deployment check)`), status: recs.length ? 'present' : 'none', records: recs };
  }
  const l = await lookup(o.resolver, owner, TYPE.TLSA, o.signal);
  const records = l.records.map((r) => r.data as TlsaData);
  const status: HostReport['tlsaStatus'] = l.status === 'bogus' ? 'bogus' : l.status === 'failed' ? 'failed'
    : l.status === 'insecure' ? 'insecure' : l.status === 'unvalidated' ? 'unvalidated' : records.length ? 'present' : 'none';
  return { step: lookupStep('tlsa', l), status, records };
}

async function validateHost(mx: MxData, o: ValidateOptions, port: number, now: () => Date, progress: (m: string) => void): Promise<HostReport> {
  const name = canonName(mx.exchange);
  const host: HostReport = {
    name, preference: mx.preference, tlsaBase: name, cnames: [], tlsa: [], tlsaStatus: 'not-looked-up', addressesSecure: false,
    verdict: 'no-dane', reason: null, ndr: null, tlsrpt: null, detail: '', steps: [], addresses: [],
  };
  const done = (verdict: HostReport['verdict'], reason: Reason | null, detail: string): HostReport => {
    Object.assign(host, { verdict, reason, detail }, codesFor(reason));
    return host;
  };
  progress(`${name}: address lookup`);
  const [a, aaaa] = await Promise.all([lookup(o.resolver, name, TYPE.A, o.signal), lookup(o.resolver, name, TYPE.AAAA, o.signal)]);
  host.steps.push(lookupStep('address', a), lookupStep('address', aaaa));
  const addrs = [...new Set([...a.records, ...aaaa.records].map((r) => String(r.data)))];
  const unchecked = [a, aaaa].find((l) => l.status === 'unvalidated');
  if (unchecked) return done('dns-failure', 'resolver-not-validating', notValidatingDetail(unchecked.server, unchecked.type, name, name));
  if (a.status === 'bogus' || aaaa.status === 'bogus') return done('dnssec-invalid', 'dnssec-invalid', `the address records of ${name} fail DNSSEC validation`);
  const loop = [a, aaaa].find((l) => l.cnameLoop);
  if (!addrs.length && loop) {
    host.cnames = loop.cnames;
    return done('dns-failure', 'dns-failure', `the address lookup for ${bare(name)} ends in a CNAME loop (${cnameChainText(loop.cnames)}): it has no addresses`);
  }
  if (!addrs.length && (a.status === 'failed' || aaaa.status === 'failed')) {
    const f = [a, aaaa].filter((l) => l.status === 'failed').map((l) => `${l.type}: ${l.detail}`).join('; ');
    return done('dns-failure', 'dns-failure', `the address lookup for ${bare(name)} failed (${f})`);
  }
  if (!addrs.length) return done('dns-failure', 'dns-failure', `${bare(name)} has no A or AAAA records`);
  const answered = [a, aaaa].filter((l) => l.status !== 'failed');
  host.addressesSecure = answered.every((l) => l.status === 'secure');
  const chainLookup = a.cnames.length ? a : aaaa;
  host.cnames = chainLookup.cnames;

  // TLSA base domain (RFC 7672 §2.2.2-2.2.3): the expanded name if the whole chain is secure
  let candidates: string[];
  if (host.cnames.length) candidates = host.addressesSecure ? [chainLookup.target, name] : [name];
  else candidates = host.addressesSecure ? [name] : [];
  let tl: Awaited<ReturnType<typeof tlsaLookup>> | undefined;
  if (!candidates.length) {
    host.steps.push(step('tlsa', 'skip', 0, `the address records of ${name} are not signed: no TLSA lookup (RFC 7672 §2.2.2)`));
  }
  for (const base of candidates) {
    progress(`${name}: TLSA lookup at _25._tcp.${base}`);
    tl = await tlsaLookup(base, o);
    host.steps.push(tl.step);
    host.tlsaBase = base;
    if (tl.status !== 'none') break; // fall back to the original name only on secure denial
  }
  if (tl) {
    host.tlsaStatus = tl.status;
    host.tlsa = tl.records.map(recordText);
    if (tl.status === 'bogus') return done('dnssec-invalid', 'dnssec-invalid', `the TLSA RRset at _25._tcp.${host.tlsaBase} fails DNSSEC validation: the host is unusable`);
    if (tl.status === 'unvalidated') return done('dns-failure', 'resolver-not-validating', notValidatingDetail(tl.step.server, 'TLSA', `_25._tcp.${host.tlsaBase}`, name));
    if (tl.status === 'failed') return done('dns-failure', 'dns-failure', `the TLSA lookup at _25._tcp.${host.tlsaBase} failed: ${tl.step.detail.replace(/^TLSA \S+: /, '')}`);
  }
  const dane = host.tlsaStatus === 'present';

  if (addrs.length > MAX_ADDRESSES_PER_HOST) {
    const left = addrs.slice(MAX_ADDRESSES_PER_HOST);
    host.steps.push(step('address', 'warn', 0, `${left.length} more address${left.length === 1 ? '' : 'es'} of ${bare(name)} not probed (at most ${MAX_ADDRESSES_PER_HOST}): ${left.join(', ')}`));
  }
  for (const address of addrs.slice(0, MAX_ADDRESSES_PER_HOST)) {
    if (o.signal?.aborted) break;
    progress(`${name}: SMTP STARTTLS probe of ${address}:${port}`);
    const probe = await o.prober.probe({ address, port, sni: host.tlsaBase, stepTimeoutMs: o.stepTimeoutMs, heloName: o.heloName }, o.signal);
    host.addresses.push(judgeAddress(address, probe, dane ? tl!.records : null, [...new Set([host.tlsaBase, name])], now()));
  }
  const hv = hostFromAddresses(host.addresses);
  if (!dane) {
    const why = host.tlsaStatus === 'none' ? 'no TLSA records (authenticated denial)' : host.tlsaStatus === 'insecure' ? 'the TLSA answer is not signed' : 'the address records are not signed';
    return done('no-dane', null, `DANE does not apply to ${name}: ${why}; senders use opportunistic TLS`);
  }
  const best = host.addresses.find((x) => x.verdict === hv.verdict);
  return done(hv.verdict, hv.reason, best?.detail ?? '');
}

function judgeAddress(address: string, probe: ProbeResult, tlsa: TlsaRecord[] | null, refNames: string[], now: Date): AddressReport {
  const steps: Step[] = probe.steps.map((s) => step(s.step, s.ok ? 'ok' : 'fail', s.ms, s.detail));
  const { chain, wouldMatch } = describeChain(probe.chain);
  const r: AddressReport = {
    address, family: isIP(address) === 6 ? 6 : 4, verdict: 'no-dane', reason: null, ndr: null, tlsrpt: null, detail: '',
    steps, tlsVersion: probe.tlsVersion, chain, matched: null, wouldMatch,
  };
  const set = (verdict: AddressReport['verdict'], reason: Reason | null, detail: string): AddressReport => {
    Object.assign(r, { verdict, reason, detail }, codesFor(reason));
    return r;
  };
  const last = probe.steps[probe.steps.length - 1];
  if (!tlsa) {
    return set('no-dane', null, probe.ok ? `opportunistic TLS works (${probe.tlsVersion}); publish ${wouldMatch[0] ?? 'a TLSA record'} to enable DANE` : `no DANE; the SMTP probe failed: ${last?.detail ?? 'unknown'}`);
  }
  if (!probe.ok) {
    switch (probe.failure) {
      case 'no-starttls': case 'starttls-refused': return set('invalid', 'starttls-not-supported', last.detail);
      case 'tls': return set('invalid', 'tls-handshake', last.detail);
      default: return set('smtp-failure', 'smtp-unreachable', `${last?.step ?? 'connect'}: ${last?.detail ?? 'failed'}`);
    }
  }
  const t = Date.now();
  const m = matchPresentedChain(tlsa, probe.chain, refNames, now);
  r.matched = m.matched && (m.outcome === 'match-ee' || m.outcome === 'match-ta') ? m.matched : null;
  const ignored = m.ignored.length ? `Ignored: ${m.ignored.map((i) => `${i.record.slice(0, 20)}… (${i.reason})`).join('; ')}` : '';
  const ok = m.outcome === 'match-ee' || m.outcome === 'match-ta';
  steps.push(step('match', ok ? 'ok' : m.outcome === 'no-usable' ? 'warn' : 'fail', Date.now() - t, ignored ? sentences(m.detail, ignored) : m.detail));
  if (ok) {
    // DANE-EE ignores the leaf's dates (RFC 7672 §3.1.1), yet Exchange Online documents 5.7.322
    // for an expired certificate: said, not judged
    const leaf = probe.chain[0] ? new X509Certificate(probe.chain[0]) : undefined;
    if (m.outcome === 'match-ee' && leaf && !(new Date(leaf.validFrom) <= now && now <= new Date(leaf.validTo))) {
      steps.push(step('match', 'warn', 0, `the certificate is valid ${leaf.validFrom} – ${leaf.validTo}, not now: DANE-EE senders ignore its dates (RFC 7672 §3.1.1), but Exchange Online documents 5.7.322 certificate-expired for such a server; renew it`));
    }
    return set('valid', null, m.detail);
  }
  if (m.outcome === 'no-usable') return set('tls-only', null, m.detail);
  // the whole record, so that it can be compared and copied from the Problems panel and the log.
  // A DANE-TA record that matched but whose chain's dates, names or signatures fail is no fix:
  // only the leaf's DANE-EE record, which checks none of those, would authenticate the server
  const taFailed = m.outcome === 'expired' || m.outcome === 'name-mismatch' || m.outcome === 'chain-invalid';
  const matching = taFailed ? wouldMatch.filter((w) => w.startsWith('3 ')) : wouldMatch;
  r.wouldMatch = matching;
  const certFix = m.outcome === 'expired' ? 'Renew the certificate' : m.outcome === 'name-mismatch' ? 'Put the MX host name in the certificate' : 'Fix the chain the server sends';
  const fix = taFailed
    ? `${certFix}${matching.length ? `, or publish ${matching.join(' or ')} (DANE-EE: no date, name or chain checks, RFC 7672 §3.1.1${m.outcome === 'expired' ? EXPIRED_UNDER_EE : ''})` : ''}`
    : matching.length ? `The server presents a key matching ${matching.join(' or ')}` : '';
  return set('invalid', reasonForMatch(m.outcome), fix ? sentences(m.detail, fix) : m.detail);
}

/** What the DANE-EE way out of an expired certificate does not cover: the warning a valid
 *  DANE-EE match of an expired leaf gets, said where that record is offered as a fix. */
const EXPIRED_UNDER_EE = '; Exchange Online still documents 5.7.322 certificate-expired for an expired certificate, so renew it all the same';
