// A `; dane-zone: cert=<path>` link (or a daneZone.certificates entry) whose
// file is missing, outside the workspace, or not a certificate/public key:
// reported on the directive so the user sees what is wrong, never a crash.
import { rfc, type RecordRule } from './rule';
import { loadLinkedCert } from '../cert/link';

export const tlsaCertLinkUnreadable: RecordRule = {
  id: 'tlsa-cert-link-unreadable',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'error',
  // The link itself is dane-zone's; the RFC says what the record is computed from.
  rfc: [rfc('RFC 6698 §2.1', 'https://www.rfc-editor.org/rfc/rfc6698#section-2.1')],
  summary: 'Linked certificate file is missing, unreadable or not a certificate.',
  check(rec, ctx) {
    const linked = loadLinkedCert(rec, ctx.host);
    if (!linked || !('error' in linked)) return;
    ctx.report({
      loc: linked.link.loc,
      message: linked.link.source === 'setting'
        ? `${linked.error} (linked by the daneZone.certificates setting)`
        : linked.error,
    });
  },
};
