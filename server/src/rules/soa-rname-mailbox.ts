// The SOA's RNAME is the mailbox of the zone's maintainer written as a domain name: its local
// part is the first label, so hostmaster@example.org is `hostmaster.example.org.` (RFC 1035
// §3.3.13, §8). Written with its '@', as an e-mail address, the name is valid but names no
// mailbox anyone reads (`hostmaster@example` is a label); BIND and Knot load it silently. The
// fix writes the '@' as a dot and escapes the dots of the local part (john\.doe.example.org.);
// where the meaning cannot be told (no local part, two '@') it offers none.
import { rfc, type RecordRule } from './rule';
import { fieldLoc } from './support/record-locs';
import { tokensIn } from './dane-support/loc-range';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { endsLikeFullName } from './support/targets';

const RNAME = 1;

/** The mailbox form of an RNAME written as an e-mail address, or undefined when what was meant
 *  cannot be told (no local part, or two '@'). `admin@` is admin at the origin (`admin`), and
 *  `admin@example.com` without its final dot, an address, gets the dot (as target-no-address). */
function asMailboxName(written: string): string | undefined {
  const at = written.indexOf('@');
  const local = written.slice(0, at);
  const domain = written.slice(at + 1);
  if (!local || domain.includes('@')) return undefined;
  const name = local.replace(/(?<!\\)\./g, '\\.');
  if (!domain) return name;
  return `${name}.${domain}${!domain.endsWith('.') && endsLikeFullName(domain) ? '.' : ''}`;
}

export const soaRnameMailbox: RecordRule = {
  id: 'soa-rname-mailbox',
  scope: 'record',
  types: ['SOA'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 1035 §3.3.13', 'https://www.rfc-editor.org/rfc/rfc1035#section-3.3.13'),
    rfc('RFC 1035 §8', 'https://www.rfc-editor.org/rfc/rfc1035#section-8'),
  ],
  summary: "The SOA's RNAME written as an e-mail address (with '@'): its local part is the first label, hostmaster.example.org.",
  check(rec, ctx) {
    const rname = rec.values[RNAME];
    if (typeof rname !== 'string' || !rname.includes('@')) return;
    const loc = fieldLoc(rec, RNAME);
    const [tok] = rec.generated ? [] : tokensIn(loc);
    const written = tok?.text.includes('@') ? tok.text : undefined;
    const meant = asMailboxName(written ?? rname);
    ctx.report({
      loc,
      message: `SOA RNAME ${rname} is written as an e-mail address: the mailbox is written as a name whose first label is the local part; ${meant ? `did you mean ${meant}?` : 'hostmaster@example.org is hostmaster.example.org.'} (RFC 1035 §8)`,
      data: written && meant ? ({ fixes: [rewriteFix(`Write the mailbox as a name: ${meant}`, loc, meant)] } satisfies FixData) : undefined,
    });
  },
  fixes: fixesFromData,
};
