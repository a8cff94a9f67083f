// Certificate files linked to TLSA records: a `; dane-zone: cert=<path>`
// comment on the line directly above the record or at its end (exact spelling:
// scripts outside the project write it), or the `daneZone.certificates`
// setting (owner name or `_25._tcp.*` pattern -> file, paths relative to the
// workspace folder), which the host passes as `options.certificates` and
// `options.workspaceFolder`. Files are read only
// through RuleHost.readFile; parsed results are cached by content, so a renewed
// file on disk is seen on the next run. No I/O of its own.
import { isAbsolute, join, relative } from 'node:path';
import type { CertLinkNote, Loc, Severity, Zone, ZoneRecord } from '../zone/model';
import type { Entry } from '../zone/syntax';
import type { Finding, RuleHost } from '../rules/rule';
import { commentTokens, subLoc, tokenLoc } from '../rules/dane-support/loc-range';
import { absRange, entryAtLine, entryTokens } from '../zone/locate';
import { CERT_LINK_RE, commentOnlyAt, lineOf } from '../zone/ignore-comment';
import { entryLine } from '../zone/line-blocks';
import { readCertMaterial, type CertReadResult, type CertMaterial } from './cert-file';
import { nodeCrypto } from './node-crypto';

export { CERT_LINK_RE };

export interface CertLink {
  /** the path as written (comment) or as configured (setting; relative to the workspace folder
   *  when it lies inside it): what messages and quick-fix titles show */
  path: string;
  /** the path the host reads, relative to fromFile or absolute (a setting's path joined to the
   *  workspace folder) */
  readPath: string;
  source: 'comment' | 'setting';
  /** the `cert=<path>` text of the directive, or the record's owner for a setting */
  loc: Loc;
  /** the file the path is relative to (SourceFile.id of the zone file holding the comment) */
  fromFile: string;
}

export type LinkedCert =
  | { link: CertLink; material: CertMaterial; /** resolved path the host read */ resolved: string }
  | { link: CertLink; error: string };

function unquote(p: string): string {
  return p.length >= 2 && p.startsWith('"') && p.endsWith('"') ? p.slice(1, -1) : p;
}

/** The link written in a comment token of `entry`, as a Loc on `cert=<path>`. */
function fromComment(base: Loc, entry: Entry, which: 'last' | 'only'): CertLink | undefined {
  const comments = commentTokens(base.file, entry);
  const tok = which === 'last' ? comments[comments.length - 1] : comments.length === 1 && entryTokens(base.file, entry).length === 1 ? comments[0] : undefined;
  if (!tok) return undefined;
  const m = CERT_LINK_RE.exec(tok.text.slice(1));
  if (!m || !m[1]) return undefined;
  const at = tok.text.indexOf('cert=');
  const path = unquote(m[1]);
  return { path, readPath: path, source: 'comment', loc: subLoc(tokenLoc(base, entry, tok), at, tok.text.trimEnd().length), fromFile: base.file.id };
}

/** Settings key match: exact owner (trailing dot optional, any case), else the longest `*` pattern. */
export function settingFor(ownerKey: string, certificates: unknown): string | undefined {
  if (!certificates || typeof certificates !== 'object') return undefined;
  const norm = (k: string) => k.trim().toLowerCase().replace(/\.?$/, '.');
  let best: { len: number; path: string } | undefined;
  for (const [k, v] of Object.entries(certificates as Record<string, unknown>)) {
    if (typeof v !== 'string' || !v) continue;
    const key = norm(k);
    if (key === ownerKey) return v;
    if (!key.includes('*')) continue;
    const re = new RegExp('^' + key.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^]+') + '$');
    if (re.test(ownerKey) && (!best || key.length > best.len)) best = { len: key.length, path: v };
  }
  return best?.path;
}

/** Setting paths are relative to the workspace folder (options.workspaceFolder, an absolute
 *  path the server passes); without one (CLI) they stay relative to the zone file. */
function settingPath(path: string, folder: unknown): { path: string; readPath: string } {
  if (typeof folder !== 'string' || !folder) return { path, readPath: path };
  const readPath = isAbsolute(path) ? path : join(folder, path);
  const rel = relative(folder, readPath);
  // shown relative to the workspace folder, as the setting is written; a file outside it by its full path
  return { path: rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : readPath, readPath };
}

/** The certificate link of a TLSA/SMIMEA record, if any (comment first, then settings). */
export function certLinkOf(rec: ZoneRecord, host: Pick<RuleHost, 'options'>): CertLink | undefined {
  const l = commentLinkOf(rec);
  if (l) return l;
  const path = settingFor(rec.ownerKey, host.options.certificates);
  if (path) return { ...settingPath(path, host.options.workspaceFolder), source: 'setting', loc: rec.ownerLoc, fromFile: rec.loc.file.id };
  return undefined;
}

/** The link a comment of the record's, or the comment line directly above it, writes. */
function commentLinkOf(rec: ZoneRecord): CertLink | undefined {
  if (rec.comment !== undefined && CERT_LINK_RE.test(rec.comment)) {
    const l = fromComment(rec.loc, rec.loc.entry, 'last');
    if (l) return l;
  }
  const line = entryLine(rec.entry);
  if (rec.commentAbove !== undefined && CERT_LINK_RE.test(rec.commentAbove) && line > 0) {
    // commentAbove: the entry ending on the line above is comment-only; a link must be its
    // only token, so that entry is the one line above: the editor's own entry (its place moves
    // with edits above it), else (a column-stored zone keeps no entries) one made for that line
    const above: Entry = entryAtLine(rec.loc.file, line - 1) ?? { lineInBlock: line - 1, lineCount: 1, leadingBlank: false, tokens: [], lexErrors: [] };
    return fromComment(rec.loc, above, 'only');
  }
  return undefined;
}

/** Whether `rec` takes the `cert=` link `n` (it is the link certLinkOf reads for it). */
export function takesLink(rec: ZoneRecord, n: CertLinkNote): boolean {
  if (rec.type !== 'TLSA' && rec.type !== 'SMIMEA') return false;
  const l = commentLinkOf(rec);
  return !!l && l.loc.file === n.loc.file && absRange(l.loc).startLine === absRange(n.loc).startLine;
}

/** Why the `cert=` link `n` links no record: what the line below a link on a line of its own
 *  holds, or why one at the end of a line is not read. */
function unusedBecause(n: CertLinkNote, linkedAtEnd: ReadonlySet<string>): string {
  const where = 'a link goes on the line directly above its TLSA or SMIMEA record, or at its end';
  if (n.misspelt) return `it is not spelt as a link is read, so it is a plain comment: write '; dane-zone: cert=${n.path || '<path>'}' (lower case, one space after the colon, none around '=')`;
  if (!n.path) return "it names no file after 'cert=': write the certificate's path there (relative to this file)";
  if (!n.commentOnly) return `a link at the end of a line is read only at the end of a TLSA or SMIMEA record, as its last comment; ${where}`;
  const line = absRange(n.loc).startLine + 1;
  // the record below is one, but a link at its own end comes first (certLinkOf)
  if (linkedAtEnd.has(`${n.loc.file.id}\0${line}`)) return 'the record on the line below has a link of its own at its end, which is the one read: remove one of the two';
  return `${belowLink(n, line)}; ${where}`;
}

/** What line `line`, below a link on a line of its own, holds instead of a TLSA or SMIMEA record. */
function belowLink(n: CertLinkNote, line: number): string {
  const below = lineOf(n.loc.file, line);
  // (a file that ends with a line end has one empty line after it)
  if (below === undefined || (below === '' && lineOf(n.loc.file, line + 1) === undefined)) return 'the file ends below it';
  if (below.trim() === '') return 'a blank line comes between it and the record below';
  if (commentOnlyAt(below) >= 0) return 'another comment line comes between it and the record below (put that comment above the link)';
  if (/^\$[A-Za-z]/.test(below)) return `the line below is a ${below.split(/[\s;]/)[0].toUpperCase()} line, not a TLSA or SMIMEA record`;
  return 'the record on the line below is no TLSA or SMIMEA record';
}

/** `cert-link-unused` warnings: `cert=` links that no TLSA or SMIMEA record takes, so that no
 *  certificate is checked where the writer believes one is (a link must be on the line directly
 *  above its record, or end it). A zone without links costs nothing. */
export function unusedCertLinkFindings(zone: Zone, severity: Severity | 'off' = 'warning'): Finding[] {
  if (!zone.certLinks.length || severity === 'off') return [];
  const lineKey = (loc: Loc) => `${loc.file.id}\0${absRange(loc).startLine}`;
  const taken = new Set<string>();
  // the first lines of records that take the link at their own end
  const linkedAtEnd = new Set<string>();
  for (const type of ['TLSA', 'SMIMEA']) {
    for (const rec of zone.byType.get(type) ?? []) {
      const l = (rec.comment !== undefined || rec.commentAbove !== undefined) && commentLinkOf(rec);
      if (!l) continue;
      taken.add(lineKey(l.loc));
      // (a link above the record is on the line before its first)
      if (absRange(l.loc).startLine >= absRange(rec.loc).startLine) linkedAtEnd.add(lineKey(rec.loc));
    }
  }
  const out: Finding[] = [];
  for (const n of zone.certLinks) {
    if (taken.has(lineKey(n.loc))) continue;
    const f: Finding = { ruleId: 'cert-link-unused', severity, message: `this certificate link links no record, so no certificate is checked here: ${unusedBecause(n, linkedAtEnd)}`, loc: n.loc };
    // a misspelt link with its path: spelt as it is read (it may then link the record below)
    if (n.misspelt && n.path) {
      const text = `; dane-zone: cert=${n.path}`;
      f.data = { fixes: [{ title: `Write '${text}'`, preferred: true, edits: [{ loc: n.loc, newText: text }] }] };
    }
    out.push(f);
  }
  return out;
}

const cache = new Map<string, CertReadResult>();
const CACHE_MAX = 64;

function parseCached(bytes: Uint8Array, name: string): CertReadResult {
  const key = `${name}\0${nodeCrypto().createHash('sha256').update(bytes).digest('hex')}`;
  let r = cache.get(key);
  if (!r) {
    r = readCertMaterial(bytes, name);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r;
}

// One read per file per host and run: several rules (and records) linking the same
// file share one read. The server and the CLI make a host per analysis run; a host
// kept longer (e.g. for hovers) re-reads after READ_TTL_MS, so a renewal is seen.
type ReadResult = ReturnType<NonNullable<RuleHost['readFile']>>;
const reads = new WeakMap<RuleHost, Map<string, { at: number; r: ReadResult }>>();
const READ_TTL_MS = 1000;

function readOnce(host: RuleHost, fromFile: string, path: string): ReadResult {
  let m = reads.get(host);
  if (!m) reads.set(host, (m = new Map()));
  const key = `${fromFile}\0${path}`;
  const now = Date.now();
  const hit = m.get(key);
  if (hit && now - hit.at < READ_TTL_MS) return hit.r;
  const r = host.readFile!(fromFile, path);
  m.set(key, { at: now, r });
  return r;
}

/** Reads the linked file of a record through the host. undefined = no link, or the host cannot read files. */
export function loadLinkedCert(rec: ZoneRecord, host: RuleHost): LinkedCert | undefined {
  const link = certLinkOf(rec, host);
  if (!link || !host.readFile) return undefined;
  const r = readOnce(host, link.fromFile, link.readPath);
  if ('error' in r) return { link, error: `cannot read certificate file ${link.path}: ${r.error}` };
  const m = parseCached(r.bytes, link.path);
  if ('error' in m) return { link, error: m.error };
  return { link, material: m, resolved: r.path };
}

/** Every certificate file the zone's TLSA/SMIMEA records link to, for the server to watch on disk. */
export function linkedCertificatePaths(zone: Zone, options: Record<string, unknown> = {}): { fromFile: string; path: string }[] {
  const seen = new Set<string>();
  const out: { fromFile: string; path: string }[] = [];
  for (const rec of zone.records) {
    if (rec.type !== 'TLSA' && rec.type !== 'SMIMEA') continue;
    const l = certLinkOf(rec, { options });
    if (!l || seen.has(`${l.fromFile}\0${l.readPath}`)) continue;
    seen.add(`${l.fromFile}\0${l.readPath}`);
    out.push({ fromFile: l.fromFile, path: l.readPath });
  }
  return out;
}
