// RFC 9460 §14.3.2 reserves SvcParamKey 65535 as "Invalid key": no parameter can ever be
// defined for it, so a client cannot understand key65535 (and with `mandatory` it would have
// to drop the record). named-checkzone 9.18 and kzonecheck 3.2 load it, so a warning. RDATA
// written in the generic form (`\# <length> <hex>`, RFC 3597 §5) has no typed SvcParams: its
// keys are read from the wire bytes, and the finding marks the key's four hex digits.
import type { Loc, ZoneRecord } from '../zone/model';
import type { Token } from '../zone/syntax';
import { dataTokens, locOfTokens } from '../zone/locate';
import { svcParamKeysOfWire } from '../zone/generic-rdata';
import { rfc, type RecordRule } from './rule';

const RESERVED = 'key65535';
const RESERVED_KEY = 65535;

/** The key65535 token; the SvcParams field when the record has no tokens of its own ($GENERATE). */
function keyLoc(rec: ZoneRecord): Loc {
  if (!rec.generated && !rec.generic) {
    const toks = dataTokens(rec.file, rec.entry);
    for (let i = rec.typeTokenIndex + 1; i < toks.length; i++) {
      const t = toks[i].text.replace(/^"/, '').toLowerCase();
      if (t === RESERVED || t.startsWith(`${RESERVED}=`)) return locOfTokens(rec.file, rec.entry, i, i + 1, toks);
    }
  }
  return rec.fields[2]?.loc ?? rec.rdataLoc;
}

/** In generic RDATA: where the hex of the first key 65535 is written (its four digits, which may
 *  be split over words and lines), the RDATA when the record has no tokens of its own
 *  ($GENERATE); undefined when no SvcParam has that key. */
function genericReservedKeyLoc(rec: ZoneRecord): Loc | undefined {
  // `\#`, the length, then the hex words (the parser checked them)
  const words = rec.generated ? rec.rdataText.split(/\s+/).filter((w) => w && w !== '(' && w !== ')') : undefined;
  const toks = words ? undefined : dataTokens(rec.file, rec.entry).slice(rec.typeTokenIndex + 3);
  const hexWords = words ? words.slice(2) : toks!.map((t) => t.text);
  const hex = hexWords.join('');
  if (!/^[0-9a-f]*$/i.test(hex) || hex.length % 2) return undefined;
  const found = svcParamKeysOfWire(Buffer.from(hex, 'hex')).find((k) => k.key === RESERVED_KEY);
  if (!found) return undefined;
  if (!toks) return rec.rdataLoc;
  const first = digitAt(toks, found.at * 2);
  const last = digitAt(toks, found.at * 2 + 3);
  return { file: rec.file, entry: rec.entry, span: { line: first.tok.line, start: first.col, endLine: last.tok.line, end: last.col + 1 } };
}

/** The token holding the hex digit `n` (0-based over the words joined) and its column. */
function digitAt(toks: readonly Token[], n: number): { tok: Token; col: number } {
  let i = 0;
  while (n >= toks[i].text.length) n -= toks[i++].text.length;
  return { tok: toks[i], col: toks[i].start + n };
}

export const svcbReservedKey: RecordRule = {
  id: 'svcb-reserved-key',
  scope: 'record',
  types: ['SVCB', 'HTTPS'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 9460 §14.3.2', 'https://www.rfc-editor.org/rfc/rfc9460#section-14.3.2')],
  summary: 'SvcParamKey 65535 is reserved ("Invalid key"): no client can understand key65535.',
  check(rec, ctx) {
    let loc: Loc | undefined;
    if (rec.generic) loc = genericReservedKeyLoc(rec);
    else {
      const params = rec.values[2];
      if (params && typeof params === 'object' && RESERVED in params) loc = keyLoc(rec);
    }
    if (!loc) return;
    ctx.report({
      loc,
      message: `${RESERVED} is reserved as "Invalid key" (RFC 9460 §14.3.2): no client can understand it; remove it, or use a private-use key from key65280 to key65534`,
    });
  },
};
