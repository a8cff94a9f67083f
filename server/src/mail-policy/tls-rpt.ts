// TLS-RPT policy record at `_smtp._tls.<domain>` (RFC 8460 §3):
// `v=TLSRPTv1; rua=mailto:tlsrpt@example.com` — version first, one rua with one
// or more comma-separated mailto:/https: URIs. Pure.
import { EXT_NAME, EXT_VALUE, duplicateTags, spaceAroundEquals, tagList, type ParsedPolicy, type PolicyProblem, type PolicyTerm } from './policy-types';

export const TLSRPT_VERSION = 'v=TLSRPTv1';

/** True for the records a sender keeps (RFC 8460 §3: others are discarded). */
export function isTlsRptRecord(text: string): boolean {
  return /^v=TLSRPTv1\s*(;|$)/.test(text);
}

function checkUri(uri: string, start: number, problems: PolicyProblem[]): void {
  const end = start + uri.length;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(uri);
  if (!m) {
    problems.push({ start, end, severity: 'error', message: `'${uri}' is not a URI (expected mailto:… or https://…)` });
  } else if (/![0-9]+[kmgt]?$/i.test(uri)) {
    // RFC 8460 §3: ',', ';' and '!' in a tlsrpt-uri are percent-encoded; DMARC's size suffix is not TLS-RPT's
    problems.push({ start, end, severity: 'error', message: `'${uri}' ends in a DMARC size limit ('${/![0-9]+[kmgt]?$/i.exec(uri)![0]}'), which TLS-RPT does not have: senders send to an address with '!…' in it (RFC 8460 §3); remove it` });
  } else if (m[1].toLowerCase() === 'mailto') {
    // the address as written: a %40 in its local part is an '@' of the mailbox name, not the separator
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(m[2])) {
      problems.push({ start, end, severity: 'error', message: `'${uri}' is not a mailto: address (mailto:user@domain)` });
    }
  } else if (m[1].toLowerCase() === 'https') {
    if (!/^\/\/[^/\s]+/.test(m[2])) problems.push({ start, end, severity: 'error', message: `'${uri}' is not an https:// URL` });
  } else {
    problems.push({ start, end, severity: 'error', message: `URI scheme '${m[1]}:' is not allowed; TLS-RPT reports go to mailto: or https: only (RFC 8460 §3)` });
  }
}

export function parseTlsRpt(text: string): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const terms: PolicyTerm[] = [];
  const tags = tagList(text, problems);
  if (!isTlsRptRecord(text)) {
    problems.push({ start: 0, end: Math.max(1, text.indexOf(';') < 0 ? text.length : text.indexOf(';')), severity: 'error',
      message: `a TLS-RPT record must start with '${TLSRPT_VERSION};' (RFC 8460 §3); senders discard this one` });
  }
  duplicateTags(tags, problems);
  // a spaced version tag is reported above: the record is not TLS-RPT at all
  spaceAroundEquals(tags, problems, 'RFC 8460 §3', isTlsRptRecord(text) ? 0 : 1);
  let rua = false;
  for (const t of tags) {
    if (t.name === 'v') {
      terms.push({ ...t, explain: '**v** — version; must be `TLSRPTv1` and come first.' });
    } else if (t.name === 'rua') {
      rua = true;
      terms.push({ ...t, explain: '**rua** — where senders send daily TLS reports: comma-separated `mailto:` or `https:` URIs.' });
      let off = t.valueStart;
      if (!t.value) problems.push({ start: t.start, end: t.end, severity: 'error', message: 'rua= needs at least one URI' });
      for (const part of t.value.split(',')) {
        const lead = part.length - part.trimStart().length;
        const uri = part.trim();
        if (t.value) {
          if (!uri) problems.push({ start: off, end: off + part.length, severity: 'error', message: 'empty URI in rua=' });
          else checkUri(uri, off + lead, problems);
        }
        off += part.length + 1;
      }
    } else {
      terms.push({ ...t, explain: `**${t.name}** — extension tag, ignored by senders that do not know it.` });
      if (!EXT_NAME.test(t.name) || !EXT_VALUE.test(t.value)) {
        problems.push({ start: t.start, end: t.end, severity: 'error', message: `'${t.name}=${t.value}' is not a valid TLS-RPT extension (RFC 8460 §3)` });
      }
    }
  }
  if (!rua && isTlsRptRecord(text)) {
    problems.push({ start: 0, end: text.length, severity: 'error', message: 'a TLS-RPT record needs rua= with at least one mailto: or https: URI (RFC 8460 §3)' });
  }
  return { kind: 'tls-rpt', terms, problems };
}
