// Types a zone one line at a time, as the editor gets it: each step replaces one line, the
// document is re-parsed incrementally and the rules are updated from the editor's cache.
// After each step the cached findings must equal a full rule run over a fresh editor model
// and the `dane-zone check` column store's findings of the same text, and what the cache keeps
// for the next edit (cut names, names that exist for those below them, the names linked below
// each name) must equal a fresh build's.
// Steps that delete or paste lines also check where the model puts every entry and record.
import assert from 'node:assert/strict';
import { buildZone, reparse, splitLines, RuleCache, runRules, checkText, problemFindings, absRange, cutNames, ancestorNames, entryLine, withoutIgnored, whyNotIgnorable } from '../../dist/core.js';

export const host = { now: () => new Date('2026-01-01T00:00:00Z'), options: {} };

const relatedKeys = (f) => (f.related ?? []).map((r) => `${JSON.stringify(absRange(r.loc))} ${r.message}`).join('; ');
/** Findings as sortable strings: rule, severity, range, message and related locations. */
export const findingKeys = (list) => list.map((f) => `${f.ruleId} ${f.severity} ${JSON.stringify(absRange(f.loc))} ${f.message} [${relatedKeys(f)}]`).sort();

/** Applies `steps` ([line, text]: the line replaced) one at a time and returns the editor's
 *  findings (problems and rules) after each step. */
export function findingsAfterEachStep(base, steps, fileId = 'mem.zone') {
  return findingsAfterEachSplice(base, steps.map(([line, text]) => [line, 1, [text]]), fileId);
}

/** Where the model puts each entry and record, and the order of each index's lists. */
export function modelKeys(zone) {
  const at = (r) => `${r.type} ${JSON.stringify(absRange(r.loc))}`;
  const lists = (index) => [...index].map(([k, v]) => `${k}: ${v.map(at).join(', ')}`).sort();
  return {
    entries: zone.file.entries.map((e) => `${entryLine(e)}+${e.lineCount}`).join(' '),
    records: zone.records.map(at),
    byOwner: lists(zone.byOwner),
    byType: lists(zone.byType),
    byTarget: lists(zone.byTarget),
  };
}

/** Like findingsAfterEachStep, for steps [from, count, lines] that replace `count` lines from
 *  line `from` by `lines` (lines deleted, pasted, or both); the model after each step must also
 *  place every entry, record and index list as a fresh build does. */
export function findingsAfterEachSplice(base, steps, fileId = 'mem.zone') {
  const editor = openInEditor(base, fileId);
  const { opts, lines, cache } = editor;
  const out = [];
  for (const [i, [from, count, text]] of steps.entries()) {
    const cached = editor.splice(from, count, text);
    const zone = editor.zone;
    const fresh = buildZone({ id: fileId, lines: lines.slice(), entries: [] }, { ...opts, incremental: true });
    const what = `step ${i}: lines ${from}..${from + count - 1} = ${JSON.stringify(text.length > 3 ? [...text.slice(0, 3), `(${text.length} lines)`] : text)}`;
    assert.deepEqual(modelKeys(zone), modelKeys(fresh), `${what} (edited model vs built)`);
    assert.deepEqual(findingKeys(cached), findingKeys(withoutIgnored(fresh, [...problemFindings(fresh), ...runRules(fresh, host, {})])), `${what} (editor cache vs full run)`);
    assert.deepEqual(findingKeys(cached), findingKeys(checkText(lines.join('\n'), { ...opts, host }).findings), `${what} (editor vs check)`);
    // the cut names the editor handed on from version to version answer as freshly built ones
    const cuts = (z) => {
      const names = cutNames(z);
      if (!names) return null;
      return [names.delegations, names.dnames].map((set) => [set.size, [...z.byOwner.keys()].filter((k) => set.holdsAbove(k, true)).sort().join(' ')]);
    };
    const carried = cuts(zone);
    const built = cuts(fresh);
    if (carried || built) assert.deepEqual(carried ?? [[0, ''], [0, '']], built ?? [[0, ''], [0, '']], `${what} (cut names handed on vs built)`);
    // the names that exist for the names below them, handed on from version to version when a
    // rule asked (wildcards answer only names that do not exist), as a fresh build finds them
    const ancestors = ancestorNames(zone);
    if (ancestors) assert.deepEqual(ancestors, ancestorNames(fresh, true), `${what} (existing names handed on vs built)`);
    // the names a moved cut is walked down from, kept up to date by each edit, as a full check links them
    const freshCache = new RuleCache();
    freshCache.full(fresh, host, {});
    assert.deepEqual(cache.linkedNames(), freshCache.linkedNames(), `${what} (names linked for moved cuts, edited vs built)`);
    out.push(cached);
  }
  return out;
}

/** A document as the editor keeps it: its lines, model and rule cache; `splice` replaces
 *  `count` lines from `from` by `text` and returns the findings the editor publishes. */
function openInEditor(base, fileId) {
  // as the editor reads a zone (zone-store.ts): ignore comments' ids looked up
  const opts = { fileId, ignorable: whyNotIgnorable };
  const lines = splitLines(base);
  const cache = new RuleCache();
  const editor = {
    opts, lines, cache,
    zone: buildZone({ id: fileId, lines, entries: [] }, { ...opts, incremental: true }),
    splice(from, count, text) {
      const oldCount = lines.length;
      lines.splice(from, count, ...text);
      const r = reparse(editor.zone, lines, { from, to: from + text.length - 1 }, oldCount, opts);
      editor.zone = r.zone;
      // as the editor publishes them: without what the zone's ignore comments silence
      return withoutIgnored(r.zone, [...problemFindings(r.zone), ...cache.update(r.zone, r.removed, r.added, host, {})]);
    },
  };
  cache.full(editor.zone, host, {});
  return editor;
}

/** The editor's findings after each step ([line, text]) with nothing else run in between, as in
 *  an editor: findingsAfterEachStep checks a fresh build between steps, which would hide a rule
 *  that keeps a stale answer from one edit to the next (a memo not keyed by the zone). */
export function editorFindingsAfterEachStep(base, steps, fileId = 'mem.zone') {
  const editor = openInEditor(base, fileId);
  return steps.map(([line, text]) => editor.splice(line, 1, [text]));
}
