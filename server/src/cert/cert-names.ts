// The host names a certificate is for, and how a DANE-TA(2) sender matches them against the
// names it expects (RFC 7672 §3.2.3). Pure.
import type { X509Certificate } from 'node:crypto';

/** DNS-ID names of a certificate: SAN dNSName entries, or the CN when there are none. */
export function certNames(cert: X509Certificate): string[] {
  const san = cert.subjectAltName;
  const dns = san ? san.split(/,\s*/).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)) : [];
  if (dns.length) return dns;
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject);
  return cn ? [cn[1]] : [];
}

const norm = (n: string): string => n.toLowerCase().replace(/\.$/, '');

/** RFC 7672 §3.2.3: a wildcard is allowed only as the complete leftmost label and covers one label. */
export function nameMatches(pattern: string, ref: string): boolean {
  const p = norm(pattern), r = norm(ref);
  if (p === r) return true;
  if (!p.startsWith('*.')) return false;
  const rest = p.slice(2);
  if (rest.includes('*')) return false;
  const dot = r.indexOf('.');
  return dot > 0 && r.slice(dot + 1) === rest;
}
