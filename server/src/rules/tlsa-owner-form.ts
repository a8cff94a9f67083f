// TLSA owner names must be `_<port>._<tcp|udp|sctp>.<host>` (RFC 6698 §3); SMTP
// senders query `_25._tcp.<MX host>` (RFC 7672 §2.2.3). The common slips
// `_smtp._tcp.<host>` (the SRV spelling), `_25._smtp.<host>` and a port with leading
// zeros (`_025`) get a quick-fix. Not flagged: wildcards that answer such names
// (RFC 4592 §4.1) and owners that such names reach through CNAMEs (RFC 7671 §7). A wildcard
// in place of the host labels, `*._25._tcp.<name>`, answers only names below `_25._tcp.<name>`,
// never `_25._tcp.<host>`: it protects nothing, though it reads as if it covered every host.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { splitTlsaOwner } from './dane-support/tlsa-fields';
import { entryTokens } from '../zone/locate';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { isServiceName, reachedFromServiceName, wildcardAnswersServices } from './dane-support/tlsa-lookup';
import type { Zone, ZoneRecord } from '../zone/model';

const SLIP = /^(_smtp\._tcp|_25\._smtp)(?=\.|$)/i;
const LEADING_ZERO = /^_0+(\d+)(?=\._(tcp|udp|sctp)\.)/i;

/** True when queries for `_<port>._<proto>` names find this owner's records: it is such a name, a
 *  wildcard answering them, or CNAMEs lead from one to it. `below`/`names`: what decides it. */
function looked(rec: ZoneRecord, zone: Zone, below: string[], names: string[]): boolean {
  const key = rec.ownerKey;
  if (isServiceName(key)) return true;
  if (key.startsWith('*.') && wildcardAnswersServices(zone, key, below)) return true;
  const reach = reachedFromServiceName(zone, key);
  names.push(...reach.names);
  return reach.reached;
}

export const tlsaOwnerForm: RecordRule = {
  id: 'tlsa-owner-form',
  scope: 'record',
  types: ['TLSA'],
  defaultSeverity: 'error',
  rfc: [ref(6698, '3'), ref(7672, '2.2.3'), ref(4592, '4.1'), ref(7671, '7')],
  summary: 'TLSA owner no client queries: not _<port>._<tcp|udp|sctp>.<host>, nor a wildcard or CNAME target answering one; _smtp._tcp, _25._smtp and _025 get a fix.',
  // A wildcard's answers depend on which names exist below its parent, and a CNAME owner's
  // on the CNAMEs pointing at it (the reverse index): both declared, so editing re-checks.
  dependsOn(rec, zone) {
    const names: string[] = [];
    if (!splitTlsaOwner(rec.ownerKey)) looked(rec, zone, [], names);
    return names;
  },
  dependsOnBelow(rec, zone) {
    const below: string[] = [];
    if (rec.ownerKey.startsWith('*.')) looked(rec, zone, below, []);
    return below;
  },
  check(rec, ctx) {
    if (splitTlsaOwner(rec.ownerKey) || looked(rec, ctx.zone, [], [])) return;
    const slip = SLIP.exec(rec.ownerKey);
    const zeros = slip ? undefined : LEADING_ZERO.exec(rec.ownerKey);
    if (slip || zeros) {
      const bad = slip ? SLIP : LEADING_ZERO;
      const good = slip ? '_25._tcp' : `_${zeros![1]}`;
      const host = rec.owner.slice(slip ? slip[0].length + 1 : 0);
      const fixed = slip ? `_25._tcp.${host}` : rec.owner.replace(LEADING_ZERO, good);
      const fixes: FixData['fixes'] = [];
      const tok = rec.ownerExplicit
        ? entryTokens(rec.ownerLoc.file, rec.ownerLoc.entry).find((t) => t.line === rec.ownerLoc.span.line && t.start === rec.ownerLoc.span.start)
        : undefined;
      if (tok && bad.test(tok.text)) {
        fixes.push(rewriteFix(`Change owner to ${fixed}`, rec.ownerLoc, tok.text.replace(bad, good)));
      }
      const why = slip
        ? `senders never query ${slip[1]}.${host}: TLSA for SMTP lives at _25._tcp.<MX host> (RFC 6698 §3, RFC 7672 §2.2.3)`
        : `clients never query ${rec.owner}: the port label is the port in decimal without leading zeros, so they query ${fixed} (RFC 6698 §3)`;
      ctx.report({
        loc: rec.ownerLoc,
        message: why + (rec.ownerExplicit ? '' : '; the owner is inherited from an earlier line'),
        data: { fixes } satisfies FixData,
      });
      return;
    }
    const under = rec.ownerKey.startsWith('*.') ? splitTlsaOwner(rec.ownerKey.slice(2)) : undefined;
    if (under) {
      const service = `_${under.port}._${under.proto}`;
      const smtp = under.port === 25 && under.proto === 'tcp';
      const parent = rec.owner.slice(2);
      ctx.report({
        loc: rec.ownerLoc,
        message: `the wildcard ${rec.owner} answers only names below ${parent} (RFC 4592 §4.1), never ${service}.<host>, the name ${smtp ? 'senders query (RFC 7672 §2.2.3)' : 'clients query (RFC 6698 §3)'}: no ${smtp ? 'MX ' : ''}host gets DANE from it. Write ${service}.<host> for each ${smtp ? 'MX ' : ''}host, or *._${under.proto}.<host>` + (rec.ownerExplicit ? '' : '; the owner is inherited from an earlier line'),
      });
      return;
    }
    ctx.report({
      loc: rec.ownerLoc,
      severity: 'warning',
      message: `TLSA owner ${rec.owner} is not of the form _<port>._<tcp|udp|sctp>.<host> (RFC 6698 §3): no client looks it up`,
    });
  },
  fixes: fixesFromData,
};
