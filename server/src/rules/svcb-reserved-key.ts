// RFC 9460 §14.3.2 reserves SvcParamKey 65535 as "Invalid key": no parameter can ever be
// defined for it, so a client cannot understand key65535 (and with `mandatory` it would have
// to drop the record). named-checkzone 9.18 and kzonecheck 3.2 load it, so a warning.
import type { Loc, ZoneRecord } from '../zone/model';
import { dataTokens, locOfTokens } from '../zone/locate';
import { rfc, type RecordRule } from './rule';

const RESERVED = 'key65535';

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

export const svcbReservedKey: RecordRule = {
  id: 'svcb-reserved-key',
  scope: 'record',
  types: ['SVCB', 'HTTPS'],
  defaultSeverity: 'warning',
  rfc: [rfc('RFC 9460 §14.3.2', 'https://www.rfc-editor.org/rfc/rfc9460#section-14.3.2')],
  summary: 'SvcParamKey 65535 is reserved ("Invalid key"): no client can understand key65535.',
  check(rec, ctx) {
    const params = rec.values[2];
    if (!params || typeof params !== 'object' || !(RESERVED in params)) return;
    ctx.report({
      loc: keyLoc(rec),
      message: `${RESERVED} is reserved as "Invalid key" (RFC 9460 §14.3.2): no client can understand it; remove it, or use a private-use key from key65280 to key65534`,
    });
  },
};
