// Folding ranges: entries that span lines (parenthesised blocks) and runs of
// two or more comment-only lines. Pure; 0-based lines.
import type { Zone } from '../zone/api';
import { entryTokens, TokKind } from '../zone/api';

export interface Fold {
  startLine: number;
  endLine: number;
  kind: 'region' | 'comment';
}

/** The folding ranges in document order, at most `limit` (an editor shows so many: VS Code 5000). */
export function foldingRanges(zone: Zone, limit = Infinity): Fold[] {
  const out: Fold[] = [];
  const file = zone.file;
  let commentStart = -1;
  let commentEnd = -1;
  const flush = () => {
    if (commentStart >= 0 && commentEnd > commentStart) out.push({ startLine: commentStart, endLine: commentEnd, kind: 'comment' });
    commentStart = -1;
  };
  for (const e of file.entries) {
    if (out.length >= limit) break;
    if (e.lineCount > 1) {
      flush();
      out.push({ startLine: e.line, endLine: e.line + e.lineCount - 1, kind: 'region' });
      continue;
    }
    const text = file.lines[e.line] ?? '';
    const trimmed = text.trimStart();
    if (trimmed.startsWith(';')) {
      const toks = entryTokens(file, e);
      if (toks.length === 1 && toks[0].kind === TokKind.Comment) {
        if (commentStart < 0) commentStart = e.line;
        commentEnd = e.line;
        continue;
      }
    }
    flush();
  }
  flush();
  return out.slice(0, limit);
}
