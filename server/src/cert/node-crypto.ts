// node:crypto, loaded on first use: most zones link no certificate and hold no Full TLSA data,
// and loading the module cost 3-4 ms of every `dane-zone check` (and of the server's start).
import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

export function nodeCrypto(): typeof Crypto {
  return (loaded ??= require('node:crypto') as typeof Crypto);
}
