// Quick-fixes: the rule named by a diagnostic's code builds them from the
// diagnostic's data alone (no message matching, no server-side cache). Besides them, any
// finding that can be silenced gets "Ignore <id> here / in this file" (rules/ignore.ts), written
// at the entry the diagnostic starts in.
import type { CodeAction, CodeActionParams, Connection, TextEdit } from 'vscode-languageserver/node';
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

/** The entry holding `line`, unless it is an $INCLUDE: what shows there is the included file's. */
function ignoreSite(zone: Zone, line: number): { file: SourceFile; entry: Entry } | undefined {
  const entry = entryAt(zone.file, line);
  if (!entry || directiveOfEntry(zone, entry)?.name === '$INCLUDE') return undefined;
  return { file: zone.file, entry };
}

/** `eolOf`: the line ending of a file the fixes edit (quick-fixes are written with LF). */
export function quickFixesFor(params: CodeActionParams, eolOf: (uri: string) => string | undefined = () => undefined, zoneOf: ZoneOf = () => undefined): CodeAction[] {
  const out: CodeAction[] = [];
  // the same fix offered for two diagnostics (a mismatch and an unusable usage on one record
  // both offer "Replace with 3 1 1"): one entry in the menu, naming both
  const seen = new Map<string, CodeAction>();
  for (const d of params.context.diagnostics) {
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
      const action: CodeAction = { title: fx.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fx.preferred };
      if (fx.edits.length) action.edit = { changes };
      if (fx.command) action.command = { title: fx.title, command: fx.command.command, arguments: fx.command.arguments };
      const key = JSON.stringify([action.title, action.edit, action.command]);
      const same = seen.get(key);
      if (same) {
        same.diagnostics!.push(d);
        same.isPreferred ||= action.isPreferred;
        continue;
      }
      seen.set(key, action);
      out.push(action);
    }
  }
  return out;
}

export function registerCodeActions(connection: Connection, eolOf: (uri: string) => string | undefined, zoneOf: ZoneOf): void {
  connection.onCodeAction((params) => quickFixesFor(params, eolOf, zoneOf));
}
