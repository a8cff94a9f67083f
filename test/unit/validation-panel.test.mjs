// The validation panel's HTML (client/src/validation/panel-html.ts, pure): built
// with esbuild and fed a report shaped like the engine's. Everything from the
// network is escaped (a hostile certificate subject cannot script the webview),
// verdicts get their colour class, fix buttons appear only where a fix exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const out = await build({ entryPoints: ['client/src/validation/panel-html.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
const { renderReport } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

const step = (s, status = 'ok') => ({ step: s, status, ms: 3, detail: `${s} detail` });
const evil = '<img src=x onerror=alert(1)>';
const report = {
  domain: 'example.com.', verdict: 'partial', ndr: null, tlsrpt: null, summary: 'one host fails',
  source: 'dns', resolver: '127.0.0.1:53', smtpPort: 25, startedAt: '2026-01-01T00:00:00Z', durationMs: 42,
  steps: [step('mx')], mx: { status: 'secure', records: ['10 mx1.example.com.', '20 mx2.example.com.'] },
  hosts: [
    { name: 'mx1.example.com.', preference: 10, tlsaBase: 'mx1.example.com.', tlsa: ['3 1 1 aa'], tlsaStatus: 'present',
      verdict: 'valid', reason: null, ndr: null, tlsrpt: null, detail: 'ok', steps: [step('tlsa')],
      addresses: [{ address: '192.0.2.1', family: 4, verdict: 'valid', reason: null, ndr: null, tlsrpt: null, detail: 'matched',
        steps: [step('connect')], chain: [], matched: '3 1 1 aa', wouldMatch: ['3 1 1 aa'] }] },
    { name: 'mx2.example.com.', preference: 20, tlsaBase: 'mx2.example.com.', tlsa: ['3 1 1 bb'], tlsaStatus: 'present',
      verdict: 'invalid', reason: 'tlsa-mismatch', ndr: '5.7.323', tlsrpt: 'tlsa-invalid', detail: 'no match', steps: [],
      addresses: [{ address: '192.0.2.2', family: 4, verdict: 'invalid', reason: 'tlsa-mismatch', ndr: '5.7.323', tlsrpt: 'tlsa-invalid',
        detail: 'no match', steps: [step('match', 'fail')], matched: null, wouldMatch: ['3 1 1 cc'],
        chain: [{ depth: 0, subject: `CN=${evil}`, issuer: 'CN=x', notBefore: 'a', notAfter: 'b', sans: [evil], selfSigned: true, ca: false, spkiSha256: 'cc', sha256Fingerprint: 'dd' }] }] },
  ],
};

test('hostile strings from the network are escaped, and only our nonce-d script runs', () => {
  const html = renderReport(report, { nonce: 'N0NCE', cspSource: 'vscode-resource:', canInsert: true });
  assert.ok(!html.includes(evil));
  assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-N0NCE'/);
  assert.equal(html.match(/<script/g).length, 1);
  assert.match(html, /<script nonce="N0NCE">/);
});

test('control characters from peers are shown as \\DDD in the panel, not passed on', () => {
  const r = structuredClone(report);
  r.hosts[1].addresses[0].steps[0].detail = '220 \x1b[2J\x1b]0;t\x07 \x9b ok';
  const html = renderReport(r, { nonce: 'n', cspSource: 'c', canInsert: true });
  assert.doesNotMatch(html, /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
  assert.match(html, /220 \\027\[2J\\027\]0;t\\007 \\155 ok/);
});

test('one card per host with its addresses, verdict colours and codes', () => {
  const html = renderReport(report, { nonce: 'n', cspSource: 'c', canInsert: true });
  assert.equal(html.match(/<section class="row host/g).length, 2);
  assert.match(html, /<section class="row host good">[\s\S]*mx1\.example\.com\./);
  assert.match(html, /<section class="row host bad">[\s\S]*mx2\.example\.com\./);
  assert.match(html, /class="badge warn">partial</);
  assert.match(html, /5\.7\.323 · tlsa-invalid/);
  assert.match(html, /<tr class="step fail"><td>match<\/td>/);
});

test('fix buttons only for an address that failed and has a record that would match; insert only with a zone', () => {
  const withZone = renderReport(report, { nonce: 'n', cspSource: 'c', canInsert: true });
  assert.equal(withZone.match(/data-action="copy"/g).length, 1);
  assert.match(withZone, /data-record="_25\._tcp\.mx2\.example\.com\. IN TLSA 3 1 1 cc"/);
  assert.equal(withZone.match(/data-action="insert"/g).length, 1);
  const noZone = renderReport(report, { nonce: 'n', cspSource: 'c', canInsert: false });
  assert.equal(noZone.match(/data-action="insert"/g), null);
});

test('records in the panel are blocks with room between lines: a wrapped line never paints over the underscores of _25._tcp', () => {
  const html = renderReport(report, { nonce: 'n', cspSource: 'c', canInsert: true });
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
  // the fix record and the TLSA list each sit in their own block code element
  assert.match(html, /<div class="fix"><code class="record">_25\._tcp\.mx2\.example\.com\. IN TLSA 3 1 1 cc<\/code>/);
  assert.match(html, /<code class="record">3 1 1 aa<\/code>/);
  const rule = /code\.record\s*\{([^}]*)\}/.exec(css);
  assert.ok(rule, 'a style rule for code.record');
  assert.match(rule[1], /display:\s*block/, 'one box per record: an inline background on each wrapped line covers the line above');
  const lh = /line-height:\s*([\d.]+)/.exec(rule[1]);
  assert.ok(lh && Number(lh[1]) >= 1.4, 'line-height leaves room for underscores and descenders');
  assert.match(rule[1], /white-space:\s*pre-wrap/);
  assert.match(rule[1], /overflow-wrap:\s*anywhere|word-break:\s*break-all/, 'a 64-digit hash wraps inside the panel');
});

test('a failed validation is told once with the product name: the server\'s "dane-zone: " is not repeated', async () => {
  const b = await build({ entryPoints: ['client/src/validation/failure-text.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const { failureText } = await import(`data:text/javascript;base64,${Buffer.from(b.outputFiles[0].text).toString('base64')}`);
  assert.equal(failureText('example.com', "dane-zone: not an IP address: 'x' (expected ip, ip:port or [ipv6]:port) (setting daneZone.resolvers)"),
    "validation of example.com failed: not an IP address: 'x' (expected ip, ip:port or [ipv6]:port) (setting daneZone.resolvers)");
  assert.equal(failureText('example.com', 'Request failed'), 'validation of example.com failed: Request failed');
});

test('the status bar counts the live-validation errors shown on the file with the static ones', async () => {
  const b = await build({ entryPoints: ['client/src/status-counts.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const { statusCounts } = await import(`data:text/javascript;base64,${Buffer.from(b.outputFiles[0].text).toString('base64')}`);
  // vscode.DiagnosticSeverity: Error 0, Warning 1, Information 2, Hint 3
  const shown = [
    { severity: 0, source: 'dane-zone live', code: 'live-validation' },
    { severity: 0, source: 'dane-zone live', code: 'live-validation' },
    { severity: 1, source: 'dane-zone live', code: 'live-validation' },
    { severity: 2, source: 'dane-zone live', code: 'live-validation' },
    { severity: 0, source: 'dane-zone', code: { value: 'rdata-invalid', target: 'x' } }, // counted by the server already
  ];
  assert.deepEqual(statusCounts({ errors: 0, warnings: 1 }, shown), { errors: 2, warnings: 2, liveErrors: 2, liveWarnings: 1 });
  assert.deepEqual(statusCounts({ errors: 3, warnings: 0 }, []), { errors: 3, warnings: 0, liveErrors: 0, liveWarnings: 0 });
});

test('the from-disk status item says a check is in flight, with what reading found when that came early, and the counts once it ended', async () => {
  const b = await build({ entryPoints: ['client/src/from-disk-status.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  const { fromDiskStatus } = await import(`data:text/javascript;base64,${Buffer.from(b.outputFiles[0].text).toString('base64')}`);
  assert.equal(fromDiskStatus('big.zone', { overLimit: true, checking: false }), undefined);
  const first = fromDiskStatus('big.zone', { overLimit: true, checking: true });
  assert.equal(first.text, '$(sync~spin) from disk: checking');
  assert.match(first.tooltip, /Checking it\./);
  assert.equal(first.error, false);
  // reading found a typo while the rules run: its count, not the last check's, with the spinner
  const done = { records: 559997, errors: 0, warnings: 2 };
  const early = fromDiskStatus('big.zone', { overLimit: true, checking: true, early: { errors: 1, warnings: 0 }, done });
  assert.equal(early.text, '$(sync~spin) from disk: checking  $(error) 1');
  assert.match(early.tooltip, /Reading it found 1 error and 0 warnings; its rules are still running\./);
  assert.equal(early.error, true);
  // checked again, nothing early yet: the problems shown are still the last check's
  const again = fromDiskStatus('big.zone', { overLimit: true, checking: true, done });
  assert.equal(again.text, '$(sync~spin) from disk: checking');
  assert.match(again.tooltip, /the last check's \(0 errors, 2 warnings\)/);
  const ended = fromDiskStatus('big.zone', { overLimit: true, checking: false, done: { records: 559997, errors: 2, warnings: 1 } });
  assert.equal(ended.text, '$(file) from disk  $(error) 2');
  assert.match(ended.tooltip, /big\.zone is over 50 MB.*\(559,997 records\): 2 errors, 1 warning\. It is checked again when it changes on disk\./s);
  assert.equal(ended.error, true);
  // a file checked once on request ("Check zone file on disk"), of any size: not watched
  const asked = fromDiskStatus('small.zone', { overLimit: false, checking: false, done: { records: 12, errors: 0, warnings: 0 } });
  assert.equal(asked.text, '$(file) from disk  $(check) 0');
  assert.match(asked.tooltip, /^dane-zone: small\.zone is checked as saved on disk, on request \(12 records\): 0 errors, 0 warnings\.\nClick/);
  assert.doesNotMatch(asked.tooltip, /50 MB|checked again/);
  // the e2e test's pattern for a finished check's count must not match a check in flight
  const finished = /from disk\s+\S*\s*1$/;
  assert.equal(finished.test(early.text.replace(/\$\([^)]*\)/g, '')), false);
  assert.equal(finished.test(fromDiskStatus('b', { overLimit: true, checking: false, done: { records: 1, errors: 1, warnings: 0 } }).text.replace(/\$\([^)]*\)/g, '')), true);
});
