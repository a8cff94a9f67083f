// Unit tests of the mail-policy TXT parsers: TLS-RPT (RFC 8460 §3), MTA-STS
// (RFC 8461 §3.1), SPF (RFC 7208) and DMARC (RFC 7489), including the offsets
// of each problem and the per-tag explanations hovers show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as core from '../../dist/core.js';

/** problems as `[severity, text-at-offsets, message-regexp-match]` for compact asserts */
const spans = (text, parsed) => parsed.problems.map((p) => [p.severity, text.slice(p.start, p.end)]);

test('TLS-RPT: a good record has no problems and explains its tags', () => {
  const t = 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.com/tlsrpt';
  const r = core.parseTlsRpt(t);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.terms.map((x) => x.name), ['v', 'rua']);
  assert.match(r.terms[1].explain, /mailto:.*https:/);
  assert.equal(core.isTlsRptRecord(t), true);
});

test('TLS-RPT: version first, rua required, only mailto:/https:', () => {
  assert.equal(core.isTlsRptRecord('rua=mailto:a@b.c; v=TLSRPTv1'), false);
  const noRua = core.parseTlsRpt('v=TLSRPTv1;');
  assert.match(noRua.problems[0].message, /needs rua=/);
  const t = 'v=TLSRPTv1; rua=http://example.com/r, mailto:nobody';
  const r = core.parseTlsRpt(t);
  assert.deepEqual(spans(t, r), [['error', 'http://example.com/r'], ['error', 'mailto:nobody']]);
  assert.match(r.problems[0].message, /scheme 'http:' is not allowed/);
  const order = core.parseTlsRpt('rua=mailto:a@example.com; v=TLSRPTv1');
  assert.match(order.problems[0].message, /must start with 'v=TLSRPTv1;'/);
  const dup = 'v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com';
  assert.deepEqual(spans(dup, core.parseTlsRpt(dup)), [['error', 'rua=mailto:b@example.com']]);
  const ext = 'v=TLSRPTv1; rua=mailto:a@example.com; x-note=hello';
  assert.deepEqual(core.parseTlsRpt(ext).problems, []);
  assert.equal(core.parseTlsRpt('v=TLSRPTv1; rua=mailto:a@example.com; nonsense').problems[0].message, "'nonsense' is not a tag: expected name=value");
});

test('MTA-STS: id of 1-32 letters/digits, version first', () => {
  assert.deepEqual(core.parseMtaSts('v=STSv1; id=20240501T120000Z').problems, []);
  const t = 'v=STSv1; id=2024-05-01';
  assert.deepEqual(spans(t, core.parseMtaSts(t)), [['error', '2024-05-01']]);
  assert.match(core.parseMtaSts(t).problems[0].message, /punctuation is not allowed/);
  assert.match(core.parseMtaSts('v=STSv1; id=' + 'a'.repeat(33)).problems[0].message, /1 to 32/);
  assert.match(core.parseMtaSts('v=STSv1;').problems[0].message, /needs id=/);
  assert.equal(core.isMtaStsRecord('id=1; v=STSv1'), false);
  assert.equal(core.isMtaStsRecord('v=STSv1;id=1'), true);
  assert.match(core.parseMtaSts('v=STSv1; id=1').terms[1].explain, /mta-sts\.txt/);
});

test('DMARC: good record, p required and second, tag values checked', () => {
  const good = 'v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=r; pct=100; fo=1:d; rua=mailto:dmarc@example.com!10m; ri=86400';
  assert.deepEqual(core.parseDmarc(good).problems, []);
  assert.deepEqual(core.parseDmarc(good).terms.map((x) => x.name), ['v', 'p', 'sp', 'adkim', 'aspf', 'pct', 'fo', 'rua', 'ri']);
  assert.match(core.parseDmarc('v=DMARC1; rua=mailto:a@example.com').problems[0].message, /p= is required/);
  const late = 'v=DMARC1; rua=mailto:a@example.com; p=none';
  assert.deepEqual(spans(late, core.parseDmarc(late)), [['warning', 'p=none']]);
  const bad = 'v=DMARC1; p=block; pct=150; adkim=x; rua=dmarc@example.com; foo=bar';
  assert.deepEqual(spans(bad, core.parseDmarc(bad)), [['error', 'block'], ['error', '150'], ['error', 'x'], ['error', 'dmarc@example.com'], ['warning', 'foo=bar']]);
  assert.equal(core.isDmarcRecord('v=DMARC1;p=none'), true);
  assert.equal(core.isDmarcRecord('p=none; v=DMARC1'), false);
  assert.match(core.parseDmarc('p=none; v=DMARC1').problems[0].message, /must start with 'v=DMARC1;'/);
  // a repeated tag makes the tag-list invalid (RFC 6376 §3.2, taken by RFC 7489 §6.3): an error
  const twice = 'v=DMARC1; p=reject; p=none; rua=mailto:d@example.com';
  assert.deepEqual(spans(twice, core.parseDmarc(twice)), [['error', 'p=none']]);
  assert.match(core.parseDmarc(twice).problems[0].message, /whole list invalid .*receivers may ignore the record/);
});

test('SPF: mechanisms, qualifiers, explanations and lookup count', () => {
  const t = 'v=spf1 mx a:mail.example.com/24 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net -all';
  const r = core.parseSpf(t);
  assert.deepEqual(r.problems, []);
  assert.equal(r.lookups, 3);
  assert.deepEqual(r.terms.map((x) => [x.mechanism, x.qualifier ?? '', x.domain ?? '', x.lookup]), [
    ['mx', '', '', true], ['a', '', 'mail.example.com', true], ['ip4', '', '', false], ['ip6', '', '', false],
    ['include', '', '_spf.example.net', true], ['all', '-', '', false],
  ]);
  assert.match(r.terms[5].explain, /^\*\*-all\*\* — fail if matches every sender/);
});

test('SPF: errors and warnings at their terms', () => {
  const t = 'v=spf1 ip4:192.0.2.300 ip6:2001:db8::/129 include ptr spf2 redirect=example.com redirect=example.org ~all a';
  const r = core.parseSpf(t);
  assert.deepEqual(spans(t, r), [
    ['error', 'ip4:192.0.2.300'], ['error', 'ip6:2001:db8::/129'], ['error', 'include'], ['warning', 'ptr'], ['error', 'spf2'],
    ['error', 'redirect=example.org'], ['warning', 'a'], ['warning', 'redirect=example.com'],
  ]);
  assert.match(r.problems[4].message, /not an SPF mechanism.*permerror/);
  assert.equal(core.isSpfRecord('v=spf10 -all'), false);
  assert.equal(core.isSpfRecord('V=SPF1 -all'), true);
  assert.equal(core.isSpfRecord('v=spf1'), true);
  assert.match(core.parseSpf('v=spf10').problems[0].message, /v=spf1' followed by a space/);
});

test('SPF: more than 10 DNS-querying terms is an error, exactly 10 is not', () => {
  const inc = (n) => 'v=spf1 ' + Array.from({ length: n }, (_, i) => `include:s${i}.example.com`).join(' ') + ' -all';
  assert.equal(core.parseSpf(inc(10)).lookups, 10);
  assert.deepEqual(core.parseSpf(inc(10)).problems, []);
  const over = core.parseSpf(inc(9).replace(' -all', ' mx exists:%{i}.bl.example.org -all'));
  assert.equal(over.lookups, 11);
  assert.match(over.problems.at(-1).message, /11 DNS-querying terms: more than 10/);
});

test('SPF: redirect= is not counted when the record has an "all" (RFC 7208 §6.1)', () => {
  const t = 'v=spf1 a mx a mx a mx a mx a mx redirect=x.example.com -all';
  const r = core.parseSpf(t);
  assert.equal(r.lookups, 10);
  assert.deepEqual(spans(t, r), [['warning', 'redirect=x.example.com']]);
  assert.equal(r.terms.find((x) => x.mechanism === 'redirect').lookup, false);
  // without the all, the redirect is evaluated and costs a lookup
  const n = core.parseSpf('v=spf1 a mx a mx a mx a mx a mx redirect=x.example.com');
  assert.equal(n.lookups, 11);
  assert.match(n.problems.at(-1).message, /11 DNS-querying terms/);
});

test('SPF: terms after "all" make no lookup and are not followed (RFC 7208 §4.6.2: never evaluated)', () => {
  const t = 'v=spf1 -all a a a a a a a a a a include:x.example.com';
  const r = core.parseSpf(t);
  assert.equal(r.lookups, 0);
  assert.ok(r.terms.filter((x) => x.mechanism !== 'all').every((x) => x.lookup === false));
  assert.ok(r.problems.every((p) => p.severity === 'warning' && /never evaluated/.test(p.message)));
  // before the all, the same terms count
  assert.equal(core.parseSpf('v=spf1 a a a a a a a a a a include:x.example.com -all').lookups, 11);
});

/** The problem messages of an SPF record (all terms; [] when it is valid). */
const spfMessages = (t) => core.parseSpf(t).problems.map((p) => p.message);

test('SPF: a and mx prefix lengths are ip4-cidr-length 0-32 and ip6-cidr-length 0-128 (RFC 7208 §5.6)', () => {
  for (const ok of ['a/32', 'mx//128', 'a:mail.example.com/24//64', 'mx:example.com//48', 'a/24//64', 'ip6:2001:db8::/128', '-a/0', '~ip4:192.0.2.0/0']) {
    assert.deepEqual(spfMessages(`v=spf1 ${ok} -all`), [], ok);
  }
  // valid, but a pass for every address of the family: a warning
  for (const [all, family] of [['a/0', 'IPv4'], ['mx//0', 'IPv6'], ['+a:example.com/0//64', 'IPv4'], ['ip4:192.0.2.0/0', 'IPv4'], ['ip6:::/0', 'IPv6']]) {
    const t = `v=spf1 ${all} -all`;
    assert.deepEqual(spans(t, core.parseSpf(t)), [['warning', all]], all);
    assert.match(spfMessages(t)[0], new RegExp(`matches every ${family} address`), all);
  }
  for (const all of ['all', '+all']) {
    const t = `v=spf1 mx ${all}`;
    assert.deepEqual(spans(t, core.parseSpf(t)), [['warning', all]], all);
    assert.match(spfMessages(t)[0], /passes mail from every host on the Internet/);
  }
  for (const fine of ['-all', '~all', '?all']) assert.deepEqual(spfMessages(`v=spf1 mx ${fine}`), [], fine);
  // a name written as a zone file writes a relative one: SPF takes no $ORIGIN
  assert.match(spfMessages('v=spf1 include:_spf -all')[0], /never relative to the zone's \$ORIGIN, so write the whole name \(_spf\.<your domain>\)/);
  for (const [bad, re] of [['a/33', /\/33 is out of range 0-32/], ['mx//129', /\/\/129 is out of range 0-128/], ['a:example.com/24//200', /\/\/200 is out of range 0-128/],
    ['mx/024', /leading zero/], ['ip4:192.0.2.0/024', /leading zero/], ['ip6:2001:db8::/064', /leading zero/], ['a/', /not a prefix length/], ['a//', /not a prefix length/], ['mx/24/', /not a prefix length/]]) {
    const t = `v=spf1 ${bad} -all`;
    const r = core.parseSpf(t);
    assert.deepEqual(spans(t, r), [['error', bad]], bad);
    assert.match(r.problems[0].message, re, bad);
  }
});

test('SPF: a domain-spec ends in a top label with a letter (RFC 7208 §7.1 domain-end)', () => {
  for (const ok of ['include:_spf.example.com', 'include:example.com.', 'a:mail.example.xn--p1ai', 'exists:foo.1-2', 'redirect=b.example', 'mx:mx1.example.c0m']) {
    assert.deepEqual(spfMessages(`v=spf1 ${ok} -all`.replace(' -all', ok.startsWith('redirect') ? '' : ' -all')), [], ok);
  }
  for (const bad of ['include:1.2.3.4', 'a:192.0.2.1', 'mx:mail.example.123', 'exists:foo.com-', 'exists:foo.-com', 'redirect=example.42', 'exp=explain.example.1']) {
    const t = `v=spf1 ${bad}`;
    const r = core.parseSpf(t);
    assert.deepEqual(spans(t, r), [['error', bad]], bad);
    assert.match(r.problems[0].message, /RFC 7208 §7\.1/, bad);
  }
  assert.match(spfMessages('v=spf1 include:1.2.3.4 -all')[0], /all-numeric label '4'.*ip4:/);
});

test('SPF: macro-string grammar (RFC 7208 §7.1, §7.2, §7.3)', () => {
  for (const ok of ['exists:%{i}.bl.example.org', 'exists:%{ir}.%{v}._spf.%{d}', 'exists:%{l1r+-}.%{d}', 'include:%{d2}', 'exists:%{I}.example.com',
    'exists:%{iR}.example.com', 'exists:%{ir.-+,/_=}.example.com', 'exists:%{d10r}.example.com', 'exists:%%%_%-.example.com', 'a:%{h}.example.com/24',
    'exists:%{s}.%{l}.%{o}.%{p}.%{h}.example.com', 'foo=%{c}%{r}%{t}', 'foo=', 'exp=explain.%{d}']) {
    assert.deepEqual(spfMessages(`v=spf1 ${ok} -all`), [], ok);
  }
  for (const [bad, re] of [
    ['include:%{z}.example.com', /'z' is not a macro letter/],
    ['exists:%{c}.example.com', /only in explanation text/],
    ['exists:%{r}.example.com', /only in explanation text/],
    ['exp=%{t}.example.com', /only in explanation text/],
    ['exists:%{d0}.example.com', /1 or more/],
    ['exists:%{i;}.example.com', /digits, 'r' and the delimiters/],
    ['exists:%{dr2}.example.com', /digits, 'r' and the delimiters/],
    ['exists:%{d2rr}.example.com', /digits, 'r' and the delimiters/],
    ['exists:%{}.example.com', /not a macro letter/],
    ['exists:%{i.example.com', /without a closing/],
    ['exists:%{i}%.example.com', /literal % is written %%/],
    ['exists:%x.example.com', /literal % is written %%/],
    ['exists:%{i}.1', /all-numeric label '1'/],
    ['exists:%{i}com', /RFC 7208 §7\.1/],
    ['foo=%{z}', /'z' is not a macro letter/],
  ]) {
    const t = `v=spf1 ${bad} -all`;
    const r = core.parseSpf(t);
    assert.deepEqual(spans(t, r), [['error', bad]], bad);
    assert.match(r.problems[0].message, re, bad);
  }
});

test('MTA-STS and TLS-RPT: no white space around "=", only around ";" (RFC 8461 §3.1, RFC 8460 §3)', () => {
  for (const ok of ['v=STSv1; id=1', 'v=STSv1 ;id=1 ; ', 'v=STSv1;\tid=1;\tx-a=b']) assert.deepEqual(core.parseMtaSts(ok).problems, [], ok);
  for (const [t, at] of [['v=STSv1; id = 1', ' = '], ['v=STSv1; id =1', ' ='], ['v=STSv1; id= 1', '= '], ['v=STSv1; id=1; x-a =b', ' =']]) {
    const r = core.parseMtaSts(t);
    assert.deepEqual(spans(t, r), [['error', at]], t);
    assert.match(r.problems[0].message, /no white space around '=' \(RFC 8461 §3\.1/, t);
  }
  // the version's own spaces: the record is not an MTA-STS record at all (one error, not two)
  assert.deepEqual(spans('v = STSv1; id=1', core.parseMtaSts('v = STSv1; id=1')), [['error', 'v = STSv1']]);
  for (const ok of ['v=TLSRPTv1; rua=mailto:a@example.com', 'v=TLSRPTv1 ; rua=mailto:a@example.com , https://r.example.com/x']) assert.deepEqual(core.parseTlsRpt(ok).problems, [], ok);
  for (const [t, at] of [['v=TLSRPTv1 ; rua = mailto:a@example.com', ' = '], ['v=TLSRPTv1; rua=\tmailto:a@example.com', '=\t'], ['v=TLSRPTv1; rua=mailto:a@example.com; x-a= b', '= ']]) {
    const r = core.parseTlsRpt(t);
    assert.deepEqual(spans(t, r), [['error', at]], t);
    assert.match(r.problems[0].message, /no white space around '=' \(RFC 8460 §3/, t);
  }
});

test('DMARC: white space around "=" is allowed (RFC 7489 §6.4: tag *WSP "=" *WSP value)', () => {
  assert.deepEqual(core.parseDmarc('v = DMARC1 ; p = reject ; rua = mailto:d@example.com , mailto:e@example.com ; pct= 50').problems, []);
  assert.equal(core.isDmarcRecord('v = DMARC1; p=none'), true);
});

test('DMARC: a report authorisation (<domain>._report._dmarc.<destination>) needs no p=, a policy record does (RFC 7489 §7.1, §6.3)', () => {
  assert.deepEqual(core.parseDmarc('v=DMARC1', 'example.net._report._dmarc.example.com.').problems, []);
  assert.deepEqual(core.parseDmarc('v=DMARC1; rua=mailto:r@example.com', '*._report._dmarc.example.com.').problems, []);
  assert.match(core.parseDmarc('v=DMARC1', '_dmarc.example.com.').problems[0].message, /^p= is required/);
  // the name alone is no authorisation
  assert.match(core.parseDmarc('v=DMARC1', '_report._dmarc.example.com.').problems[0].message, /^p= is required/);
});

test('spf-record-type: "Write it as TXT" turns an SPF-only record into the TXT record receivers read', () => {
  const text = '$ORIGIN example.com.\n$TTL 3600\nonly IN SPF "v=spf1 mx -all"\n';
  const [f] = core.checkText(text, { fileId: 'x.zone' }).findings.filter((x) => x.ruleId === 'spf-record-type');
  const [fix] = core.RULES.find((r) => r.id === 'spf-record-type').fixes(f.data);
  assert.equal(fix.title, 'Write it as TXT');
  const e = fix.edits[0];
  const lines = text.split('\n');
  lines[e.range.startLine] = lines[e.range.startLine].slice(0, e.range.startCol) + e.newText + lines[e.range.startLine].slice(e.range.endCol);
  const after = core.checkText(lines.join('\n'), { fileId: 'x.zone' });
  assert.equal(after.zone.records[0].type, 'TXT');
  assert.deepEqual(after.findings.map((x) => x.ruleId), []);
});
