// The list of all rules, in the order their findings are reported.
// Add a rule: one file named by its id, one line here.
import type { Rule } from './rule';
import type { Severity } from '../zone/model';
import { cnameAndOtherData } from './cname-and-other-data';
import { multipleCname } from './multiple-cname';
import { targetIsCname } from './target-is-cname';
import { targetNoAddress } from './target-no-address';
import { targetIsAddress } from './target-is-address';
import { hostnameSyntax } from './hostname-syntax';
import { soaMissing } from './soa-missing';
import { soaMultiple } from './soa-multiple';
import { nsMissingAtApex } from './ns-missing-at-apex';
import { soaNotAtOrigin } from './soa-not-at-origin';
import { soaTimers } from './soa-timers';
import { soaRnameMailbox } from './soa-rname-mailbox';
import { caaCriticalUnknownTag } from './caa-critical-unknown-tag';
import { outOfZone } from './out-of-zone';
import { ttlMismatch } from './ttl-mismatch';
import { duplicateRecord } from './duplicate-record';
import { nonTerminalWildcard } from './non-terminal-wildcard';
import { dsAtApex } from './ds-at-apex';
import { nsec3paramUnusable } from './nsec3param-unusable';
import { nsec3OwnerHash } from './nsec3-owner-hash';
import { nsWildcardOwner } from './ns-wildcard-owner';
import { nullMxMixed } from './null-mx-mixed';
import { nameOriginRepeated } from './name-origin-repeated';
import { ptrTargetInReverseTree } from './ptr-target-in-reverse-tree';
import { nameNotAscii } from './name-not-ascii';
import { svcbReservedKey } from './svcb-reserved-key';
import { dnameWithChildren } from './dname-with-children';
import { occludedBelowDelegation } from './occluded-below-delegation';
import { rrsigExpired } from './rrsig-expired';
import { rrsigMissing } from './rrsig-missing';
import { rrsigLabels } from './rrsig-labels';
import { rrsigSigner } from './rrsig-signer';
import { rrsigBogus } from './rrsig-bogus';
import { rrsigTtl } from './rrsig-ttl';
import { nsecBitmap } from './nsec-bitmap';
import { nsecChain } from './nsec-chain';
import { nsecNextName } from './nsec-next-name';
import { cdsNoDnskey } from './cds-no-dnskey';
import { cdnskeyNoDnskey } from './cdnskey-no-dnskey';
import { cdsCdnskeyMismatch } from './cds-cdnskey-mismatch';
import { dnskeyUnusable } from './dnskey-unusable';

import { DANE_RULES } from './dane-rules';

export const RULES: Rule[] = [
  soaMissing,
  soaMultiple,
  nsMissingAtApex,
  soaNotAtOrigin,
  soaTimers,
  soaRnameMailbox,
  cnameAndOtherData,
  multipleCname,
  targetIsCname,
  targetNoAddress,
  targetIsAddress,
  hostnameSyntax,
  outOfZone,
  nameOriginRepeated,
  ptrTargetInReverseTree,
  nameNotAscii,
  ttlMismatch,
  duplicateRecord,
  nonTerminalWildcard,
  dsAtApex,
  nsec3paramUnusable,
  nsec3OwnerHash,
  nsWildcardOwner,
  nullMxMixed,
  svcbReservedKey,
  caaCriticalUnknownTag,
  dnameWithChildren,
  occludedBelowDelegation,
  rrsigExpired,
  rrsigMissing,
  rrsigLabels,
  rrsigSigner,
  rrsigBogus,
  rrsigTtl,
  nsecBitmap,
  nsecChain,
  nsecNextName,
  cdsNoDnskey,
  cdnskeyNoDnskey,
  cdsCdnskeyMismatch,
  dnskeyUnusable,
  ...DANE_RULES,
];

/** Parse-problem codes: reported by the parser, configurable like rules. */
export const PARSE_PROBLEM_CODES: readonly { id: string; severity: Severity; summary: string; rfc: string }[] = [
  { id: 'syntax', severity: 'error', summary: 'The entry does not follow the master-file format.', rfc: 'RFC 1035 §5.1' },
  { id: 'rdata-invalid', severity: 'error', summary: 'A field of the RDATA is missing, malformed or out of range.', rfc: 'RFC 1035 §5.1, RFC 3597 §5' },
  { id: 'directive-invalid', severity: 'error', summary: 'A $ORIGIN, $TTL, $INCLUDE or $GENERATE directive is malformed.', rfc: 'RFC 1035 §5.1' },
  { id: 'include-failed', severity: 'error', summary: 'An $INCLUDE file could not be read (missing, outside the workspace, a cycle, too deep).', rfc: 'RFC 1035 §5.1' },
  { id: 'ttl-missing', severity: 'warning', summary: 'No $TTL and no TTL on the first record (an error where BIND then refuses the zone).', rfc: 'RFC 2308 §4' },
  { id: 'ttl-range', severity: 'warning', summary: 'A TTL above 2147483647 (treated as 0).', rfc: 'RFC 2181 §8' },
  { id: 'ds-digest-type', severity: 'warning', summary: 'A DS digest type that is reserved or unassigned (error: validators treat the DS as absent, Knot refuses the zone), or SHA-1 or GOST R 34.11-94, which new DS records must not use.', rfc: 'RFC 8624 §3.3, RFC 4035 §5.2' },
  { id: 'byte-order-mark', severity: 'error', summary: 'The file starts with a UTF-8 byte order mark, which BIND and Knot read as part of the first word.', rfc: 'RFC 1035 §5.1' },
  { id: 'not-utf8', severity: 'warning', summary: 'Bytes that are not UTF-8 in a record, read as U+FFFD instead of as they are.', rfc: 'RFC 1035 §5.1' },
  { id: 'generate-cut', severity: 'warning', summary: 'A $GENERATE range of more than 100 000 records, or one that takes the zone\'s $GENERATE lines past 1 000 000 (DANE_ZONE_GENERATE_MAX): BIND loads them all, dane-zone reads only the first.', rfc: '' },
  { id: 'ignore-invalid', severity: 'warning', summary: "A '; dane-zone: ignore=' comment that ignores nothing: malformed, an unknown check, an error that cannot be ignored, 'ignore-file' at the end of an entry, 'ignore=' on or above an $INCLUDE line, or above a blank line, the file's end or a $TTL or $ORIGIN line (rule ids); or one that cuts a 'cert=' link off its record.", rfc: '' },
  { id: 'cert-link-unused', severity: 'warning', summary: "A '; dane-zone: cert=' link that no TLSA or SMIMEA record takes (not on the line directly above one, nor at its end, or with no path), or one spelt otherwise than a link is read (';dane-zone:cert='): no certificate is checked where the writer believes one is.", rfc: '' },
  { id: 'internal', severity: 'error', summary: 'dane-zone failed on an entry (a bug; the rest of the file is still checked).', rfc: '' },
];
