// BIND's $GENERATE: `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`.
// `$` is the iterator; `${offset[,width[,base]]}` modifies it (base d, o, x, X, n, N);
// `$$` is a literal dollar, a backslash keeps the next character (BIND 9.18 genname()).
// Pure text expansion; the parser parses the results.

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

export const GENERATE_MAX = 100000;

export function parseRange(text: string): GenerateRange | string {
  const m = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(text);
  if (!m) return `expected a range 'start-stop' or 'start-stop/step', found '${text}'`;
  const start = Number(m[1]), stop = Number(m[2]), step = m[3] === undefined ? 1 : Number(m[3]);
  if (start > stop) return `range start ${start} is after its stop ${stop}`;
  if (step < 1) return 'the step must be at least 1';
  if ((stop - start) / step + 1 > GENERATE_MAX) return `the range makes more than ${GENERATE_MAX} records`;
  return { start, stop, step };
}

// Nibble mode, as BIND's nibbles(): a hex digit (lowest first), then a dot while width is left
// or digits remain; digits and dots each use one of the width (so an even width ends in a dot).
function nibbles(n: number, upper: boolean, width: number): string {
  let out = '';
  let value = n;
  do {
    out += (value & 0xf).toString(16);
    value = Math.floor(value / 16);
    if (width > 0) width--;
    if (width > 0 || value !== 0) {
      out += '.';
      if (width > 0) width--;
    }
  } while (value !== 0 || width > 0);
  return upper ? out.toUpperCase() : out;
}

export interface SubstituteError {
  error: string;
  /** where in the template: [start, end) */
  start: number;
  end: number;
}

const INT_MAX = 2147483647;
// BIND 9.18 reads `{%d}`, `{%d,%u}` or `{%d,%u,%1[doxXnN]}` up to the brace and nothing else
const MODIFIER = /^\{([+-]?\d+)(?:,(\+?\d+)(?:,([doxXnN]))?)?\}/;
// BIND formats into 128 bytes: a wider value does not fit ("ran out of space")
const WIDTH_MAX = 127;

/** Substitutes the iterator into a template as BIND's genname() does: `$$` is a literal `$`,
 *  a backslash keeps itself and the next character; returns an error for a bad modifier. */
export function substitute(template: string, i: number): string | SubstituteError {
  let out = '';
  for (let k = 0; k < template.length; k++) {
    const ch = template[k];
    if (ch === '\\') { out += template.slice(k, k + 2); k++; continue; }
    if (ch !== '$') { out += ch; continue; }
    if (template[k + 1] === '$') { out += '$'; k++; continue; }
    if (template[k + 1] !== '{') { out += String(i); continue; }
    const m = MODIFIER.exec(template.slice(k + 1));
    if (!m) {
      const close = template.indexOf('}', k);
      const end = close < 0 ? template.length : close + 1;
      const what = template.slice(k, end);
      return {
        error: close < 0 ? `unterminated modifier '${what}': expected \${offset[,width[,base]]}`
          : `bad modifier '${what}': expected \${offset[,width[,base]]}: decimal offset (may be signed), decimal width, base d, o, x, X, n or N`,
        start: k, end,
      };
    }
    const at = { start: k, end: k + 1 + m[0].length };
    const offset = Number(m[1]);
    const width = m[2] === undefined ? 0 : Number(m[2]);
    const base = m[3] ?? 'd';
    if (offset < -INT_MAX - 1 || offset > INT_MAX || i + offset > INT_MAX)
      return { error: `offset ${m[1]} is out of range: the value must stay within -2147483648..2147483647`, ...at };
    if (width > WIDTH_MAX) return { error: `width ${m[2]} is too large: at most ${WIDTH_MAX}`, ...at };
    const n = i + offset;
    if (n < 0) return { error: `offset ${offset} makes a negative value`, ...at };
    let s: string;
    if (base === 'n' || base === 'N') s = nibbles(n, base === 'N', width);
    else {
      s = base === 'o' ? n.toString(8) : base === 'x' ? n.toString(16) : base === 'X' ? n.toString(16).toUpperCase() : String(n);
      if (s.length < width) s = s.padStart(width, '0');
    }
    out += s;
    k = at.end - 1;
  }
  return out;
}
