// Differential fuzz: seeded mutations of the valid corpus (test/helpers/fuzz-mutate.mjs),
// each checked by BIND (named-checkzone -i local, the reference) and by dane-zone's core.
// - BIND rejects: dane-zone reports an error covering every line BIND names (or at
//   least one error when BIND names none);
// - BIND accepts: dane-zone reports no error, and its records equal what
//   ldns-read-zone or named-compilezone read (normalised as in test/helpers/peers.mjs);
// - always: checkText does not throw and returns within TIME_BOUND_MS.
// Where dane-zone is deliberately stricter or looser than BIND the case is matched
// by ALLOWED below, each entry with its reason. DZ_FUZZ_SEED / DZ_FUZZ_CASES
// override the seed and the number of cases (default: fixed, small, for CI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { bindCheck, bindRecords, corpusOrigin, ldnsRead, normaliseRecord } from '../helpers/peers.mjs';
import { fsReadInclude } from '../helpers/expectations.mjs';
import { mutate, rng } from '../helpers/fuzz-mutate.mjs';

const SEED = Number(process.env.DZ_FUZZ_SEED ?? 20261127);
const CASES = Math.min(Number(process.env.DZ_FUZZ_CASES ?? 240), 2000);
// generous: the largest corpus file parses in about a millisecond; a hang or a
// quadratic blow-up on a mutated line shows up as seconds
const TIME_BOUND_MS = 2000;

const validDir = fileURLToPath(new URL('../fixtures/corpus/valid/', import.meta.url));

// what BIND says about a line only because of an earlier error (see LINE_EXCUSES)
const FOLLOW_ON = /no current owner name|no TTL specified; zone rejected|not at top of zone/;

/**
 * Lines BIND names that dane-zone deliberately does not mark. Each: a predicate on
 * ({ line, said, lines, errors }) where `said` is what BIND says about that line and
 * `lines` the mutated file's lines, and why. The rest of the case is still checked.
 */
const LINE_EXCUSES = [
  {
    // BIND reads an unclosed '(' to the end of the file and names the last line
    // (or one past it). dane-zone names the '(' itself and resynchronises at the
    // next directive line, so one missing ')' is one diagnostic where the fix goes.
    why: "unclosed '(': BIND names the end of the file, dane-zone the '('",
    when: ({ said, errors }) => /unbalanced parentheses/.test(said) && errors.some((f) => /unclosed '\('/.test(f.message)),
  },
  {
    // BIND reads the lines below an unclosed '(' as its data and fails in them ("bad base64
    // encoding", "extra input text"); dane-zone ends the entry before the first line below
    // that reads as a record, names the '(', and reads the records after it as records.
    why: "unclosed '(': BIND fails in the records below it, dane-zone names the '('",
    when: ({ line, lines, errors }) => errors.some((f) => readOnPast(f.loc.entry, line, lines)),
  },
  {
    // After an error dane-zone keeps what it could read of the entry (so one typo is
    // one diagnostic); BIND drops the entry (or skips the next one, after a bad
    // directive) and then reports what follows from the loss: records below with
    // "no current owner name", "no TTL specified" (the SOA was lost) or "not at top
    // of zone" (it applied half a bad $ORIGIN). The cause carries dane-zone's error.
    why: 'BIND follow-on after an earlier error that dane-zone reports',
    when: ({ line, said, errors }) => FOLLOW_ON.test(said) &&
      errors.some((f) => core.absRange(f.loc).startLine + 1 < line),
  },
  {
    // After a bad $ORIGIN/$TTL/$INCLUDE BIND leaves the rest of the directive
    // unread and then trips over the next line ("extra input text"); that line
    // is fine, the directive above it carries dane-zone's error.
    why: 'BIND follow-on after a failed directive',
    when: ({ line, said, lines, errors }) => /extra input text/.test(said) && /^\$/.test(lines[line - 2] ?? '') &&
      errors.some((f) => covers(f, line - 1)),
  },
];

/** True when BIND's (1-based) `line` is one it read as data of the unclosed entry `e`: below the
 *  lines dane-zone kept for it, before any directive line, within MAX_ENTRY_LINES of its start. */
function readOnPast(e, line, lines) {
  if (!e.unclosed) return false;
  const first = core.entryLine(e);
  if (line <= first + e.lineCount || line - first > core.MAX_ENTRY_LINES) return false;
  for (let i = first + e.lineCount; i < line; i++) if ((lines[i] ?? '').startsWith('$')) return false;
  return true;
}

/**
 * Rules whose errors BIND does not have (dane-zone is deliberately stricter): a
 * file BIND loads may carry these errors and nothing else.
 */
const STRICTER_RULES = {
  // A second, identical SOA line: BIND merges the duplicate silently (RFC 2181 §5);
  // a copied SOA line is a mistake worth an error.
  'soa-multiple': 'BIND merges an identical second SOA',
  // RFC 6698 §2.1.3 / RFC 7671: a SHA2-256 digest is 32 octets; BIND stores any length.
  'tlsa-digest-length': 'a TLSA digest of the wrong length never matches; BIND does not check',
  // Mail-policy rules: BIND checks DNS syntax, not what receivers do with TXT data.
  'tlsrpt-multiple': 'two TLS-RPT TXT records (RFC 8460 §3)',
  'spf-syntax': 'an SPF TXT receivers reject (RFC 7208 §5)',
  'dmarc-syntax': 'a DMARC TXT receivers ignore (RFC 7489 §6.3)',
  'tlsrpt-syntax': 'a TLS-RPT TXT senders ignore (RFC 8460 §3)',
  'mta-sts-syntax': 'an MTA-STS TXT senders ignore (RFC 8461 §3.1)',
  'dkim-syntax': 'a DKIM key record verifiers cannot use (RFC 6376 §3.6.1)',
  // Two identical TXT lines are one record to BIND (it merges them); these rules
  // count the lines. Open question for the rules' owner: see the QA report.
  'spf-multiple': 'two SPF TXT records (RFC 7208 §4.5)',
  'dmarc-multiple': 'two DMARC TXT records (RFC 7489 §6.6.3)',
};

/**
 * Not deliberate: zone-level checks BIND makes at load time that dane-zone's rules
 * do not have yet (rules are another engineer's area; reported as open). Matched
 * only when BIND's sole complaint is this one, so a case with more still fails.
 */
const KNOWN_GAPS = [
  { why: 'no rule for an apex without NS records', said: /has no NS records/ },
  { why: 'no rule for CDS/CDNSKEY consistency with DNSKEY', said: /CDS\/CDNSKEY consistency checks failed/ },
  // dane-zone takes the first SOA's owner as the zone's origin; BIND knows the zone's name
  { why: 'no check that the SOA is at the origin given by the host', said: /SOA record not at top of zone|has 0 SOA records/ },
];

/** Whole cases where dane-zone's verdict differs from BIND's, and why. */
const CASE_EXCUSES = [
  {
    why: 'only errors from rules BIND does not have',
    when: ({ bind, errors }) => bind.ok && errors.length > 0 && errors.every((f) => f.ruleId in STRICTER_RULES),
  },
  {
    // BIND reads a $GENERATE range with sscanf and ignores what follows it
    // ('1-1junk' is 1-1); dane-zone refuses the range, since the junk is a typo.
    why: '$GENERATE range with trailing text',
    when: ({ bind, errors }) => bind.ok && errors.length > 0 && errors.every((f) => /^\$GENERATE: expected a range/.test(f.message)),
  },
  {
    // Both see an in-zone NS target without A/AAAA; BIND only warns when the target
    // sits at or below a delegation (the glue is the child's business), dane-zone's
    // target-no-address is an error either way: the delegation is lame without it.
    why: 'NS target without address below a delegation: BIND warns, dane-zone errs',
    when: ({ bind, errors }) => bind.ok && bind.messages.some((m) => /has no address records/.test(m)) &&
      errors.length > 0 && errors.every((f) => f.ruleId === 'target-no-address' || f.ruleId in STRICTER_RULES),
  },
  {
    why: 'a known gap (KNOWN_GAPS)',
    when: ({ bind, errors }) => !bind.ok && errors.length === 0 &&
      bind.lines.every((l) => bind.messages.some((m) => m.includes(`:${l}:`) && (FOLLOW_ON.test(m) || KNOWN_GAPS.some((g) => g.said.test(m))))) &&
      KNOWN_GAPS.some((g) => bind.messages.some((m) => g.said.test(m))),
  },
];

function cases() {
  const files = readdirSync(validDir).filter((n) => n.endsWith('.zone')).sort();
  const texts = files.map((n) => [n, readFileSync(join(validDir, n), 'utf8')]);
  const r = rng(SEED);
  const out = [];
  // bounded: at most 4 tries per wanted case (an operator may not apply to a line)
  for (let tries = 0; out.length < CASES && tries < CASES * 4; tries++) {
    const [name, text] = texts[out.length % texts.length];
    const m = mutate(text, r);
    if (m && m.text !== text) out.push({ n: out.length, name, ...m });
  }
  return out;
}

function covers(f, line) {
  const e = f.loc.entry;
  return line - 1 >= core.entryLine(e) && line - 1 < core.entryLine(e) + e.lineCount;
}

function describe(findings) {
  return findings.map((f) => `  ${core.absRange(f.loc).startLine + 1}: [${f.severity}] ${f.ruleId} ${f.message}`).join('\n') || '  (none)';
}

// A set, not a multiset: BIND merges identical records of an RRset (RFC 2181 §5);
// dane-zone keeps both and warns (duplicate-record).
const multiset = (lines, ttl = true) => [...new Set(lines.map((l) => normaliseRecord(spelling(l))).map((l) => (ttl ? l : l.replace(/^(\S+) \d+ /, '$1 '))))].sort();

// Spellings of the same data: named-compilezone writes base64 of keys and
// signatures in blank-separated chunks and SvcParam values as 'key="value"';
// dane-zone keeps an escaped blank in a name as written ('back\ '), which the
// record tokenizer would split. Written one way here.
function spelling(line) {
  line = line.replace(/\\ /g, '\\032').replace(/\\\t/g, '\\009');
  const m = /^(\S+\s+\d+\s+(?:IN\s+)?(?:C?DNSKEY|RRSIG)\s+)(.*)$/i.exec(line);
  if (m) line = m[1] + m[2].replace(/([A-Za-z0-9+/=]{8,})\s+(?=[A-Za-z0-9+/=]+(\s|$))/g, '$1');
  return line.replace(/(\b[a-z0-9-]+=) ?"([^"\\]*)"/g, '$1$2');
}

const dir = mkdtempSync(join(tmpdir(), 'dz-fuzz-'));
cpSync(join(validDir, 'inc'), join(dir, 'inc'), { recursive: true });
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const all = cases();
let elapsedMax = 0;

test('fuzz: the seed yields the wanted number of cases over several operators', () => {
  assert.equal(all.length, CASES);
  assert.ok(new Set(all.map((c) => c.op)).size >= 10, 'too few distinct operators');
});

for (const c of all) {
  test(`fuzz #${c.n} ${c.name} line ${c.line} ${c.op}: ${c.detail.trim().slice(0, 70)}`, () => {
    const path = join(dir, `case-${c.n}-${c.name}`);
    writeFileSync(path, c.text);
    const origin = corpusOrigin(path);
    const t0 = performance.now();
    let result;
    assert.doesNotThrow(() => { result = core.checkText(c.text, { fileId: path, origin, readInclude: fsReadInclude }); });
    const ms = performance.now() - t0;
    elapsedMax = Math.max(elapsedMax, ms);
    assert.ok(ms < TIME_BOUND_MS, `checkText took ${ms.toFixed(0)} ms`);
    const { zone, findings } = result;
    const errors = findings.filter((f) => f.severity === 'error' && f.loc.file.id === path);
    const bind = bindCheck(path, origin);
    if (CASE_EXCUSES.some((x) => x.when({ bind, errors }))) return;
    const lines = c.text.split('\n');
    const say = `\nline ${c.line}: ${lines[c.line - 1]}\nBIND: ${bind.messages.join(' | ')}\ndane-zone:\n${describe(findings)}`;
    if (!bind.ok) {
      assert.ok(errors.length > 0, `BIND rejects, dane-zone reports no error${say}`);
      for (const line of bind.lines) {
        if (errors.some((f) => covers(f, line))) continue;
        const said = bind.messages.filter((m) => m.includes(`:${line}:`)).join(' | ');
        if (LINE_EXCUSES.some((x) => x.when({ line, said, lines, errors }))) continue;
        assert.fail(`BIND names line ${line}; dane-zone has no error there${say}`);
      }
      return;
    }
    assert.deepEqual(errors.map((f) => `${core.absRange(f.loc).startLine + 1}: ${f.message}`), [], `BIND accepts, dane-zone reports errors${say}`);
    const ours = zone.records.map((r) => core.presentRecord(r));
    const ldns = ldnsRead(path, origin);
    if (ldns.ok && JSON.stringify(multiset(ours)) === JSON.stringify(multiset(ldns.records))) return;
    // named-compilezone drops out-of-zone records
    const b = bindRecords(path, origin);
    const inZone = zone.records.filter((r) => core.isInZone(r.ownerKey, zone.origin)).map((r) => core.presentRecord(r));
    // BIND makes an RRset's TTLs equal ("TTL set to prior TTL"); dane-zone keeps each
    // record's TTL and its rules report the mismatch (RFC 2181 §5.2): compare without TTLs then
    const ttl = !bind.messages.some((m) => /TTL set to prior TTL/.test(m));
    assert.deepEqual(multiset(inZone, ttl), multiset(b.records, ttl), `records differ from named-compilezone (and ldns ${ldns.ok ? 'differs too' : 'cannot read it'})${say}`);
  });
}

test('fuzz: checkText time bound held', () => {
  assert.ok(elapsedMax < TIME_BOUND_MS, `slowest case ${elapsedMax.toFixed(0)} ms`);
});
