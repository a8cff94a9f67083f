// Grammar test harness: tokenizes zone files with the real TextMate engine VS Code
// uses (vscode-textmate + vscode-oniguruma) and checks inline scope assertions.
// Assertion lines are zone comments under the line they check:
//   ;    ^^^^ storage.type.rr.dns-zone          columns under the carets carry the scope
//   ;<-- entity.name.tag.owner.dns-zone         columns 0..1 (one per dash) carry it
//   ;    ^^ - constant.other.hex.dns-zone       '-' : the scope must NOT be there
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'dns-zone.tmLanguage.json');

let registryPromise;
async function registry() {
  registryPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p) => new oniguruma.OnigScanner(p),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => scopeName === 'source.dns-zone'
        ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : null,
    });
  })();
  return registryPromise;
}

/** Tokenize text; returns per line [{ start, end, text, scopes }]. */
export async function tokenize(text) {
  const grammar = await (await registry()).loadGrammar('source.dns-zone');
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const ASSERT = /^;(\s*)(\^+|<-+)\s+(.+)$/;

/** Parse the inline assertions of a fixture: [{ line, from, to, scopes, negative, source }]. */
export function parseAssertions(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  let target = -1;
  lines.forEach((l, i) => {
    const m = ASSERT.exec(l);
    if (!m) { target = i; return; }
    if (target < 0) throw new Error(`line ${i + 1}: assertion before any line`);
    const marks = m[2];
    const from = marks.startsWith('<') ? 0 : 1 + m[1].length;
    const to = marks.startsWith('<') ? marks.length - 1 : from + marks.length;
    const negative = m[3].startsWith('- ');
    const scopes = m[3].replace(/^- /, '').trim().split(/\s+/);
    out.push({ line: target, from, to, scopes, negative, source: i + 1 });
  });
  return out;
}

/** Check a fixture; returns { count, failures: string[] }. */
export async function checkFixture(text) {
  const tokens = await tokenize(text);
  const assertions = parseAssertions(text);
  const failures = [];
  for (const a of assertions) {
    for (let col = a.from; col < a.to; col++) {
      const tok = tokens[a.line].find((t) => t.start <= col && col < t.end);
      const have = tok ? tok.scopes : [];
      for (const s of a.scopes) {
        if (have.includes(s) === a.negative) {
          failures.push(`assertion on line ${a.source}: column ${col} of line ${a.line + 1} ` +
            `(${JSON.stringify(tok?.text ?? '')}) ${a.negative ? 'has' : 'lacks'} ${s}; scopes: ${have.join(' ')}`);
        }
      }
    }
  }
  return { count: assertions.length, failures };
}
