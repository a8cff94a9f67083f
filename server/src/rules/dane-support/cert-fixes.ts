// Quick-fixes computed from a linked certificate file: "Replace with 3 1 1 from
// <file>", "Replace with 2 1 1 from <issuer>", "Change usage to 3 (DANE-EE)".
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

/** "Replace with 3 1 1 from <file>" (preferred), unless the record already is exactly that. */
export function replaceWith311(rec: ZoneRecord, f: TlsaFields, m: CertMaterial, file: string): ReportedFix | undefined {
  const b = buildTlsa(m, { usage: 3, selector: 1, matchingType: 1 });
  if ('error' in b) return undefined;
  if (f.usage === 3 && f.selector === 1 && f.matchingType === 1 && f.data === b.rdata.split(' ')[3]) return undefined;
  return replaceRdata(rec, b.rdata, `Replace with 3 1 1 from ${file}`, true);
}

/** "Replace with 2 1 1 from <issuer>" when the file holds the leaf's issuer. */
export function replaceWith211(rec: ZoneRecord, f: TlsaFields, m: CertMaterial): ReportedFix | undefined {
  const b = buildTlsa(m, { usage: 2, selector: 1, matchingType: 1 });
  if ('error' in b) return undefined;
  if (f.usage === 2 && f.selector === 1 && f.matchingType === 1 && f.data === b.rdata.split(' ')[3]) return undefined;
  return replaceRdata(rec, b.rdata, `Replace with 2 1 1 from ${cn(describeCertificate(m.certs[b.certIndex]).subject)}`, false);
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
