// The Signer's Name of an RRSIG is the zone that holds the RRset (RFC 4035 §5.3.1): a
// signature that names another zone (copied from another zone, or a typo) is one validators
// reject, and the RRset it signs is then bogus unless another signature covers it.
import { nameKey } from '../zone/names';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';

export const rrsigSigner: RecordRule = {
  id: 'rrsig-signer',
  scope: 'record',
  types: ['RRSIG'],
  defaultSeverity: 'error',
  rfc: [ref(4035, '5.3.1'), ref(4034, '3.1.7')],
  summary: "An RRSIG whose Signer's Name is not the zone: validators reject the signature.",
  // the zone's name is its origin: only a zone with an SOA names itself for sure
  appliesToZone: (zone) => !!zone.byType.get('SOA')?.length,
  check(rec, ctx) {
    const signer = rec.field('signer');
    if (typeof signer !== 'string') return;
    const zone = ctx.zone.origin;
    if (!zone || nameKey(signer) === zone) return;
    ctx.report({ loc: fieldLoc(rec, 7), message: `the signer is ${signer}, but this zone is ${zone}: validators reject a signature whose signer is not the zone that holds the RRset (RFC 4035 §5.3.1)` });
  },
};
