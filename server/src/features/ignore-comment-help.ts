// Completion and hover inside `; dane-zone: …` comments: the words after `dane-zone:` and the
// check ids an ignore comment can name (rules/ignore.ts), with what each one finds. The rest of
// a comment gets nothing (completion.ts).
import { canIgnore } from '../rules/ignore';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';
import { readIgnoreComment } from '../zone/ignore-comment';
import type { CompletionEntry } from './completion';

type Entry0 = Omit<CompletionEntry, 'replaceFrom'>;

/** A comment's text (from ';') up to a path typed after `cert=`, spelt exactly as CERT_LINK_RE reads a link. */
const CERT_LINK_HEAD = /^;\s*dane-zone: cert=([^\s"]*)$/;

const CHECKS: { id: string; severity: string; summary: string }[] = [
  ...RULES.map((r) => ({ id: r.id, severity: r.defaultSeverity, summary: r.summary })),
  ...PARSE_PROBLEM_CODES.map((p) => ({ id: p.id, severity: p.severity, summary: p.summary })),
].filter((c) => canIgnore(c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));

const WORDS: [string, string][] = [
  ['ignore=', 'Silences the checks named after it on this entry (at its end, or on the comment lines directly above it).'],
  ['ignore-file=', 'Silences the checks named after it in the whole file (on a comment line at the top, before the first record).'],
  ['cert=', 'Links the TLSA record below (or this one, at its end) to a certificate file: its digest is checked against the record.'],
];

/** Completions for a cursor `upTo` characters into a comment token's text (from its ';'), or
 *  undefined when the comment is no `dane-zone:` one. `from`: where the replaced word starts,
 *  as an offset into the token. */
export function ignoreCommentCompletions(text: string, upTo: number): { entries: Entry0[]; from: number } | undefined {
  const before = text.slice(0, upTo);
  const word = /^;[; \t]*dane-zone:[ \t]*([a-z-]*)$/i.exec(before);
  if (word) {
    return {
      from: upTo - word[1].length,
      // cert= only where it would be read as a link
      entries: WORDS.filter(([label]) => label !== 'cert=' || CERT_LINK_HEAD.test(`${before.slice(0, upTo - word[1].length)}cert=`)).map(([label, doc], i) => ({ label, kind: 'value', detail: `dane-zone: ${label}`, documentation: doc, sortText: String(i) })),
    };
  }
  const ids = /^;[; \t]*dane-zone:[ \t]*ignore(?:-file)?[ \t]*=[ \t]*((?:[A-Za-z0-9-]+[ \t]*,[ \t]*)*)([A-Za-z0-9-]*)$/.exec(before);
  if (!ids) return undefined;
  const listed = new Set(ids[1].split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  return {
    from: upTo - ids[2].length,
    entries: CHECKS.filter((c) => !listed.has(c.id)).map((c, i) => ({ label: c.id, kind: 'value', detail: `${c.severity}: ${c.id}`, documentation: c.summary, sortText: String(i).padStart(4, '0') })),
  };
}

/** The path typed so far after `; dane-zone: cert=`, for a cursor `upTo` characters into a
 *  comment token's text, with where its last segment starts (an offset into the token): the
 *  editor lists the files of that folder (lsp/completion.ts). Undefined elsewhere. */
export function certPathTyped(text: string, upTo: number): { typed: string; segmentFrom: number } | undefined {
  // spelt as cert/link.ts reads a link (CERT_LINK_RE): a path completed in any other comment
  // would link nothing, and no finding would say so
  const m = CERT_LINK_HEAD.exec(text.slice(0, upTo));
  if (!m) return undefined;
  const typed = m[1];
  return { typed, segmentFrom: upTo - typed.length + typed.lastIndexOf('/') + 1 };
}

/** Markdown for a hover on an ignore comment: what it silences, where, and its reason. */
export function ignoreCommentHover(text: string): string | undefined {
  const r = readIgnoreComment(text);
  if (!r || r.malformed || !r.ids.length) return undefined;
  const where = r.fileWide ? 'everywhere in this file' : 'on the entry it ends, or on the entry below its comment lines';
  const lines = [`**dane-zone ignore comment**: silences these checks ${where}:`, ''];
  for (const x of r.ids) {
    const c = CHECKS.find((k) => k.id === x.id);
    lines.push(`- \`${x.id}\`${c ? ` (${c.severity}): ${c.summary}` : ': not a check that can be ignored'}`);
  }
  const why = /\s--\s*(.*)$/.exec(text);
  if (why?.[1]) lines.push('', `Reason: ${why[1].trim()}`);
  return lines.join('\n');
}
