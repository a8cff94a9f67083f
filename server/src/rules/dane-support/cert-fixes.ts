// Quick-fixes computed from a linked certificate file: "Replace with 3 1 1 from
// <file>", "Replace with 2 1 1 from <issuer>" (or the record's own selector and matching type),
// "Change usage to 3 (DANE-EE)".
// Built while the rule has the certificate; stored in the finding's data.
import type { ZoneRecord } from '../../zone/model';
import type { ReportedFix } from '../rule';
import type { CertMaterial } from '../../cert/cert-file';
import { buildTlsa } from '../../cert/build-record';
import { describeCertificate } from '../../cert/describe';
import { matchTlsa } from '../../cert/tlsa-match';
import { balancedRdata } from './loc-range';
import type { TlsaFields } from './tlsa-fields';
import { USAGE } from './tlsa-fields';

function replaceRdata(rec: ZoneRecord, rdata: string, title: string, preferred: boolean): ReportedFix {
  return { title, preferred, edits: [{ loc: rec.rdataLoc, newText: balancedRdata(rec.rdataLoc, rdata) }] };
}

const cn = (subject: string) => /CN=([^,]+)/.exec(subject)?.[1] ?? subject;

/** The selector and matching type of a replacement: SPKI(1) (the key survives renewals), with
 *  the record's own matching type when it is SHA2-512(2), so that the record stays in step with
 *  the RRset's other records (senders that pick SHA2-512 pass over a 3 1 1 among 3 1 2 records,
 *  RFC 7671 §9); else SHA2-256(1), the digest every sender supports (RFC 7672 §5). */
export function keptParams(f: TlsaFields): { selector: number; matchingType: number } {
  return { selector: 1, matchingType: f.matchingType === 2 ? 2 : 1 };
}

/** "Replace with <usage> <selector> <mtype> from <what>", unless the record already is exactly that. */
function replaceWith(rec: ZoneRecord, f: TlsaFields, m: CertMaterial, usage: 2 | 3, p: { selector: number; matchingType: number },
  from: (certIndex: number) => string, preferred: boolean): ReportedFix | undefined {
  const b = buildTlsa(m, { usage, ...p });
  if ('error' in b) return undefined;
  if (f.usage === usage && f.selector === p.selector && f.matchingType === p.matchingType && f.data === b.rdata.split(' ')[3]) return undefined;
  return replaceRdata(rec, b.rdata, `Replace with ${usage} ${p.selector} ${p.matchingType} from ${from(b.certIndex)}`, preferred);
}

/** "Replace with 3 s m from <file>" (preferred): the leaf's record, with the selector and
 *  matching type given (3 1 1 unless said). */
export function replaceWithEe(rec: ZoneRecord, f: TlsaFields, m: CertMaterial, file: string,
  p: { selector: number; matchingType: number } = { selector: 1, matchingType: 1 }): ReportedFix | undefined {
  return replaceWith(rec, f, m, 3, p, () => file, true);
}

/** "Replace with 2 s m from <issuer>" when the file holds the leaf's issuer, or is a CA's certificate
 *  alone (2 1 1 unless said; preferred for the latter, where no 3 x x can be right). */
export function replaceWithTa(rec: ZoneRecord, f: TlsaFields, m: CertMaterial,
  p: { selector: number; matchingType: number } = { selector: 1, matchingType: 1 }, preferred = false): ReportedFix | undefined {
  return replaceWith(rec, f, m, 2, p, (i) => cn(describeCertificate(m.certs[i]).subject), preferred);
}

/** "Change usage to N (…)" when the record's data matches the file under that usage. */
export function changeUsage(f: TlsaFields, m: CertMaterial, usage: 2 | 3): ReportedFix | undefined {
  if (f.usage === usage || !matchTlsa({ ...f, usage }, m).ok) return undefined;
  return {
    title: `Change usage to ${usage} (${USAGE[usage]})`,
    preferred: false,
    edits: [{ loc: f.fields.usage.loc, newText: String(usage) }],
  };
}
