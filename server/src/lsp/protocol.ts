// Custom requests between the dane-zone client and server (beyond standard LSP).
// Both sides import these names; the payloads are plain JSON.

/** Live validation of a mail domain. Result: the engine's ValidationReport (live/report.ts). */
export const ValidateDomainRequest = 'daneZone/validateDomain';
export interface ValidateDomainParams {
  domain: string;
  /** the zone document to map results onto (diagnostics on MX/TLSA lines), if any */
  zoneUri?: string;
  /** pre-deployment check: use the TLSA/MX records as edited in zoneUri instead of published DNS */
  useZoneRecords?: boolean;
  /** LSP work-done progress token (WorkDoneProgressParams): the server reports the engine's
   *  current step as $/progress begin/report/end; $/cancelRequest aborts the run */
  workDoneToken?: string | number;
}

/** SOA serial bump: the edit to apply (null when the document has no SOA). */
export const BumpSerialRequest = 'daneZone/bumpSerial';
export interface BumpSerialParams {
  uri: string;
  /** today's date as YYYYMMDD (the client's clock), for date-based serials */
  today?: string;
}

/** Facts about an open zone for the status bar and command defaults. */
export const ZoneInfoRequest = 'daneZone/zoneInfo';
export interface ZoneInfoParams {
  uri: string;
  /** cursor position, to offer the name under it */
  line?: number;
  character?: number;
}
export interface ZoneInfo {
  origin: string;
  errors: number;
  warnings: number;
  mxTargets: string[];
  /** fully qualified name under the cursor, if any */
  nameAtCursor?: string;
}

/** Build a TLSA record from a certificate file and the edit that inserts it. */
export const GenerateTlsaRequest = 'daneZone/generateTlsa';
export interface GenerateTlsaParams {
  uri: string;
  certPath: string;
  /** MX host the record is for (fully qualified): the record goes to `_25._tcp.<host>` */
  host?: string;
  /** instead of `host`: the record's owner name itself, fully qualified (a TLSA RRset SMTP
   *  senders reach through a CNAME, or a `*._tcp.<host>` wildcard) */
  owner?: string;
  usage?: number;
  selector?: number;
  matchingType?: number;
}

/** Result of GenerateTlsaRequest: the record, and the edit that inserts it (with its link comment)
 *  after the owner's existing TLSA records, or after the host's records, or at the end of the zone. */
export type GenerateTlsaResult =
  | { record: string; edit: { uri: string; line: number; character: number; newText: string } }
  | { error: string };

/** A zone file checked as it is on disk, for a document the client does not sync (VS Code
 *  hands no document over 50 MB to extensions). The file must be inside a workspace folder;
 *  $INCLUDEs and certificate links are read from disk as for an open document. */
export const CheckFileRequest = 'daneZone/checkFile';
export interface CheckFileParams {
  /** file: URI of the zone */
  uri: string;
  /** also send what reading the file found, when there is any, as a CheckFileEarlyNotification
   *  before the answer (a file of millions of records takes as long again for its rules) */
  early?: boolean;
}
/** Sent during a daneZone/checkFile request with `early`: the problems reading the file found
 *  (syntax, field values), before the rules run. The answer has them all again. */
export const CheckFileEarlyNotification = 'daneZone/checkFileEarly';
export interface CheckFileEarlyParams {
  /** the request's URI */
  uri: string;
  /** LSP Diagnostic[] */
  diagnostics: unknown[];
}
export interface CheckFileResult {
  /** the diagnostics an open document with this text would get (LSP Diagnostic[]) */
  diagnostics: unknown[];
  records: number;
  /** time the check took, read included */
  ms: number;
}
