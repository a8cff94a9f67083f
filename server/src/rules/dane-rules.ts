// The DANE and mail-policy rules (issue 3), listed once; registry.ts spreads them into RULES.
import type { Rule } from './rule';
import { dkimSyntax } from './dkim-syntax';
import { dmarcMultiple } from './dmarc-multiple';
import { dmarcSyntax } from './dmarc-syntax';
import { mailPolicyPlacement } from './mail-policy-placement';
import { mxTargetCname } from './mx-target-cname';
import { mtaStsMultiple } from './mta-sts-multiple';
import { mtaStsSyntax } from './mta-sts-syntax';
import { spfLookupLimit } from './spf-lookup-limit';
import { spfIncludeMissing } from './spf-include-missing';
import { spfVoidLookups } from './spf-void-lookups';
import { spfRecordType } from './spf-record-type';
import { spfMultiple } from './spf-multiple';
import { spfSyntax } from './spf-syntax';
import { tlsaAtMailDomain } from './tlsa-at-mail-domain';
import { tlsaCertExpired } from './tlsa-cert-expired';
import { tlsaCertExpiring } from './tlsa-cert-expiring';
import { tlsaCertLinkUnreadable } from './tlsa-cert-link-unreadable';
import { tlsaCertMismatch } from './tlsa-cert-mismatch';
import { tlsaCertNameMismatch } from './tlsa-cert-name-mismatch';
import { tlsaDigestLength } from './tlsa-digest-length';
import { tlsaFieldUnusable } from './tlsa-field-unusable';
import { tlsaFullDataMalformed } from './tlsa-full-data-malformed';
import { tlsaFullDiscouraged } from './tlsa-full-discouraged';
import { tlsaMatchingTypeConsistency } from './tlsa-matching-type-consistency';
import { tlsaNotAtMxTarget } from './tlsa-not-at-mx-target';
import { tlsaOwnerForm } from './tlsa-owner-form';
import { tlsaPartialDane } from './tlsa-partial-dane';
import { tlsaSha256Missing } from './tlsa-sha256-missing';
import { tlsaSingleRecord } from './tlsa-single-record';
import { tlsaUsageUnusableForSmtp } from './tlsa-usage-unusable-for-smtp';
import { tlsaWeakerDigestIgnored } from './tlsa-weaker-digest-ignored';
import { tlsRptMultiple } from './tlsrpt-multiple';
import { tlsRptSyntax } from './tlsrpt-syntax';

export const DANE_RULES: Rule[] = [
  dkimSyntax,
  dmarcMultiple,
  dmarcSyntax,
  mailPolicyPlacement,
  mxTargetCname,
  mtaStsMultiple,
  mtaStsSyntax,
  spfLookupLimit,
  spfIncludeMissing,
  spfVoidLookups,
  spfRecordType,
  spfMultiple,
  spfSyntax,
  tlsaAtMailDomain,
  tlsaCertExpired,
  tlsaCertExpiring,
  tlsaCertLinkUnreadable,
  tlsaCertMismatch,
  tlsaCertNameMismatch,
  tlsaDigestLength,
  tlsaFieldUnusable,
  tlsaFullDataMalformed,
  tlsaFullDiscouraged,
  tlsaMatchingTypeConsistency,
  tlsaNotAtMxTarget,
  tlsaOwnerForm,
  tlsaPartialDane,
  tlsaSha256Missing,
  tlsaSingleRecord,
  tlsaUsageUnusableForSmtp,
  tlsaWeakerDigestIgnored,
  tlsRptMultiple,
  tlsRptSyntax,
];
