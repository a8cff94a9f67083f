// cds-no-dnskey and cdnskey-no-dnskey beyond their fixtures: the error when no record of the RRset
// matches a key, BIND's refusal when no key has the algorithm, the delete requests left alone,
// the digest types, and the editor's cache after a DNSKEY is deleted and pasted back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { findingsAfterEachStep } from '../helpers/edit-steps.mjs';

const read = (name) => readFileSync(fileURLToPath(new URL(`../fixtures/rules/${name}`, import.meta.url)), 'utf8');
const cdsZone = read('cds-no-dnskey.zone');
const cdnskeyZone = read('cdnskey-no-dnskey.zone');
const host = { now: () => new Date('2025-06-01T00:00:00Z'), options: {} };
const found = (text, id) => core.checkText(text, { fileId: 'z.zone', host }).findings.filter((f) => f.ruleId === id);
const records = (text, type) => text.split('\n').filter((l) => l.startsWith(`@        ${type} `));
const head = (text) => text.split('\n').filter((l) => !/^@\s+C(DS|DNSKEY)\s/.test(l) && !l.startsWith(';')).join('\n');

test('CDS: the digests of both keys (SHA-256 and SHA-384) match; one matching nothing alone is an error', () => {
  const [good256, good384, bad] = records(cdsZone, 'CDS');
  assert.deepEqual(found(`${head(cdsZone)}\n${good256}\n${good384}\n`, 'cds-no-dnskey'), []);
  const [only] = found(`${head(cdsZone)}\n${bad}\n`, 'cds-no-dnskey');
  assert.equal(only.severity, 'error');
  assert.match(only.message, /^this CDS matches no DNSKEY: this is the digest of the DNSKEY with key tag 32598, not 26382: the key tag is wrong; no CDS of the zone matches a DNSKEY: a parent that acts on them publishes DS records that authenticate nothing, and the zone goes bogus \(DANE senders defer its mail: 5\.7\.324 dnssec-invalid\)/);
  // a digest of no key at all
  const [none] = found(`${head(cdsZone)}\n${bad.replace(/ [0-9A-F]{64}$/, ` ${'AB'.repeat(32)}`)}\n`, 'cds-no-dnskey');
  assert.match(none.message, /^this CDS matches no DNSKEY: no DNSKEY with key tag 26382 and algorithm 15 has this digest \(type 2\);/);
  // a digest type not computed here (3, GOST) is not judged; an algorithm no key has is, as BIND refuses it
  assert.deepEqual(found(`${head(cdsZone)}\n${bad.replace(' 15 2 ', ' 15 3 ')}\n`, 'cds-no-dnskey'), []);
  const [alg] = found(`${head(cdsZone)}\n${good256.replace(' 15 2 ', ' 13 2 ')}\n`, 'cds-no-dnskey');
  assert.match(alg.message, /no DNSKEY of the zone has algorithm 13, and BIND refuses the zone \("CDS\/CDNSKEY consistency checks failed"\)/);
  // the delete request (RFC 8078 §4) names no key
  assert.deepEqual(found(`${head(cdsZone)}\n@ CDS 0 0 0 00\n`, 'cds-no-dnskey'), []);
  // not at the apex: not a request to the parent
  assert.deepEqual(found(`${head(cdsZone)}\nsub CDS ${bad.split(/\s+/).slice(2).join(' ')}\n`, 'cds-no-dnskey'), []);
});

test('CDNSKEY: a copy of a DNSKEY matches; other flags alone are an error; the delete request is left alone', () => {
  const [good, bad] = records(cdnskeyZone, 'CDNSKEY');
  assert.deepEqual(found(`${head(cdnskeyZone)}\n${good}\n`, 'cdnskey-no-dnskey'), []);
  const [only] = found(`${head(cdnskeyZone)}\n${bad}\n`, 'cdnskey-no-dnskey');
  assert.equal(only.severity, 'error');
  assert.match(only.message, /^this CDNSKEY matches no DNSKEY: it is none of the zone's 2 DNSKEY records/);
  assert.deepEqual(found(`${head(cdnskeyZone)}\n@ CDNSKEY 0 3 0 AA==\n`, 'cdnskey-no-dnskey'), []);
  const noKeys = head(cdnskeyZone).split('\n').filter((l) => !l.includes(' DNSKEY ')).join('\n');
  assert.match(found(`${noKeys}\n${good}\n`, 'cdnskey-no-dnskey')[0].message, /: the zone has no DNSKEY at its apex;/);
});

test('while typing: the DNSKEY a CDS names deleted makes it an error, pasted back it matches again', () => {
  const text = `${head(cdsZone)}\n${records(cdsZone, 'CDS')[0]}\n`;
  const lines = text.split('\n');
  const key = lines.findIndex((l) => l.startsWith('@        DNSKEY 257 3 15 edudi'));
  const steps = [[key, '; gone'], [key, lines[key]]];
  assert.deepEqual(findingsAfterEachStep(text, steps).map((fs) => fs.filter((f) => f.ruleId === 'cds-no-dnskey').map((f) => f.severity)), [['error'], []]);
});

test('hover: a CDS names the DNSKEY it is the digest of; a CDNSKEY its key tag and the DNSKEY it copies', () => {
  for (const [text, want] of [
    [cdsZone, ['The digest of the DNSKEY at line 9 (key tag 26382)', 'The digest of the DNSKEY at line 10 (key tag 32598)', undefined]],
    [cdnskeyZone, ['Key tag **26382**: what DS and RRSIG records name this key by (RFC 4034 App. B); the DNSKEY at line 8', 'Key tag **32597**: what DS and RRSIG records name this key by (RFC 4034 App. B)']],
  ]) {
    const lines = text.split('\n');
    const zone = core.buildZone({ id: 'f.zone', lines, entries: [] }, { fileId: 'f.zone' });
    const got = lines.flatMap((l, i) => (/^@\s+C(DS|DNSKEY)\s/.test(l) ? [core.hoverAt(zone, i, 30).markdown.split('\n\n').pop()] : []));
    assert.deepEqual(got.map((g) => (g.startsWith('Key tag') || g.startsWith('The digest') ? g : undefined)), want);
  }
});

/** The text with one fix's edits applied (ranges in lines and UTF-16 columns). */
function applyFix(text, fix) {
  const lines = text.split('\n');
  for (const e of [...fix.edits].reverse()) {
    const { startLine, startCol, endLine, endCol } = e.range;
    const head = lines[startLine].slice(0, startCol);
    const tail = lines[endLine].slice(endCol);
    lines.splice(startLine, endLine - startLine + 1, ...(head + e.newText + tail).split('\n'));
  }
  return lines.join('\n');
}

test('quick-fixes: "Write the CDS of the DNSKEY with key tag N" and "Copy the DNSKEY with key tag N" for each key-signing key; applied, the finding is gone', () => {
  const cds = core.RULES.find((r) => r.id === 'cds-no-dnskey');
  const bad = records(cdsZone, 'CDS')[2];
  const text = `${head(cdsZone)}\n${bad}\n`;
  const [f] = found(text, 'cds-no-dnskey');
  const fixes = cds.fixes(f.data);
  assert.deepEqual(fixes.map((x) => x.title), ['Write the CDS of the DNSKEY with key tag 26382', 'Write the CDS of the DNSKEY with key tag 32598']);
  for (const fix of fixes) {
    const fixed = applyFix(text, fix);
    assert.deepEqual(found(fixed, 'cds-no-dnskey'), [], fixed);
    assert.match(fixed, new RegExp(`^@ +CDS +${fix.title.slice(-5)} 15 2 [0-9A-F]{64}$`, 'm'));
  }
  // the first of them is the digest dnssec-dsfromkey wrote for that key (the fixture's first CDS)
  assert.ok(applyFix(text, fixes[0]).includes(records(cdsZone, 'CDS')[0].split(/\s+/).slice(2).join(' ')));
  const cdnskey = core.RULES.find((r) => r.id === 'cdnskey-no-dnskey');
  const wrong = `${head(cdnskeyZone)}\n${records(cdnskeyZone, 'CDNSKEY')[1]}\n`;
  const [g] = found(wrong, 'cdnskey-no-dnskey');
  const copy = cdnskey.fixes(g.data);
  assert.deepEqual(copy.map((x) => x.title), ['Copy the DNSKEY with key tag 26382', 'Copy the DNSKEY with key tag 32598']);
  assert.deepEqual(found(applyFix(wrong, copy[1]), 'cdnskey-no-dnskey'), []);
});

test('quick-fixes never write a copy of a CDS or CDNSKEY the RRset holds already', () => {
  const cds = core.RULES.find((r) => r.id === 'cds-no-dnskey');
  const [good256, good384, bad] = records(cdsZone, 'CDS');
  // both keys have a CDS: nothing to write (the message says to remove this one)
  const [both] = found(`${head(cdsZone)}\n${good256}\n${good384}\n${bad}\n`, 'cds-no-dnskey');
  assert.deepEqual([both.severity, cds.fixes(both.data).map((x) => x.title)], ['warning', []]);
  const [one] = found(`${head(cdsZone)}\n${good256}\n${bad}\n`, 'cds-no-dnskey');
  assert.deepEqual(cds.fixes(one.data).map((x) => x.title), ['Write the CDS of the DNSKEY with key tag 32598']);
  const cdnskey = core.RULES.find((r) => r.id === 'cdnskey-no-dnskey');
  const [copy, wrong] = records(cdnskeyZone, 'CDNSKEY');
  const [g] = found(`${head(cdnskeyZone)}\n${copy}\n${wrong}\n`, 'cdnskey-no-dnskey');
  assert.deepEqual(cdnskey.fixes(g.data).map((x) => x.title), ['Copy the DNSKEY with key tag 32598']);
});
