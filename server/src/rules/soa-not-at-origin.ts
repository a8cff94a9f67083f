// The SOA marks the top of the zone (RFC 1035 §5.2, RFC 2181 §6.1). Two ways it ends up elsewhere:
// the zone is named (`dane-zone check --origin`: options.zoneName) and the SOA's owner is another
// name, which BIND refuses ("SOA record not at top of zone"); or the owner is a name written
// twice, `example.com.example.com.`: the classic `example.com IN SOA` under `$ORIGIN
// example.com.`, a name without its final dot, which then makes every other record out of zone.
// The fix adds the dot where the owner was written without one.
import { rfc, type ZoneRule } from './rule';
import { nameKey } from '../zone/names';
import { tokensIn } from './dane-support/loc-range';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';

/** The name a key is written twice of (`a.b.a.b.` -> `a.b.`), split at a label boundary. */
function halfOfDoubled(key: string): string | undefined {
  if (key.length < 4 || key.length % 2) return undefined;
  const half = key.slice(0, key.length / 2);
  return half.endsWith('.') && key.slice(key.length / 2) === half && half !== '.' ? half : undefined;
}

/** The zone's name as the user gave it, lower case with its final dot; undefined when not given. */
function givenName(name: unknown): string | undefined {
  // as the zone's names are keyed: `\101xample.org` is example.org.
  return typeof name === 'string' && name ? nameKey(name.endsWith('.') ? name : name + '.') : undefined;
}

export const soaNotAtOrigin: ZoneRule = {
  id: 'soa-not-at-origin',
  scope: 'zone',
  types: ['SOA'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 1035 §5.2', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.2'),
    rfc('RFC 2181 §6.1', 'https://www.rfc-editor.org/rfc/rfc2181#section-6.1'),
  ],
  summary: 'The SOA is not at the top of the zone: not at the name given for it, or at a name written twice (a final dot missing).',
  check(zone, ctx) {
    const soa = zone.byType.get('SOA')?.[0];
    if (!soa) return;
    const given = givenName(ctx.host.options.zoneName);
    const half = halfOfDoubled(soa.ownerKey);
    if (given === soa.ownerKey || (!given && !half)) return;
    const [tok] = soa.generated ? [] : tokensIn(soa.ownerLoc);
    // `example.com` written without its dot under `$ORIGIN example.com.`: add the dot
    const fix = half && tok && !tok.text.endsWith('.') && tok.text !== '@' && `${tok.text}.`.toLowerCase() === half
      ? rewriteFix(`Add the trailing dot: ${tok.text}.`, soa.ownerLoc, `${tok.text}.`) : undefined;
    const typo = half ? `${half.slice(0, -1)} written without its final dot, so the origin was appended?` : '';
    ctx.report({
      loc: soa.ownerLoc,
      message: given
        ? `the SOA is at ${soa.owner}, but the zone is ${given} (--origin)${typo ? ` (${typo})` : ''}: the SOA marks the top of the zone (RFC 1035 §5.2); BIND refuses it ("SOA record not at top of zone")`
        : `the SOA is at ${soa.owner}, ${half} written twice: ${typo} Every other record of ${half} is then outside the zone (RFC 1035 §5.1, §5.2)`,
      data: fix ? ({ fixes: [fix] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
