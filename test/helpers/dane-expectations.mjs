// The DANE fixtures' additions to the shared inline-expectation syntax
// (test/helpers/expectations.mjs: caret lines under the line they mark):
// Placeholders `{{311:mx1.pem}}___…` (padded to the width of the value) are
// replaced with TLSA data computed by openssl from the generated certificates.
// `; test: now=+20d` shifts the rule host's clock; `; test: option k=v` sets an option.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { opensslTlsaData } from '../fixtures/dane/make-certs.mjs';
import { parseExpectations } from './expectations.mjs';

/** Expected findings `line:col-endcol rule` from caret lines (0-based lines; the shared syntax). */
export function expectations(text) {
  return parseExpectations(text).map((e) => `${e.line}:${e.startCol}-${e.endCol} ${e.ruleId}`).sort();
}

/** Fills `{{USM:file}}` placeholders (usage, selector, mtype digits) with openssl-computed data. */
export function fillPlaceholders(text, certDir) {
  return text.replace(/\{\{(\d)(\d)(\d):([^}]+)\}\}_*/g, (all, u, s, m, file) => {
    const data = opensslTlsaData(certDir, file, Number(s), Number(m));
    if (Number(m) === 1 && all.length !== data.length) throw new Error(`placeholder ${all} is ${all.length} wide, needs ${data.length}`);
    return data;
  });
}

/** Host options and clock from `; test:` lines. */
export function testSettings(text) {
  const options = {};
  let shiftDays = 0;
  for (const m of text.matchAll(/^; test: (now=([+-]\d+)d|option (\w+)=(\S+))$/gm)) {
    if (m[2]) shiftDays = Number(m[2]);
    else options[m[3]] = /^\d+$/.test(m[4]) ? Number(m[4]) : m[4];
  }
  return { options, now: () => new Date(Date.now() + shiftDays * 86400000) };
}

/** Writes the filled fixture into certDir (so relative cert= links resolve) and returns its path and text. */
export function placeFixture(fixturePath, certDir, name) {
  const text = fillPlaceholders(readFileSync(fixturePath, 'utf8'), certDir);
  const path = join(certDir, name);
  writeFileSync(path, text);
  return { path, text };
}

/** Actual findings in the same `line:col-endcol rule` form (single-line ranges; multi-line use the start line's end). */
export function actual(findings, absRange, ruleIds) {
  return findings
    .filter((f) => ruleIds.has(f.ruleId))
    .map((f) => {
      const r = absRange(f.loc);
      return `${r.startLine}:${r.startCol}-${r.startLine === r.endLine ? r.endCol : 'eol'} ${f.ruleId}`;
    })
    .sort();
}
