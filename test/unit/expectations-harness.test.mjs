// The inline-expectation parser that every rule fixture relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpectations, isExpectationLine, fixtureOrigin } from '../helpers/expectations.mjs';

test('carets mark columns on the nearest non-expectation line above', () => {
  const text = [
    'www   IN CNAME mail',
    'www   IN A     192.0.2.1',
    ';        ^ rule-a',
    ';     ^^^^ rule-b some free note',
    '',
  ].join('\n');
  assert.deepEqual(parseExpectations(text), [
    { line: 1, startCol: 9, endCol: 10, ruleId: 'rule-a' },
    { line: 1, startCol: 6, endCol: 10, ruleId: 'rule-b' },
  ]);
});

test("a ';' glued to carets marks column 0", () => {
  const text = 'www IN A 192.0.2.1\n;^^ owner-rule\n';
  assert.deepEqual(parseExpectations(text), [{ line: 0, startCol: 0, endCol: 3, ruleId: 'owner-rule' }]);
});

test('indented expectation lines count their indentation', () => {
  const text = '  IN MX 10 mail\n  ;   ^^^^ mx-rule\n';
  assert.deepEqual(parseExpectations(text), [{ line: 0, startCol: 6, endCol: 10, ruleId: 'mx-rule' }]);
});

test('ordinary comments are not expectations', () => {
  for (const l of ['; serial', ';', '; ^^', 'x IN A 1.2.3.4 ; ^^ trailing']) assert.equal(isExpectationLine(l), false, l);
  assert.equal(isExpectationLine('; ^ a-rule'), true);
  assert.deepEqual(parseExpectations('; just a comment\nwww IN A 192.0.2.1\n'), []);
});

test('an expectation with nothing above it is a fixture error', () => {
  assert.throws(() => parseExpectations(';  ^^ rule\n'), /no line above/);
});

test('fixtures may declare their origin', () => {
  assert.equal(fixtureOrigin('; origin: example.org\n@ IN A 192.0.2.1\n'), 'example.org.');
  assert.equal(fixtureOrigin('@ IN A 192.0.2.1\n'), undefined);
});
