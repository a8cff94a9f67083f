// BIND's $GENERATE: `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`.
// `$` is the iterator; `${offset[,width[,base]]}` modifies it (base d, o, x, X, n, N);
// `\$` is a literal dollar. Pure text expansion; the parser parses the results.

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

// Nibble mode: reversed hex digits as labels; the width counts the dots too (BIND ARM).
function nibbles(n: number, upper: boolean, width: number): string {
  const digits = Math.max(1, Math.ceil((width + 1) / 2));
  const out = n.toString(16).padStart(digits, '0').split('').reverse().join('.');
  return upper ? out.toUpperCase() : out;
}

/** Substitutes the iterator into a template; returns an error message for a bad modifier. */
export function substitute(template: string, i: number): string | { error: string } {
  let out = '';
  for (let k = 0; k < template.length; k++) {
    const ch = template[k];
    if (ch === '\\' && template[k + 1] === '$') { out += '\\$'; k++; continue; }
    if (ch !== '$') { out += ch; continue; }
    if (template[k + 1] !== '{') { out += String(i); continue; }
    const close = template.indexOf('}', k);
    if (close < 0) return { error: "unterminated '${' modifier" };
    const parts = template.slice(k + 2, close).split(',');
    const offset = Number(parts[0] || '0');
    const width = Number(parts[1] ?? '0');
    const base = parts[2] ?? 'd';
    if (!Number.isInteger(offset) || !Number.isInteger(width) || width < 0 || parts.length > 3 || !/^[doxXnN]$/.test(base))
      return { error: `bad modifier '\${${parts.join(',')}}': expected \${offset[,width[,base]]} with base d, o, x, X, n or N` };
    const n = i + offset;
    if (n < 0) return { error: `offset ${offset} makes a negative value` };
    let s: string;
    if (base === 'n' || base === 'N') s = nibbles(n, base === 'N', width);
    else {
      s = base === 'o' ? n.toString(8) : base === 'x' ? n.toString(16) : base === 'X' ? n.toString(16).toUpperCase() : String(n);
      if (s.length < width) s = s.padStart(width, '0');
    }
    out += s;
    k = close;
  }
  return out;
}
