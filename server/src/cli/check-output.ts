// How `dane-zone check` writes its findings: GCC-style lines (text), a JSON array (json),
// GitHub Actions workflow commands that annotate the changed lines of a pull request (github),
// or SARIF 2.1.0 for code-scanning tools (sarif). All carry the same findings in the same
// order; lines and columns are 1-based, columns in characters (Unicode code points).
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../zone/model';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';
import { VERSION } from '../version';
import { printable } from './args';

export const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  /** the other places the message speaks of */
  related?: { file: string; line: number; column: number; message: string }[];
}

export function formatFindings(all: readonly CliFinding[], format: Format): string {
  switch (format) {
    case 'json': return JSON.stringify(all, null, 2) + '\n';
    case 'github': return lines(all.map(githubCommand));
    case 'sarif': return JSON.stringify(sarif(all), null, 2) + '\n';
    default: return lines(all.flatMap((x) => [
      // file names as the messages' zone text: control characters escaped, one finding a line
      `${printable(x.file)}:${x.line}:${x.column}: ${x.severity} ${x.rule} ${x.message}`,
      ...(x.related ?? []).map((o) => `${printable(o.file)}:${o.line}:${o.column}: note ${x.rule} ${o.message}`),
    ]));
  }
}

const lines = (l: string[]): string => (l.length ? l.join('\n') + '\n' : '');

// GitHub's workflow commands: `::error file=…,line=…::message`. Data and property values are
// escaped as its toolkit escapes them (actions/toolkit command.ts): %, CR and LF everywhere,
// ':' and ',' in properties too.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

function githubCommand(x: CliFinding): string {
  const props = [`file=${escapeProperty(x.file)}`, `line=${x.line}`, `col=${x.column}`, `endLine=${x.endLine}`, `endColumn=${x.endColumn}`, `title=${escapeProperty(`dane-zone ${x.rule}`)}`];
  const related = (x.related ?? []).map((o) => ` (${o.message}: ${o.file}:${o.line}:${o.column})`).join('');
  return `::${GITHUB_LEVEL[x.severity]} ${props.join(',')}::${escapeData(x.message + related)}`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A file name as a SARIF artifact URI: relative names stay relative (to the folder the check
 *  ran in, %SRCROOT%), each segment percent-encoded ('#' and '?' too); absolute ones become
 *  file: URIs. */
function artifact(file: string): { uri?: string; uriBaseId?: string; description?: { text: string } } {
  // no file: a SARIF location without a URI (--stdin-name gives it one)
  if (file === '-') return { description: { text: 'standard input' } };
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  // a backslash separates names on Windows only; elsewhere it is part of a name
  return { uri: file.split(process.platform === 'win32' ? /[\\/]/ : '/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function sarif(all: readonly CliFinding[]): unknown {
  const used = [...new Set(all.map((x) => x.rule))];
  const rules = used.map((id) => {
    const rule = RULES.find((r) => r.id === id);
    const problem = PARSE_PROBLEM_CODES.find((p) => p.id === id);
    const out: Record<string, unknown> = { id, shortDescription: { text: rule?.summary ?? problem?.summary ?? id } };
    const url = rule?.rfc[0]?.url;
    if (url) out.helpUri = url;
    out.defaultConfiguration = { level: SARIF_LEVEL[rule?.defaultSeverity ?? problem?.severity ?? 'warning'] };
    return out;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'dane-zone', version: VERSION, informationUri: 'https://example.invalid/dane-zone', rules } },
      columnKind: 'unicodeCodePoints',
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd()).href.replace(/\/?$/, '/') } },
      results: all.map((x) => ({
        ruleId: x.rule,
        ruleIndex: used.indexOf(x.rule),
        level: SARIF_LEVEL[x.severity],
        message: { text: x.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(x.file), region: { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn } } }],
        ...(x.related?.length ? {
          relatedLocations: x.related.map((o, i) => ({ id: i, message: { text: o.message }, physicalLocation: { artifactLocation: artifact(o.file), region: { startLine: o.line, startColumn: o.column } } })),
        } : {}),
      })),
    }],
  };
}
