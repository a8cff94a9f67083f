// The host names that MX, NS and SRV records point at, and where they are
// written. Shared by the target rules and the go-to-definition feature.
import type { Loc, ZoneRecord } from '../../zone/model';
import { isIpv4At, isIpv6At } from '../../zone/ip-text';

export { TARGET_FIELD, targetName } from '../../zone/targets';
import { TARGET_FIELD } from '../../zone/targets';

/** Where the target is written (the RDATA when the record is generic or generated). */
export function targetLoc(rec: ZoneRecord): Loc {
  const i = TARGET_FIELD[rec.type];
  return (i !== undefined ? rec.fields[i]?.loc : undefined) ?? rec.rdataLoc;
}

/** The IP address a target name starts with, when one was written where a host name belongs
 *  (`MX 10 192.0.2.25` reads as the name 192.0.2.25.<origin>.): its first four labels a dotted
 *  quad, or its first label an IPv6 address. By characters: asked for every MX, NS and SRV. */
export function addressWrittenAsName(target: string): string | undefined {
  const c = target.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let dots = 0, end = 0;
    while (end < target.length && dots < 4) if (target.charCodeAt(end++) === 46) dots++;
    if (dots === 4 && isIpv4At(target, 0, end - 1)) return target.slice(0, end - 1);
  }
  const dot = target.indexOf('.');
  const colon = target.indexOf(':');
  if (colon >= 0 && (dot < 0 || colon < dot) && isIpv6At(target, 0, dot < 0 ? target.length : dot)) return target.slice(0, dot < 0 ? target.length : dot);
  return undefined;
}

// Top-level domains a relative name is likely meant to end in: `NS ns2.example.net` without
// its final dot becomes ns2.example.net.<origin>. Two-letter labels stand for the country codes.
const TLD_LIKE = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'arpa', 'info', 'biz', 'name', 'pro', 'app', 'dev', 'cloud', 'online', 'site', 'xyz', 'shop', 'email']);

/** True for a relative name written like a full one: two labels or more, the last a top-level
 *  domain's (its final dot most likely forgotten). */
export function endsLikeFullName(written: string): boolean {
  const labels = written.toLowerCase().split('.');
  const last = labels[labels.length - 1];
  return labels.length >= 2 && (/^[a-z]{2}$/.test(last) || TLD_LIKE.has(last));
}
