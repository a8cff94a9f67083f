// BIND's $GENERATE: `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`.
// `$` is the iterator; `${offset[,width[,base]]}` modifies it (base d, o, x, X, n, N);
// `$$` is a literal dollar, a backslash keeps the next character (BIND 9.18 genname()).
// Pure text expansion; the parser parses the results.

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
  /** the records the range makes when that is more than GENERATE_MAX: `stop` is then `start`,
   *  the first record alone read (its template checked), not a budget's worth of them each
   *  (80 such lines in a 4 KB file would be 8 million records) */
  cutFrom?: number;
}

export const GENERATE_MAX = 100000;

/** Records all the $GENERATE lines of one read expand at most: 20 lines of 100 000 in a
 *  740-byte file made 2 million records (18 s, 1 GB) and 60 ran the check out of memory. */
export const GENERATE_ZONE_MAX = 1_000_000;

const INT_MAX = 2147483647;

/** BIND 9.18 reads the range with sscanf("%u-%u/%u"): a '+' sign is allowed, and start, stop
 *  and step above 2147483647 are refused ("invalid range"). Numbers past 2^32 wrap there and
 *  trailing junk is ignored; both are refused here. BIND generates any count; dane-zone
 *  expands at most GENERATE_MAX records so a typo never hangs the editor. */
export function parseRange(text: string): GenerateRange | string {
  const m = /^\+?(\d+)-\+?(\d+)(?:\/\+?(\d+))?$/.exec(text);
  if (!m) return `expected a range 'start-stop' or 'start-stop/step', found '${text.length > 40 ? text.slice(0, 40) + '…' : text}'`;
  const start = Number(m[1]), stop = Number(m[2]), step = m[3] === undefined ? 1 : Number(m[3]);
  const parts: [string, string | undefined][] = [['start', m[1]], ['stop', m[2]], ['step', m[3]]];
  for (const [what, digits] of parts) {
    if (digits !== undefined && Number(digits) > INT_MAX) return `range ${what} ${digits.length > 20 ? digits.slice(0, 20) + '…' : digits} is above 2147483647 (BIND refuses it)`;
  }
  if (start > stop) return `range start ${start} is after its stop ${stop}`;
  if (step < 1) return 'the step must be at least 1';
  const count = Math.floor((stop - start) / step) + 1;
  // BIND loads them all: a limit of this tool, not an error of the zone
  if (count > GENERATE_MAX) return { start, stop: start, step, cutFrom: count };
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

// BIND 9.18 reads `{%d}`, `{%d,%u}` or `{%d,%u,%1[doxXnN]}` up to the brace and nothing else
const MODIFIER = /^\{([+-]?\d+)(?:,(\+?\d+)(?:,([doxXnN]))?)?\}/;
// BIND formats into 128 bytes: a wider value does not fit ("ran out of space")
const WIDTH_MAX = 127;

/** Where a modifier made a negative value, and the value (for a warning: BIND accepts it). */
export interface NegativeValue {
  value: number;
  start: number;
  end: number;
}

/** Substitutes the iterator into a template as BIND's genname() does: `$$` is a literal `$`,
 *  a backslash keeps itself and the next character; returns an error for a bad modifier.
 *  A negative offset may make a negative value: BIND prints it with printf, so `-19` in base d
 *  and the 32-bit two's complement in o, x, X and n (`ffffffed`); `onNegative` hears of it. */
export function substitute(template: string, i: number, onNegative?: (at: NegativeValue) => void): string | SubstituteError {
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
    if (n < 0) onNegative?.({ value: n, ...at });
    const u = n >>> 0; // printf's %o/%x and BIND's nibbles() read the int as unsigned
    let s: string;
    if (base === 'n' || base === 'N') s = nibbles(u, base === 'N', width);
    else if (base === 'd') s = n < 0 ? '-' + String(-n).padStart(width - 1, '0') : String(n).padStart(width, '0');
    else {
      s = base === 'o' ? u.toString(8) : base === 'x' ? u.toString(16) : u.toString(16).toUpperCase();
      s = s.padStart(width, '0');
    }
    out += s;
    k = at.end - 1;
  }
  return out;
}

/** The records a range read by parseRange makes here (one for a range past GENERATE_MAX). */
export function rangeRecords(range: GenerateRange): number {
  return Math.floor((range.stop - range.start) / range.step) + 1;
}

/** A `$GENERATE` line's first word after the directive: its range. */
const GENERATE_LINE = /^\s*\$generate[ \t]+(\S+)/i;

/** How many records the `$GENERATE` lines among lines `from` to `to` make, as the parser reads
 *  their ranges (parseRange), each counted up to `perLine`. */
export function generatedIn(lines: readonly string[], from: number, to: number, perLine: number): number {
  let n = 0;
  for (let i = Math.max(0, from); i <= to && i < lines.length; i++) {
    const line = lines[i];
    // a cheap look first: most lines hold no '$' at all
    if (line.indexOf('$') < 0) continue;
    const m = GENERATE_LINE.exec(line);
    const range = m ? parseRange(m[1]) : undefined;
    if (range && typeof range !== 'string') n += Math.min(rangeRecords(range), perLine);
  }
  return n;
}
