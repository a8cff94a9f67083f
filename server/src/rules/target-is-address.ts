// An IP address where an MX, NS or SRV record names a host: a zone file reads `MX 10
// 192.0.2.25` as the relative name 192.0.2.25.<origin>, a host that does not exist. MX, NS and
// SRV name hosts, which then need their own A or AAAA records (RFC 1035 §3.3.9, §3.3.11;
// RFC 2782). BIND warns "MX is an address" and refuses a zone whose NS "appears to be an
// address", hence the per-type severity. Reads the record only.
import { rfc, type RecordRule } from './rule';
import { addressWrittenAsName, targetLoc, targetName } from './support/targets';

export const targetIsAddress: RecordRule = {
  id: 'target-is-address',
  scope: 'record',
  types: ['MX', 'NS', 'SRV'],
  defaultSeverity: 'warning',
  defaultSeverityByType: { NS: 'error' },
  rfc: [
    rfc('RFC 1035 §3.3.9', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.3.9'),
    rfc('RFC 1035 §3.3.11', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.3.11'),
    rfc('RFC 2782', 'https://www.rfc-editor.org/rfc/rfc2782'),
  ],
  summary: 'An MX, NS or SRV target written as an IP address: it is read as a host name that does not exist.',
  check(rec, ctx) {
    const target = targetName(rec);
    const address = target === undefined ? undefined : addressWrittenAsName(target);
    if (address === undefined) return;
    ctx.report({
      loc: targetLoc(rec),
      message: `${rec.type} target ${address} is an IP address, read as the host name ${target}: an ${rec.type} record names a host, which needs its own A or AAAA record; write that host's name here`,
    });
  },
};
