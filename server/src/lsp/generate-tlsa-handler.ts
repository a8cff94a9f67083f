// Server side of "dane-zone: Generate TLSA record from certificate…" and of
// "Add next-key 3 1 1 from …": reads the chosen certificate file (workspace
// files only, through the store), builds the record, and returns the edit that
// inserts `; dane-zone: cert=<relative path>` + `_25._tcp.<host>. IN TLSA …`
// at a sensible place. The client applies the edit (the user sees and can undo it).
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestType, type Connection } from 'vscode-languageserver/node';
import type { Zone } from '../zone/model';
import type { Entry } from '../zone/syntax';
import { entryLine } from '../zone/line-blocks';
import { readCertMaterial } from '../cert/cert-file';
import { buildTlsa, smtpTlsaOwner } from '../cert/build-record';
import { withEol } from './convert';
import { originAt, written } from '../features/name-completion';
import { GenerateTlsaRequest, type GenerateTlsaParams, type GenerateTlsaResult } from './protocol';

export interface GenerateTlsaDeps {
  /** the analysed zone of an open document */
  zone(uri: string): Zone | undefined;
  /** workspace-confined file reading (ZoneStore.readFile) */
  readFile(fromId: string, path: string): { bytes: Uint8Array; path: string } | { error: string };
  /** the open document's line ending (LF when not given) */
  eol?(uri: string): string | undefined;
}

function toPath(p: string): string {
  if (!p.startsWith('file:')) return p;
  try {
    return fileURLToPath(p);
  } catch {
    return p;
  }
}

/** Last line of the entry of the last record in `recs` (absolute, 0-based). */
function lastLineOf(recs: readonly { loc: { entry: Entry; file: { id: string } } }[], fileId: string): number | undefined {
  let best: number | undefined;
  for (const r of recs) {
    if (r.loc.file.id !== fileId) continue;
    const l = entryLine(r.loc.entry) + r.loc.entry.lineCount - 1;
    if (best === undefined || l > best) best = l;
  }
  return best;
}

/** The record's owner, fully qualified and lower case: `p.owner` as given (a wildcard's `*.` too),
 *  else `_25._tcp.<p.host>`; an error for a name that is neither. */
function ownerOf(p: GenerateTlsaParams): string | { error: string } {
  if (p.owner !== undefined) {
    const o = String(p.owner).trim();
    if (!/^(\*\.)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/.test(o)) return { error: `'${p.owner}' is not an owner name` };
    return o.replace(/\.?$/, '.').toLowerCase();
  }
  if (!p.host || !/^[A-Za-z0-9_.-]+\.?$/.test(p.host.trim())) return { error: `'${p.host}' is not a host name` };
  return smtpTlsaOwner(p.host);
}

export function generateTlsa(p: GenerateTlsaParams, deps: GenerateTlsaDeps): GenerateTlsaResult {
  const owner = ownerOf(p);
  if (typeof owner !== 'string') return owner;
  const zone = deps.zone(p.uri);
  if (!zone) return { error: 'the zone document is not open' };
  const certPath = toPath(p.certPath);
  const read = deps.readFile(p.uri, certPath);
  if ('error' in read) return { error: read.error };
  const m = readCertMaterial(read.bytes, certPath.replace(/^.*[\\/]/, ''));
  if ('error' in m) return { error: m.error };
  const built = buildTlsa(m, { usage: p.usage ?? 3, selector: p.selector ?? 1, matchingType: p.matchingType ?? 1 });
  if ('error' in built) return { error: built.error };
  const record = `${owner} IN TLSA ${built.rdata}`;
  const zonePath = toPath(p.uri);
  let link = read.path;
  if (isAbsolute(zonePath)) link = relative(dirname(zonePath), read.path).split(sep).join('/');
  // after the host's TLSA RRset, else after the host's own records, else at the end
  const lines = zone.file.lines;
  const hostKey = owner.startsWith('_25._tcp.') ? owner.slice('_25._tcp.'.length) : undefined;
  let line = lastLineOf(zone.byOwner.get(owner) ?? [], zone.file.id) ??
    (hostKey === undefined ? undefined : lastLineOf(zone.byOwner.get(hostKey) ?? [], zone.file.id));
  if (line === undefined) {
    line = lines.length - 1;
    while (line > 0 && lines[line].trim() === '') line--;
  }
  // the owner as the zone writes its names there: relative to the $ORIGIN in effect
  const ownerText = written(owner, originAt(zone, undefined, line + 1)).text;
  const text = `; dane-zone: cert=${link}\n${ownerText} IN TLSA ${built.rdata}`;
  const atEmptyDoc = lines.length === 0 || (lines.length === 1 && lines[0] === '');
  return {
    record,
    edit: atEmptyDoc
      ? { uri: p.uri, line: 0, character: 0, newText: withEol(text + '\n', deps.eol?.(p.uri)) }
      : { uri: p.uri, line, character: lines[line]?.length ?? 0, newText: withEol('\n' + text, deps.eol?.(p.uri)) },
  };
}

export function registerGenerateTlsa(connection: Connection, deps: GenerateTlsaDeps): void {
  const type = new RequestType<GenerateTlsaParams, GenerateTlsaResult, void>(GenerateTlsaRequest);
  connection.onRequest(type, (p) => {
    try {
      return generateTlsa(p, deps);
    } catch (e) {
      return { error: `dane-zone could not generate the record: ${(e as Error).message}` };
    }
  });
}
