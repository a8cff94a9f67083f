// What the feature handlers need from the server's document store: the parsed
// zone of an open document and its current findings. The server owns the store;
// handlers only read it through a GetDoc function.
import type { Finding } from '../rules/rule';
import type { Zone } from '../zone/api';

export interface DocState {
  uri: string;
  zone: Zone;
  /** findings as last published (parse problems and rules) */
  findings: readonly Finding[];
}

export type GetDoc = (uri: string) => DocState | undefined;
