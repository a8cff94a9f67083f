// TLSA association data of the wrong length for its matching type: SHA2-256 (1)
// needs 32 bytes (64 hex digits), SHA2-512 (2) 64 bytes (128 hex digits)
// (RFC 6698 §2.1.3). Such a record can never match.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields } from './dane-support/tlsa-fields';

const WANT: Record<number, [string, number]> = { 1: ['SHA2-256', 64], 2: ['SHA2-512', 128] };

export const tlsaDigestLength: RecordRule = {
  id: 'tlsa-digest-length',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'error',
  rfc: [ref(6698, '2.1.3')],
  summary: 'Association data length does not fit the matching type (64 hex digits for SHA2-256, 128 for SHA2-512).',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    const want = f && WANT[f.matchingType];
    if (!f || !want || f.data.length === want[1]) return;
    const other = Object.entries(WANT).find(([, w]) => w[1] === f.data.length);
    ctx.report({
      loc: f.fields.data.loc,
      message: `matching type ${f.matchingType} (${want[0]}) needs ${want[1]} hex digits (${want[1] / 2} bytes); this data has ${f.data.length}` +
        (other ? `, the length of a ${other[1][0]} digest: matching type ${other[0]}?` : '.') + ' The record can never match.',
    });
  },
};
