import { describe, expect, it } from 'vitest';
import { isTypoOf, matchAnswer, matchMention, typoDistance, typosAllowed } from '../../src/nlu/option-matching.js';
import { tokenize } from '../../src/nlu/tokenize.js';

const options = [
  { value: 'photoshop', label: 'Adobe Photoshop', synonyms: ['photoshop'] },
  { value: 'vscode', label: 'Visual Studio Code' },
  { value: 'jira', label: 'Jira' },
  { value: 'slack', label: 'Slack' },
];

describe('one typo tolerance for options and names', () => {
  it('When a name is counted, then under 5 letters it must be exact, 5 to 9 letters allow one typo, longer ones two', () => {
    expect(typosAllowed('jira')).toBe(0);
    expect(typosAllowed('slack')).toBe(1);
    expect(typosAllowed('photoshop')).toBe(1);
    expect(typosAllowed('visual studio code')).toBe(2);
    expect(typosAllowed('a b c d')).toBe(0);
  });

  it('When letters are swapped, then that is one typo', () => {
    expect(typoDistance('photohsop', 'photoshop')).toBe(1);
    expect(typoDistance('photshop', 'photoshop')).toBe(1);
    expect(typoDistance('phtshop', 'photoshop')).toBe(2);
    expect(typoDistance('', 'abc')).toBe(3);
  });

  it.each([
    ['photshop', 'photoshop', true],
    ['photohsop', 'photoshop', true],
    ['phtshop', 'photoshop', false],
    ['fhotoshop', 'photoshop', false],
    ['visul studo code', 'visual studio code', true],
    ['visul studo cod', 'visual studio code', false],
    ['jirra', 'jira', false],
    ['black', 'slack', false],
    ['sam patle', 'sam patel', true],
    ['sma ptale', 'sam patel', false],
  ])('When %j is typed for %j, then it counts as that name: %s', (typed, name, expected) => {
    expect(isTypoOf(typed, name)).toBe(expected);
  });

  describe('a whole answer', () => {
    it.each([
      ['Adobe Photoshop', 'photoshop'],
      ['photshop', 'photoshop'],
      ['visual studo code', 'vscode'],
      ['visul studo code', 'vscode'],
      ['jira', 'jira'],
      ['2', 'vscode'],
    ])('When the answer is %j, then it names %s', (text, value) => {
      expect(matchAnswer(text, options)?.value).toBe(value);
    });

    it.each(['phtshop', 'visul studo cod', 'jirra', 'black', 'something else'])(
      'When the answer is %j, beyond the tolerance, then it names nothing',
      (text) => {
        expect(matchAnswer(text, options)).toBeUndefined();
      },
    );
  });

  describe('a mention in a longer text', () => {
    it('When an option is mentioned within the tolerance, then it is found; beyond it, not', () => {
      expect(matchMention(tokenize('please install photshop today'), options[0])).toMatchObject({ value: 'photoshop', exact: false });
      expect(matchMention(tokenize('please install phtshop today'), options[0])).toBeUndefined();
      expect(matchMention(tokenize('I use visul studo code daily'), options[1])).toMatchObject({ value: 'vscode', exact: false });
      expect(matchMention(tokenize('I use visl studo cod daily'), options[1])).toBeUndefined();
      expect(matchMention(tokenize('my screen is black'), options[3])).toBeUndefined();
    });
  });
});
