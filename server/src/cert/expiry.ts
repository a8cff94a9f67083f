// Validity facts of a certificate at a given time (the host's clock), for the
// expiry rules and hovers. RFC 7672 §3.1.1: DANE-EE senders ignore dates;
// §3.1.2: DANE-TA chains are checked for expiry. Pure.
import type { X509Certificate } from 'node:crypto';

export type ExpiryState = 'not-yet-valid' | 'expired' | 'expires-soon' | 'valid';

export interface Expiry {
  state: ExpiryState;
  notBefore: Date;
  notAfter: Date;
  /** whole days from `now` to notAfter (negative when expired) */
  daysLeft: number;
}

const DAY = 86_400_000;

export function expiryOf(cert: X509Certificate, now: Date, warnDays: number): Expiry {
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY);
  let state: ExpiryState = 'valid';
  if (now.getTime() < notBefore.getTime()) state = 'not-yet-valid';
  else if (now.getTime() > notAfter.getTime()) state = 'expired';
  else if (notAfter.getTime() - now.getTime() <= warnDays * DAY) state = 'expires-soon';
  return { state, notBefore, notAfter, daysLeft };
}

/** `2026-11-27` (UTC), the form hovers and messages use. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
