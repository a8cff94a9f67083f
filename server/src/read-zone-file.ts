// Reads a zone file for a whole-file check (`dane-zone check`, and the server's check from
// disk). V8's longest string is 0x1fffffe8 UTF-16 units (about 512 MiB), and TLD zones are
// longer (.se is about 1.2 GB): such a file comes as segments, each cut after a line end,
// which the column store reads one after the other (scan.ts).
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { totalmem } from 'node:os';

/** Bytes per segment. UTF-8 decodes to at most as many UTF-16 units, so a segment and an
 *  entry carried over from the one before (scan.ts, at most 1 MiB) stay under the limit. */
export const SEGMENT_BYTES = 256 * 2 ** 20;

/** The file's text: one string, or segments when it is longer than `segmentBytes`.
 *  Throws (with the reason) when the file cannot be read or a line is longer than a segment. */
export function readZoneFile(path: string, segmentBytes = SEGMENT_BYTES): string | string[] {
  const fd = openSync(path, 'r');
  try {
    return readZoneFd(fd, segmentBytes);
  } finally {
    closeSync(fd);
  }
}

/** readZoneFile of standard input (`dane-zone check -`). */
export function readZoneStdin(segmentBytes = SEGMENT_BYTES): string | string[] {
  return readZoneFd(0, segmentBytes);
}

/** A regular file's length is known: up to a segment it is read whole. Anything else (a pipe,
 *  whose length is known only at its end) is read in segments, as a long file is: one, for most. */
function readZoneFd(fd: number, segmentBytes: number): string | string[] {
  const st = fstatSync(fd);
  if (st.isFile() && st.size <= segmentBytes) {
    const bytes = readFileSync(fd);
    return decode(bytes, bytes.length);
  }
  const segments = readSegments(fd, segmentBytes);
  return segments.length === 1 ? segments[0] : segments;
}

/** readSync that waits for a pipe left non-blocking by whoever started us (EAGAIN: no data yet). */
function readWaiting(fd: number, buf: Buffer, at: number, length: number): number {
  for (;;) {
    try {
      return readSync(fd, buf, at, length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function readSegments(fd: number, segmentBytes: number): string[] {
  const segments: string[] = [];
  const buf = Buffer.allocUnsafe(segmentBytes);
  let have = 0; // bytes in buf not yet in a segment
  let offset = 0; // file offset of buf[0]
  for (;;) {
    let eof = false;
    while (have < segmentBytes) {
      const n = readWaiting(fd, buf, have, segmentBytes - have);
      if (n === 0) { eof = true; break; }
      have += n;
    }
    if (eof) {
      if (have > 0 || !segments.length) segments.push(decode(buf, have));
      return segments;
    }
    // Cut after the last '\n': it is never inside a UTF-8 sequence, and "\r\n" stays whole.
    // A file of '\r' line ends has none; its last '\r' is followed by a byte in buf that is no '\n'.
    let cut = buf.lastIndexOf(10, have - 1) + 1;
    if (cut === 0) cut = buf.lastIndexOf(13, have - 2) + 1;
    if (cut === 0) throw new Error(`the line at byte ${offset} is longer than ${segmentBytes} bytes: this is not a zone file`);
    segments.push(decode(buf, cut));
    buf.copy(buf, 0, cut, have);
    have -= cut;
    offset += cut;
  }
}

/** The text of bytes[0, length) as UTF-8. ASCII (most zones) is decoded as Latin-1, which gives
 *  the same string but, from about 1 MB on, keeps its characters outside V8's heap: the heap a
 *  check needs shrinks by the file's size, and the collector never looks at them. */
function decode(bytes: Buffer, length: number): string {
  return isAscii(bytes.subarray(0, length)) ? bytes.toString('latin1', 0, length) : bytes.toString('utf8', 0, length);
}

/** Set to a number of MiB, the heap a whole-file check gets, instead of heapLimitFor's estimate. */
export const HEAP_ENV = 'DANE_ZONE_HEAP_MB';

/** The heap limit (MiB) set by DANE_ZONE_HEAP_MB, if any. */
export function fixedHeapLimit(): number | undefined {
  const raw = process.env[HEAP_ENV];
  if (raw === undefined) return undefined;
  const mb = Number(raw);
  if (Number.isInteger(mb) && mb > 0) return mb;
  // said once, not silently dropped: a typo would otherwise leave the limit the user meant to raise
  if (!heapWarned) process.stderr.write(`dane-zone: ${HEAP_ENV}='${raw.replace(/[^\x20-\x7e]/g, '?')}' is not a whole number of MiB above 0: ignored\n`);
  heapWarned = true;
  return undefined;
}
let heapWarned = false;

/** Set to a number of records, how many all the $GENERATE lines of a zone expand at most
 *  (GENERATE_ZONE_MAX by default): more checks a bigger generated zone, at its time and memory. */
export const GENERATE_ENV = 'DANE_ZONE_GENERATE_MAX';

/** The bound DANE_ZONE_GENERATE_MAX sets, if any. */
export function generateLimitFromEnv(): number | undefined {
  const raw = process.env[GENERATE_ENV];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0) return n;
  if (!generateWarned) process.stderr.write(`dane-zone: ${GENERATE_ENV}='${raw.replace(/[^\x20-\x7e]/g, '?')}' is not a whole number of records: ignored\n`);
  generateWarned = true;
  return undefined;
}
let generateWarned = false;

/** The heap (MiB) a check of `bytes` of zone files is sure to fit in: the 10k, 100k, 1M and 10M
 *  bench zones peak at 64, 128, 435 and 3353 MiB of RSS (the 10M zone's text outside the heap)
 *  against 259, 288, 567 and 3446 here. A process with less starts the check again with
 *  heapLimitFor's roomier limit; one with this much does not (V8's default heap is a quarter of
 *  the machine's memory: below about 4 GiB, heapLimitFor's target would start every check twice). */
export function heapNeededFor(bytes: number): number {
  return Math.ceil((bytes * 5) / 2 ** 20) + 256;
}

/** A heap limit (MiB) for checking `bytes` of zone files: the check of the bench's 10M zone
 *  (669 MB, ASCII) holds 1.5 GiB of heap, a UTF-8 one would hold the text as well; this allows
 *  five times the files and 1 GiB more, but not more than three quarters of the machine's
 *  memory, and never less than Node's default. DANE_ZONE_HEAP_MB overrides it. */
export function heapLimitFor(bytes: number): number {
  const fixed = fixedHeapLimit();
  if (fixed !== undefined) return fixed;
  const want = Math.ceil((bytes * 5) / 2 ** 20) + 1024;
  const have = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  return Math.max(have, Math.min(want, Math.floor((totalmem() * 0.75) / 2 ** 20)));
}

/** The most an $INCLUDEd file may hold: it is read as one string (a zone file is read in pieces). */
export const INCLUDE_MAX_BYTES = 256 * 2 ** 20;
/** The most a linked certificate file may hold (a chain is a few KiB). */
export const CERT_MAX_BYTES = 16 * 2 ** 20;

/** Why `path` cannot be read whole as a file of at most `maxBytes`, or undefined (also when it
 *  does not exist: the read says so). A FIFO would block the editor's server or a CI job for
 *  good, and a device (/dev/zero) never end: both are refused before they are opened. */
export function regularFileError(path: string, maxBytes: number): string | undefined {
  let st;
  try { st = statSync(path); } catch { return undefined; }
  if (!st.isFile()) return `cannot read ${path}: ${st.isDirectory() ? 'a folder' : 'not a regular file (a device, FIFO or socket)'}`;
  if (st.size > maxBytes) return `cannot read ${path}: ${Math.round(st.size / 2 ** 20)} MiB, more than such a file may hold (${maxBytes / 2 ** 20} MiB)`;
  return undefined;
}
