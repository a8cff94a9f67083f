// '*' is a wildcard only as the leftmost label (RFC 4592 §2.1.1). Elsewhere
// ('a.*.example.com.') it is a plain label that matches nothing, almost always
// a mistake; BIND warns the same way. A label like 'a*b' is plain data too.
import { rfc, type RecordRule } from './rule';
import { labels } from '../zone/names';

export const nonTerminalWildcard: RecordRule = {
  id: 'non-terminal-wildcard',
  scope: 'record',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 4592 §2.1.1', 'https://www.rfc-editor.org/rfc/rfc4592#section-2.1.1')],
  summary: "A '*' label that is not the leftmost label is not a wildcard.",
  appliesToOwner: (ownerKey) => ownerKey.includes('*'),
  check(rec, ctx) {
    if (!rec.ownerKey.includes('*')) return; // almost every name: no labels to split
    const ls = labels(rec.ownerKey);
    const i = ls.indexOf('*', 1);
    if (i < 1) return;
    ctx.report({
      loc: rec.ownerLoc,
      message: `'*' in ${rec.owner} is not the leftmost label, so it is a literal '*', not a wildcard`,
    });
  },
};
