// A PTR names the host an address belongs to, a name outside the reverse tree: a target under
// in-addr.arpa. or ip6.arpa. is almost always a host name written without its trailing dot in a
// reverse zone, so the origin was appended (`26 PTR mx2.example.com` in 2.0.192.in-addr.arpa.
// points at mx2.example.com.2.0.192.in-addr.arpa.; RFC 1035 §5.1, §3.5). Reverse lookups then
// give a name without addresses, and receivers that check the PTR's forward match (FCrDNS)
// refuse or score the mail. The fix adds the dot to the name as written when it has more than
// one label (a host name meant to be absolute). Classless delegation (RFC 2317) uses CNAMEs,
// not PTRs, into the reverse tree.
import { rfc, type RecordRule } from './rule';
import { inReverseTree, isAbsolute, nameKey } from '../zone/names';
import { fieldLoc } from './support/record-locs';
import { writtenToken } from './support/name-fields';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';

export const ptrTargetInReverseTree: RecordRule = {
  id: 'ptr-target-in-reverse-tree',
  scope: 'record',
  types: ['PTR'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 1035 §5.1', 'https://www.rfc-editor.org/rfc/rfc1035#section-5.1'), rfc('RFC 1035 §3.5', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.5')],
  summary: 'A PTR whose target is in the reverse tree (in-addr.arpa., ip6.arpa.): a host name written without its trailing dot, so the origin was appended; a fix adds the dot.',
  check(rec, ctx) {
    const target = rec.values[0];
    if (typeof target !== 'string' || !inReverseTree(nameKey(target))) return;
    const loc = fieldLoc(rec, 0);
    const tok = writtenToken(rec, loc);
    const written = tok && !isAbsolute(tok.text) ? tok.text : undefined;
    // a relative name of two labels or more reads as a host name meant to be absolute
    const meant = written !== undefined && written.includes('.') && !inReverseTree(nameKey(written + '.')) ? `${written}.` : undefined;
    ctx.report({
      loc,
      message: `PTR target ${target} is in the reverse tree: a PTR names a host, so ${meant ? `${written} was written without its trailing dot and the origin was appended; did you mean ${meant}?` : 'this is likely a host name written without its trailing dot, with the origin appended.'} Receivers that match the PTR's name back to the address (forward-confirmed reverse DNS) find none (RFC 1035 §5.1)`,
      data: meant ? ({ fixes: [rewriteFix(`Add the trailing dot: ${meant}`, loc, meant)] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
