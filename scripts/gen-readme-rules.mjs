// Writes the rule table into README.md between <!-- rules:start --> and
// <!-- rules:end --> from the rule registry (dist/core.js), so it cannot drift.
// `--check` exits 1 when the README is out of date (the unit test runs that).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = createRequire(import.meta.url)(join(root, 'dist', 'core.js'));

export function ruleTable() {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  const rows = [
    '| rule id | default | RFC | what it finds |',
    '|---|---|---|---|',
    ...core.PARSE_PROBLEM_CODES.map((p) => `| \`${p.id}\` | ${p.severity} | ${esc(p.rfc || '–')} | ${esc(p.summary)} |`),
    ...core.RULES.map((r) => `| \`${r.id}\` | ${r.defaultSeverity}${Object.entries(r.defaultSeverityByType ?? {}).map(([t, s]) => `; ${t}: ${s}`).join('')} | ${r.rfc.map((x) => `[${esc(x.label)}](${x.url})`).join(', ') || '–'} | ${esc(r.summary)} |`),
  ];
  return `<!-- rules:start -->\n${rows.join('\n')}\n<!-- rules:end -->`;
}

export function renderReadme(text) {
  return text.replace(/<!-- rules:start -->[\s\S]*?<!-- rules:end -->/, ruleTable());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(root, 'README.md');
  const before = readFileSync(path, 'utf8');
  const after = renderReadme(before);
  if (process.argv.includes('--check')) {
    if (before !== after) {
      console.error('README.md rule table is out of date: run node scripts/gen-readme-rules.mjs');
      process.exit(1);
    }
  } else if (before !== after) writeFileSync(path, after);
}
