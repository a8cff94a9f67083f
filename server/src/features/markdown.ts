// Markdown pieces shared by the hovers. A name or value goes in a code span, where
// markdown reads nothing: `a\.b` keeps its backslash, `*.x` is no emphasis. Pure.

/** `s` as a CommonMark code span: the fence is one backtick longer than any run inside. */
export function codeSpan(s: string): string {
  if (s === '') return '(empty)';
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  // a span that starts or ends with a backtick (or space) needs a space inside its fences
  const pad = /^[` ]|[` ]$/.test(s) ? ' ' : '';
  return fence + pad + s + pad + fence;
}
