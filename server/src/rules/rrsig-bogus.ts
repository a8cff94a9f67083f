// A signature that does not verify over its RRset with the DNSKEY it names (RFC 4035 §5.3.3):
// what an edit of a signed zone file makes of every RRset it touches, a TLSA record typed over
// after signing most of all. When no signature of the RRset verifies, validators answer SERVFAIL
// and DANE senders defer the mail (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid); one
// that fails beside one that verifies (a key rollover gone wrong) is a warning.
// A signature takes 20-110 µs to verify: past VERIFY_ALL_UP_TO signatures, only those over the
// RRsets DANE depends on are verified, unless the host asks for all (`check --verify-signatures`).
import type { Zone, ZoneRecord } from '../zone/model';
import { ref } from './dane-support/refs';
import type { RecordRule, RuleHost } from './rule';
import { fieldLoc } from './support/record-locs';
import { isSignedZone } from './support/signed-zone';
import { algorithmName, signaturesOver, signatureVerdict as verdictOf, verifyingSignature, zoneKey } from './support/rrsig-verify';

/** Up to this many signatures in a zone, all are verified (about 1.5 s at most for ECDSA). */
export const VERIFY_ALL_UP_TO = 20000;

/** The RRsets verified in a larger zone: the keys, the apex, and what DANE for SMTP reads. */
const DANE_TYPES = new Set(['DNSKEY', 'CDS', 'CDNSKEY', 'SOA', 'NS', 'MX', 'TLSA', 'SMIMEA']);

/** 'all' signatures are verified, or those over the DANE_TYPES only. */
export function signatureScope(zone: Zone, host: RuleHost): 'all' | 'dane' {
  return host.options.verifyAllSignatures === true || (zone.byType.get('RRSIG')?.length ?? 0) <= VERIFY_ALL_UP_TO ? 'all' : 'dane';
}

export const rrsigBogus: RecordRule = {
  id: 'rrsig-bogus',
  scope: 'record',
  types: ['RRSIG'],
  defaultSeverity: 'error',
  rfc: [ref(4035, '5.3.3'), ref(4034, '3.1.8.1'), ref(7672, '2.2')],
  summary: 'A signature that does not verify over its RRset with the DNSKEY it names (the RRset edited after signing): validators find the RRset bogus unless another signature verifies, and DANE senders defer mail.',
  appliesToZone: isSignedZone,
  zoneState: (zone, host) => `${isSignedZone(zone)} ${signatureScope(zone, host)}`,
  // not a dependsOn on the signer: every signature would be checked again at each keystroke in
  // the apex's SOA serial (117 ms at 19 500 signatures), where verdicts are kept anyway
  recheckOnTypes: ['DNSKEY'],
  check(rec, ctx) {
    const covered = String(rec.values[0]);
    const scope = signatureScope(ctx.zone, ctx.host);
    if (scope === 'dane') {
      if (covered === 'DNSKEY' && rec.ownerKey === ctx.zone.origin && firstSignature(rec, ctx.zone) === rec) {
        ctx.report({ loc: rec.typeLoc, severity: 'info', message: `this zone has more than ${VERIFY_ALL_UP_TO} signatures: only those over the ${[...DANE_TYPES].join(', ')} RRsets were verified (each takes 20-110 µs); the setting daneZone.verifyAllSignatures, or \`dane-zone check --verify-signatures\`, verifies every one` });
      }
      if (!DANE_TYPES.has(covered)) return;
    }
    const verdict = verdictOf(rec, ctx.zone);
    if (!verdict || verdict.verifies) return;
    // another signature of the RRset that verifies keeps it secure (RFC 4035 §5.3.3)
    const good = verifyingSignature(rec, ctx.zone);
    const tag = rec.values[6];
    const alg = `${algorithmName(rec.values[1] as number)}`;
    const what = `the ${covered} RRset at ${rec.owner}`;
    const dane = covered === 'TLSA' || covered === 'MX' ? '; DANE senders defer mail (RFC 7672 §2.2; Exchange Online: 5.7.324 dnssec-invalid)' : '';
    const outcome = good
      ? { severity: 'warning' as const, text: `another signature (key tag ${good.values[6]}) verifies, so validators accept the RRset` }
      : { severity: undefined, text: `no signature of it verifies, so validators answer SERVFAIL for it (RFC 4035 §5.3.3)${dane}; sign the zone again` };
    if (!verdict.named.length) {
      const badKey = verdict.keys.map(zoneKey).find((k) => k && k.tag === tag && k.algorithm === rec.values[1]);
      const why = badKey && typeof badKey.key === 'string' ? `the DNSKEY with key tag ${tag} cannot be used: ${badKey.key}` : badKey ? `the DNSKEY with key tag ${tag} is not a zone key of protocol 3 (RFC 4034 §2.1)` : `no DNSKEY at ${String(rec.values[7])} has key tag ${tag} and algorithm ${alg}`;
      ctx.report({ loc: fieldLoc(rec, 6), severity: outcome.severity, message: `this signature over ${what} cannot be verified: ${why}; ${outcome.text}` });
      return;
    }
    // keys of the tag and algorithm that cannot be read (RFC 3110 §2, RFC 6605 §4): no edit of the RRset
    const unusable = verdict.named.every((k) => typeof k.key === 'string') ? verdict.named[0] : undefined;
    if (unusable) {
      ctx.report({ loc: fieldLoc(rec, 6), severity: outcome.severity, message: `this signature over ${what} cannot be verified: the DNSKEY with key tag ${tag} cannot be used: ${String(unusable.key)}; ${outcome.text}`, related: [{ loc: unusable.record.typeLoc, message: `DNSKEY with key tag ${tag}` }] });
      return;
    }
    // when another signature verifies, the RRset is as signed: this signature is what changed
    const cause = good ? 'the signature was damaged, or made over other data' : 'the RRset was changed after signing (a record edited, added or removed), or the signature was';
    ctx.report({
      loc: fieldLoc(rec, 8),
      severity: outcome.severity,
      message: `this signature over ${what} does not verify with the DNSKEY it names (key tag ${tag}, ${alg}): ${cause}; ${outcome.text}`,
      related: verdict.named.map((k) => ({ loc: k.record.typeLoc, message: `DNSKEY with key tag ${k.tag}` })),
    });
  },
};

function firstSignature(rec: ZoneRecord, zone: Zone): ZoneRecord | undefined {
  return signaturesOver(zone, rec.ownerKey, String(rec.values[0]), rec.class)[0];
}
