// Runs the Debian peer zone checkers on one zone file and parses what they say:
// named-checkzone (BIND), kzonecheck (Knot) and ldns-read-zone (ldns). Each
// returns { ok, lines, messages } where `lines` are the 1-based lines the peer
// names; ldns and named-compilezone also give the records they read.
// Peers run with cwd = the zone's folder, so $INCLUDE paths resolve the way
// dane-zone resolves them (relative to the including file); BIND itself
// resolves them relative to its working directory.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';

const TIMEOUT_MS = 20_000;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** The zone's origin: a `; origin: NAME` comment, else the first $ORIGIN, else example.com. */
export function corpusOrigin(file) {
  const text = readFileSync(file, 'latin1');
  const m = /^;\s*origin:\s*(\S+)/m.exec(text) ?? /^\$ORIGIN\s+(\S+)/im.exec(text);
  const o = m ? m[1] : 'example.com.';
  return o.endsWith('.') ? o : `${o}.`;
}

/** named-checkzone -i local (without -i local it resolves names over the network). */
export function bindCheck(file, origin) {
  const name = basename(file);
  const { status, out } = run('named-checkzone', ['-i', 'local', origin, name], dirname(file));
  const lines = [];
  const messages = [];
  for (const l of out.split('\n')) {
    if (!l.trim()) continue;
    messages.push(l);
    // "dns_master_load: f.zone:7: ...", "f.zone:7: ...", "dns_rdata_fromtext: f.zone:11: near ..."
    // Lines that name an $INCLUDEd file count against the $INCLUDE line; we only keep the zone's own.
    const m = /(?:^|:\s)([^\s:]+):(\d+):\s*(.*)$/.exec(l);
    if (m && m[1] === name && !/^warning:/.test(m[3]) && !isBindWarning(m[3])) lines.push(Number(m[2]));
  }
  return { ok: status === 0, lines: [...new Set(lines)], messages };
}

// BIND prints these with a line number but still loads the zone. ("no TTL
// specified; using SOA MINTTL instead" is a warning; "no TTL specified; zone
// rejected" is an error and must not match.)
function isBindWarning(msg) {
  return /TTL set to prior TTL|ignoring out-of-zone data|bad owner name \(check-names\)|signature has expired|no TTL specified; using|has no address records|non-terminal wildcard|record with inherited owner .* immediately after \$ORIGIN|using RFC1035 TTL semantics/.test(msg);
}

/** kzonecheck -v with DNSSEC checks off (dane-zone does not validate signatures). */
export function knotCheck(file, origin) {
  const { status, out } = run('kzonecheck', ['-d', 'off', '-v', '-o', origin, basename(file)], dirname(file));
  const lines = [];
  const messages = out.split('\n').filter((l) => l.trim());
  for (const l of messages) {
    const m = /, line (\d+)\b/.exec(l);
    if (m) lines.push(Number(m[1]));
  }
  return { ok: status === 0, lines: [...new Set(lines)], messages };
}

/** ldns-read-zone: stops at the first error; on success prints every record fully qualified. */
export function ldnsRead(file, origin) {
  const r = spawnSync('ldns-read-zone', [basename(file)], {
    cwd: dirname(file), encoding: 'utf8', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.error) throw new Error(`ldns-read-zone: ${r.error.message}`);
  const messages = r.stderr.split('\n').filter((l) => l.trim());
  const lines = [];
  for (const l of messages) {
    const m = /at line (\d+)/.exec(l);
    if (m) lines.push(Number(m[1]));
  }
  void origin;
  const ok = r.status === 0;
  return { ok, lines, messages, records: ok ? recordLines(r.stdout) : [] };
}

/** named-compilezone's full text dump: the records BIND read (used where ldns cannot read the file). */
export function bindRecords(file, origin) {
  const { status, out } = run(
    'named-compilezone',
    ['-k', 'ignore', '-i', 'local', '-f', 'text', '-F', 'text', '-s', 'full', '-o', '-', origin, basename(file)],
    dirname(file),
  );
  return { ok: status === 0, records: status === 0 ? recordLines(out.replace(/^zone .*$/gm, '').replace(/^OK$/gm, '')) : [] };
}

// record lines only: 'owner TTL [class] type ...' (BIND mixes warnings into its dump)
function recordLines(text) {
  return text.split('\n').filter((l) => /^\S+\s+\d+\s+\S+/.test(l) && !l.startsWith(';') && !/^\S+:\d+:/.test(l));
}

/** Splits a record line into tokens, keeping quoted strings whole. */
export function tokens(line) {
  const out = [];
  const re = /"(?:[^"\\]|\\.)*"|[^\s"]+/g;
  let m;
  while ((m = re.exec(line))) out.push(m[0]);
  return out;
}

// Types whose RDATA ldns prints hex in several groups, or whose fields it zero-pads
// or writes with unit suffixes: compared token by token after the normalisation below.
const HEXISH = /^[0-9a-f]+$/i;

/**
 * One record in a form both sides can agree on: owner/names lower-cased, numbers
 * without leading zeros or the LOC 'm' unit, hex joined and lower-cased, the class
 * dropped (always IN here), ldns's trailing comments (";{id = ...}") removed.
 */
export function normaliseRecord(line) {
  const noComment = stripComment(line);
  const t = tokens(noComment);
  if (t.length < 4) return noComment.trim();
  let i = 0;
  const owner = plainName(t[i++]);
  const ttl = t[i++];
  if (/^(IN|CLASS1)$/i.test(t[i])) i++;
  const type = t[i++].toUpperCase();
  const start = hexStart(type);
  // join adjacent hex groups first (ldns and BIND split long hex differently)
  const raw = [];
  for (const x of t.slice(i)) {
    if (raw.length - 1 >= start && HEXISH.test(x) && HEXISH.test(raw[raw.length - 1])) raw[raw.length - 1] += x;
    else raw.push(x);
  }
  // APL: ldns writes an empty list as \# 0 and IPv6 prefixes in full
  if (type === 'APL') {
    const items = raw.join(' ') === '\\# 0' ? [] : raw.map((x) => x.replace(/^(!?2:)([^/]+)/, (m, head, a) => head + fullIpv6(a)));
    return [owner, String(Number(ttl)), type, ...items].join(' ');
  }
  const joined = raw.map((x, k) => {
    if (x.startsWith('"')) return x;
    if (k >= start) return x.toLowerCase();
    const num = /^(-?\d+(?:\.\d+)?)m?$/i.exec(x);
    if (num) return String(Number(num[1]));
    return plainName(x);
  });
  // LOC: BIND prints the size and precisions a record leaves out at their defaults (1m, 10000m
  // and 10m, RFC 1876 §3); a record as written may stop after its altitude
  if (type === 'LOC') {
    const ew = joined.findIndex((x) => x === 'e' || x === 'w');
    if (ew >= 0) for (const [k, d] of [[2, '1'], [3, '10000'], [4, '10']]) if (joined.length <= ew + k) joined.push(d);
  }
  return [owner, String(Number(ttl)), type, ...joined].join(' ');
}

/** An IPv6 address with every group written in four digits (no '::'). */
function fullIpv6(a) {
  const [head, tail] = a.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}

// index of the first RDATA token that may be a continued hex blob, per type
function hexStart(type) {
  return { TLSA: 3, SMIMEA: 3, SSHFP: 2, DS: 3, CDS: 3, ZONEMD: 3 }[type] ?? Infinity;
}

// Escapes that only spell a plain character ('\\065' and '\\A' are 'A') are
// decoded; the ones that matter in a name (dot, backslash, quote, parentheses,
// ...) are written one way ('\\092' and '\\\\' are both '\\\\'); blanks and
// non-ASCII stay \\DDD. '@' and '$' inside a name are plain characters (BIND
// escapes them, dane-zone keeps them as written).
const SPECIAL = '.\\"();';
function plainName(token) {
  return token
    .replace(/\\(\d{3}|[^\d])/g, (m, d) => {
      const c = d.length === 3 ? Number(d) : d.charCodeAt(0);
      if (c <= 32 || c >= 127) return d.length === 3 ? m : `\\${String(c).padStart(3, '0')}`;
      const ch = String.fromCharCode(c);
      return SPECIAL.includes(ch) ? `\\${ch}` : ch;
    })
    .toLowerCase();
}

function stripComment(line) {
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') { i++; continue; }
    if (c === '"') q = !q;
    else if (c === ';' && !q) return line.slice(0, i);
  }
  return line;
}
