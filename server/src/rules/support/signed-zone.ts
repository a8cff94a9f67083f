// What the DNSSEC rules share: whether a zone file is a signed zone (its apex holds a DNSKEY
// and signatures, as a signer writes it), and RRSIG times compared as validators compare them.
import type { Zone } from '../../zone/model';

// asked once per owner by rrsig-missing: answered once per zone object (not kept past it)
const signedByZone = new WeakMap<Zone, boolean>();

/** True when the zone's apex holds a DNSKEY RRset and signatures over two of the SOA, NS and
 *  DNSKEY RRsets: a signer's output, whose every authoritative RRset must then be signed (a zone
 *  kept unsigned for a signing server, its keys $INCLUDEd, has no RRSIG; one of them missing is
 *  then reported, not taken for an unsigned zone). An edit that makes the zone signed or unsigned
 *  re-checks the whole zone (the rules' zoneState). */
export function isSignedZone(zone: Zone): boolean {
  let signed = signedByZone.get(zone);
  if (signed === undefined) {
    const apex = zone.origin ? zone.byOwner.get(zone.origin) : undefined;
    const covered = (type: string): boolean => !!apex?.some((r) => r.type === 'RRSIG' && String(r.field('typeCovered')).toUpperCase() === type);
    signed = !!apex && apex.some((r) => r.type === 'DNSKEY') && [covered('SOA'), covered('NS'), covered('DNSKEY')].filter(Boolean).length >= 2;
    signedByZone.set(zone, signed);
  }
  return signed;
}

/** `a - b` for RRSIG times (seconds since 1970) in 32-bit serial number arithmetic, as
 *  validators compare them (RFC 4034 §3.1.5, RFC 1982): a date past 2106 wraps. */
export function serialDiff(a: number, b: number): number {
  return ((((a % 2 ** 32) - (b % 2 ** 32)) % 2 ** 32) + 2 ** 32 + 2 ** 31) % 2 ** 32 - 2 ** 31;
}

/** How long `seconds` lasts, as a message says it: days, else hours, else minutes. */
export function sigSpan(seconds: number): string {
  const [n, unit] = seconds >= 86400 ? [Math.floor(seconds / 86400), 'day'] : seconds >= 3600 ? [Math.floor(seconds / 3600), 'hour'] : [Math.max(1, Math.floor(seconds / 60)), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
