// Matching type 0 (Full) data must be the DER certificate (selector 0, Cert)
// or the DER SubjectPublicKeyInfo (selector 1, SPKI) itself (RFC 6698 §2.1.2);
// anything else can never match.
import type { RecordRule } from './rule';
import { ref } from './dane-support/refs';
import { tlsaFields } from './dane-support/tlsa-fields';
import { certShapeError, spkiShapeError } from '../cert/der';
import { nodeCrypto } from '../cert/node-crypto';

/** Why `der` is not exactly one DER certificate, in plain words; undefined when it is one. */
function certError(der: Buffer): string | undefined {
  const shape = certShapeError(der);
  if (shape) return shape;
  try {
    new (nodeCrypto().X509Certificate)(der);
    return undefined;
  } catch (e) {
    // OpenSSL's text ("error:0680007B:asn1 encoding routines::header too long"): its reason only
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^.*::/, '');
    return `its fields do not decode as X.509 (${reason})`;
  }
}

export const tlsaFullDataMalformed: RecordRule = {
  id: 'tlsa-full-data-malformed',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'error',
  rfc: [ref(6698, '2.1.2')],
  summary: 'Matching type 0 (Full) data that is not a DER certificate (selector 0) or SubjectPublicKeyInfo (selector 1).',
  check(rec, ctx) {
    const f = tlsaFields(rec);
    if (!f || f.matchingType !== 0 || (f.selector !== 0 && f.selector !== 1) || f.data.length % 2) return;
    const der = Buffer.from(f.data, 'hex');
    const why = f.selector === 0 ? certError(der) : spkiShapeError(der);
    if (!why) return;
    ctx.report({
      loc: f.fields.data.loc,
      message: f.selector === 0
        ? `selector 0 (Cert) with matching type 0 (Full) needs the whole DER certificate; this data is not one: ${why} (RFC 6698 §2.1.2)`
        : `selector 1 (SPKI) with matching type 0 (Full) needs the DER SubjectPublicKeyInfo; this data is not one: ${why} (RFC 6698 §2.1.2)`,
    });
  },
};
