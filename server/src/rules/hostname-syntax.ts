// Host names are letters, digits and hyphens, a label neither starting nor ending with a hyphen
// (RFC 952, as RFC 1123 §2.1 relaxed it to allow a leading digit). The DNS itself takes any octets
// (RFC 2181 §11), but BIND's check-names holds the names that stand for hosts to this: the owners
// of A, AAAA, WKS and MX records, and the NS, MX, SRV, AFSDB and RT targets, the SOA's primary
// server and a reverse zone's PTR targets; and the names that stand for mailboxes (the SOA's
// RNAME, RP's and MINFO's mailboxes) after their first label, the local part (RFC 1035 §8). A
// primary zone with `my_host IN A ...` is not loaded by named (check-names defaults to fail
// there; named-checkzone only warns): a warning here. A wildcard owner (`*.example.com`) is a
// host name's too. Names written with escapes are left alone.
// Reads the record only; the hints let a big zone's engine ask once per name.
import { rfc, type RecordRule, type RuleContext } from './rule';
import type { ZoneRecord } from '../zone/model';
import { inReverseTree, nameKey } from '../zone/names';
import { fieldLoc } from './support/record-locs';
import { addressWrittenAsName } from './support/targets';

/** Types whose owner is a host (or mail domain) name. */
const HOST_OWNER = new Set(['A', 'AAAA', 'WKS', 'MX']);
/** Types with a host name in their RDATA, and its field. */
const HOST_FIELD: Readonly<Record<string, number>> = { NS: 0, MX: 1, SRV: 3, SOA: 0, PTR: 0, AFSDB: 1, RT: 1 };
/** Types with mailbox names in their RDATA (a host name after the local part), and their fields. */
const MAILBOX_FIELDS: Readonly<Record<string, readonly number[]>> = { SOA: [1], RP: [0], MINFO: [0, 1] };

/** Whether BIND's check-names holds the record's owner (`field` undefined) or RDATA field `field`
 *  to host-name syntax (a mailbox's after its first label). */
export function heldToHostname(rec: { type: string; ownerKey: string }, field?: number): boolean {
  if (field === undefined) return HOST_OWNER.has(rec.type);
  if (MAILBOX_FIELDS[rec.type]?.includes(field)) return true;
  return HOST_FIELD[rec.type] === field && (rec.type !== 'PTR' || inReverseTree(rec.ownerKey));
}

/** The first label of text[start, end) that a host name cannot have, as [from, to), or
 *  undefined. Labels are '.'-separated (a final '.' ends the name), in any case; a label with
 *  an escape is left alone, and with `wildcard` (an owner) so is a label '*' (one that is not
 *  the first is non-terminal-wildcard's finding). One reading for a key and for a name's span
 *  in the zone text (the engine's answers by name), so the two always agree. */
function badLabel(text: string, start: number, end: number, wildcard: boolean): [number, number] | undefined {
  let label = start, other = false, escaped = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 46;
    if (c === 46) {
      const star = wildcard && i - label === 1 && text.charCodeAt(label) === 42;
      if (i > label && !escaped && !star && (other || text.charCodeAt(label) === 45 || text.charCodeAt(i - 1) === 45)) return [label, i];
      label = i + 1;
      other = escaped = false;
    } else if (c === 92) escaped = true;
    // characters beyond ASCII are name-not-ascii's finding (with the name's A-labels as a fix)
    else if (c < 128 && !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) other = true;
  }
  return undefined;
}

/** Why a name (a key: lower case, absolute) is not a host name, or undefined when it is one. */
export function notHostname(key: string, wildcard: boolean): string | undefined {
  const bad = badLabel(key, 0, key.length, wildcard);
  if (!bad) return undefined;
  const label = key.slice(bad[0], bad[1]);
  const c = [...label].find((x) => x.charCodeAt(0) < 128 && !/[a-z0-9-]/i.test(x));
  if (c === undefined) return `the label '${label}' ${label.startsWith('-') ? 'starts' : 'ends'} with a hyphen`;
  return `the label '${label}' has '${c}'`;
}

/** Why a mailbox name (a key) is not one BIND's check-names takes: its labels after the first,
 *  the local part, are not a host name's; undefined when they are. One with '@' is
 *  soa-rname-mailbox's finding (an e-mail address written as the name). */
export function notMailbox(key: string): string | undefined {
  if (key === '.' || key.includes('@')) return undefined;
  let i = 0;
  while (i < key.length && key.charCodeAt(i) !== 46) i += key.charCodeAt(i) === 92 ? 2 : 1;
  return notHostname(key.slice(i + 1), false);
}

/** For the engine's answers by name (an owner: a wildcard label passes). */
const ownerPasses = (text: string, start: number, end: number): boolean => badLabel(text, start, end, true) === undefined;

const BIND = 'BIND does not load such a primary zone (check-names fails it by default; named-checkzone warns)';

export const hostnameSyntax: RecordRule = {
  id: 'hostname-syntax',
  scope: 'record',
  types: ['A', 'AAAA', 'WKS', 'MX', 'NS', 'SRV', 'SOA', 'PTR', 'AFSDB', 'RT', 'RP', 'MINFO'],
  defaultSeverity: 'warning',
  rfc: [
    rfc('RFC 1123 §2.1', 'https://www.rfc-editor.org/rfc/rfc1123#section-2.1'),
    rfc('RFC 952', 'https://www.rfc-editor.org/rfc/rfc952'),
  ],
  summary: 'A name that stands for a host (owner of A, AAAA, WKS or MX; NS, MX, SRV, AFSDB or RT target; SOA primary; PTR target), or a mailbox after its first label (SOA RNAME, RP, MINFO), with characters other than letters, digits and hyphens: BIND does not load the zone (check-names).',
  appliesToOwner: (ownerKey) => notHostname(ownerKey, true) !== undefined,
  ownerAnswers: (_zone, rows) => rows.namesFailing(ownerPasses),
  // a look at each name's characters: cheaper than a key string per name at any size (the
  // 100k bench zone: the rule alone 38 ms asked per name, 16 with its answers)
  ownerAnswersFrom: 0,
  rdataTypes: [...new Set([...Object.keys(HOST_FIELD), ...Object.keys(MAILBOX_FIELDS)])],
  appliesToTarget: (targetKey) => notHostname(targetKey, false) !== undefined,
  check(rec, ctx) {
    const i = HOST_FIELD[rec.type];
    if (HOST_OWNER.has(rec.type)) {
      const why = notHostname(rec.ownerKey, true);
      if (why) {
        ctx.report({
          loc: rec.ownerExplicit ? rec.ownerLoc : rec.typeLoc,
          message: `${rec.owner}, the owner of this ${rec.type} record, is not a host name: ${why} (letters, digits and hyphens only, RFC 1123 §2.1); ${BIND}`,
        });
      }
    }
    for (const m of MAILBOX_FIELDS[rec.type] ?? []) checkMailbox(rec, m, ctx);
    if (i === undefined || (rec.type === 'PTR' && !inReverseTree(rec.ownerKey))) return;
    const v = rec.values[i];
    // an address written as the name is target-is-address's finding
    if (typeof v !== 'string' || addressWrittenAsName(v) !== undefined) return;
    const why = notHostname(nameKey(v), false);
    if (!why) return;
    const what = rec.type === 'SOA' ? 'SOA primary server' : `${rec.type} target`;
    ctx.report({ loc: fieldLoc(rec, i), message: `${what} ${v} is not a host name: ${why} (letters, digits and hyphens only, RFC 1123 §2.1); ${BIND}` });
  },
};

/** A mailbox field whose labels after the local part are not a host name's. */
function checkMailbox(rec: ZoneRecord, field: number, ctx: RuleContext): void {
  const v = rec.values[field];
  if (typeof v !== 'string') return;
  const why = notMailbox(nameKey(v));
  if (!why) return;
  const what = rec.type === 'SOA' ? 'SOA mailbox (RNAME)' : `${rec.type} mailbox`;
  ctx.report({
    loc: fieldLoc(rec, field),
    message: `${what} ${v} is not a mailbox name BIND takes: after its first label, the local part, it is a host name (letters, digits and hyphens, RFC 1123 §2.1), and ${why}; ${BIND}`,
  });
}
