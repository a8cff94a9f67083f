// Entry points of the zone core: parse, check, locate, present.
import type { Finding, RuleHost } from '../rules/rule';
import { defaultHost, problemFindings, runRules, typesReadByRules, type RuleSettings } from '../rules/engine';
import type { ParseOptions } from './parser';
import { scanZone, type ZoneText } from './scan';
import { whyNotIgnorable, withoutIgnored } from '../rules/ignore';
import type { Zone, ZoneRecord } from './model';
import { presentValues } from './record';

export type { Zone, ZoneRecord, Field, Loc, SourceFile, Directive, ParseProblem, Severity } from './model';
export type { Entry, Token, Span } from './syntax';
export type { ParseOptions, ParseState, IncludeResult } from './parser';
export type { RuleSettings } from '../rules/engine';
export type { RRTypeDef, FieldDef, ValueDoc } from './rr-types';
export { parseZone, buildZone, buildZoneInSlices, runToEnd, makeSourceFile } from './parser';
export { scanZone } from './scan';
export type { ZoneText } from './scan';
export { reparse, recordsOfTopEntry, firstEntryFrom } from './incremental';
export { includeSites } from './include-sites';
export { runRules, problemFindings, defaultHost, typesReadByRules } from '../rules/engine';
export { RuleCache } from '../rules/incremental-engine';
export { absRange, entryAtLine, entryTokens, entryTokensInto, dataTokens, locOfTokens, entryLoc } from './locate';
export { entryLine } from './line-blocks';
export { lexLines, splitLines, isBlank, isDataToken, TokenPool, MAX_ENTRY_LINES } from './lexer';
export { RR_TYPES, TYPES_WITHOUT_FIELDS, rrTypeByName, typeName, TLSA_USAGES, TLSA_SELECTORS, TLSA_MATCHING, DNSSEC_ALGORITHMS, DS_DIGESTS, SSHFP_ALGORITHMS, SSHFP_TYPES } from './rr-types';
export { ALGORITHMS, CLASSES, typeCodeByName, classCodeByName } from './rr-codes';
export { parseTtl, humanTtl } from './ttl';
export { nameKey, resolveName, isInZone, parentKey, labels } from './names';
export { TARGET_FIELD, targetKey } from './targets';
export { unescapeText, splitCharacterString, SVC_KEYS } from './field-kinds';
export { isIpv4At, isIpv6At } from './ip-text';
export { TokKind } from './syntax';

export interface CheckOptions extends ParseOptions {
  host?: RuleHost;
  settings?: RuleSettings;
}

/** Parse + every rule: parse problems first (as findings), then rule findings. The zone
 *  is read into the column store (scan.ts): a one-shot check edits nothing. `text` may come
 *  in segments (read-zone-file.ts), for files longer than V8's longest string. */
export function checkText(text: ZoneText, opts: CheckOptions, scanned?: (zone: Zone, problems: Finding[]) => void): { zone: Zone; findings: Finding[] } {
  const zone = scanZone(text, { keepValues: typesReadByRules(opts.settings), ignorable: whyNotIgnorable, ...opts });
  const problems = withoutIgnored(zone, problemFindings(zone, opts.settings));
  // what reading the zone found, before the rules run (a long document shows these first)
  scanned?.(zone, problems);
  const findings = [...problems, ...withoutIgnored(zone, runRules(zone, opts.host ?? defaultHost, opts.settings))];
  return { zone, findings };
}

/** The record in canonical presentation, fully qualified, tab separated (as ldns-read-zone prints it). */
export function presentRecord(rec: ZoneRecord): string {
  const rdata = rec.generic && rec.values.length === 0 ? rec.rdataText : presentValues(rec);
  return `${rec.owner}\t${rec.ttl}\t${rec.class}\t${rec.type}\t${rdata}`;
}
