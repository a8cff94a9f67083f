// Entry lines an edit can move cheaply. The entries of an edited document are grouped in blocks
// of consecutive entries, and an entry keeps its line relative to its block's base: a line added
// or removed moves the entries after it in its own block and the base of each block after that
// (a million entries: about 2000 blocks), not the line of every entry after it. Entries stay
// object literals (a class with a `line` getter made reading a 1M zone 15% slower: V8 pretenures
// literals that live long, not objects made by `new`), so lines are read through entryLine().
import type { SourceFile } from './model';
import type { Entry } from './syntax';

/** Entries a block holds: an edit moves at most about this many entries one by one. */
export const BLOCK_ENTRIES = 512;

/** A run of consecutive entries of one document whose lines count from `base`. The blocks of a
 *  document are linked in the order of its entries (SourceFile.lineBlocks is the first). An entry
 *  in no block (a file read once, a check's entries) has its line as its line in the block. */
export class LineBlock {
  /** entries of the document in this block (an emptied block is unlinked by a later shift) */
  count = 0;
  next: LineBlock | undefined = undefined;
  constructor(public base: number) {}
}

/** An entry's first line (0-based): its block's base plus its line in the block. */
export function entryLine(e: Entry): number {
  const b = e.lineBlock;
  return b === undefined ? e.lineInBlock : b.base + e.lineInBlock;
}

/** Sets an entry's first line (0-based), in its block. */
export function setEntryLine(e: Entry, line: number): void {
  const b = e.lineBlock;
  e.lineInBlock = b === undefined ? line : line - b.base;
}

function attach(e: Entry, block: LineBlock): void {
  const line = entryLine(e);
  e.lineBlock = block;
  e.lineInBlock = line - block.base;
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
    const block = new LineBlock(entryLine(e));
    last.next = block;
    last = block;
  }
  attach(e, last);
  return last;
}

/** An entry leaves the document (an edit replaced it); it keeps its block, for its last line. */
export function detach(e: Entry): void {
  if (e.lineBlock) e.lineBlock.count--;
}

/** Moves entries[from..] by `delta` lines: the rest of the first one's block one by one, the
 *  blocks after it by their base. */
export function shiftFrom(entries: readonly Entry[], from: number, delta: number): void {
  if (from >= entries.length || delta === 0) return;
  const block = entries[from].lineBlock;
  if (!block) {
    for (let i = from; i < entries.length; i++) entries[i].lineInBlock += delta;
    return;
  }
  for (let i = from; i < entries.length; i++) {
    const e = entries[i];
    if (e.lineBlock !== block) break;
    e.lineInBlock += delta;
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
  const block = from > 0 ? entries[from - 1].lineBlock : file.lineBlocks;
  if (!block) return; // a document read without blocks: its lines are moved one by one
  for (let i = from; i < to; i++) attach(entries[i], block);
  if (block.count > 2 * BLOCK_ENTRIES) split(entries, block, from);
}

/** Cuts a block that holds entries[near] (its entries are consecutive) into blocks of BLOCK_ENTRIES. */
function split(entries: readonly Entry[], block: LineBlock, near: number): void {
  let s = near;
  while (s > 0 && entries[s - 1].lineBlock === block) s--;
  let e = near;
  while (e < entries.length && entries[e].lineBlock === block) e++;
  block.count = Math.min(BLOCK_ENTRIES, e - s);
  let last = block;
  for (let at = s + BLOCK_ENTRIES; at < e; at += BLOCK_ENTRIES) {
    const next = new LineBlock(entryLine(entries[at]));
    next.next = last.next;
    last.next = next;
    const end = Math.min(at + BLOCK_ENTRIES, e);
    for (let i = at; i < end; i++) {
      const x = entries[i];
      const line = entryLine(x);
      x.lineBlock = next;
      x.lineInBlock = line - next.base;
    }
    next.count = end - at;
    last = next;
  }
}
