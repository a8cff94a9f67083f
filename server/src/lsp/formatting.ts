// textDocument/formatting and rangeFormatting: column alignment from
// features/format.ts, padded with tabs or spaces as the editor's FormattingOptions say. A
// range format aligns with the whole file's columns but only edits the entries that start
// in the lines the range touches (a multi-line record whole: its lines move with its head),
// so selections line up with the rest.
// A run of edited lines goes out as one edit. A big zone is formatted in turns
// (other requests are answered meanwhile); a cancel or an edit ends it.
import type { Connection, FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import { formatInSlices, type LineEdit } from '../features/format';
import type { IndentStyle } from '../features/align';
import type { GetDoc } from './doc-state';
import { toRange, withEol } from './convert';
import { inTurns, requestStop } from './in-turns';

const ENTRIES_PER_SLICE = 1000;

/** The editor's FormattingOptions: tabs or spaces, and how wide it shows a tab (a client that
 *  sends nonsense gets spaces, tabs 8 wide). */
function styleOf(options: FormattingOptions | undefined): IndentStyle {
  const tabSize = Number.isInteger(options?.tabSize) && options!.tabSize >= 1 && options!.tabSize <= 32 ? options!.tabSize : 8;
  return { tabSize, useTabs: options?.insertSpaces === false };
}

const toTextEdits = (edits: readonly LineEdit[], eol: string | undefined): TextEdit[] => edits.map((e) => ({ range: toRange(e.range), newText: withEol(e.newText, eol) }));

export function registerFormatting(connection: Connection, getDoc: GetDoc): void {
  connection.onDocumentFormatting(async ({ textDocument, options }, token): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    return toTextEdits(await inTurns(formatInSlices(doc.zone, undefined, ENTRIES_PER_SLICE, styleOf(options)), requestStop(token, doc.changed)), doc.eol);
  });
  connection.onDocumentRangeFormatting(async ({ textDocument, range, options }, token): Promise<TextEdit[]> => {
    const doc = await getDoc(textDocument.uri);
    if (!doc) return [];
    // a range that ends at the start of a line (a selection of whole lines) leaves that line out
    const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
    const lines = { first: range.start.line, last };
    return toTextEdits(await inTurns(formatInSlices(doc.zone, lines, ENTRIES_PER_SLICE, styleOf(options)), requestStop(token, doc.changed)), doc.eol);
  });
}
