// Lines deleted and pasted in a zone of a few thousand entries (several of the blocks an edit
// moves instead of every entry after it, line-blocks.ts): after each edit the model places every
// entry, record and index list as a fresh build of the text does, and the editor's findings
// equal a full run's (test/helpers/edit-steps.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildZone, reparse, splitLines } from '../../dist/core.js';
import { findingsAfterEachSplice, modelKeys } from '../helpers/edit-steps.mjs';
import { generatedText } from '../helpers/generated-zone.mjs';
import { rng } from '../helpers/fuzz-mutate.mjs';

const BASE = generatedText(3000, 5); // about 3500 lines: 7 blocks of entries
const LINES = splitLines(BASE);

/** The first line at or after `from` that opens a parenthesis its line does not close. */
function openParenLine(from) {
  for (let i = from; i < LINES.length; i++) if (/\(/.test(LINES[i]) && !/\)/.test(LINES[i])) return i;
  throw new Error('no multi-line entry');
}

/** `count` lines of new hosts, with a TXT record in parentheses over two lines among them. */
function hostLines(tag, count) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    if (i % 10 === 5) out.push(`t${tag}-${i}\tIN\tTXT\t( "one"`, '\t\t"two" )');
    else out.push(`p${tag}-${i}\tIN\tA\t10.9.${i % 250}.1`, `\tIN\tMX\t10 p${tag}-${i}`);
  }
  return out.slice(0, count);
}

test('lines deleted and pasted: the model and the findings equal a fresh build after each edit', () => {
  const middle = Math.floor(LINES.length / 2);
  const paren = openParenLine(middle + 200);
  const steps = [
    [0, 1, []], // the first line (a comment) deleted
    [0, 0, [LINES[0]]], // and typed back
    [3, 1, []], // the first line of the SOA in parentheses deleted: its other lines stand alone
    [3, 0, [LINES[3]]],
    [middle, 0, hostLines('a', 50)], // a block of 50 lines pasted in the middle
    [middle + 10, 25, []], // part of it deleted again, from inside the pasted TXT
    [paren - 1, 4, []], // across a parenthesised entry: the line before it, it, and the line after
    [paren - 1, 0, LINES.slice(paren - 1, paren + 3)], // pasted back
    [paren + 1, 3, []], // from inside it (its ')' goes: the '(' stays open)
    [paren + 1, 0, LINES.slice(paren + 1, paren + 4)],
    [LINES.length - 3, 3, ['tail\tIN\tA\t192.0.2.200']], // the end replaced by fewer lines
  ];
  findingsAfterEachSplice(BASE, steps, 'line-edits.zone');
});

test('a block grown by pastes and one emptied by a long delete: lines before and after stay right', () => {
  const at = 1000;
  const steps = [
    [at, 0, hostLines('b', 700)], // the block before grows past twice its size and is split
    [at + 350, 0, hostLines('c', 700)],
    [at + 2000, 1, []], // after the split blocks
    [at + 5, 1, []], // inside them
    [10, 0, ['early\tIN\tA\t192.0.2.10']], // before them: every block after moves
    [200, 1400, []], // a long delete: whole blocks left without entries
    [100, 1, []], // a line before them: the emptied blocks are passed over
    [150, 0, LINES.slice(150, 1550)], // a long paste
  ];
  findingsAfterEachSplice(BASE, steps, 'line-edits.zone');
});

test('random line deletes and pastes (seeded): the model equals a fresh build after each', () => {
  const rand = rng(13).next;
  const opts = { fileId: 'line-edits.zone' };
  const lines = LINES.slice();
  let zone = buildZone({ id: opts.fileId, lines, entries: [] }, { ...opts, incremental: true });
  let cut = [];
  for (let step = 0; step < 80; step++) {
    const oldCount = lines.length;
    const from = Math.floor(rand() * lines.length);
    let count = 0, text = [];
    const kind = rand();
    if (kind < 0.4) count = 1 + Math.floor(rand() * 40); // delete (cut) some lines
    else if (kind < 0.8) text = cut.length ? cut : hostLines(`r${step}`, 1 + Math.floor(rand() * 30)); // paste
    else { count = 1 + Math.floor(rand() * 5); text = hostLines(`s${step}`, 1 + Math.floor(rand() * 5)); } // replace
    count = Math.min(count, lines.length - from);
    const removed = lines.splice(from, count, ...text);
    if (count) cut = removed;
    zone = reparse(zone, lines, { from, to: from + text.length - 1 }, oldCount, opts).zone;
    const fresh = buildZone({ id: opts.fileId, lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
    assert.deepEqual(modelKeys(zone), modelKeys(fresh), `step ${step}: ${count} lines from ${from} replaced by ${text.length}`);
  }
});
