// Differential test: dane-zone against the Debian peer checkers on a corpus of
// valid and broken zone files (test/fixtures/corpus/{valid,broken}/*.zone).
//
// - BIND's named-checkzone (-i local: no network lookups) is the reference: a
//   file it rejects must get at least one dane-zone error at every line it
//   names, a file it accepts must get no dane-zone error. The folder a file sits
//   in must agree with BIND, so the corpus cannot drift.
// - Knot's kzonecheck (DNSSEC checks off: dane-zone does not validate
//   signatures) must agree with BIND except where written down in KNOT_DIFFERS.
// - ldns-read-zone is a reader, not a checker: it does no semantic checks and
//   accepts some malformed input, so it accepting a broken file is fine; it
//   rejecting a file BIND accepts must be written down in LDNS_REJECTS.
// - Records: for files BIND accepts, dane-zone's records (presentRecord) equal
//   ldns-read-zone's output, or named-compilezone's where ldns cannot read the
//   file, after normalising spelling that does not change the data.
//
// Where the peers disagree, we follow BIND: it is what most operators run and
// what `named-checkconf -z` applies on reload, and the issue asks for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../dist/core.js';
import { bindCheck, bindRecords, corpusOrigin, knotCheck, ldnsRead, normaliseRecord } from '../helpers/peers.mjs';
import { fsReadInclude } from '../helpers/expectations.mjs';

const corpus = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** Files where Knot 3.2 (Debian 12) disagrees with BIND, and why we follow BIND. */
const KNOT_DIFFERS = {
  // RFC 3597 §5 defines CLASSnnn; Knot's zone scanner does not read it in the class position.
  'valid/case-insensitive.zone': 'Knot does not accept CLASS1 (RFC 3597 §5)',
  'valid/rfc3597.zone': 'Knot does not accept CLASS1 (RFC 3597 §5)',
  // $GENERATE is BIND's extension; the issue asks for it, and BIND users write reverse zones with it.
  'valid/generate-reverse.zone': 'Knot has no $GENERATE',
  'valid/generate-ipv6.zone': 'Knot has no $GENERATE',
  'valid/generate-bind-details.zone': 'Knot has no $GENERATE',
  // BIND reads "www" as the owner www; dane-zone follows, with a portability warning.
  'valid/quoted-owner.zone': 'Knot refuses a quoted owner name',
  // Knot loads these; BIND refuses them. The RFCs side with BIND in each case.
  'broken/bad-escape.zone': 'Knot accepts \\256 in a name (RFC 1035 §5.1: \\DDD is an octet, at most 255)',
  'broken/caa-bad-tag.zone': 'Knot accepts a quoted CAA tag (RFC 8659 §4.1: the tag is letters and digits)',
  'broken/generic-known-type-bad.zone': 'Knot accepts a 3-octet A record in \\# form (RFC 3597 §5: must match the type)',
  'broken/txt-too-long.zone': 'Knot accepts a 257-octet character-string (RFC 1035 §3.3: at most 255)',
  'broken/two-soa.zone': 'Knot keeps one of two SOAs silently (RFC 1035 §5.2: exactly one)',
  'broken/ds-at-apex.zone': 'Knot accepts DS at the apex (RFC 4035 §2.4: DS belongs to the parent side)',
  'broken/name-lone-backslash.zone': 'Knot accepts a name ending in a lone backslash (RFC 1035 §5.1: \\X escapes the next character, and there is none)',
  'broken/loc-over-pole.zone': 'Knot accepts latitude 90 30 0 N and longitude 180 1 E (RFC 1876 §3: at most 90 and 180 degrees)',
  'broken/svcb-no-default-alpn.zone': 'Knot accepts no-default-alpn without alpn (RFC 9460 §7.1.1: alpn must also be specified)',
  'broken/generic-wire-bad.zone': 'Knot accepts LOC, NSEC and HTTPS \\# data that is not their wire format (RFC 3597 §5: must match the type)',
  'broken/sshfp-length.zone': 'Knot accepts a 2-octet SHA-1 SSHFP fingerprint (RFC 4255 §3.1.2: 20 octets)',
  'broken/zonemd-digest-length.zone': 'Knot accepts a 72-octet SHA-384 ZONEMD digest (RFC 8976 §2.2.4: 48 octets)',
  'broken/uri-unquoted.zone': 'Knot accepts a URI target without quotes (RFC 7553 §4.5: it is written in double quotes)',
  'broken/wildcard-ns.zone': 'Knot accepts NS records at a wildcard (RFC 4592 §4.2: a wildcard cannot delegate)',
  'broken/base64-padding-bits.zone': 'Knot accepts base64 whose last character has bits the padding leaves over (RFC 4648 §3.5: they must be zero)',
};

/** Lines Knot names in a file BIND also rejects, where BIND (and dane-zone) see no error. */
const KNOT_EXTRA_LINES = {
  // RFC 1035 §5.1 text is octets; BIND takes raw control and 8-bit bytes inside quotes.
  'broken/binary-junk.zone': { 6: 'Knot refuses raw control bytes inside a quoted string' },
};

/** Lines Knot and ldns name after an unclosed '(' (they read the records below it as its data,
 *  and fail where that data goes wrong or at the end of the file); dane-zone ends the entry
 *  before the next line that reads as a record, reports the '(', and checks the records after it.
 *  BIND's line is within the entry, and covered as for any file. */
const READ_ON_PAST_UNCLOSED = {
  'broken/unclosed-paren.zone': { Knot: [8], ldns: [7] },
  'broken/unclosed-paren-signed.zone': { Knot: [16], ldns: [103] },
};

/** Files BIND accepts that ldns-read-zone cannot read, and why. */
const LDNS_REJECTS = {
  'valid/case-insensitive.zone': 'ldns does not accept a lower-case $ttl directive',
  'valid/class-before-ttl.zone': 'ldns does not accept the class before the TTL (RFC 1035 §5.1 allows both orders)',
  'valid/generate-reverse.zone': 'ldns has no $GENERATE',
  'valid/generate-ipv6.zone': 'ldns has no $GENERATE',
  'valid/generate-bind-details.zone': 'ldns has no $GENERATE',
  'valid/include.zone': 'ldns-read-zone has no $INCLUDE',
};

/** Files whose records are compared with BIND's reading rather than ldns's, and why. */
const BIND_RECORDS = {
  // No $TTL and no TTL on the first records: RFC 1035 §5.1 says "the last explicitly
  // stated TTL", which ldns uses (its default 3600 before any). BIND takes the SOA
  // MINIMUM for every record without a TTL (with a warning), and so does dane-zone.
  'valid/soa-minimum-ttl.zone': 'no-$TTL default: BIND uses the SOA minimum, ldns the last TTL seen',
  // ldns keeps the quotes as part of a relative owner and prints '"www"' unqualified.
  'valid/quoted-owner.zone': 'ldns takes the quotes of a quoted owner literally',
};

function corpusFiles() {
  const out = [];
  for (const kind of ['valid', 'broken']) {
    for (const n of readdirSync(join(corpus, kind)).sort()) if (n.endsWith('.zone')) out.push(`${kind}/${n}`);
  }
  return out;
}

function daneZone(path, origin) {
  const text = readFileSync(path, 'utf8');
  return core.checkText(text, { fileId: path, origin, readInclude: fsReadInclude });
}

/** True when a finding's entry (logical line, parentheses included) covers 1-based `line`. */
function covers(f, line) {
  const e = f.loc.entry;
  return line - 1 >= core.entryLine(e) && line - 1 < core.entryLine(e) + e.lineCount;
}

function describe(findings) {
  return findings.map((f) => `  ${core.absRange(f.loc).startLine + 1}: [${f.severity}] ${f.ruleId} ${f.message}`).join('\n') || '  (none)';
}

function multiset(lines) {
  return lines.map(normaliseRecord).sort();
}

for (const rel of corpusFiles()) {
  test(`differential: ${rel}`, () => {
    const path = join(corpus, rel);
    const origin = corpusOrigin(path);
    const bind = bindCheck(path, origin);
    const knot = knotCheck(path, origin);
    const ldns = ldnsRead(path, origin);
    const { zone, findings } = daneZone(path, origin);
    const errors = findings.filter((f) => f.severity === 'error' && f.loc.file.id === path);
    const peerSays = `\nBIND: ${bind.messages.join(' | ')}\nKnot: ${knot.messages.join(' | ')}\nldns: ${ldns.messages.join(' | ')}`;

    // the corpus is labelled as BIND sees it
    assert.equal(bind.ok, rel.startsWith('valid/'), `BIND's verdict on ${rel} does not match its folder${peerSays}`);

    // Knot agrees with BIND, or the disagreement is the one written down
    if (KNOT_DIFFERS[rel]) assert.notEqual(knot.ok, bind.ok, `${rel}: Knot now agrees with BIND; drop KNOT_DIFFERS entry (${KNOT_DIFFERS[rel]})`);
    else assert.equal(knot.ok, bind.ok, `${rel}: Knot and BIND disagree${peerSays}`);

    // ldns never rejects what BIND accepts, except where written down
    if (LDNS_REJECTS[rel]) assert.equal(ldns.ok, false, `${rel}: ldns now reads it; drop LDNS_REJECTS entry`);
    else if (bind.ok) assert.equal(ldns.ok, true, `${rel}: ldns rejects a file BIND accepts${peerSays}`);

    if (!bind.ok) {
      assert.ok(errors.length > 0, `${rel}: BIND rejects it but dane-zone reports no error${peerSays}\ndane-zone:\n${describe(findings)}`);
      for (const line of bind.lines) {
        assert.ok(errors.some((f) => covers(f, line)), `${rel}: BIND names line ${line}; dane-zone has no error there${peerSays}\ndane-zone:\n${describe(findings)}`);
      }
      // Knot and ldns name lines too when they also reject; a line past the end
      // (an unclosed parenthesis found at EOF) counts against the last entry.
      const last = zone.file.lines.length;
      for (const [peer, r] of [['Knot', knot], ['ldns', ldns]]) {
        if (r.ok) continue;
        for (const line of r.lines) {
          if (peer === 'Knot' && KNOT_EXTRA_LINES[rel]?.[line]) continue;
          if (READ_ON_PAST_UNCLOSED[rel]?.[peer]?.includes(line)) {
            assert.ok(errors.some((f) => f.loc.entry.unclosed && core.entryLine(f.loc.entry) + 1 < line), `${rel}: ${peer} names line ${line}, past an unclosed '(' dane-zone no longer reports`);
            continue;
          }
          const l = Math.min(line, last);
          assert.ok(errors.some((f) => covers(f, l)), `${rel}: ${peer} names line ${line}; dane-zone has no error there${peerSays}\ndane-zone:\n${describe(findings)}`);
        }
      }
      return;
    }

    assert.deepEqual(errors.map((f) => core.absRange(f.loc).startLine + 1), [], `${rel}: BIND accepts it, dane-zone reports errors:\n${describe(errors)}`);

    // the records agree with the oracle
    const oracle = ldns.ok && !BIND_RECORDS[rel] ? { name: 'ldns-read-zone', records: ldns.records } : { name: 'named-compilezone', ...bindRecords(path, origin) };
    assert.ok(oracle.records.length > 0, `${rel}: ${oracle.name} printed no records`);
    // named-compilezone drops out-of-zone records; ldns keeps them
    const ours = zone.records.filter((r) => oracle.name === 'ldns-read-zone' || core.isInZone(r.ownerKey, zone.origin)).map((r) => core.presentRecord(r));
    assert.deepEqual(multiset(ours), multiset(oracle.records), `${rel}: records differ from ${oracle.name}`);
  });
}

test('differential corpus covers the parser features of issue 2', () => {
  const all = corpusFiles().map((f) => readFileSync(join(corpus, f), 'latin1')).join('\n');
  for (const [what, re] of [
    ['$ORIGIN', /^\$ORIGIN /m], ['$TTL', /^\$TTL /m], ['$INCLUDE', /^\$INCLUDE /m], ['$GENERATE modifiers', /\$\{-?\d+,\d+,[dxXo]\}/],
    ['parentheses', /\(\s*$/m], ['quoted ; and (', /"[^"\n]*[;(][^"\n]*"/], ['\\DDD', /\\\d{3}/], ['RFC 3597 \\#', /\\# \d+/],
    ['TTL units', /\b\d+[hdwm]\d*/i], ['class before TTL', /\bIN \d+ A\b/], ['TYPEnnn', /\bTYPE\d+\b/], ['CLASSnnn', /\bCLASS1\b/i],
  ]) assert.match(all, re, `corpus lacks ${what}`);
  const types = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'DNAME', 'MX', 'PTR', 'TXT', 'SPF', 'SRV', 'NAPTR', 'CAA', 'TLSA', 'SMIMEA', 'SSHFP', 'DS', 'CDS', 'DNSKEY', 'CDNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'HINFO', 'LOC', 'CERT', 'OPENPGPKEY', 'SVCB', 'HTTPS', 'URI', 'ZONEMD'];
  for (const t of types) assert.match(all, new RegExp(`\\bIN\\s+${t}\\b`), `corpus lacks a ${t} record`);
});
