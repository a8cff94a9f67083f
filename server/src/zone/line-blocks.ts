// Entry lines an edit can move cheaply. The entries of an edited document are grouped in blocks
// of consecutive entries, and an entry keeps its line relative to its block's base: a line added
// or removed moves the entries after it in its own block and the base of each block after that
// (a million entries: about 2000 blocks), not the line of every entry after it.
import type { EntryOutput, SourceFile } from './model';
import type { ParseState } from './parser';
import type { Entry, SyntaxProblem, Token } from './syntax';

/** Entries a block holds: an edit moves at most about this many entries one by one. */
export const BLOCK_ENTRIES = 512;

/** A run of consecutive entries of one document whose lines count from `base`. The blocks of a
 *  document are linked in the order of its entries (SourceFile.lineBlocks is the first). */
export class LineBlock {
  /** entries of the document in this block (an emptied block is unlinked by a later shift) */
  count = 0;
  next: LineBlock | undefined = undefined;
  constructor(public base: number) {}
}

/** The block of entries outside any (a file read once, a check's entries): their `rel` is their line. */
const NO_BLOCK = new LineBlock(0);

/** The lexer's entries: `line` is the block's base plus the entry's own offset. */
export class LexedEntry implements Entry {
  block: LineBlock = NO_BLOCK;
  rel: number;
  lineCount = 1;
  tokens: Token[];
  lexErrors: SyntaxProblem[];
  // every field up front: one object shape for all entries (fast property access)
  unclosed = false;
  commentText: string | undefined = undefined;
  out: EntryOutput | undefined = undefined;
  context: ParseState | undefined = undefined;
  lastOwner: string | undefined = undefined;
  lastOwnerKey: string | undefined = undefined;
  recordCount = 0;
  problems: EntryOutput['problems'] | undefined = undefined;
  directives: EntryOutput['directives'] | undefined = undefined;

  constructor(line: number, public leadingBlank: boolean, tokens: Token[], lexErrors: SyntaxProblem[]) {
    this.rel = line;
    this.tokens = tokens;
    this.lexErrors = lexErrors;
  }

  get line(): number {
    return this.block.base + this.rel;
  }

  set line(line: number) {
    this.rel = line - this.block.base;
  }
}

const blocked = (e: Entry): LexedEntry | undefined => (e instanceof LexedEntry && e.block !== NO_BLOCK ? e : undefined);

function attach(e: Entry, block: LineBlock): void {
  if (!(e instanceof LexedEntry)) return;
  const line = e.line;
  e.block = block;
  e.rel = line - block.base;
  block.count++;
}

/** Starts the blocks of a document whose entries are about to be read again from its first line. */
export function startBlocks(file: SourceFile): LineBlock {
  return (file.lineBlocks = new LineBlock(0));
}

/** Puts the next entry of a document being read in order into the last block `last` (or a new
 *  one after it when it is full); returns the block now last. */
export function appendToBlocks(last: LineBlock, e: Entry): LineBlock {
  if (last.count >= BLOCK_ENTRIES) {
    const block = new LineBlock(e.line);
    last.next = block;
    last = block;
  }
  attach(e, last);
  return last;
}

/** An entry leaves the document (an edit replaced it); it keeps its block, for its last line. */
export function detach(e: Entry): void {
  const b = blocked(e);
  if (b) b.block.count--;
}

/** Moves entries[from..] by `delta` lines: the rest of the first one's block one by one, the
 *  blocks after it by their base. */
export function shiftFrom(entries: readonly Entry[], from: number, delta: number): void {
  if (from >= entries.length || delta === 0) return;
  const first = blocked(entries[from]);
  if (!first) {
    for (let i = from; i < entries.length; i++) entries[i].line += delta;
    return;
  }
  const block = first.block;
  for (let i = from; i < entries.length; i++) {
    const e = entries[i] as LexedEntry;
    if (e.block !== block) break;
    e.rel += delta;
  }
  for (let prev = block, b = block.next; b; b = b.next) {
    if (b.count === 0) {
      prev.next = b.next;
      continue;
    }
    b.base += delta;
    prev = b;
  }
}

/** Puts entries[from, to), new in the document, into the block of the entry before them (the
 *  first block at the start), and splits that block when it grows past twice its size. */
export function attachNew(file: SourceFile, entries: readonly Entry[], from: number, to: number): void {
  const before = from > 0 ? blocked(entries[from - 1]) : undefined;
  const block = before ? before.block : from === 0 ? file.lineBlocks : undefined;
  if (!block) return; // a document read without blocks: its lines are moved one by one
  for (let i = from; i < to; i++) attach(entries[i], block);
  if (block.count > 2 * BLOCK_ENTRIES) split(entries, block, from);
}

/** Cuts a block that holds entries[near] (its entries are consecutive) into blocks of BLOCK_ENTRIES. */
function split(entries: readonly Entry[], block: LineBlock, near: number): void {
  let s = near;
  while (s > 0 && (entries[s - 1] as LexedEntry).block === block) s--;
  let e = near;
  while (e < entries.length && (entries[e] as LexedEntry).block === block) e++;
  block.count = Math.min(BLOCK_ENTRIES, e - s);
  let last = block;
  for (let at = s + BLOCK_ENTRIES; at < e; at += BLOCK_ENTRIES) {
    const next = new LineBlock(entries[at].line);
    next.next = last.next;
    last.next = next;
    const end = Math.min(at + BLOCK_ENTRIES, e);
    for (let i = at; i < end; i++) {
      const x = entries[i] as LexedEntry;
      const line = x.line;
      x.block = next;
      x.rel = line - next.base;
    }
    next.count = end - at;
    last = next;
  }
}
