// One classified DNS lookup, as a DANE sender needs it (RFC 7672 §2.1):
// secure / insecure / unvalidated / bogus / failed, with the records of the asked type, the
// CNAME chain the resolver followed, RFC 8914 extended errors and the answering
// server. A SERVFAIL is re-asked with CD=1: data that comes back then exists
// but fails validation (bogus); no data = the servers are unreachable or lame.
// No sockets here: it goes through the Resolver interface.
import { bareName, canonName, EDE_DNSSEC_BOGUS, EDE_NAMES, Ede, rcodeName, Rr, TYPE, dnsTypeName } from './dns-wire';
import type { Resolver } from './resolver';

/** 'unvalidated': no AD bit, yet the answer itself is signed (we send DO): an RRSIG covers the
 *  records asked for at the end of the CNAME chain, or, for NXDOMAIN/NODATA, the denial in the
 *  authority section. The resolver passed on signatures it did not check, so it does not validate
 *  (or does not support the zone's algorithm) and 'insecure' cannot be told from 'secure' with
 *  it. RRSIGs on a CNAME alone are normal without AD: a signed alias into an unsigned zone. */
export type LookupStatus = 'secure' | 'insecure' | 'unvalidated' | 'bogus' | 'failed';

export interface Lookup {
  name: string;
  type: string;
  status: LookupStatus;
  /** NOERROR, NXDOMAIN, SERVFAIL ... or 'TIMEOUT'/'ERROR' when nothing usable came back */
  rcode: string;
  /** records of the asked type at the end of the CNAME chain */
  records: Rr[];
  /** CNAME steps followed, in order: [from, to] */
  cnames: [string, string][];
  /** the CNAME chain comes back to a name already in it: the name cannot resolve */
  cnameLoop?: boolean;
  /** final name after the CNAME chain */
  target: string;
  ede: Ede[];
  /** the resolver that answered; absent when none did (timeouts, errors) */
  server?: string;
  ms: number;
  /** one-line explanation for the report */
  detail: string;
}

function edeText(ede: Ede[]): string {
  return ede.map((e) => `EDE ${e.code} (${EDE_NAMES[e.code] ?? 'unknown'})${e.text ? ': ' + e.text : ''}`).join('; ');
}

/** Follow the CNAME chain of an answer section from `name`; bounded against loops. */
function followCnames(answer: Rr[], name: string): { target: string; chain: [string, string][]; loop: boolean } {
  let cur = canonName(name);
  const chain: [string, string][] = [];
  for (let i = 0; i < 16; i++) {
    const c = answer.find((r) => r.type === TYPE.CNAME && canonName(r.name) === cur);
    if (!c) break;
    const to = canonName(String(c.data));
    chain.push([cur, to]);
    if (chain.some(([f]) => f === to)) return { target: to, chain, loop: true };
    cur = to;
  }
  return { target: cur, chain, loop: false };
}

/** `a → b → a`, names without the trailing dot */
export function cnameChainText(chain: [string, string][]): string {
  return chain.length ? [chain[0][0], ...chain.map(([, t]) => t)].map(bareName).join(' → ') : '';
}

export async function lookup(resolver: Resolver, name: string, type: number, signal?: AbortSignal): Promise<Lookup> {
  const qname = canonName(name);
  const base = { name: qname, type: dnsTypeName(type) };
  const r = await resolver.query({ name: qname, type }, signal);
  if (!r.ok) {
    return { ...base, status: 'failed', rcode: 'TIMEOUT', records: [], cnames: [], target: qname, ede: [], ms: r.ms, detail: `no answer from ${r.server}: ${r.error}` };
  }
  const m = r.msg;
  const rcode = rcodeName(m.rcode);
  const ede = m.edns?.ede ?? [];
  const { target, chain, loop } = followCnames(m.answer, qname);
  const records = loop ? [] : m.answer.filter((x) => x.type === type && canonName(x.name) === target);
  const common = { ...base, rcode, cnames: chain, target, ede, server: r.server, ...(loop ? { cnameLoop: true } : {}) };
  if (rcode === 'NOERROR' || rcode === 'NXDOMAIN') {
    const what = loop ? `CNAME loop (${cnameChainText(chain)})` : rcode === 'NXDOMAIN' ? 'NXDOMAIN' : records.length ? `${records.length} ${base.type}` : 'NODATA';
    const isRrsig = (x: Rr): boolean => x.type === TYPE.RRSIG;
    const signedUnchecked = !m.ad && !loop && (records.length
      ? m.answer.some((x) => isRrsig(x) && canonName(x.name) === target && (x.data as { typeCovered?: string })?.typeCovered === base.type)
      : m.authority.some(isRrsig));
    if (signedUnchecked) {
      return {
        ...common, records, ms: r.ms, status: 'unvalidated',
        detail: `${what}, signed (RRSIG) but no AD: ${r.server} does not validate DNSSEC${ede.length ? '; ' + edeText(ede) : ''}`,
      };
    }
    return {
      ...common, records, ms: r.ms,
      status: m.ad ? 'secure' : 'insecure',
      detail: `${what}, ${m.ad ? 'AD (secure)' : 'no AD (insecure)'}${ede.length ? '; ' + edeText(ede) : ''} from ${r.server}`,
    };
  }
  if (rcode === 'SERVFAIL') {
    if (ede.some((e) => EDE_DNSSEC_BOGUS.has(e.code))) {
      return { ...common, records: [], ms: r.ms, status: 'bogus', detail: `SERVFAIL, ${edeText(ede)} from ${r.server}` };
    }
    // same question with CD=1: a validating resolver then hands out the data it could not validate
    const cd = await resolver.query({ name: qname, type, cd: true }, signal);
    const ms = r.ms + cd.ms;
    if (cd.ok && (cd.msg.rcode === 0 || cd.msg.rcode === 3)) {
      const cdEde = cd.msg.edns?.ede ?? [];
      const all = [...ede, ...cdEde];
      return { ...common, records: [], ede: all, ms, status: 'bogus', detail: `SERVFAIL, but ${rcodeName(cd.msg.rcode)} with CD=1: the data exists and fails DNSSEC validation${all.length ? '; ' + edeText(all) : ''} (${r.server})` };
    }
    return { ...common, records: [], ms, status: 'failed', detail: `SERVFAIL, also with CD=1: the zone's servers did not answer usefully${ede.length ? '; ' + edeText(ede) : ''} (${r.server})` };
  }
  return { ...common, records: [], ms: r.ms, status: 'failed', detail: `${rcode} from ${r.server}${ede.length ? '; ' + edeText(ede) : ''}` };
}
