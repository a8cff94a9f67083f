// An MX, NS or SRV target inside this zone needs an A or AAAA record here, or mail,
// resolution and the service fail (RFC 1035 §3.3.9 additional-section processing; RFC 1034
// §4.2.1 glue; RFC 2782: the target is a host's name with an address). Targets outside the
// zone cannot be checked offline. BIND refuses a zone with an in-zone NS without address and
// only warns for MX and SRV, hence the per-type severity. A target at or below a delegation is the child zone's (RFC 1034
// §4.3.2): not checked for MX and SRV, while an NS target there needs its glue address here;
// a target below a DNAME is redirected (RFC 6672 §2.3): not checked. A target that does not
// exist is answered by the wildcard at its closest encloser (RFC 4592 §3.3.1, §4.1), as BIND and
// Knot load it; an existing name, an empty non-terminal included, never is.
import { rfc, type RecordRule, type ReportedFix } from './rule';
import type { Loc, Zone, ZoneRecord } from '../zone/model';
import { isAbsolute, isInZone, nameKey } from '../zone/names';
import { tokensIn } from './dane-support/loc-range';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { addressWrittenAsName, targetLoc, targetName } from './support/targets';
import { NameMemo } from './support/name-memo';
import { cutAbove } from './support/zone-cuts';
import { endsLikeFullName } from './support/targets';
import { answeringOwner } from './dane-support/tlsa-lookup';

const HAS_ADDRESS = new Set(['A', 'AAAA']);

/** The hint and the fix for a target written like a name of another domain without its final
 *  dot (its last label a top-level domain's): the origin was appended to it. */
function missingDot(rec: ZoneRecord, loc: Loc): { hint: string; fix: ReportedFix } | undefined {
  if (rec.generated) return undefined;
  const [tok] = tokensIn(loc);
  if (!tok || isAbsolute(tok.text) || tok.text.includes('\\')) return undefined;
  if (!endsLikeFullName(tok.text)) return undefined;
  return {
    hint: `: written without a final dot, so the origin was appended; did you mean ${tok.text}.? (RFC 1035 §5.1)`,
    fix: rewriteFix(`Add the trailing dot: ${tok.text}.`, loc, `${tok.text}.`),
  };
}

// Whether a name has an address or is an alias: asked for every MX, NS and SRV pointing at it.
const addressOrAlias = new NameMemo((_zone, at) => at.some((r) => HAS_ADDRESS.has(r.type) || r.type === 'CNAME'));
const hasAddress = new NameMemo((_zone, at) => at.some((r) => HAS_ADDRESS.has(r.type)));

/** The in-zone target `key` of `rec` when it lacks an address this zone should hold (undefined:
 *  it has one, is an alias, or is not this zone's to check), with the wildcard that answers it
 *  without one. `below` gets the names whose subtrees decide it (dependsOnBelow). */
function missing(rec: ZoneRecord, zone: Zone, below: string[] = []): { target: string; key: string; wildcard?: string; wildcardCname?: boolean } | undefined {
  if (!zone.origin) return undefined;
  const target = targetName(rec);
  if (target === undefined || target === '.') return undefined;
  const key = nameKey(target);
  if (!isInZone(key, zone.origin)) return undefined;
  // an address written as the name is target-is-address's finding
  if (addressWrittenAsName(target) !== undefined) return undefined;
  // an alias is target-is-cname's (or mx-target-cname's) finding, not a missing address
  if (addressOrAlias.get(zone, key)) return undefined;
  const cut = cutAbove(zone, key);
  if (cut) return cut.kind === 'dname' || rec.type !== 'NS' ? undefined : { target, key };
  // a name without records of its own: the wildcard at its closest encloser answers it when it
  // does not exist (a wildcard CNAME is an alias those rules do not see: no address here either)
  if (zone.byOwner.has(key)) return { target, key };
  const owner = answeringOwner(zone, key, below);
  if (owner === undefined) return { target, key };
  if (hasAddress.get(zone, owner)) return undefined;
  return { target, key, wildcard: owner, wildcardCname: zone.byOwner.get(owner)?.some((r) => r.type === 'CNAME') };
}

export const targetNoAddress: RecordRule = {
  id: 'target-no-address',
  scope: 'record',
  types: ['MX', 'NS', 'SRV'],
  defaultSeverity: 'warning',
  loadRefused: 'errors',
  // a delegation to a name without a usable address breaks resolution: an error for NS
  defaultSeverityByType: { NS: 'error' },
  rfc: [
    rfc('RFC 1035 §3.3.9', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.3.9'),
    rfc('RFC 1034 §4.2.1', 'https://www.rfc-editor.org/rfc/rfc1034#section-4.2.1'),
    rfc('RFC 2782', 'https://www.rfc-editor.org/rfc/rfc2782'),
  ],
  summary: 'An MX, NS or SRV target inside the zone must have an A or AAAA record in the zone, its own or that of a wildcard answering it (an NS target below a delegation: glue).',
  // While typing, the record is checked again when its target's records change.
  dependsOn: (rec) => {
    const t = targetName(rec);
    return t === undefined ? [] : [nameKey(t)];
  },
  // ... and when records change at or below the names that decide whether it exists and which
  // wildcard answers it
  dependsOnBelow: (rec, zone) => {
    const below: string[] = [];
    missing(rec, zone, below);
    return below;
  },
  check(rec, ctx) {
    const zone = ctx.zone;
    const miss = missing(rec, zone);
    if (!miss) return;
    const { target, key, wildcard, wildcardCname } = miss;
    const cut = cutAbove(zone, key);
    const where = !cut ? 'is inside the zone' : cut.at === key ? 'is a delegated name' : `is below the delegation of ${cut.at}`;
    const loc = targetLoc(rec);
    const dot = cut ? undefined : missingDot(rec, loc);
    const wild = wildcard ? ` (the wildcard ${wildcard} that answers it ${wildcardCname ? 'holds a CNAME, an alias' : 'has none'})` : '';
    ctx.report({
      loc,
      message: `${rec.type} target ${target} ${where} but has no ${cut ? 'glue ' : ''}A or AAAA record${cut ? ' here' : ''}${wild}${dot?.hint ?? ''}`,
      data: dot ? ({ fixes: [dot.fix] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
