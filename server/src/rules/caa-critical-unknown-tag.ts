// A CAA record with the Issuer Critical flag (128) and a tag a CA does not know: the CA "MUST NOT
// issue" for the name (RFC 8659 §4.1), so a typo such as `128 isue "ca.example"` stops every
// certificate, renewals included. Known tags: issue, issuewild, iodef (RFC 8659), issuemail
// (RFC 9495), issuevmc (BIMI), contactemail and contactphone (CA/Browser Forum baseline
// requirements). Tags compare case-insensitively (RFC 8659 §4.1).
import { rfc, type RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';

const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone']);
const FLAGS = 0, TAG = 1;

export const caaCriticalUnknownTag: RecordRule = {
  id: 'caa-critical-unknown-tag',
  scope: 'record',
  types: ['CAA'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 8659 §4.1', 'https://www.rfc-editor.org/rfc/rfc8659#section-4.1')],
  summary: 'A CAA record with the Issuer Critical flag (128) and a tag CAs do not know: no CA issues a certificate for the name.',
  check(rec, ctx) {
    const flags = rec.values[FLAGS], tag = rec.values[TAG];
    if (typeof flags !== 'number' || (flags & 128) === 0 || typeof tag !== 'string' || KNOWN_TAGS.has(tag.toLowerCase())) return;
    ctx.report({
      loc: fieldLoc(rec, TAG),
      message: `CAA tag '${tag}' is not one CAs know, and flag 128 (Issuer Critical) makes a CA that does not understand it refuse every certificate for ${rec.owner}, renewals included (RFC 8659 §4.1): correct the tag (issue, issuewild, iodef, ...) or set the flags to 0`,
    });
  },
};
