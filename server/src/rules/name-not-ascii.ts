// A name written with characters beyond ASCII (`bücher.example.com.`): BIND loads it as those
// characters' UTF-8 octets, but Knot refuses the zone ("invalid domain name character"), and
// no resolver is asked for it: applications look up an internationalised name in its A-label
// form, `xn--bcher-kva.example.com.` (RFC 5891 §4.4, RFC 5890 §2.3.2.1). The owner is reported
// where it is written and each name field of the RDATA; the fix writes the name as written in
// its A-label form (IDNA, node's url.domainToASCII). Names written with \DDD escapes are the
// operator's choice of octets and are left alone. The hints let a big zone's engine ask once
// per name (a pass over each name's characters).
import { domainToASCII } from 'node:url';
import { rfc, type RecordRule } from './rule';
import type { Loc, ZoneRecord } from '../zone/model';
import { rrTypeByName } from '../zone/rr-types';
import { fieldLoc } from './support/record-locs';
import { NAME_FIELDS, writtenToken } from './support/name-fields';
import { fixesFromData, rewriteFix, type FixData } from './dane-support/fix-data';
import { heldToHostname } from './hostname-syntax';

/** True when text[start, end) holds a character beyond ASCII. */
function beyondAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return true;
  return false;
}

const isPlainAscii = (text: string, start: number, end: number): boolean => !beyondAscii(text, start, end);
const hasNonAscii = (key: string): boolean => beyondAscii(key, 0, key.length);

/** The written name's A-label form, or undefined when IDNA refuses it (or it is no change). */
function aLabels(written: string): string | undefined {
  const dot = written.endsWith('.') ? '.' : '';
  const a = domainToASCII(dot ? written.slice(0, -1) : written);
  return a && a !== written && !hasNonAscii(a) ? a + dot : undefined;
}

function report(rec: ZoneRecord, what: string, name: string, loc: Loc, host: boolean, put: (a: { loc: Loc; message: string; data?: unknown }) => void): void {
  const tok = writtenToken(rec, loc);
  const fixed = tok && !tok.text.includes('\\') ? aLabels(tok.text) : undefined;
  put({
    loc,
    message: `${what} ${name} has characters beyond ASCII: Knot refuses the zone ("invalid domain name character") and BIND ${host ? 'does not load such a primary zone either, as it stands for a host (check-names)' : 'reads them as UTF-8 octets, a name no one looks up'}: applications query an internationalised name in its A-label form${fixed ? `, ${fixed}` : ' (xn--…)'} (RFC 5891 §4.4)`,
    data: fixed ? ({ fixes: [rewriteFix(`Write it in A-labels: ${fixed}`, loc, fixed)] } satisfies FixData) : undefined,
  });
}

export const nameNotAscii: RecordRule = {
  id: 'name-not-ascii',
  scope: 'record',
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 5891 §4.4', 'https://www.rfc-editor.org/rfc/rfc5891#section-4.4'), rfc('RFC 5890 §2.3.2.1', 'https://www.rfc-editor.org/rfc/rfc5890#section-2.3.2.1')],
  summary: 'A name with characters beyond ASCII (an internationalised name not in its xn-- form): Knot refuses the zone, and no one looks it up; a fix writes its A-labels.',
  appliesToOwner: hasNonAscii,
  ownerAnswers: (_zone, rows) => rows.namesFailing(isPlainAscii),
  ownerAnswersFrom: 0,
  rdataTypes: [...NAME_FIELDS.keys()],
  appliesToTarget: hasNonAscii,
  check(rec, ctx) {
    const put = (a: { loc: Loc; message: string; data?: unknown }): void => ctx.report(a);
    // the owner where it is written (records that inherit it would repeat the same finding)
    if ((rec.ownerExplicit || rec.generated) && hasNonAscii(rec.ownerKey)) report(rec, 'owner', rec.owner, rec.ownerLoc, heldToHostname(rec), put);
    for (const i of NAME_FIELDS.get(rec.type) ?? []) {
      const v = rec.values[i];
      if (typeof v === 'string' && hasNonAscii(v)) report(rec, `${rec.type} ${rrTypeByName(rec.type)?.fields[i].name ?? 'name'}`, v, fieldLoc(rec, i), heldToHostname(rec, i), put);
    }
  },
  fixes: fixesFromData,
};
