// NS records at a wildcard owner (`* IN NS ns1`): a wildcard cannot delegate, as a referral is
// no answer a wildcard synthesises (RFC 4592 §4.2 leaves the behaviour undefined and advises
// against it). BIND refuses to load the zone ("invalid NS owner name (wildcard)"); Knot loads it.
import { rfc, type RecordRule } from './rule';

const isWildcard = (ownerKey: string): boolean => ownerKey.startsWith('*.');

export const nsWildcardOwner: RecordRule = {
  id: 'ns-wildcard-owner',
  scope: 'record',
  types: ['NS'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [rfc('RFC 4592 §4.2', 'https://www.rfc-editor.org/rfc/rfc4592#section-4.2')],
  summary: 'NS records at a wildcard owner: a wildcard cannot delegate, and BIND refuses the zone.',
  appliesToOwner: isWildcard,
  check(rec, ctx) {
    if (!isWildcard(rec.ownerKey)) return;
    ctx.report({
      loc: rec.ownerLoc,
      message: `NS at the wildcard ${rec.owner}: a wildcard cannot delegate names (RFC 4592 §4.2), and BIND refuses the zone ("invalid NS owner name (wildcard)"); delegate each name with its own NS records`,
    });
  },
};
