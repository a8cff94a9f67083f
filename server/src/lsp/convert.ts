// The one place that converts between core positions and LSP types.
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { AbsRange, Finding } from '../rules/rule';
import { settleFixData } from '../rules/dane-support/fix-data';
import type { Loc, Severity } from '../zone/model';
import { absRange } from '../zone/locate';
import { RULES, PARSE_PROBLEM_CODES } from '../rules/registry';

export function toRange(r: AbsRange): Range {
  return { start: { line: r.startLine, character: r.startCol }, end: { line: r.endLine, character: r.endCol } };
}

export function locToRange(loc: Loc): Range {
  return toRange(absRange(loc));
}

export function fromRange(r: Range): AbsRange {
  return { startLine: r.start.line, startCol: r.start.character, endLine: r.end.line, endCol: r.end.character };
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const RFC_URL = new Map<string, string>(RULES.map((r) => [r.id, r.rfc[0]?.url ?? '']));
for (const p of PARSE_PROBLEM_CODES) {
  const m = /RFC (\d+)(?: §([\d.]+))?/.exec(p.rfc);
  if (m) RFC_URL.set(p.id, `https://www.rfc-editor.org/rfc/rfc${m[1]}${m[2] ? `#section-${m[2]}` : ''}`);
}

/** A diagnostic of rule or problem code `code`, with its RFC as codeDescription. */
export function codeDiagnostic(code: string, severity: Severity, message: string, range: Range): Diagnostic {
  const d: Diagnostic = { range, severity: SEVERITY[severity], code, source: 'dane-zone', message };
  const href = RFC_URL.get(code);
  if (href) d.codeDescription = { href };
  return d;
}

/** A finding as an LSP diagnostic: code = rule id, codeDescription = its RFC, data = fix payload. */
export function toDiagnostic(f: Finding, rangeOverride?: Range, messagePrefix = ''): Diagnostic {
  const d = codeDiagnostic(f.ruleId, f.severity, messagePrefix + f.message, rangeOverride ?? locToRange(f.loc));
  // fix edits get their ranges now: a cached finding's lines may have moved since it was made
  if (f.data !== undefined) d.data = settleFixData(f.data);
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.loc.file.id, range: locToRange(r.loc) }, message: r.message }));
  }
  return d;
}

/** Text the server wrote with LF line ends, with the document's own line ending instead. */
export function withEol(text: string, eol: string | undefined): string {
  return eol && eol !== '\n' ? text.replace(/\n/g, eol) : text;
}
