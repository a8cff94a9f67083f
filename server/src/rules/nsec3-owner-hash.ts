// An NSEC3 record's owner is the hash of a name, in base32hex without padding, as the first
// label below the zone (RFC 5155 §3, §7.1): `2vptu5timamqttgl4luu9kg21e0aor3s.example.com.`.
// BIND refuses to load an NSEC3 whose first label is not such a string ("bad owner name
// (check-names)"; Knot loads it): an NSEC3 written by hand, or moved to another owner, or left
// under the owner of the line above it by a missing first field.
import { rfc, type RecordRule } from './rule';
import { base32hexError } from '../zone/field-kinds';
import { base32hexDigit } from '../zone/base32hex';

/** True when the key's first label is 32 base32hex digits: a SHA-1 hash, as nearly every NSEC3
 *  owner has (no label string made, no pattern run for it). */
function isSha1Label(key: string): boolean {
  if (key.length < 33 || key.charCodeAt(32) !== 46) return false;
  for (let i = 0; i < 32; i++) {
    if (base32hexDigit(key.charCodeAt(i)) < 0) return false; // '\' of an escape fails here
  }
  return true;
}

/** The first label of a name key as written there (escapes kept; '' for the root). */
function firstLabel(key: string): string {
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) === 92) i++; // '\' escapes the next character
    else if (key.charCodeAt(i) === 46) return key.slice(0, i);
  }
  return key;
}

export const nsec3OwnerHash: RecordRule = {
  id: 'nsec3-owner-hash',
  scope: 'record',
  types: ['NSEC3'],
  defaultSeverity: 'error',
  loadRefused: true,
  rfc: [
    rfc('RFC 5155 §3', 'https://www.rfc-editor.org/rfc/rfc5155#section-3'),
    rfc('RFC 5155 §7.1', 'https://www.rfc-editor.org/rfc/rfc5155#section-7.1'),
  ],
  summary: "An NSEC3 record whose owner's first label is not a hash in base32hex: BIND refuses the zone.",
  check(rec, ctx) {
    if (isSha1Label(rec.ownerKey)) return;
    const label = firstLabel(rec.ownerKey);
    const why = label ? base32hexError(label.toUpperCase()) : 'the root has no label';
    if (!why) return;
    ctx.report({
      loc: rec.ownerLoc,
      message: `NSEC3 at ${rec.owner}: the first label of an NSEC3 owner is the hashed name in base32hex (RFC 5155 §3), and '${label}' is not (${why}); BIND refuses the zone ("bad owner name")`,
    });
  },
};
