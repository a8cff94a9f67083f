// A `; dane-zone: cert=<path>` link (or a daneZone.certificates entry) whose
// file is missing, outside the workspace, or not a certificate/public key:
// reported on the directive so the user sees what is wrong, never a crash.
import type { RecordRule } from './rule';
import { loadLinkedCert } from '../cert/link';

export const tlsaCertLinkUnreadable: RecordRule = {
  id: 'tlsa-cert-link-unreadable',
  scope: 'record',
  types: ['TLSA', 'SMIMEA'],
  defaultSeverity: 'error',
  rfc: [],
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
