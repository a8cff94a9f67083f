// Messages too long for one string. Node cannot decode a JSON-RPC message of more than
// 0x1fffffe8 UTF-16 units (about 512 MiB): an editor without VS Code's 50 MB sync limit
// (Neovim, Helix ...) that opens a TLD zone sends such a didOpen, and the stock reader drops
// it with an error nobody sees. This reader's decoder finds the message's method and document
// URI in its bytes instead (without decoding the text), and hands the server an
// OversizedMessage notification: the server checks that document from disk.
import type { ContentTypeDecoder, ContentTypeDecoderOptions, Message } from 'vscode-languageserver/node';

/** The internal notification an oversized message becomes. */
export const OVERSIZED_MESSAGE = 'dane-zone/oversizedMessage';

export interface OversizedMessage {
  /** the message's method, when it has one shorter than 256 bytes */
  method?: string;
  /** params.textDocument.uri, when there is one */
  uri?: string;
  /** the message's length in bytes */
  bytes: number;
}

/** Bodies longer than this are not decoded to a string (UTF-8 never has fewer bytes than UTF-16 units). */
export const STRING_LIMIT = 0x1fffffe8;

/** The JSON decoder vscode-jsonrpc uses (ril.ts), but for bodies too long for one string. */
export function jsonDecoder(limit = STRING_LIMIT): ContentTypeDecoder {
  return {
    name: 'application/json',
    decode(buffer: Uint8Array, options: ContentTypeDecoderOptions): Promise<Message> {
      try {
        const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
        if (bytes.length <= limit) return Promise.resolve(JSON.parse(bytes.toString(options.charset as BufferEncoding)) as Message);
        const params: OversizedMessage = { ...outlineOf(bytes), bytes: bytes.length };
        return Promise.resolve({ jsonrpc: '2.0', method: OVERSIZED_MESSAGE, params } as Message);
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}

const QUOTE = 34, BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, COMMA = 44;

/** The method and params.textDocument.uri of a JSON-RPC message, read from its bytes: strings
 *  are jumped over without being decoded, but for keys and short values on the way to those two. */
export function outlineOf(bytes: Buffer): { method?: string; uri?: string } {
  const out: { method?: string; uri?: string } = {};
  // per open object or array: is it an object, and the key it is the value of
  const isObject: boolean[] = [];
  const keyOf: (string | undefined)[] = [];
  let key: string | undefined;
  let expectKey = false;
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i];
    if (c === QUOTE) {
      const end = stringEnd(bytes, i + 1);
      if (end < 0) return out; // not JSON: nothing more to find
      const short = end - i - 1 < 256;
      if (expectKey) {
        key = short ? decodeString(bytes, i, end) : undefined;
        expectKey = false;
      } else if (short && key !== undefined) {
        const depth = isObject.length;
        if (depth === 1 && key === 'method') out.method = decodeString(bytes, i, end);
        else if (depth === 3 && key === 'uri' && keyOf[1] === 'params' && keyOf[2] === 'textDocument') out.uri = decodeString(bytes, i, end);
      }
      i = end + 1;
      continue;
    }
    if (c === LBRACE || c === LBRACKET) {
      isObject.push(c === LBRACE);
      keyOf.push(key);
      expectKey = c === LBRACE;
      key = undefined;
    } else if (c === RBRACE || c === RBRACKET) {
      isObject.pop();
      keyOf.pop();
    } else if (c === COMMA) {
      expectKey = isObject[isObject.length - 1] === true;
      if (!expectKey) key = undefined;
    }
    i++;
  }
  return out;
}

/** Index of the quote that ends the string whose text starts at `from`, or -1. */
function stringEnd(bytes: Buffer, from: number): number {
  for (let i = from; ; ) {
    const q = bytes.indexOf(QUOTE, i);
    if (q < 0) return -1;
    let slashes = 0;
    while (q - 1 - slashes >= from && bytes[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q;
    i = q + 1;
  }
}

function decodeString(bytes: Buffer, quote: number, end: number): string | undefined {
  try {
    return JSON.parse(bytes.toString('utf8', quote, end + 1)) as string;
  } catch {
    return undefined;
  }
}
