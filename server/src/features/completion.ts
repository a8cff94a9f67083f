// Completion at a position: directives at the start of a line, RR types and
// classes where the type goes (also in $GENERATE), and the named values of small
// fields (TLSA usage/selector/matching type, SSHFP, DS and DNSKEY algorithms ...)
// or common choices (MX preference, CAA flags and tags, DNSKEY flags, NSEC3PARAM)
// from the RR type table, with their descriptions; the zone's own names in name fields
// and `_25._tcp.` TLSA owners (name-completion.ts). Nothing inside a comment.
// With snippets, a type or directive inserts its fields as named tab stops.
// Pure: works on the entry's tokens and the zone's indexes.
import type { FieldDef, RRTypeDef } from '../zone/rr-types';
import type { Zone } from '../zone/api';
import { RR_TYPES, rrTypeByName, dataTokens, entryLine, entryTokens, parseTtl, TokKind } from '../zone/api';
import { entryAt, isClassToken } from './locate-at';
import { originAt, ownerNames, tlsaOwnerNames, type NameList } from './name-completion';
import { certPathTyped, ignoreCommentCompletions } from './ignore-comment-help';

export type CompletionKind = 'directive' | 'type' | 'class' | 'value' | 'name';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation: string;
  /** keeps numbers in numeric order and types in table order */
  sortText: string;
  /** column on the cursor's line where the word being typed starts (the text the entry replaces) */
  replaceFrom: number;
  /** what to insert instead of the label; a snippet when `snippet` */
  insertText?: string;
  snippet?: boolean;
  /** the client selects this entry first (TLSA usage 3, DANE-EE) */
  preselect?: boolean;
}

export interface CompletionOptions {
  /** the client takes snippets (LSP completionItem.snippetSupport) */
  snippets?: boolean;
}

export interface CompletionList {
  entries: CompletionEntry[];
  /** true when entries were left out: the client should ask again as more is typed */
  incomplete: boolean;
  /** names were wanted before the zone's sorted owners were made (see NameList.ownersPending) */
  ownersPending?: boolean;
  /** the cursor is in a comment (only `; dane-zone:` ones have entries) */
  inComment?: boolean;
  /** a certificate path is being typed after `cert=`: the folder's files are the entries, which
   *  the editor lists (no I/O here); `from`: the column its last segment starts at */
  certPath?: { typed: string; from: number };
}

type Entry0 = Omit<CompletionEntry, 'replaceFrom'>;

// [label, detail, documentation, snippet (literal $ escaped)]
const DIRECTIVES: [string, string, string, string][] = [
  ['$ORIGIN', '$ORIGIN name', 'Sets the origin for relative names below (RFC 1035 §5.1).', '\\$ORIGIN ${1:example.com.}'],
  ['$TTL', '$TTL ttl', 'Default TTL for records below that give none (RFC 2308 §4).', '\\$TTL ${1:3600}'],
  ['$INCLUDE', '$INCLUDE file [origin]', 'Reads another file here (RFC 1035 §5.1); dane-zone reads a relative path from the directory of the including file, BIND from its working directory.', '\\$INCLUDE ${1:file}'],
  ['$GENERATE', '$GENERATE start-stop[/step] lhs [ttl] [class] type rhs', 'Writes one record per number; `$` is the number (BIND).', '\\$GENERATE ${1:1-10} ${2:host\\$} ${3:A} ${4:192.0.2.\\$}'],
];

const CLASSES: [string, string][] = [
  ['IN', 'Internet'],
  ['CH', 'Chaos'],
  ['HS', 'Hesiod'],
];

function directives(snippets: boolean): Entry0[] {
  return DIRECTIVES.map(([label, detail, doc, snippet], i) => ({
    label, kind: 'directive', detail, documentation: doc, sortText: `0${i}`,
    ...(snippets ? { insertText: snippet, snippet: true } : {}),
  }));
}

/** `\`, `$` and `}` are special in snippet text (LSP snippet syntax). */
function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function fieldStop(f: FieldDef, i: number): string {
  const p = f.placeholder;
  if (p?.startsWith('|')) return `\${${i + 1}${p}}`;
  return `\${${i + 1}:${snippetText(p ?? f.name)}}`;
}

/** The type with its RDATA fields as tab stops: `MX ${1:10} ${2:mail}`. */
export function typeSnippet(t: RRTypeDef): string {
  return [t.name, ...t.fields.map(fieldStop)].join(' ');
}

/** `snippets`: insert the fields too (not in $GENERATE, whose RDATA is one template). */
function typesAndClasses(withClasses: boolean, snippets: boolean): Entry0[] {
  const out: Entry0[] = RR_TYPES.map((t, i) => ({
    label: t.name,
    kind: 'type' as const,
    detail: `${t.summary} (type ${t.code})`,
    documentation: `${t.rfc}: ${t.name} ${t.fields.map((f) => f.name).join(' ')}`,
    sortText: `1${String(i).padStart(3, '0')}`,
    ...(snippets ? { insertText: typeSnippet(t), snippet: true } : {}),
  }));
  if (withClasses) {
    CLASSES.forEach(([c, d], i) => out.push({ label: c, kind: 'class', detail: `class: ${d}`, documentation: `Record class ${c} (RFC 1035 §3.2.4).`, sortText: `0${i}` }));
  }
  return out;
}

function fieldValues(def: RRTypeDef, f: FieldDef): Entry0[] {
  if (f.values) {
    // ranked values first in their order (the first preselected), then the rest by number
    const rank = f.rank ?? [];
    const sortOf = (v: number): string => (rank.includes(v) ? `0${rank.indexOf(v)}` : `1${String(v).padStart(5, '0')}`);
    const entries = f.values.map((v) => ({
      label: String(v.value),
      kind: 'value' as const,
      detail: `${v.name}: ${def.name} ${f.name}` + (v.caution ? ` — ${v.caution}` : ''),
      documentation: v.doc,
      sortText: sortOf(v.value),
      ...(rank.length && v.value === rank[0] ? { preselect: true } : {}),
    }));
    return entries.sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  }
  return (f.suggest ?? []).map((s, i) => ({
    label: s.text,
    kind: 'value' as const,
    detail: `${s.name}: ${def.name} ${f.name}`,
    documentation: s.doc,
    sortText: String(i).padStart(5, '0'),
  }));
}

const nothing = (): CompletionList => ({ entries: [], incomplete: false });

function isTtlToken(text: string): boolean {
  return parseTtl(text) !== undefined;
}

/** Completion entries for a cursor at (line, col) in the zone's own file. */
export function completionsAt(zone: Zone, line: number, col: number, options: CompletionOptions = {}): CompletionEntry[] {
  return completionListAt(zone, line, col, options).entries;
}

/** completionsAt, and whether entries were left out (names are capped: see name-completion.ts). */
export function completionListAt(zone: Zone, line: number, col: number, options: CompletionOptions = {}): CompletionList {
  const file = zone.file;
  const entry = entryAt(file, line);
  const lineText = file.lines[line] ?? '';
  const rel = entry ? line - entryLine(entry) : 0;
  // in a comment (the lexer knows where one starts: not in quotes, not escaped): nothing, but
  // in a `; dane-zone:` one, its words and the ids of the checks it can ignore
  const comment = entry && entryTokens(file, entry).find((t) => t.kind === TokKind.Comment && t.line === rel && t.start < col);
  if (comment) {
    const path = certPathTyped(comment.text, col - comment.start);
    if (path) return { entries: [], incomplete: false, inComment: true, certPath: { typed: path.typed, from: comment.start + path.segmentFrom } };
    const help = ignoreCommentCompletions(comment.text, col - comment.start);
    return { ...(help ? { entries: help.entries.map((e) => ({ ...e, replaceFrom: comment.start + help.from })), incomplete: false } : nothing()), inComment: true };
  }
  const all = entry ? dataTokens(file, entry) : [];
  // tokens before the cursor; one that touches the cursor is the word being typed
  const before = all.filter((t) => t.line < rel || (t.line === rel && t.start < col));
  const last = before[before.length - 1];
  const typing = !!last && last.line === rel && last.end >= col;
  const done = typing ? before.slice(0, -1) : before;
  const prefix = typing ? last.text.slice(0, col - last.start) : '';
  const replaceFrom = typing ? last.start : col;
  const leadingBlank = entry ? entry.leadingBlank : /^\s/.test(lineText);
  const snippets = !!options.snippets;
  const out = (list: Entry0[]): CompletionList => ({ entries: list.map((e) => ({ ...e, replaceFrom })), incomplete: false });
  const names = (list: NameList): CompletionList => ({
    entries: list.entries.map((e) => ({ ...e, kind: 'name' as const, replaceFrom })),
    incomplete: list.incomplete,
    ...(list.ownersPending ? { ownersPending: true } : {}),
  });

  // column 0 of an entry's first line is where its owner is written: a type or class put there
  // would become the owner of a line that inherits one. Only a blank line gets directives.
  if (col === 0 && rel === 0 && leadingBlank) return /\S/.test(lineText) ? nothing() : out(directives(snippets));
  if (done.length === 0) {
    if (!leadingBlank) {
      if (prefix === '' || prefix.startsWith('$')) return out(directives(snippets));
      return prefix.startsWith('_') ? names(tlsaOwnerNames(zone, prefix, originAt(zone, entry, line), entry)) : nothing();
    }
    return out(typesAndClasses(true, snippets));
  }
  if (!leadingBlank && done[0].text.startsWith('$')) {
    // $GENERATE range lhs [ttl] [class] type rhs: types and classes after lhs
    if (done[0].text.toUpperCase() !== '$GENERATE' || done.length < 3) return nothing();
    let j = 3;
    let sawClass = false;
    while (j < done.length && (isClassToken(done[j].text) || isTtlToken(done[j].text))) {
      if (isClassToken(done[j].text)) sawClass = true;
      j++;
    }
    return j >= done.length ? out(typesAndClasses(!sawClass, false)) : nothing();
  }
  let i = leadingBlank ? 0 : 1;
  let sawClass = false;
  while (i < done.length && (isClassToken(done[i].text) || isTtlToken(done[i].text))) {
    if (isClassToken(done[i].text)) sawClass = true;
    i++;
  }
  if (i >= done.length) return out(typesAndClasses(!sawClass, snippets));
  const def = rrTypeByName(done[i].text);
  if (!def) return nothing();
  const f = def.fields[done.length - i - 1];
  if (!f) return nothing();
  if (f.kind === 'name') return names(ownerNames(zone, def, prefix, originAt(zone, entry, line), entry));
  return out(fieldValues(def, f));
}
