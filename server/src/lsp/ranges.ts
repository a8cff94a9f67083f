// AbsRange (the core's 0-based line/UTF-16 column ranges) as LSP ranges and
// locations. The core already computes positions (absRange); this only renames.
import type { Location, Range } from 'vscode-languageserver/node';
import type { AbsRange } from '../rules/rule';
import type { Loc } from '../zone/api';
import { absRange } from '../zone/api';

export function lspRange(r: AbsRange): Range {
  return { start: { line: r.startLine, character: r.startCol }, end: { line: r.endLine, character: r.endCol } };
}

export function lspLocation(loc: Loc): Location {
  return { uri: loc.file.id, range: lspRange(absRange(loc)) };
}
