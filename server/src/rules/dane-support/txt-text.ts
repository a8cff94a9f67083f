// The text of a TXT record (character-strings joined, RFC 7208 §3.3) and a map
// from offsets in that text back to source columns, so policy problems land on
// the tag they concern. Escaped strings map to their whole token. Pure.
import { TokKind } from '../../zone/syntax';
import type { Loc, ZoneRecord } from '../../zone/model';
import { tokenLoc, tokensIn } from './loc-range';

export interface TxtText {
  text: string;
  /** Loc of text offsets [start, end) */
  locOf(start: number, end: number): Loc;
  /** The same, only where [start, end) is written as it reads, inside one string (no escape):
   *  what a fix may write over; else undefined */
  exactLocOf(start: number, end: number): Loc | undefined;
}

// Not kept per record: the rules ask policyKindOf (policy-rules.ts) first, which
// remembers far less than every TXT record's joined text (DKIM keys are long).
export function txtText(rec: ZoneRecord): TxtText | undefined {
  const strings = txtStrings(rec);
  return strings ? new JoinedText(rec, strings) : undefined;
}

function txtStrings(rec: ZoneRecord): string[] | undefined {
  const v = rec.values[0];
  if (!Array.isArray(v)) return undefined;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return undefined;
  return v as string[];
}

interface Seg {
  from: number;
  to: number;
  loc: Loc;
  exact: boolean;
}

class JoinedText implements TxtText {
  readonly text: string;
  // The column map re-lexes the entry: built only when a rule reports a location.
  private map: { segs: Seg[]; consistent: boolean } | undefined;

  constructor(private readonly rec: ZoneRecord, private readonly strings: string[]) {
    this.text = strings.join('');
  }

  private segments(): { segs: Seg[]; consistent: boolean } {
    if (this.map) return this.map;
    const segs: Seg[] = [];
    let off = 0;
    const rdataLoc = this.rec.rdataLoc;
    for (const t of tokensIn(rdataLoc)) {
      if (t.kind !== TokKind.Word && t.kind !== TokKind.Quoted) continue;
      const raw = t.kind === TokKind.Quoted ? t.text.slice(1, t.text.endsWith('"') && t.text.length > 1 ? -1 : undefined) : t.text;
      const exact = !raw.includes('\\');
      const len = exact ? raw.length : (this.strings[segs.length]?.length ?? 0);
      segs.push({ from: off, to: off + len, loc: tokenLoc(rdataLoc, rdataLoc.entry, t), exact });
      off += len;
    }
    return (this.map = { segs, consistent: off === this.text.length });
  }

  exactLocOf(start: number, end: number): Loc | undefined {
    const { segs, consistent } = this.segments();
    const s = consistent ? segs.find((x) => start >= x.from && end <= x.to) : undefined;
    return s?.exact ? this.locOf(start, end) : undefined;
  }

  locOf(start: number, end: number): Loc {
    const { segs, consistent } = this.segments();
    if (!consistent || segs.length === 0) return this.rec.rdataLoc;
    const a = segs.find((s) => start >= s.from && start < s.to) ?? segs[segs.length - 1];
    const b = segs.find((s) => end > s.from && end <= s.to) ?? a;
    const q = (s: Seg) => (s.loc.span.end - s.loc.span.start > s.to - s.from ? 1 : 0); // opening quote
    const startCol = a.exact ? a.loc.span.start + q(a) + (start - a.from) : a.loc.span.start;
    const endCol = b.exact ? b.loc.span.start + q(b) + (end - b.from) : b.loc.span.end;
    return { ...a.loc, span: { line: a.loc.span.line, start: startCol, endLine: b.loc.span.line, end: Math.max(endCol, a === b ? startCol : endCol) } };
  }
}
