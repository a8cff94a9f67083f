// MTA-STS policy indicator at `_mta-sts.<domain>` (RFC 8461 §3.1):
// `v=STSv1; id=20240101T000000` — version first, id of 1-32 letters/digits
// that changes whenever the HTTPS policy file changes. Pure.
import { EXT_NAME, EXT_VALUE, duplicateTags, spaceAroundEquals, tagList, type ParsedPolicy, type PolicyProblem, type PolicyTerm } from './policy-types';

export const STS_VERSION = 'v=STSv1';

/** True for the records a sender keeps (RFC 8461 §3.1: others are discarded). */
export function isMtaStsRecord(text: string): boolean {
  return /^v=STSv1\s*(;|$)/.test(text);
}

export function parseMtaSts(text: string): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const terms: PolicyTerm[] = [];
  const tags = tagList(text, problems);
  if (!isMtaStsRecord(text)) {
    const semi = text.indexOf(';');
    problems.push({ start: 0, end: Math.max(1, semi < 0 ? text.length : semi), severity: 'error',
      message: `an MTA-STS record must start with '${STS_VERSION};' (RFC 8461 §3.1); senders discard this one` });
  }
  duplicateTags(tags, problems);
  // a spaced version tag is reported above: the record is not MTA-STS at all
  spaceAroundEquals(tags, problems, 'RFC 8461 §3.1', isMtaStsRecord(text) ? 0 : 1);
  let id = false;
  for (const t of tags) {
    if (t.name === 'v') {
      terms.push({ ...t, explain: '**v** — version; must be `STSv1` and come first.' });
    } else if (t.name === 'id') {
      id = true;
      terms.push({ ...t, explain: '**id** — policy version (1-32 letters/digits); change it whenever `https://mta-sts.<domain>/.well-known/mta-sts.txt` changes, or senders keep the cached policy.' });
      if (!/^[A-Za-z0-9]{1,32}$/.test(t.value)) {
        problems.push({ start: t.valueStart, end: t.end, severity: 'error',
          message: `id '${t.value}' must be 1 to 32 letters or digits (RFC 8461 §3.1)${/[-_.:]/.test(t.value) ? '; punctuation is not allowed' : ''}` });
      }
    } else {
      terms.push({ ...t, explain: `**${t.name}** — extension tag, ignored by senders.` });
      if (!EXT_NAME.test(t.name) || !EXT_VALUE.test(t.value)) {
        problems.push({ start: t.start, end: t.end, severity: 'error', message: `'${t.name}=${t.value}' is not a valid MTA-STS extension (RFC 8461 §3.1)` });
      }
    }
  }
  if (!id && isMtaStsRecord(text)) {
    problems.push({ start: 0, end: text.length, severity: 'error', message: 'an MTA-STS record needs id=<1-32 letters/digits> (RFC 8461 §3.1)' });
  }
  return { kind: 'mta-sts', terms, problems };
}
