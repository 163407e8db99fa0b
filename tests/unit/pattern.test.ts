import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_EXPANSIONS,
  MAX_TOKENS_PER_EXPANSION,
  compilePattern,
  type PatternSymbol,
} from '../../core/pattern';

/** Expansions as readable strings: words as themselves, {sort} for slots, =sort:value for literals. */
function expansions(source: string): string[] {
  const result = compilePattern(source);
  expect(result.errors).toEqual([]);
  return result.expansions.map((expansion) => expansion.map(render).join(' '));
}

function render(symbol: PatternSymbol): string {
  switch (symbol.kind) {
    case 'word':
      return symbol.text;
    case 'slot':
      return `{${symbol.sort}}`;
    case 'literal':
      return (
        `=${symbol.sort}:${symbol.value}` +
        (symbol.currency === undefined ? '' : `:${symbol.currency}`) +
        (symbol.qualifier === 'exact' ? '' : `:${symbol.qualifier}`)
      );
  }
}

function errors(source: string): string[] {
  const result = compilePattern(source);
  expect(result.expansions).toEqual([]);
  return result.errors.map((error) => error.message);
}

describe('pattern syntax', () => {
  it('reads words folded, with punctuation splitting them as in text', () => {
    expect(expansions('Tren de Aragua')).toEqual(['tren de aragua']);
    expect(expansions('TRÉN  de\nAragua’s')).toEqual(['tren de aragua s']);
    expect(expansions('J.G.G. v. Trump')).toEqual(['j g g v trump']);
  });

  it('expands alternatives, each a sequence, nested', () => {
    expect(expansions('(deported|sent back|expelled) Venezuelans')).toEqual([
      'deported venezuelans',
      'sent back venezuelans',
      'expelled venezuelans',
    ]);
    expect(expansions('CECOT (prison|(mega|maximum security) jail)')).toEqual([
      'cecot prison',
      'cecot mega jail',
      'cecot maximum security jail',
    ]);
  });

  it('expands optional words, nested and with alternatives inside', () => {
    expect(expansions('[the] Alien Enemies Act')).toEqual([
      'alien enemies act',
      'the alien enemies act',
    ]);
    expect(expansions('Alien Enemies Act [of [the year] 1798]')).toEqual([
      'alien enemies act',
      'alien enemies act of =year:1798',
      'alien enemies act of the year =year:1798',
    ]);
    expect(expansions('[US|U.S.] President')).toEqual([
      'president',
      'us president',
      'u s president',
    ]);
  });

  it('allows alternatives at the top level', () => {
    expect(expansions('Tren de Aragua|TdA gang')).toEqual(['tren de aragua', 'tda gang']);
  });

  it('reads number slots of each sort, and {number} as all four', () => {
    expect(expansions('{count} Venezuelans')).toEqual(['{count} venezuelans']);
    expect(expansions('paid {money} to')).toEqual(['paid {money} to']);
    expect(expansions('{ PERCENT } rise')).toEqual(['{percent} rise']);
    expect(expansions('since {year} law')).toEqual(['since {year} law']);
    expect(expansions('{number} deportees')).toEqual([
      '{count} deportees',
      '{money} deportees',
      '{percent} deportees',
      '{year} deportees',
    ]);
  });

  it('reads literal numbers with the number reader, in any wording', () => {
    expect(expansions('MS-13')).toEqual(['ms =count:13']);
    expect(expansions('50 USC 21')).toEqual(['=count:50 usc =count:21']);
    expect(expansions('two hundred Venezuelans')).toEqual(['=count:200 venezuelans']);
    expect(expansions('doscientos treinta y ocho venezolanos')).toEqual(['=count:238 venezolanos']);
    expect(expansions('paid $4.76 million')).toEqual(['paid =money:4760000:USD']);
    expect(expansions('more than 250 people')).toEqual(['=count:250:more-than people']);
    expect(expansions('Act of 1798')).toEqual(['act of =year:1798']);
  });

  it('reads a literal across optional and alternative parts, per expansion', () => {
    expect(expansions('(about|nearly) 300 people')).toEqual([
      '=count:300:about people',
      '=count:300:nearly people',
    ]);
  });

  it('keeps words the number reader does not take as words ("over the border")', () => {
    expect(expansions('over the border')).toEqual(['over the border']);
    expect(expansions('una prisión')).toEqual(['una prision']);
  });

  it('merges expansions that are the same', () => {
    expect(expansions('(Aragua|ARAGUA|Arágua) gang')).toEqual(['aragua gang']);
  });
});

describe('pattern errors', () => {
  it('refuses empty patterns and patterns without words', () => {
    expect(errors('')).toEqual(['empty pattern']);
    expect(errors('   \n ')).toEqual(['empty pattern']);
    expect(errors('.,;!?')).toEqual(['the pattern has no words']);
  });

  it('names the position of unbalanced brackets', () => {
    expect(errors('Tren de (Aragua|TdA')).toEqual(["unclosed '(' at 8"]);
    expect(errors('the [Alien Enemies Act')).toEqual(["unclosed '[' at 4"]);
    expect(errors('paid {money to')).toEqual(["unclosed '{' at 5"]);
    expect(errors('paid {money {count}')).toEqual(["unclosed '{' at 5"]);
    expect(errors('Tren) de Aragua')).toEqual(["unexpected ')' at 4"]);
    expect(errors('(Tren] de Aragua')).toEqual(["unexpected ']' at 5"]);
    expect(errors('Tren} de Aragua')).toEqual(["unexpected '}' at 4"]);
    expect(compilePattern('Tren de (Aragua|TdA').errors[0]!.at).toBe(8);
  });

  it('refuses empty alternatives and empty groups', () => {
    expect(errors('(Aragua|) gang')).toEqual(['empty alternative at 8']);
    expect(errors('(|Aragua) gang')).toEqual(['empty alternative at 1']);
    expect(errors('(Tren||Aragua) gang')).toEqual(['empty alternative at 6']);
    expect(errors('Aragua|')).toEqual(['empty alternative at 7']);
    expect(errors('Tren () Aragua')).toEqual(["empty '()' at 5"]);
    expect(errors('Tren [] Aragua')).toEqual(["empty '[]' at 5"]);
  });

  it('refuses unknown slots, listing the known ones', () => {
    expect(errors('{people} deported')).toEqual([
      "unknown slot '{people}' at 0: use {count}, {money}, {percent}, {year} or {number}",
    ]);
  });

  it('refuses brackets nested more than 8 deep', () => {
    expect(compilePattern(`${'('.repeat(8)}Aragua${')'.repeat(8)}`).errors).toEqual([]);
    expect(errors(`${'('.repeat(9)}Aragua${')'.repeat(9)}`)).toEqual([
      'brackets nested more than 8 deep at 8',
    ]);
  });

  it('refuses a paragraph break inside a pattern', () => {
    expect(errors('Tren de\n\nAragua')).toEqual([
      'a pattern cannot contain a paragraph break (at 7)',
    ]);
  });

  it('refuses a pattern that can match the empty sequence', () => {
    expect(errors('[Tren de Aragua]')).toEqual([
      'the pattern can match nothing: every part of it is optional',
    ]);
    expect(errors('[Tren] [Aragua]')).toEqual([
      'the pattern can match nothing: every part of it is optional',
    ]);
  });

  it('refuses patterns that are only a number slot or only stop-words', () => {
    const broad = (shown: string) =>
      `too broad: "${shown}" has no word besides numbers and common words such as "the" or "de"; add a word that names the claim`;
    expect(errors('{count}')).toEqual([broad('{count}')]);
    expect(errors('{number}')).toEqual([broad('{number}')]);
    expect(errors('the {count}')).toEqual([broad('the {count}')]);
    expect(errors('de la')).toEqual([broad('de la')]);
    expect(errors('two hundred')).toEqual([broad('two hundred')]);
    // Every expansion must name something: the optional word is not enough.
    expect(errors('[Aragua] {count}')).toEqual([broad('{count}')]);
  });

  it('refuses more than 24 tokens in an expansion', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(compilePattern(words(MAX_TOKENS_PER_EXPANSION)).errors).toEqual([]);
    expect(errors(words(MAX_TOKENS_PER_EXPANSION + 1))).toEqual([
      'too many tokens: an expansion has 25 (at most 24)',
    ]);
    expect(errors(`Aragua [${words(MAX_TOKENS_PER_EXPANSION)}]`)).toEqual([
      'too many tokens: an expansion has 25 (at most 24)',
    ]);
  });

  it('refuses more than 256 expansions, counting {number} as 4', () => {
    const group = '(a1|a2|a3|a4)';
    expect(compilePattern(`${group.repeat(4)} Aragua`).expansions).toHaveLength(MAX_EXPANSIONS);
    expect(errors(`${group.repeat(4)} [Aragua]`)).toEqual([
      'too many expansions: 512 (at most 256; each {number} counts as 4, one per sort)',
    ]);
    expect(errors(`${group.repeat(3)} {number} [x] Aragua`)).toEqual([
      'too many expansions: 512 (at most 256; each {number} counts as 4, one per sort)',
    ]);
    // Counted without expanding: a pattern standing for 4^40 sequences is refused at once.
    expect(errors(`${group.repeat(40)} Aragua`)).toContainEqual(
      expect.stringMatching(/^too many expansions: over a billion/),
    );
  });

  it('refuses more than 4 numbers in one expansion', () => {
    expect(errors('{count} a {count} b {count} c {count} d {count} Aragua')).toEqual([
      'too many numbers: "{count} a {count} b {count} c {count} d {count} aragua" has 5 (at most 4)',
    ]);
  });

  it('refuses words next to a slot that the number reader would take into it', () => {
    const message = (slot: string, at: number, read: string) =>
      `the words next to {${slot}} at ${at} are read as part of the number ("${read}"), so the ` +
      `pattern could never match: a slot already includes qualifiers ("more than", "casi"), ` +
      `scale words ("million") and currencies ("dollars")`;
    expect(errors('more than {count} Venezuelans')).toEqual([message('count', 10, 'more than 7')]);
    expect(errors('casi {count} venezolanos')).toEqual([message('count', 5, 'casi 7')]);
    expect(errors('{count} million people')).toEqual([message('count', 0, '7 million')]);
    expect(errors('{count} percent of deportees')).toEqual([message('count', 0, '7 percent')]);
    expect(errors('paid US {money}')).toEqual([message('money', 8, 'us $ 7')]);
    expect(errors('paid {money} dollars')).toEqual([message('money', 5, '$ 7 dollars')]);
    // Words the reader leaves alone are fine.
    expect(compilePattern('deported {count} Venezuelans').errors).toEqual([]);
    expect(compilePattern('paid {money} to El Salvador').errors).toEqual([]);
  });

  it('reports each distinct problem once', () => {
    expect(errors('(the|a|de) {count}')).toHaveLength(3);
    expect(errors('(x|y) {count} million')).toEqual([
      expect.stringContaining('"7 million"') as string,
    ]);
  });
});

describe('compilePattern on any input', () => {
  const syntax = fc.constantFrom('(', ')', '[', ']', '{', '}', '|', ' ', '\n', 'count', 'a');
  const fragments = fc.oneof(
    syntax,
    fc.constantFrom('Aragua', 'more than', '238', '$', 'million', '{number}', '{count}', 'the'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );

  it('never throws and returns either expansions or errors', () => {
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 30 }), (parts) => {
        const result = compilePattern(parts.join(''));
        expect(result.errors.length > 0 || result.expansions.length > 0).toBe(true);
        if (result.errors.length > 0) expect(result.expansions).toEqual([]);
        for (const expansion of result.expansions) {
          expect(expansion.length).toBeGreaterThan(0);
          expect(expansion.length).toBeLessThanOrEqual(MAX_TOKENS_PER_EXPANSION);
        }
        expect(result.expansions.length).toBeLessThanOrEqual(MAX_EXPANSIONS);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (source) => {
        const result = compilePattern(source);
        expect(Array.isArray(result.errors)).toBe(true);
      }),
    );
  });
});
