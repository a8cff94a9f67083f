// An RRSIG's Labels field counts the labels of the owner it signs, a leading '*' not counted
// (RFC 4034 §3.1.3). More than the owner has: validators reject the signature (RFC 4035
// §5.3.1). Fewer: validators take the answer for one synthesised from a wildcard and check the
// signature over the wildcard's name, where it fails (RFC 4035 §5.3.2; dnssec-verify and
// kzonecheck refuse it). Fewer than its signer has: BIND refuses to load the zone ("out of range").
import { labels } from '../zone/names';
import { ref } from './dane-support/refs';
import type { RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';

export const rrsigLabels: RecordRule = {
  id: 'rrsig-labels',
  scope: 'record',
  types: ['RRSIG'],
  defaultSeverity: 'error',
  rfc: [ref(4034, '3.1.3'), ref(4035, '5.3.1')],
  summary: "An RRSIG whose Labels field is not its owner's label count: more (validators reject it), fewer (read as a wildcard answer, which fails), or fewer than its signer's (BIND refuses the zone).",
  check(rec, ctx) {
    const count = rec.field('labels');
    const signer = rec.field('signer');
    if (typeof count !== 'number') return;
    const own = labels(rec.ownerKey);
    const ownerLabels = own[0] === '*' ? own.length - 1 : own.length;
    if (count > ownerLabels) {
      ctx.report({ loc: fieldLoc(rec, 2), message: `Labels is ${count}, but ${rec.owner} has ${ownerLabels} label${ownerLabels === 1 ? '' : 's'}${own[0] === '*' ? " (the '*' not counted)" : ''}: validators reject this signature (RFC 4035 §5.3.1)` });
      return;
    }
    const signerLabels = typeof signer === 'string' ? labels(signer.toLowerCase()).length : 0;
    if (count < signerLabels) {
      ctx.report({ loc: fieldLoc(rec, 2), message: `Labels is ${count}, fewer than the ${signerLabels} of its signer ${signer}: the signed name cannot be above the zone that signs it; BIND refuses the zone ("out of range")` });
    } else if (count < ownerLabels) {
      const wildcard = ['*', ...own.slice(own.length - count)].join('.') + '.';
      ctx.report({ loc: fieldLoc(rec, 2), message: `Labels is ${count}, but ${rec.owner} has ${ownerLabels}: validators take the answer for one made from the wildcard ${wildcard} and check the signature over that name, where it fails (RFC 4035 §5.3.2); it must be ${ownerLabels}` });
    }
  },
};
