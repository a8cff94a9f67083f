// Shared result shape of the mail-policy TXT parsers (TLS-RPT, MTA-STS, SPF,
// DMARC). Offsets are into the record's text: its character-strings joined
// without separator, as RFC 7208 §3.3 / RFC 8460 §3 / RFC 7489 §6.3 read them.
// Pure; no zone or LSP types, so hovers, rules and the live engine share it.

export interface PolicyProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** set for problems a zone-wide rule reports instead (SPF 'lookup-limit') */
  code?: string;
  /** a fix: `text` written over [start, end) of the record's text, named `title` */
  replace?: { title: string; text: string };
}

export interface PolicyTerm {
  /** tag or mechanism name as written (e.g. `rua`, `include`, `-all`) */
  name: string;
  value: string;
  start: number;
  end: number;
  /** one-line markdown explanation for hovers */
  explain: string;
}

export interface ParsedPolicy {
  kind: 'tls-rpt' | 'mta-sts' | 'spf' | 'dmarc';
  terms: PolicyTerm[];
  problems: PolicyProblem[];
}

/** A `name=value` pair of a semicolon-separated tag list, with offsets. */
export interface Tag {
  name: string;
  value: string;
  start: number;
  end: number;
  valueStart: number;
}

/** True when `s` from `from` on has a character the regex `.` does not match (a line
 *  terminator): for char-code scans that replace a regex ending in `(.*)$`. */
export function hasLineTerminator(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

const isWsp = (c: string) => c === ' ' || c === '\t';

/** Splits `v=X; a=b; c=d;` into tags (RFC 6376 §3.2 style, as DMARC, TLS-RPT and MTA-STS use). */
export function tagList(text: string, problems: PolicyProblem[]): Tag[] {
  const tags: Tag[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let semi = text.indexOf(';', pos);
    if (semi < 0) semi = text.length;
    let s = pos;
    let e = semi;
    while (s < e && isWsp(text[s])) s++;
    while (e > s && isWsp(text[e - 1])) e--;
    if (s < e) {
      const piece = text.slice(s, e);
      const eq = piece.indexOf('=');
      if (eq < 0) {
        problems.push({ start: s, end: e, severity: 'error', message: `'${piece}' is not a tag: expected name=value` });
      } else {
        let ne = s + eq;
        while (ne > s && isWsp(text[ne - 1])) ne--;
        let vs = s + eq + 1;
        while (vs < e && isWsp(text[vs])) vs++;
        tags.push({ name: text.slice(s, ne), value: text.slice(vs, e), start: s, end: e, valueStart: vs });
      }
    }
    pos = semi + 1;
  }
  return tags;
}

/**
 * Reports white space around a tag's '=' in formats whose grammar has none there: TLS-RPT
 * (RFC 8460 §3) and MTA-STS (RFC 8461 §3.1) allow *WSP around the ';' delimiter (and the ','
 * in rua), not around '=' (DMARC does, RFC 7489 §6.4). `from`: index of the first tag to look at.
 */
export function spaceAroundEquals(tags: Tag[], problems: PolicyProblem[], rfc: string, from = 0): void {
  for (let i = from; i < tags.length; i++) {
    const t = tags[i];
    const eqFrom = t.start + t.name.length;
    if (t.valueStart - eqFrom === 1) continue; // 'name=value'
    problems.push({ start: eqFrom, end: t.valueStart, severity: 'error',
      message: `no white space around '=' (${rfc}: '${t.name}=' is written without spaces and the value follows it directly); a sender may not read this tag` });
  }
}

/** Reports tags that occur more than once, as errors: all these formats forbid it. `why`: what
 *  it does to the record, where its RFC says; `caseSensitive`: names differing in case are two
 *  tags (DKIM's, RFC 6376 §3.2). */
export function duplicateTags(tags: Tag[], problems: PolicyProblem[], why = '', caseSensitive = false): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const k = caseSensitive ? t.name : t.name.toLowerCase();
    if (seen.has(k)) problems.push({ start: t.start, end: t.end, severity: 'error', message: `tag '${t.name}' appears more than once${why}` });
    seen.add(k);
  }
}

/** RFC 8460/8461 extension names: (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / "."). */
export const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** Extension values: 1*(%x21-3A / %x3C / %x3E-7E), i.e. visible ASCII except ';' and '='. */
export const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
