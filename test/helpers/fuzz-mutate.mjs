// Seeded, deterministic mutations of zone files for the fuzz tests (differential
// and protocol). Owns the PRNG and the mutation operators; knows nothing of the
// checkers. Each mutation edits one physical line (or duplicates/deletes one) and
// says what it did, so a failing case can be read and reproduced from its seed.
// Also random editor edits (randomEdit, position) for the incremental tests.

/** mulberry32: small, fast, good enough to pick mutations; same seed, same cases. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

// tokens of one line with their offsets: quoted strings whole, parentheses alone, comment to the end
const TOKEN_RE = /"(?:[^"\\]|\\.)*"?|;.*$|[()]|(?:\\.|[^\s"();\\])+|\\/g;

export function lineTokens(line) {
  const out = [];
  TOKEN_RE.lastIndex = 0;
  let m;
  while ((m = TOKEN_RE.exec(line))) {
    if (m[0] === '') { TOKEN_RE.lastIndex++; continue; }
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out.filter((t) => !t.text.startsWith(';'));
}

const TYPES = ['A', 'AAAA', 'NS', 'MX', 'TXT', 'CNAME', 'TLSA', 'SRV', 'CAA', 'SSHFP', 'DS', 'PTR', 'SOA', 'HINFO', 'NAPTR', 'TYPE65534', 'SVCB', 'LOC', 'NSEC', 'URI'];
const BIG = ['256', '65536', '4294967296', '99999999999', '-1', '2147483648', '1e3', '0x10', '08', '255', '65535', '4294967295'];
const LABEL64 = 'a'.repeat(64);

function replaceTok(line, t, text) {
  return line.slice(0, t.start) + text + line.slice(t.end);
}

function insertAt(line, pos, text) {
  return line.slice(0, pos) + text + line.slice(pos);
}

/**
 * The operators. Each takes (line, tokens, r) and returns the new line (or null when
 * it does not apply to this line). Names are short and stable: they appear in test titles.
 */
const LINE_OPS = {
  'delete-token': (l, ts, r) => ts.length ? (() => { const t = r.pick(ts); return l.slice(0, t.start) + l.slice(t.end); })() : null,
  'duplicate-token': (l, ts, r) => ts.length ? (() => { const t = r.pick(ts); return insertAt(l, t.end, ' ' + t.text); })() : null,
  'swap-tokens': (l, ts, r) => {
    if (ts.length < 2) return null;
    const k = r.int(ts.length - 1);
    const [a, b] = [ts[k], ts[k + 1]];
    return l.slice(0, a.start) + b.text + l.slice(a.end, b.start) + a.text + l.slice(b.end);
  },
  'insert-open-paren': (l, ts, r) => insertAt(l, ts.length ? r.pick(ts).start : l.length, '( '),
  'insert-close-paren': (l, ts, r) => insertAt(l, ts.length ? r.pick(ts).end : l.length, ' )'),
  'insert-quote': (l, ts, r) => insertAt(l, ts.length ? r.pick(ts).start : 0, '"'),
  'insert-semicolon': (l, ts, r) => insertAt(l, ts.length ? r.pick(ts).start : 0, ';'),
  'insert-backslash': (l, ts, r) => { if (!ts.length) return null; const t = r.pick(ts); return insertAt(l, t.start + r.int(t.text.length + 1), '\\'); },
  'insert-ddd': (l, ts, r) => {
    if (!ts.length) return null;
    const t = r.pick(ts);
    const d = r.pick(['\\000', '\\046', '\\065', '\\092', '\\255', '\\256', '\\300', '\\09', '\\1']);
    return insertAt(l, t.start + r.int(t.text.length + 1), d);
  },
  'number-out-of-range': (l, ts, r) => {
    const nums = ts.filter((t) => /^\d+$/.test(t.text));
    return nums.length ? replaceTok(l, r.pick(nums), r.pick(BIG)) : null;
  },
  'flip-ttl-class': (l, ts) => {
    for (let k = 0; k + 1 < ts.length; k++) {
      const [a, b] = [ts[k], ts[k + 1]];
      const cls = (t) => /^(IN|CH|HS|CLASS\d+)$/i.test(t.text);
      const ttl = (t) => /^\d+[smhdw\d]*$/i.test(t.text);
      if ((cls(a) && ttl(b)) || (ttl(a) && cls(b))) return l.slice(0, a.start) + b.text + l.slice(a.end, b.start) + a.text + l.slice(b.end);
    }
    return null;
  },
  'long-label': (l, ts, r) => {
    const names = ts.filter((t) => /^[A-Za-z0-9*_-]+(\.[A-Za-z0-9_-]+)*\.?$/.test(t.text) && /[a-z]/i.test(t.text));
    if (!names.length) return null;
    const t = r.pick(names);
    return replaceTok(l, t, r.next() < 0.5 ? `${LABEL64}.${t.text}` : `${'a'.repeat(63)}.${t.text}`);
  },
  'empty-label': (l, ts, r) => {
    const names = ts.filter((t) => /[a-z]\.[a-z]/i.test(t.text));
    if (!names.length) return null;
    const t = r.pick(names);
    return replaceTok(l, t, r.next() < 0.5 ? t.text.replace('.', '..') : '.' + t.text);
  },
  'generic-wrong-length': (l, ts, r) => {
    const typeIdx = ts.findIndex((t) => TYPES.includes(t.text.toUpperCase()) || /^TYPE\d+$/i.test(t.text));
    if (typeIdx < 0 || ts.some((t) => t.text === '(' || t.text === ')')) return null;
    const hex = Array.from({ length: 1 + r.int(6) }, () => r.int(256).toString(16).padStart(2, '0')).join('');
    const len = hex.length / 2 + r.pick([-1, 1, 0, 0]);
    const type = r.next() < 0.5 ? ts[typeIdx].text : r.pick(['TYPE65534', 'A', 'TYPE1', 'TXT', 'MX']);
    return l.slice(0, ts[typeIdx].start) + `${type} \\# ${len} ${hex}`;
  },
  'change-type': (l, ts, r) => {
    const idx = ts.findIndex((t) => TYPES.includes(t.text.toUpperCase()));
    return idx < 0 ? null : replaceTok(l, ts[idx], r.pick(TYPES));
  },
  'change-char': (l, ts, r) => {
    if (!ts.length) return null;
    const t = r.pick(ts);
    const p = t.start + r.int(t.text.length);
    return l.slice(0, p) + r.pick(['x', '0', '9', '.', '-', '@', '$', '*', 'Z', '=']) + l.slice(p + 1);
  },
};

const FILE_OPS = {
  'delete-line': (lines, k) => [...lines.slice(0, k), ...lines.slice(k + 1)],
  'duplicate-line': (lines, k) => [...lines.slice(0, k + 1), lines[k], ...lines.slice(k + 1)],
};

export const OPERATORS = [...Object.keys(LINE_OPS), ...Object.keys(FILE_OPS)];

/** One mutation of `text`: { text, op, line (1-based), detail }, or null when the op does not apply. */
export function mutate(text, r, op = r.pick(OPERATORS)) {
  const lines = text.split('\n');
  const candidates = [];
  for (let k = 0; k < lines.length; k++) if (/\S/.test(lines[k]) && !/^\s*;/.test(lines[k])) candidates.push(k);
  if (!candidates.length) return null;
  const k = r.pick(candidates);
  if (FILE_OPS[op]) return { text: FILE_OPS[op](lines, k).join('\n'), op, line: k + 1, detail: lines[k] };
  const out = LINE_OPS[op](lines[k], lineTokens(lines[k]), r);
  if (out === null || out === lines[k]) return null;
  lines[k] = out;
  return { text: lines.join('\n'), op, line: k + 1, detail: out };
}

// what a typist (or a paste) puts in: syntax that opens or closes things, record
// fragments, whole lines, line breaks
const SNIPPETS = [
  '(', ')', '"', ';', '\\', '\\#', '\\065', '\n', '\n\n', ' ', '\t', '$', '@', '.', '..',
  ' IN TLSA 3 1 1 ', 'ab12', '3600', ' IN ', 'MX 10 ', '\\# 3 abcdef', '$ORIGIN ', '$TTL 1h\n',
  '$GENERATE 1-3 h$ A 192.0.2.$\n', '_25._tcp.mail IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
  '"unterminated ', '( 1 2\n 3 ', 'x'.repeat(70), '\u00e9\u20ac', '\r\n',
];

function lineStarts(text) {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

/** offset -> LSP position (UTF-16 units, the JS string's own). '\r' counts as a character
 *  of its line here and the edits never split '\r\n', so both sides count lines alike. */
export function position(text, off) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= off) line++;
  return { line, character: off - starts[line] };
}

/** A random edit: replace [a, b) by a snippet or a line of one of corpus's [name, text] files. */
export function randomEdit(text, r, corpus) {
  let a = r.int(text.length + 1);
  let b = Math.min(text.length, a + (r.next() < 0.5 ? 0 : r.int(40)));
  // keep '\r\n' whole so line counting stays unambiguous
  if (text[a - 1] === '\r' && text[a] === '\n') a--;
  if (text[b - 1] === '\r' && text[b] === '\n') b++;
  const insert = r.next() < 0.8 ? r.pick(SNIPPETS) : `${r.pick(r.pick(corpus)[1].split('\n'))}\n`;
  return { a, b, insert, next: text.slice(0, a) + insert + text.slice(b) };
}

