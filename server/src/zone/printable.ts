// Text quoted in a message or a report, made safe to print: control characters (C0, DEL and
// C1, 8-bit CSI and OSC among them) as the zone file's own \DDD escape, so a NUL or an ESC in a
// file, an SMTP reply or a certificate reaches no terminal, log, editor or panel raw. Used by the
// parser and rules, the CLI's validation report and the editor's result panel. Pure; imports nothing.

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

export function printable(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\${String(c.charCodeAt(0)).padStart(3, '0')}`);
}
