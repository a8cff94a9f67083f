// Zone text quoted in a message, made safe to print: control characters and DEL as the
// zone file's own \DDD escape, so a NUL or an ESC in a file reaches no terminal, log or
// editor raw. Pure; imports nothing.

const CONTROL = /[\x00-\x1f\x7f]/;

export function printable(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(/[\x00-\x1f\x7f]/g, (c) => `\\${String(c.charCodeAt(0)).padStart(3, '0')}`);
}
