// Completion at a position: directives at the start of a line, RR types and
// classes where the type goes, and the named values of small fields (TLSA
// usage/selector/matching type, SSHFP, DS and DNSKEY algorithms ...) from the RR
// type table, with their descriptions. Pure: works on the entry's tokens.
import type { Zone } from '../zone/api';
import { RR_TYPES, rrTypeByName, dataTokens, parseTtl } from '../zone/api';
import { entryAt, isClassToken } from './locate-at';

export type CompletionKind = 'directive' | 'type' | 'class' | 'value';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation: string;
  /** keeps numbers in numeric order and types in table order */
  sortText: string;
}

const DIRECTIVES: [string, string, string][] = [
  ['$ORIGIN', '$ORIGIN name', 'Sets the origin for relative names below (RFC 1035 §5.1).'],
  ['$TTL', '$TTL ttl', 'Default TTL for records below that give none (RFC 2308 §4).'],
  ['$INCLUDE', '$INCLUDE file [origin]', 'Reads another file here, relative to this one (RFC 1035 §5.1).'],
  ['$GENERATE', '$GENERATE start-stop[/step] lhs [ttl] [class] type rhs', 'Writes one record per number; `$` is the number (BIND).'],
];

const CLASSES: [string, string][] = [
  ['IN', 'Internet'],
  ['CH', 'Chaos'],
  ['HS', 'Hesiod'],
];

function directives(): CompletionEntry[] {
  return DIRECTIVES.map(([label, detail, doc], i) => ({ label, kind: 'directive', detail, documentation: doc, sortText: `0${i}` }));
}

function typesAndClasses(withClasses: boolean): CompletionEntry[] {
  const out: CompletionEntry[] = RR_TYPES.map((t, i) => ({
    label: t.name,
    kind: 'type' as const,
    detail: `${t.summary} (type ${t.code})`,
    documentation: `${t.rfc}: ${t.name} ${t.fields.map((f) => f.name).join(' ')}`,
    sortText: `1${String(i).padStart(3, '0')}`,
  }));
  if (withClasses) {
    CLASSES.forEach(([c, d], i) => out.push({ label: c, kind: 'class', detail: `class: ${d}`, documentation: `Record class ${c} (RFC 1035 §3.2.4).`, sortText: `0${i}` }));
  }
  return out;
}

function isTtlToken(text: string): boolean {
  return parseTtl(text) !== undefined;
}

/** Completion entries for a cursor at (line, col) in the zone's own file. */
export function completionsAt(zone: Zone, line: number, col: number): CompletionEntry[] {
  const file = zone.file;
  const entry = entryAt(file, line);
  const lineText = file.lines[line] ?? '';
  const rel = entry ? line - entry.line : 0;
  const all = entry ? dataTokens(file, entry) : [];
  // tokens before the cursor; one that touches the cursor is the word being typed
  const before = all.filter((t) => t.line < rel || (t.line === rel && t.start < col));
  const typing = before.length && before[before.length - 1].line === rel && before[before.length - 1].end >= col;
  const done = typing ? before.slice(0, -1) : before;
  const prefix = typing ? before[before.length - 1].text.slice(0, col - before[before.length - 1].start) : '';
  const leadingBlank = entry ? entry.leadingBlank : /^\s/.test(lineText);

  if (done.length === 0) {
    if (!leadingBlank) return prefix === '' || prefix.startsWith('$') ? directives() : [];
    return typesAndClasses(true);
  }
  if (!leadingBlank && done[0].text.startsWith('$')) return [];
  let i = leadingBlank ? 0 : 1;
  let sawClass = false;
  while (i < done.length && (isClassToken(done[i].text) || isTtlToken(done[i].text))) {
    if (isClassToken(done[i].text)) sawClass = true;
    i++;
  }
  if (i >= done.length) return typesAndClasses(!sawClass);
  const def = rrTypeByName(done[i].text);
  if (!def) return [];
  const fieldIndex = done.length - i - 1;
  const f = def.fields[fieldIndex];
  if (!f?.values) return [];
  return f.values.map((v) => ({
    label: String(v.value),
    kind: 'value' as const,
    detail: `${v.name}: ${def.name} ${f.name}`,
    documentation: v.doc,
    sortText: String(v.value).padStart(5, '0'),
  }));
}
