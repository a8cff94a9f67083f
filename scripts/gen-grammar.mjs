// Writes syntaxes/dns-zone.tmLanguage.json, the TextMate grammar, from the tables below.
// Generated because RDATA is scoped per record type and each type's region exists twice: once
// after a head that ends on its line (the region ends at the line end, '(' opens a nested
// region), once inside a '(' opened in the head (it ends before that ')'): TextMate regions
// cannot count parentheses, so the two places need two rules. test/unit/grammar.test.mjs fails
// when the JSON file is stale. Type mnemonics, SvcParam keys and CAA tags come from the server's
// tables (dist/core.js, so run it after a build), so colours and checks name the same types and keys.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = createRequire(import.meta.url)(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'core.js'));

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'syntaxes', 'dns-zone.tmLanguage.json');
const S = '.dns-zone';

// RFC 1035 §5.1: a word runs to a blank, ';', '(', ')' or '"'; "\X" quotes X and "\DDD" is one
// octet, so an escape is always part of the word (a lone '\' at the line end too).
const W = String.raw`(?:[^\s;()"\\]|\\(?:[0-9]{3}|.)?)+`;
const B = String.raw`(?<=^|[\s(])`; // a word starts here
const E = String.raw`(?=$|[\s;()"])`; // a word ends here
const word = (re) => `${B}(${re})${E}`;

// Every record type the server's table names (meta types such as AXFR are none), longest first
// and then alphabetically: no alternative is cut short by a shorter one it starts with (NSEC, NSEC3).
const escapeRe = (t) => t.replace(/[-\\^$.*+?()[\]{}|]/g, '\\$&');
const TYPE_MNEMONICS = [...core.RR_TYPES, ...core.TYPES_WITHOUT_FIELDS.filter((t) => !t.meta)].map((t) => t.name)
  .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
const ALL_TYPES = ['TYPE[0-9]+', ...TYPE_MNEMONICS.map(escapeRe)].join('|');
const CLASSES = 'IN|CH|CS|HS|CLASS[0-9]+';
const TTL = '[0-9]+(?:[sSmMhHdDwW][0-9]*)*';
const TTL_UNITS = '[0-9]+[sSmMhHdDwW](?:[0-9]+[sSmMhHdDwW]?)*';
const SVC_KEYS = [...core.SVC_KEYS, 'key[0-9]+'].join('|');
const CAA_TAGS = core.rrTypeByName('CAA').fields.find((f) => f.kind === 'caa-tag').suggest.map((t) => t.text).join('|');

const m = (name, re) => ({ match: re, name: name + S });
const inc = (...names) => names.map((n) => ({ include: `#${n}` }));
const escapes = { 1: { patterns: inc('escape') } };

// Words of one kind of field.
const items = {
  integer: m('constant.numeric.integer', word('[0-9]+')),
  'int-3': m('constant.numeric.integer', word('[0-9]{1,3}')),
  'int-5': m('constant.numeric.integer', word('[0-9]{1,5}')),
  'hex-data': m('constant.other.hex', word('[0-9A-Fa-f]+')),
  'base64-data': m('constant.other.base64', word('[A-Za-z0-9+/]+={0,2}')),
  'ttl-units': m('constant.numeric.ttl', word(TTL_UNITS)),
  ipv4: m('constant.numeric.ipv4', word('[0-9]{1,3}(?:\\.[0-9]{1,3}){3}')),
  ipv6: m('constant.numeric.ipv6', word('(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|[0-9]{1,3}(?:\\.[0-9]{1,3}){3})')),
  'text-word': { match: word(W), name: 'string.unquoted.text' + S, captures: escapes },
  'caa-tag': m('variable.parameter.tag', word(`(?i:${CAA_TAGS})`)),
  // Inside SVCB/HTTPS every "key=" is a SvcParam (RFC 9460 §2.1); a key alone only if known.
  'svc-param': {
    match: `${B}([A-Za-z0-9-]+)(=)`,
    captures: { 1: { name: 'variable.parameter.svcparam' + S }, 2: { name: 'keyword.operator.assignment' + S } },
  },
  'svc-key': m('variable.parameter.svcparam', word(`(?i:${SVC_KEYS})`)),
  'svc-value': { match: `(?<==)(${W})${E}`, name: 'string.unquoted.value' + S, captures: escapes },
  // Without the type's field table: the word's shape decides.
  'guess-hex': m('constant.other.hex', word('(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}')),
  'guess-base64': m('constant.other.base64', word('(?=[A-Za-z0-9+/]*[+/0-9])[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]*[+/][A-Za-z0-9+/]*={0,2}|[A-Za-z0-9+/]+={1,2}')),
};
const generic = ['string', 'ipv4', 'ipv6', 'integer', 'guess-hex', 'guess-base64', 'origin-at', 'name'];

// RDATA per type: the words of its fields, then the generic guesses for anything else.
const GROUPS = [
  { id: 'a', types: 'A', items: ['ipv4'] },
  { id: 'aaaa', types: 'AAAA', items: ['ipv6'] },
  { id: 'name', types: 'NS|CNAME|DNAME|PTR', items: ['origin-at', 'name'] },
  { id: 'int-name', types: 'MX|SRV|KX|AFSDB|RT', items: ['integer', 'origin-at', 'name'] },
  { id: 'soa', types: 'SOA', items: ['integer', 'ttl-units', 'origin-at', 'name'] },
  { id: 'txt', types: 'TXT|SPF', items: ['string', 'text-word'] },
  { id: 'caa', types: 'CAA', items: ['integer', 'caa-tag', 'string', 'text-word'] },
  // leading fields are small integers (u8, DS key tag u16), every other word is hex data
  { id: 'tlsa', types: 'TLSA|SMIMEA|SSHFP', items: ['int-3', 'hex-data'] },
  { id: 'ds', types: 'DS|CDS', items: ['int-5', 'hex-data'] },
  { id: 'dnskey', types: 'DNSKEY|CDNSKEY', items: ['int-5', 'base64-data'] },
  { id: 'svcb', types: 'SVCB|HTTPS', items: ['integer', 'svc-param', 'svc-value', 'svc-key', 'string', 'origin-at', 'name'] },
  { id: 'generic', types: ALL_TYPES, items: [] },
];

const typeBegin = (types) => ({ begin: word(`(?i:${types})`), beginCaptures: { 1: { name: 'storage.type.rr' + S } } });
const parens = (patterns) => ({
  begin: '\\(', end: '\\)', name: 'meta.parens' + S,
  beginCaptures: { 0: { name: 'punctuation.section.parens.begin' + S } },
  endCaptures: { 0: { name: 'punctuation.section.parens.end' + S } },
  patterns,
});
const genericBegin = {
  begin: `${B}(\\\\#)${E}(?:(\\s+)([0-9]+)${E})?`,
  beginCaptures: { 1: { name: 'keyword.operator.generic-rdata' + S }, 3: { name: 'constant.numeric.integer' + S } },
};

const repo = {
  comment: { match: '(;).*$', name: 'comment.line.semicolon' + S, captures: { 1: { name: 'punctuation.definition.comment' + S } } },
  string: {
    comment: 'a character-string; may hold ; and ( and escapes; never spans lines',
    begin: '"', end: '"|$', name: 'string.quoted.double' + S,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin' + S } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end' + S } },
    patterns: inc('escape'),
  },
  escape: m('constant.character.escape', '\\\\(?:[0-9]{3}|.)'),
  'origin-at': m('variable.language.origin', word('@')),
  class: m('storage.modifier.class', word(`(?i:${CLASSES})`)),
  type: m('storage.type.rr', word(`(?i:${ALL_TYPES})`)),
  'ttl-token': m('constant.numeric.ttl', word(TTL)),
  name: { match: word(W), name: 'string.unquoted.domain' + S, captures: escapes },
  // a word of the head that is no TTL, class or known type: consumed whole, left unscoped
  'head-word': { match: word(W) },
  owner: {
    patterns: [
      m('variable.language.origin', '^@$'),
      { match: '^.*$', name: 'entity.name.tag.owner' + S, captures: { 0: { patterns: inc('escape') } } },
    ],
  },
  directive: {
    begin: '^(\\$(?i:ORIGIN|TTL|GENERATE))(?=$|[\\s;()"])', end: '$', name: 'meta.directive' + S,
    beginCaptures: { 1: { name: 'keyword.control.directive' + S } },
    patterns: [
      ...inc('comment', 'string'),
      m('constant.numeric.range', word('[0-9]+-[0-9]+(?:/[0-9]+)?')),
      ...inc('class', 'type', 'ttl-token', 'origin-at'),
      {
        match: word(W), name: 'string.unquoted.domain' + S,
        captures: { 1: { patterns: [m('variable.other.generate', '\\$(?:\\{[^}]*\\})?'), ...inc('escape')] } },
      },
    ],
  },
  'include-directive': {
    begin: `^(\\$(?i:INCLUDE))(?:\\s+(?:("(?:[^"\\\\]|\\\\.)*"?)|(${W})))?`, end: '$', name: 'meta.directive.include' + S,
    beginCaptures: {
      1: { name: 'keyword.control.directive' + S },
      2: { name: 'string.quoted.double.path' + S, patterns: inc('escape') },
      3: { name: 'string.unquoted.path' + S, patterns: inc('escape') },
    },
    patterns: inc('comment', 'origin-at', 'name'),
  },
  record: {
    comment: 'an entry: owner (or a blank), then TTL and class in either order, then the type, which opens that type\'s RDATA region; "(" anywhere lets the entry run on over lines',
    begin: `^(?:(${W})|(?=[ \\t]+[^\\s;]))`, end: '$', name: 'meta.record' + S,
    beginCaptures: { 1: { patterns: inc('owner') } },
    patterns: [...inc('comment', 'head-parens'), ...GROUPS.map((g) => ({ include: `#type-${g.id}-line` })), ...inc('ttl-token', 'class', 'string', 'head-word')],
  },
  'head-parens': parens([...inc('comment'), ...GROUPS.map((g) => ({ include: `#type-${g.id}-in-parens` })), ...inc('ttl-token', 'class', 'string', 'head-word')]),
  'generic-rdata-line': { ...genericBegin, end: '$', patterns: [...inc('comment'), parens(inc('comment', 'hex-data', 'name')), ...inc('hex-data', 'name')] },
  'generic-rdata-in-parens': { ...genericBegin, end: '(?=\\))', patterns: inc('comment', 'hex-data', 'name') },
};
for (const [k, v] of Object.entries(items)) repo[k] = v;
for (const g of GROUPS) {
  const words = [...inc(...g.items), ...inc(...generic.filter((x) => !g.items.includes(x)))];
  repo[`rdata-${g.id}`] = { patterns: words };
  repo[`type-${g.id}-line`] = { ...typeBegin(g.types), end: '$', patterns: [...inc('comment', 'generic-rdata-line'), parens(inc('comment', 'generic-rdata-in-parens', `rdata-${g.id}`)), ...inc(`rdata-${g.id}`)] };
  repo[`type-${g.id}-in-parens`] = { ...typeBegin(g.types), end: '(?=\\))', patterns: inc('comment', 'generic-rdata-in-parens', `rdata-${g.id}`) };
}

export const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'DNS Zone',
  scopeName: 'source.dns-zone',
  fileTypes: ['zone'],
  comment: 'GENERATED by scripts/gen-grammar.mjs: edit that file. DNS master files (RFC 1035 §5, BIND/Knot practice). Tests: test/unit/grammar.test.mjs.',
  patterns: inc('comment', 'include-directive', 'directive', 'record'),
  repository: repo,
};

export const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(OUT, text);
