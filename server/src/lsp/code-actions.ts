// Quick-fixes: the rule named by a diagnostic's code builds them from the
// diagnostic's data alone (no message matching, no server-side cache).
import type { CodeAction, CodeActionParams, Connection, TextEdit } from 'vscode-languageserver/node';
import { CodeActionKind } from 'vscode-languageserver/node';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';
import { fixesFromData } from '../rules/dane-support/fix-data';
import type { QuickFix } from '../rules/rule';
import { toRange, withEol } from './convert';

const byId = new Map(RULES.map((r) => [r.id, r]));
const PROBLEM_CODES = new Set(PARSE_PROBLEM_CODES.map((p) => p.id));

/** `eolOf`: the line ending of a file the fixes edit (quick-fixes are written with LF). */
export function quickFixesFor(params: CodeActionParams, eolOf: (uri: string) => string | undefined = () => undefined): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const rule = typeof d.code === 'string' ? byId.get(d.code) : undefined;
    // a parse problem (no rule) carries its fixes in its data, as most rules do
    const fixesOf = rule ? rule.fixes : typeof d.code === 'string' && PROBLEM_CODES.has(d.code) ? fixesFromData : undefined;
    if (!fixesOf || d.data === undefined) continue;
    let fixes: QuickFix[];
    try {
      fixes = fixesOf(d.data);
    } catch {
      continue;
    }
    for (const fx of fixes) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fx.edits) (changes[e.file] ??= []).push({ range: toRange(e.range), newText: withEol(e.newText, eolOf(e.file) ?? eolOf(params.textDocument.uri)) });
      const action: CodeAction = { title: fx.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fx.preferred };
      if (fx.edits.length) action.edit = { changes };
      if (fx.command) action.command = { title: fx.title, command: fx.command.command, arguments: fx.command.arguments };
      out.push(action);
    }
  }
  return out;
}

export function registerCodeActions(connection: Connection, eolOf: (uri: string) => string | undefined): void {
  connection.onCodeAction((params) => quickFixesFor(params, eolOf));
}
