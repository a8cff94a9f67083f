// VS Code and Neovim leave a file's byte order mark out of the text they send (they show it as
// "UTF-8 with BOM" at most) and write it back on save, so the parser never sees the mark that
// makes BIND and Knot refuse the zone. The server reads the first three bytes of an open
// document's file when it opens and when it is saved, and reports the mark there.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Severity } from '../zone/model';
import { codeDiagnostic } from './convert';
import { uriToPath } from './zone-store';

export const BYTE_ORDER_MARK = 'byte-order-mark';

/** True when the file of `uri` starts with the UTF-8 byte order mark (false when it cannot be read). */
function fileStartsWithMark(uri: string): boolean {
  const path = uriToPath(uri);
  if (!path) return false;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const b = Buffer.alloc(3);
    return readSync(fd, b, 0, 3, 0) === 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  } catch {
    return false; // not saved yet, removed, or not readable: nothing to say
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The diagnostic for a mark the file on disk has and the editor's text has not (the parser
 *  reports one the text holds); none when the rule is off. */
export function diskByteOrderMark(uri: string, text: string, severity: Severity | 'off'): Diagnostic[] {
  if (severity === 'off' || text.charCodeAt(0) === 0xfeff || !fileStartsWithMark(uri)) return [];
  return [codeDiagnostic(BYTE_ORDER_MARK, severity, 'the file on disk starts with a byte order mark (U+FEFF, the bytes EF BB BF) that the editor does not show: BIND ("unknown RR type") and Knot read it as part of the first word and refuse the zone; save the file as UTF-8 without a BOM (VS Code: click the encoding in the status bar, Save with Encoding, UTF-8)',
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })];
}
