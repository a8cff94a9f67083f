// What the feature handlers need from the server's document store: the parsed
// zone of an open document and its current findings (ZoneStore.analysis gives
// exactly this). Handlers only read it through a GetDoc function.
import type { Finding, RuleHost } from '../rules/rule';
import type { Zone } from '../zone/model';

export interface DocState {
  zone: Zone;
  /** findings as last computed (parse problems and rules) */
  findings: readonly Finding[];
  /** rule services for DANE hovers (linked certificate files); without it those hovers are left out */
  host?: RuleHost;
  /** true once the document has changed (or closed) since this state */
  changed?: () => boolean;
  /** true while the document's analyses build on this zone's owners (an edit re-parses them in
   *  place); false once it is closed or analysed afresh */
  keepsOwners?: (zone: Zone) => boolean;
  /** the document's line ending, for edits that insert lines (LF when not given) */
  eol?: string;
  /** how many owners the outline lists (daneZone.outlineLimit) */
  outlineLimit?: number;
  /** the certificate files and folders in a folder given relative to the document's (only inside
   *  the workspace), for completion after `cert=`; undefined for a document not on disk */
  certFolder?: (relDir: string, hidden: boolean) => FolderEntry[] | undefined;
}

export interface FolderEntry {
  name: string;
  folder: boolean;
}

/** The document state, once its analysis is done (a long one runs in turns: see ZoneStore.analysisInTurns). */
export type GetDoc = (uri: string) => Promise<DocState | undefined>;
