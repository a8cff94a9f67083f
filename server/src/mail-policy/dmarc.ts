// DMARC policy record at `_dmarc.<domain>` (RFC 7489 §6.3, §6.4):
// `v=DMARC1; p=reject; rua=mailto:…` — v first, p required (right after v),
// known tags with their value syntax; unknown tags are ignored by receivers.
// At `<domain>._report._dmarc.<us>` a record authorises reports for another domain (RFC 7489
// §7.1): `v=DMARC1` alone is enough there. Pure.
import { duplicateTags, tagList, type ParsedPolicy, type PolicyProblem, type PolicyTerm, type Tag } from './policy-types';

/** True when receivers treat this TXT as a DMARC record (RFC 7489 §6.6.3 step 3). */
export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/.test(text);
}

const POLICY = /^(none|quarantine|reject)$/i;

/** What is wrong with a tag's value: a message, or one with the part of the value it is about. */
type TagError = string | { message: string; from: number; to: number };

interface TagSpec {
  explain: string;
  check?(t: Tag): TagError | undefined;
}

const uriList = (t: Tag): TagError | undefined => {
  let off = 0;
  for (const raw of t.value.split(',')) {
    const u = raw.trim();
    const from = off + raw.length - raw.trimStart().length;
    off += raw.length + 1;
    // dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):([^!\s]+)(![0-9]+[kmgt]?)?$/i.exec(u);
    if (!m) return { message: `'${u}' is not a DMARC report URI (mailto:user@domain, optionally !size such as !10m)`, from, to: from + Math.max(1, u.length) };
    if (m[1].toLowerCase() === 'mailto' && !/^[^@]+@[^@]+\.[^@]+$/.test(m[2])) return { message: `'${u}' is not a mailto: address`, from, to: from + u.length };
  }
  return undefined;
};

/** True for `<domain>._report._dmarc.<destination>`, where a destination authorises reports
 *  about another domain (RFC 7489 §7.1). */
export function isReportAuthorizationName(ownerKey: string): boolean {
  const at = ownerKey.indexOf('._report._dmarc.');
  return at > 0;
}

const TAGS: Record<string, TagSpec> = {
  v: { explain: '**v** — version; must be `DMARC1` and come first.' },
  p: {
    explain: '**p** — policy for mail failing DMARC: `none` (monitor only), `quarantine` (spam folder), `reject`.',
    check: (t) => (POLICY.test(t.value) ? undefined : `p=${t.value}: must be none, quarantine or reject`),
  },
  sp: {
    explain: '**sp** — policy for subdomains (default: the value of p).',
    check: (t) => (POLICY.test(t.value) ? undefined : `sp=${t.value}: must be none, quarantine or reject`),
  },
  adkim: {
    explain: '**adkim** — DKIM alignment: `r` relaxed (default, same organisational domain) or `s` strict (exact domain).',
    check: (t) => (/^[rs]$/i.test(t.value) ? undefined : `adkim=${t.value}: must be r or s`),
  },
  aspf: {
    explain: '**aspf** — SPF alignment: `r` relaxed (default) or `s` strict.',
    check: (t) => (/^[rs]$/i.test(t.value) ? undefined : `aspf=${t.value}: must be r or s`),
  },
  pct: {
    explain: '**pct** — percentage of failing mail the policy applies to (0-100, default 100).',
    check: (t) => (/^\d{1,3}$/.test(t.value) && Number(t.value) <= 100 ? undefined : `pct=${t.value}: must be an integer 0-100`),
  },
  fo: {
    explain: '**fo** — when to send failure reports: `0` all fail (default), `1` any fails, `d` DKIM fails, `s` SPF fails (colon-separated).',
    check: (t) => (/^[01ds](\s*:\s*[01ds])*$/i.test(t.value) ? undefined : `fo=${t.value}: must be 0, 1, d or s, separated by ':'`),
  },
  rf: {
    explain: '**rf** — failure report format (`afrf`, the default and only registered one).',
    check: (t) => (/^[A-Za-z0-9_-]+(\s*:\s*[A-Za-z0-9_-]+)*$/.test(t.value) ? undefined : `rf=${t.value}: must be a colon-separated list of format names`),
  },
  ri: {
    explain: '**ri** — requested interval between aggregate reports, seconds (default 86400).',
    check: (t) => (/^\d{1,10}$/.test(t.value) && Number(t.value) <= 0xffffffff ? undefined : `ri=${t.value}: must be an integer number of seconds`),
  },
  np: {
    explain: '**np** — policy for subdomains that do not exist (RFC 9091; default: the value of sp).',
    check: (t) => (POLICY.test(t.value) ? undefined : `np=${t.value}: must be none, quarantine or reject`),
  },
  psd: {
    explain: '**psd** — whether this is a public suffix domain\'s record: `y`, `n` or `u` (DMARCbis).',
    check: (t) => (/^[ynu]$/i.test(t.value) ? undefined : `psd=${t.value}: must be y, n or u`),
  },
  t: {
    explain: '**t** — test mode: `y` asks receivers not to apply the policy fully (DMARCbis; replaces pct).',
    check: (t) => (/^[yn]$/i.test(t.value) ? undefined : `t=${t.value}: must be y or n`),
  },
  rua: { explain: '**rua** — where to send aggregate reports: comma-separated `mailto:` URIs (optionally `!10m` size limits). External domains must authorise it with `<domain>._report._dmarc.<them>`.', check: uriList },
  ruf: { explain: '**ruf** — where to send failure (forensic) reports; few receivers send them.', check: uriList },
};

/** `ownerKey`: where the record is; a report authorisation (isReportAuthorizationName) needs no p=. */
export function parseDmarc(text: string, ownerKey = ''): ParsedPolicy {
  const problems: PolicyProblem[] = [];
  const terms: PolicyTerm[] = [];
  const tags = tagList(text, problems);
  if (!isDmarcRecord(text)) {
    problems.push({ start: 0, end: Math.max(1, tags[0]?.end ?? text.length), severity: 'error',
      message: "a DMARC record must start with 'v=DMARC1;' (RFC 7489 §6.3); receivers ignore this one" });
  }
  duplicateTags(tags, problems, ': DMARC takes the tag-list of DKIM, where a repeated tag makes the whole list invalid (RFC 7489 §6.3, RFC 6376 §3.2), so receivers may ignore the record and apply no policy');
  const p = tags.findIndex((t) => t.name === 'p');
  if (isReportAuthorizationName(ownerKey)) {
    // `v=DMARC1` authorises the reports; rua=/ruf= here redirect them (RFC 7489 §7.1)
  } else if (p < 0) {
    problems.push({ start: 0, end: text.length, severity: 'error',
      message: "p= is required (RFC 7489 §6.3); without it receivers apply no policy (p=none if rua= is present)" });
  } else if (p !== 1) {
    problems.push({ start: tags[p].start, end: tags[p].end, severity: 'warning', message: 'p= must come right after v=DMARC1 (RFC 7489 §6.4); some receivers reject the record otherwise' });
  }
  for (const t of tags) {
    const spec = TAGS[t.name];
    if (!spec) {
      terms.push({ ...t, explain: `**${t.name}** — not a registered DMARC tag; receivers ignore it.` });
      problems.push({ start: t.start, end: t.end, severity: 'warning', message: `unknown DMARC tag '${t.name}' is ignored by receivers` });
      continue;
    }
    terms.push({ ...t, explain: spec.explain });
    const err = spec.check?.(t);
    if (typeof err === 'string') problems.push({ start: t.valueStart, end: t.end, severity: 'error', message: `${err} (RFC 7489 §6.3)` });
    else if (err) problems.push({ start: t.valueStart + err.from, end: t.valueStart + err.to, severity: 'error', message: `${err.message} (RFC 7489 §6.3)` });
  }
  return { kind: 'dmarc', terms, problems };
}
