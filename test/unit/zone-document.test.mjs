// The server's copy of an open document (ZoneDocument): after each incremental edit its lines are
// the client's, whatever the line ends (LF, CRLF, lone CR, mixed, and edits that join or split
// them), and the lines it marks dirty cover every line that changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ZoneDocument, splitLines } from '../../dist/core.js';
import { rng } from '../helpers/fuzz-mutate.mjs';

/** Applies `insert` over [a, b) of `text` as a client does, with LSP positions. */
function edit(doc, text, a, b, insert) {
  const ref = TextDocument.create('file:///x.zone', 'dns-zone', 1, text);
  const range = { start: ref.positionAt(a), end: ref.positionAt(b) };
  const next = text.slice(0, a) + insert + text.slice(b);
  const before = [...doc.lines];
  doc.dirty = undefined;
  doc.apply([{ range, text: insert }], doc.version + 1);
  assert.deepEqual(doc.lines, splitLines(next), `${JSON.stringify(insert)} at ${a}-${b} of ${JSON.stringify(text)}`);
  // outside the dirty region the lines are the old ones, shifted by the change in count
  const { from, to } = doc.dirty;
  const shift = doc.lines.length - before.length;
  for (let l = 0; l < doc.lines.length; l++) {
    if (l >= from && l <= to) continue;
    assert.equal(doc.lines[l], l < from ? before[l] : before[l - shift], `line ${l} changed outside the dirty region ${from}-${to}`);
  }
  return { next, dirty: doc.dirty };
}

test('a new, empty document that an editor with CRLF files fills keeps CRLF line-wise: a keystroke dirties its own line', () => {
  const doc = new ZoneDocument('file:///new.zone', 1, '');
  let text = '';
  ({ next: text } = edit(doc, text, 0, 0, '$ORIGIN example.com.\r\n$TTL 300\r\nwww A 192.0.2.1\r\nmail A 192.0.2.2\r\n'));
  const at = text.indexOf('www') + 1;
  const { dirty } = edit(doc, text, at, at, 'x');
  assert.deepEqual(dirty, { from: 2, to: 2 });
  assert.equal(doc.getText(), doc.lines.join('\n'), 'kept as lines, not as a whole text');
  assert.equal(doc.eol, '\r\n', 'the edits the server makes (formatting, quick-fixes) end their lines as the document does');
});

test('random edits of documents with mixed line ends: the lines are the client\'s, and the dirty region covers every change', () => {
  const r = rng(2026);
  const pieces = ['\r', '\n', '\r\n', 'x', 'w A 192.0.2.1', '', '  IN TXT "t"'];
  for (const start of ['', 'a\nb\nc\n', 'a\r\nb\r\nc\r\n', 'a\rb\rc\r', 'a\r\nb\nc\rd']) {
    const doc = new ZoneDocument('file:///mixed.zone', 1, start);
    let text = start;
    for (let k = 0; k < 300; k++) {
      // never between the two characters of a '\r\n' (no LSP position is there)
      const whole = (o) => (text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
      const a = whole(r.int(text.length + 1));
      const b = Math.max(a, whole(Math.min(text.length, a + (r.next() < 0.6 ? 0 : r.int(5)))));
      ({ next: text } = edit(doc, text, a, b, r.pick(pieces)));
    }
  }
});

test('a paste of 130 000 lines into a line is applied whole (spread into one call, it overflowed the stack and was lost)', () => {
  const doc = new ZoneDocument('file:///paste.zone', 1, '$ORIGIN example.com.\nend A 192.0.2.9\n');
  const pasted = Array.from({ length: 130000 }, (_, i) => `h${i} 3600 A 192.0.2.1`).join('\n') + '\n';
  const { next } = edit(doc, '$ORIGIN example.com.\nend A 192.0.2.9\n', 21, 21, pasted);
  assert.equal(doc.lines.length, 130003);
  assert.equal(doc.lines[130001], 'end A 192.0.2.9');
  assert.equal(doc.getText(), next);
});
