// Quick-fixes: the rule named by a diagnostic's code builds them from the diagnostic's data
// (no server-side cache of fixes). Besides them, any finding that can be silenced gets "Ignore
// <id> here / in this file" (rules/ignore.ts), written at the entry the diagnostic starts in.
// The diagnostic a client sends may be stale (made for an earlier version of the document: an
// editor asks between an edit and the next publish, and some clients never move the ranges),
// and its data's edits would then write over other lines: each is matched to the document's
// diagnostic now (same code and message, overlapping range), whose data and range are used.
import type { CodeAction, CodeActionParams, Connection, Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver/node';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';
import { fixesFromData } from '../rules/dane-support/fix-data';
import type { QuickFix } from '../rules/rule';
import { canIgnore, ignoreFixes } from '../rules/ignore';
import type { Entry, SourceFile, Zone } from '../zone/api';
import { directiveOfEntry, entryAt } from '../features/locate-at';
import { toRange, withEol } from './convert';

const byId = new Map(RULES.map((r) => [r.id, r]));
const PROBLEM_CODES = new Set(PARSE_PROBLEM_CODES.map((p) => p.id));

/** A document's current zone, when it has one at hand (not a long document's whole analysis). */
export type ZoneOf = (uri: string) => Zone | undefined;

/** A document's diagnostics for its current version, when its analysis is at hand. */
export type DiagnosticsOf = (uri: string) => readonly Diagnostic[] | undefined;

const overlaps = (a: Range, b: Range): boolean =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The current diagnostic a client's diagnostic stands for: same code and message (messages
 *  hold no line numbers of the document itself), the same range, else one that overlaps it. */
function currentOf(d: Diagnostic, now: readonly Diagnostic[]): Diagnostic | undefined {
  let near: Diagnostic | undefined;
  for (const c of now) {
    if (c.code !== d.code || c.message !== d.message || !overlaps(c.range, d.range)) continue;
    if (sameRange(c.range, d.range)) return c;
    near ??= c;
  }
  return near;
}

/** The entry holding `line`, unless it is an $INCLUDE: what shows there is the included file's. */
function ignoreSite(zone: Zone, line: number): { file: SourceFile; entry: Entry } | undefined {
  const entry = entryAt(zone.file, line);
  if (!entry || directiveOfEntry(zone, entry)?.name === '$INCLUDE') return undefined;
  return { file: zone.file, entry };
}

/** `eolOf`: the line ending of a file the fixes edit (quick-fixes are written with LF);
 *  `diagnosticsOf`: the document's diagnostics now (undefined: not at hand, and no fixes are
 *  offered until they are, rather than fixes that may be stale). */
export function quickFixesFor(params: CodeActionParams, eolOf: (uri: string) => string | undefined = () => undefined, zoneOf: ZoneOf = () => undefined,
  diagnosticsOf: DiagnosticsOf = () => undefined): CodeAction[] {
  const out: CodeAction[] = [];
  // the same fix offered for two diagnostics (a mismatch and an unusable usage on one record
  // both offer "Replace with 3 1 1"): one entry in the menu, naming both
  const seen = new Map<string, CodeAction>();
  let now: readonly Diagnostic[] | undefined | null = null;
  for (const sent of params.context.diagnostics) {
    if (typeof sent.code !== 'string' || sent.source !== 'dane-zone') continue;
    now ??= diagnosticsOf(params.textDocument.uri);
    const d = now && currentOf(sent, now);
    if (!d) continue; // stale (the finding went or moved), or the analysis is not at hand
    const rule = typeof d.code === 'string' ? byId.get(d.code) : undefined;
    // a parse problem (no rule) carries its fixes in its data, as most rules do
    const fixesOf = rule ? rule.fixes : typeof d.code === 'string' && PROBLEM_CODES.has(d.code) ? fixesFromData : undefined;
    let fixes: QuickFix[] = [];
    if (fixesOf && d.data !== undefined) {
      try {
        fixes = fixesOf(d.data);
      } catch {
        fixes = [];
      }
    }
    // a comment that ignores nothing is fixed, not silenced (that would hide its own typo)
    if (typeof d.code === 'string' && d.source === 'dane-zone' && d.code !== 'ignore-invalid' && canIgnore(d.code, d.severity === DiagnosticSeverity.Error ? 'error' : undefined)) {
      const zone = zoneOf(params.textDocument.uri);
      const at = zone && ignoreSite(zone, d.range.start.line);
      if (at) fixes = [...fixes, ...ignoreFixes(zone, at.file, at.entry, d.code)];
    }
    for (const fx of fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fx.edits) (changes[e.file] ??= []).push({ range: toRange(e.range), newText: withEol(e.newText, eolOf(e.file) ?? eolOf(params.textDocument.uri)) });
      // the diagnostic as the client has it, which it knows the fix by
      const action: CodeAction = { title: fx.title, kind: CodeActionKind.QuickFix, diagnostics: [sent], isPreferred: fx.preferred };
      if (fx.edits.length) action.edit = { changes };
      if (fx.command) action.command = { title: fx.title, command: fx.command.command, arguments: fx.command.arguments };
      const key = JSON.stringify([action.title, action.edit, action.command]);
      const same = seen.get(key);
      if (same) {
        same.diagnostics!.push(sent);
        same.isPreferred ||= action.isPreferred;
        continue;
      }
      seen.set(key, action);
      out.push(action);
    }
  }
  return out;
}

export function registerCodeActions(connection: Connection, eolOf: (uri: string) => string | undefined, zoneOf: ZoneOf, diagnosticsOf: DiagnosticsOf): void {
  connection.onCodeAction((params) => quickFixesFor(params, eolOf, zoneOf, diagnosticsOf));
}
