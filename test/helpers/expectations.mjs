// Fixture zone files with their expected findings written inline, under the
// record they belong to (STYLE.md):
//
//   www   IN CNAME mail
//   www   IN A     192.0.2.1
//   ;^^ cname-and-other-data
//         ;  ^ another-rule        <- several expectation lines may stack
//
// An expectation line is a comment whose text is carets and a rule id. The
// carets mark the columns [first ^, last ^ + 1) on the nearest line above that
// is not itself an expectation line. The ';' counts as a caret when a caret
// follows it directly (';^^' marks columns 0..3), so findings at column 0 can be
// marked (a one-character token at column 0, like '@', cannot be: write the
// name out in the fixture). A finding whose range runs onto later lines is marked from its start
// column to the end of its first line's text. Anything after the rule id is a
// free note. Columns are UTF-16 units, as absRange gives them.
//
// checkFixture() asserts the exact set of findings: no more, no less.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const EXPECT_RE = /^(\s*);(\^*)(\s*)(\^*)\s+([a-z0-9][a-z0-9-]*)(?:\s.*)?$/i;

/** Parses the expectation lines of a fixture: [{ line, startCol, endCol, ruleId }] (0-based). */
export function parseExpectations(text) {
  const lines = text.split(/\r\n|\n|\r/);
  const out = [];
  let target = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = EXPECT_RE.exec(lines[i]);
    if (!m || (!m[2] && !m[4])) {
      target = i;
      continue;
    }
    const [, indent, glued, gap, carets, ruleId] = m;
    if (target < 0) throw new Error(`expectation on line ${i + 1} has no line above it`);
    let startCol;
    let width;
    if (glued) {
      // ';^^' : the ';' is the first marked column; nothing may follow after a gap
      if (carets) throw new Error(`line ${i + 1}: carets must be one run`);
      startCol = indent.length;
      width = 1 + glued.length;
    } else {
      startCol = indent.length + 1 + gap.length;
      width = carets.length;
    }
    out.push({ line: target, startCol, endCol: startCol + width, ruleId });
  }
  return out;
}

/** True when a line is an expectation line (so tools can skip it). */
export function isExpectationLine(line) {
  const m = EXPECT_RE.exec(line);
  return Boolean(m && (m[2] || m[4]));
}

/** The origin a fixture declares with `; origin: NAME` (first lines), if any. */
export function fixtureOrigin(text) {
  const m = /^;\s*origin:\s*(\S+)/m.exec(text);
  if (!m) return undefined;
  return m[1].endsWith('.') ? m[1] : `${m[1]}.`;
}

/** Reads $INCLUDEd files relative to the including file, as the CLI does. */
export function fsReadInclude(fromFileId, path) {
  const full = resolve(dirname(fromFileId), path);
  try {
    return { id: full, text: readFileSync(full, 'utf8') };
  } catch (e) {
    return { error: `cannot read ${path}: ${e.code ?? e.message}` };
  }
}

/** A RuleHost for tests: fixed clock (2025-06-01 unless given), no file access unless given. */
export function testHost(over = {}) {
  const now = over.now ?? new Date('2025-06-01T00:00:00Z');
  return { options: {}, ...over, now: () => now };
}

function key(f) {
  return `${f.line + 1}:${f.startCol}-${f.endCol} ${f.ruleId}`;
}

/** Findings of checkText in the expectation form, only those in the fixture file itself. */
export function actualFindings(core, text, fileId, lines, opts = {}) {
  const { findings } = core.checkText(text, {
    fileId,
    origin: opts.origin ?? fixtureOrigin(text),
    readInclude: opts.readInclude ?? fsReadInclude,
    host: opts.host ?? testHost(),
    settings: opts.settings,
  });
  const out = [];
  for (const f of findings) {
    if (f.loc.file.id !== fileId) continue;
    if (opts.ignore?.includes(f.ruleId)) continue;
    const r = core.absRange(f.loc);
    const endCol = r.endLine === r.startLine ? r.endCol : (lines[r.startLine] ?? '').trimEnd().length;
    out.push({ line: r.startLine, startCol: r.startCol, endCol, ruleId: f.ruleId, severity: f.severity, message: f.message });
  }
  return out;
}

/**
 * Checks one fixture file: the findings dane-zone reports must be exactly the
 * expected ones. opts: { origin, host, settings, readInclude, ignore: [ruleId] }.
 * Returns the actual findings (with severity and message) for further asserts.
 */
export function checkFixture(core, file, opts = {}) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r\n|\n|\r/);
  const expected = parseExpectations(text).filter((e) => !opts.ignore?.includes(e.ruleId));
  const actual = actualFindings(core, text, resolve(file), lines, opts);
  const exp = expected.map(key).sort();
  const act = actual.map(key).sort();
  const detail = actual
    .map((f) => `  ${key(f)} [${f.severity}] ${f.message}\n      | ${lines[f.line] ?? ''}`)
    .join('\n');
  assert.deepStrictEqual(act, exp, `findings of ${file} differ from its inline expectations; dane-zone reported:\n${detail}`);
  return actual;
}

/** All *.zone fixtures under a folder (recursively), sorted. */
export function fixtureFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.zone')) out.push(p);
    }
  };
  walk(dir);
  return out;
}
