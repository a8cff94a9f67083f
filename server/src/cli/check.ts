// `dane-zone check <zone-file|folder>... [--json] [--origin NAME] [--root DIR] [--rule id=severity|off]`:
// the same parser and rules as the editor; exit 1 when any finding is an error. Findings are
// sorted by file, line and column; columns count characters (code points), 1-based. A folder
// stands for the zone files below it (files.ts zoneFilesIn), as a CI job over a zones folder gives it.
import { statSync } from 'node:fs';
import type * as ChildProcess from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { checkText, absRange, type SourceFile, type ZoneText } from '../zone/api';
import { fixedHeapLimit, generateLimitFromEnv, heapLimitFor, heapNeededFor, readZoneFile, readZoneStdin } from '../read-zone-file';
import type { Severity } from '../zone/model';
import { originFromFileName } from '../zone/origin-hint';
import { binaryFileNote, includedFileShown, makeFileReader, makeIncludeReader, realOrResolved, zoneFilesIn } from './files';
import { EXIT_USAGE, originOption, printable, splitOption } from './args';
import { PARSE_PROBLEM_CODES, RULES } from '../rules/registry';
import { FORMATS, formatFindings, type CliFinding, type Format } from './check-output';

/** Severities from the most to the least severe. */
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

interface CheckArgs {
  files: string[];
  format: Format;
  /** the least severity that makes the exit code 1 */
  failOn: Severity;
  origin?: string;
  root?: string;
  /** the path standard input stands for (names it in the output; its $INCLUDEs, links and
   *  origin are read from it), as ESLint's --stdin-filename */
  stdinName?: string;
  severities: Record<string, Severity | 'off'>;
  /** rrsig-bogus verifies every signature, not only the DANE RRsets' past 20 000 */
  verifyAllSignatures: boolean;
}

export const CHECK_USAGE = 'usage: dane-zone check <zone-file|folder|->... [--json | --format text|json|github|sarif] [--fail-on error|warning|info|hint] [--origin NAME] [--root DIR] [--rule id=severity|off]... [--verify-signatures] [--stdin-name PATH]\n' +
  '  a folder: the *.zone and db.* files below it (not *.jnl; hidden folders skipped), in name order\n' +
  '  -: the zone on standard input (its $INCLUDEs relative to the current folder)\n' +
  '  --stdin-name PATH: the file standard input holds (`git show HEAD:zones/example.com.zone | dane-zone check - --stdin-name zones/example.com.zone`): findings name it, and its $INCLUDEs, certificate links and origin are read as for that file\n';

/** The file name that stands for standard input. */
const STDIN = '-';

const RULE_IDS = new Set([...RULES.map((r) => r.id), ...PARSE_PROBLEM_CODES.map((p) => p.id)]);

function parseArgs(args: string[]): CheckArgs | string {
  const out: CheckArgs = { files: [], format: 'text', failOn: 'error', severities: {}, verifyAllSignatures: false };
  let optionsEnd = false;
  for (let i = 0; i < args.length; i++) {
    const [a, inline] = splitOption(args[i]);
    // after '--' every argument is a file, also one named like an option
    if (optionsEnd) out.files.push(args[i]);
    else if (a === '--' && inline === undefined) optionsEnd = true;
    else if (a === '--json' && inline === undefined) out.format = 'json';
    else if (a === '--verify-signatures' && inline === undefined) out.verifyAllSignatures = true;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--origin' || a === '--root' || a === '--rule' || a === '--format' || a === '--fail-on' || a === '--stdin-name') {
      const v = inline ?? args[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--format') {
        if (!(FORMATS as readonly string[]).includes(v)) return `--format expects ${FORMATS.join(', ')}, got '${printable(v)}'`;
        out.format = v as Format;
      } else if (a === '--fail-on') {
        if (!SEVERITIES.includes(v as Severity)) return `--fail-on expects ${SEVERITIES.join(', ')}, got '${printable(v)}'`;
        out.failOn = v as Severity;
      } else if (a === '--origin') {
        const o = originOption(v);
        if ('error' in o) return o.error;
        out.origin = o.origin;
      } else if (a === '--root') {
        if (v === '') return '--root needs a folder';
        let folder = false;
        try { folder = statSync(v).isDirectory(); } catch { /* said below */ }
        // a root that is no folder would refuse every $INCLUDE and certificate
        if (!folder) return `--root ${printable(v)}: no such folder`;
        out.root = v;
      } else if (a === '--stdin-name') {
        if (v === '' || v === STDIN) return '--stdin-name needs a file name';
        out.stdinName = v;
      } else {
        const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(v);
        if (!m) return `--rule expects id=error|warning|info|hint|off, got '${printable(v)}'`;
        if (!RULE_IDS.has(m[1])) return `--rule: no rule '${m[1]}' (the ids are in the README's rule table)`;
        out.severities[m[1]] = m[2] as Severity | 'off';
      }
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${printable(args[i])}`;
    else out.files.push(a);
  }
  if (!out.files.length) return 'no zone file given';
  if (out.files.filter((f) => f === STDIN).length > 1) return "'-' (standard input) can be given once";
  if (out.stdinName !== undefined && !out.files.includes(STDIN)) return "--stdin-name names standard input: give '-' too";
  return out;
}

export async function checkMain(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(CHECK_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`dane-zone check: ${args}\n${CHECK_USAGE}`);
    return EXIT_USAGE;
  }
  const { files, folderErrors } = withFoldersOpened(args.files);
  const again = againWithRoomFor(files);
  if (again !== undefined) return again; // the check run again said all
  for (const e of folderErrors) process.stderr.write(`dane-zone check: ${e}\n`);
  // each file's findings, kept until every file is checked: a file given (or found in a folder)
  // that another zone given $INCLUDEs is a fragment, checked through that zone, not on its own
  const blocks: { real: string; includes: Set<string>; findings: CliFinding[] }[] = [];
  let unreadable = folderErrors.length > 0;
  const readIncludeAt = makeIncludeReader(args.root);
  let includedHere: string[] = [];
  const readInclude: typeof readIncludeAt = (fromFile, p) => {
    const r = readIncludeAt(fromFile, p);
    const full = 'id' in r ? r.id : resolve(dirname(fromFile), p);
    if (!includedHere.includes(full)) includedHere.push(full);
    return r;
  };
  const readFile = makeFileReader(args.root);
  // a file named twice (./a.zone and a.zone, or through a link) is checked once
  const given = new Set<string>();
  for (const f of files) {
    includedHere = [];
    // standard input: its $INCLUDEs are read relative to the current folder, or to the file it
    // stands for; that file's name is shown for it
    const named = f === STDIN && args.stdinName !== undefined ? args.stdinName : undefined;
    const shownAs = named ?? f;
    const path = resolve(named ?? f);
    const real = f === STDIN ? STDIN : realOrResolved(path);
    if (given.has(real)) continue;
    given.add(real);
    const binary = f === STDIN ? undefined : binaryFileNote(path);
    if (binary) {
      process.stderr.write(`dane-zone check: cannot check ${printable(f)}: ${binary}\n`);
      unreadable = true;
      continue;
    }
    let text: ZoneText;
    try {
      text = f === STDIN ? readZoneStdin() : readZoneFile(path);
    } catch (e) {
      process.stderr.write(`dane-zone check: cannot read ${printable(f)}: ${(e as Error).message}\n`);
      unreadable = true;
      continue;
    }
    const { findings } = checkText(text, {
      fileId: path,
      origin: args.origin ?? (f === STDIN && named === undefined ? undefined : originFromFileName(path)),
      originGuessed: args.origin === undefined,
      readInclude,
      generateLimit: generateLimitFromEnv(),
      // each file given is a zone (soa-missing does not take it for an $INCLUDE fragment), named
      // by --origin when given (soa-not-at-origin)
      host: { now: () => new Date(), readFile, options: { wholeZone: true, verifyAllSignatures: args.verifyAllSignatures, ...(args.origin !== undefined ? { zoneName: args.origin } : {}) } },
      settings: { severities: args.severities },
    });
    // an $INCLUDEd file is named the way the main file was given: relative to the current
    // folder, or absolute
    const shown = new Map<string, string>();
    const nameOf = (id: string): string => {
      let n = shown.get(id);
      if (n === undefined) shown.set(id, (n = includedFileShown(id, path, shownAs)));
      return n;
    };
    const mine: CliFinding[] = [];
    for (const x of findings) {
      const r = absRange(x.loc);
      const file = x.loc.file;
      const finding: CliFinding = {
        file: nameOf(file.id), line: r.startLine + 1, column: charColumn(file, r.startLine, r.startCol), endLine: r.endLine + 1,
        endColumn: charColumn(file, r.endLine, r.endCol), severity: x.severity, rule: x.ruleId, message: x.message,
      };
      // the other places a message speaks of ("the first copy", "the CNAME")
      if (x.related?.length) {
        finding.related = x.related.map((o) => {
          const at = absRange(o.loc);
          return { file: nameOf(o.loc.file.id), line: at.startLine + 1, column: charColumn(o.loc.file, at.startLine, at.startCol), message: o.message };
        });
      }
      mine.push(finding);
    }
    // in the order the files were given; each file's findings by place, then its $INCLUDEd
    // files' in the order they were included
    const rank = new Map<string, number>([[shownAs, -1], ...includedHere.map((id, i): [string, number] => [nameOf(id), i])]);
    mine.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : (rank.get(a.file) ?? 1e9) - (rank.get(b.file) ?? 1e9)));
    blocks.push({ real, includes: new Set(includedHere.map(realOrResolved)), findings: mine });
  }
  const all: CliFinding[] = [];
  const said = new Set<string>();
  // which zones given include each file (most include none): one pass, where asking every block
  // about every other was quadratic (20 000 zones of a folder: 7 of 16 s)
  const includers = new Map<string, string[]>();
  for (const a of blocks) {
    for (const inc of a.includes) {
      const by = includers.get(inc);
      if (by) by.push(a.real);
      else includers.set(inc, [a.real]);
    }
  }
  for (const b of blocks) {
    // included by another zone given, which it does not include in turn (a loop keeps both)
    if (includers.get(b.real)?.some((a) => a !== b.real && !b.includes.has(a))) continue;
    for (const x of b.findings) {
      // a file two zones include: its findings once
      const key = `${x.file}\0${x.line}\0${x.column}\0${x.rule}\0${x.message}`;
      if (said.has(key)) continue;
      said.add(key);
      all.push(x);
    }
  }
  const out = formatFindings(all, args.format);
  if (out) process.stdout.write(out);
  if (unreadable) return 3;
  const failing = SEVERITIES.indexOf(args.failOn);
  return all.some((x) => SEVERITIES.indexOf(x.severity) <= failing) ? 1 : 0;
}

/** The files to check: a folder among `paths` stands for the zone files below it (zoneFilesIn); a
 *  folder without any, or one that cannot be read, is an error (exit 3). Anything else is a file,
 *  read (or reported unreadable) in its turn. */
function withFoldersOpened(paths: readonly string[]): { files: string[]; folderErrors: string[] } {
  const files: string[] = [];
  const folderErrors: string[] = [];
  for (const p of paths) {
    let folder = false;
    if (p !== STDIN) try { folder = statSync(p).isDirectory(); } catch { /* not there: reported when it is read */ }
    if (!folder) { files.push(p); continue; }
    try {
      const skipped: string[] = [];
      const found = zoneFilesIn(p, skipped);
      for (const x of skipped) process.stderr.write(`dane-zone check: skipped ${printable(x)}\n`);
      if (!found.length) folderErrors.push(`no zone files in ${p} (file names *.zone or db.*)`);
      for (const f of found) files.push(f); // no spread: a folder of a hosting operator's 200 000 zones
    } catch (e) {
      folderErrors.push(`cannot read ${printable(p)}: ${(e as Error).message}`);
    }
  }
  return { files, folderErrors };
}

/** The 1-based column in characters (Unicode code points, as GCC and clang count them) of a
 *  0-based UTF-16 offset in a line (the unit of the zone model and of LSP positions). */
export function charColumn(file: SourceFile, line: number, utf16: number): number {
  const text = file.linesAt ? file.linesAt(line, 1)[0] : file.lines[line];
  if (text === undefined) return utf16 + 1;
  let pairs = 0;
  for (let i = 0; i < utf16 - 1 && i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { pairs++; i++; }
    }
  }
  return utf16 - pairs + 1;
}

/** Set in the environment of a check started again with a larger heap. */
const HEAP_SET = 'DANE_ZONE_CHECK_HEAP';

/** Zone files of hundreds of megabytes (a TLD) need more heap than Node gives by default
 *  (2-4 GiB): when the heap is short of heapNeededFor, the check runs again in a child Node
 *  with room for them (heapLimitFor; or with the heap DANE_ZONE_HEAP_MB asks for), and this
 *  returns its exit code; undefined when this process's heap is the one to use. */
function againWithRoomFor(files: string[]): number | undefined {
  if (process.env[HEAP_SET]) return undefined;
  let bytes = 0;
  for (const f of files) {
    try { bytes += statSync(f).size; } catch { /* reported when it is read */ }
  }
  if (fixedHeapLimit() === undefined && heapNeededFor(bytes) * 2 ** 20 <= getHeapStatistics().heap_size_limit) return undefined;
  const limit = heapLimitFor(bytes);
  // loaded here: only zones of hundreds of megabytes come this far
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${limit}`, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [HEAP_SET]: String(limit) },
  });
  if (child.status !== null) return child.status;
  process.stderr.write(`dane-zone check: the check stopped (${child.signal ?? child.error?.message}) with a heap limit of ${limit} MiB for ${Math.round(bytes / 2 ** 20)} MiB of zone files: it needs more memory${fixedHeapLimit() ? ' than DANE_ZONE_HEAP_MB gives' : ' than this machine gives'}\n`);
  return 3;
}
