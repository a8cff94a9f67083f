// TLSA association data of the wrong length for its matching type: SHA2-256 (1)
// needs 32 bytes (64 hex digits), SHA2-512 (2) 64 bytes (128 hex digits)
// (RFC 6698 §2.1.3). Such a record can never match.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields } from './dane-support/tlsa-fields';
import { DIGEST_OCTETS } from '../cert/tlsa-data';

const NAME: Record<number, string> = { 1: 'SHA2-256', 2: 'SHA2-512' };

export const tlsaDigestLength: RecordRule = {
  id: 'tlsa-digest-length',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'error',
  rfc: [ref(6698, '2.1.3')],
  summary: 'Association data length does not fit the matching type (64 hex digits for SHA2-256, 128 for SHA2-512).',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    const octets = f && DIGEST_OCTETS[f.matchingType];
    if (!f || !octets || f.data.length === octets * 2) return;
    const other = Object.entries(DIGEST_OCTETS).find(([, n]) => n * 2 === f.data.length)?.[0];
    ctx.report({
      loc: f.fields.data.loc,
      message: `matching type ${f.matchingType} (${NAME[f.matchingType]}) needs ${octets * 2} hex digits (${octets} bytes); this data has ${f.data.length}` +
        (other ? `, the length of a ${NAME[Number(other)]} digest: matching type ${other}?` : '.') + ' The record can never match.',
    });
  },
};
