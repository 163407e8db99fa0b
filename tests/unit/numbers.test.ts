import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIGIT_SUFFIX_WORDS,
  NUMBER_START_WORDS,
  NUMBER_WORDS,
  parseDigitRun,
  parseNumber,
  readLoneDigits,
  readNumber,
  splitNumberTokens,
} from '../../core/numbers';
import { tokenize } from '../../core/tokenize';
import type { Qualifier } from '../../core/pack';
import type { NumberSort, NumberToken, ParsedNumber } from '../../core/types';

/** Reads the number in `text` that starts at `fromWord`, the way the matcher would. */
function readAt(text: string, fromWord: string): ParsedNumber | null {
  const tokens = splitNumberTokens(text);
  const start = text.indexOf(fromWord);
  const index = tokens.findIndex((token) => token.start === start);
  expect(index, `"${fromWord}" starts a token`).toBeGreaterThanOrEqual(0);
  return readNumber(tokens, index);
}

/** The part of `text` the expression covers. */
function covered(text: string): string | null {
  const parsed = parseNumber(text);
  return parsed === null ? null : text.slice(parsed.start, parsed.end);
}

function expectNumber(
  text: string,
  expected: { value: number; sort?: NumberSort; qualifier?: Qualifier; currency?: string },
): ParsedNumber {
  const parsed = parseNumber(text);
  expect(parsed, text).not.toBeNull();
  const { value, sort, qualifier, currency } = parsed as ParsedNumber;
  expect({ value, sort, qualifier, currency }, text).toEqual({
    value: expected.value,
    sort: expected.sort ?? 'count',
    qualifier: expected.qualifier ?? 'exact',
    currency: expected.currency,
  });
  return parsed as ParsedNumber;
}

describe('digits', () => {
  it.each([
    ['238', 238],
    ['1,000', 1000],
    ['84,000', 84_000],
    ['1,000,000', 1_000_000],
    ['1.000', 1000],
    ['250.000', 250_000],
    ['1.000.000', 1_000_000],
    ['84\u00a0000', 84_000],
    ['84\u202f000', 84_000],
    ['84\u2009000', 84_000],
    ['4.76', 4.76],
    ['4,76', 4.76],
    ['1,5', 1.5],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1,234.567', 1234.567],
    ['0.238', 0.238],
    ['12345.678', 12345.678],
    ['007', 7],
  ])('reads %s as %d', (text, value) => {
    expectNumber(text, { value });
  });

  it('keeps the whole digit run in the expression', () => {
    expect(covered('250.000 personas')).toBe('250.000');
    expect(covered('84\u00a0000 migrants')).toBe('84\u00a0000');
  });

  it('does not join digits separated by an ordinary space or a comma and space', () => {
    expect(parseNumber('84 000')).toMatchObject({ value: 84, tokenCount: 1 });
    expect(parseNumber('238, 17')).toMatchObject({ value: 238, tokenCount: 1 });
  });

  it.each(['16.03.2025', '1,000,5', '1.2.3', '1 5', '12,34,567'])(
    'refuses the malformed run %s',
    (text) => {
      expect(parseDigitRun(text.replace(' ', '\u00a0'))).toBeNull();
    },
  );

  it('refuses more than 15 significant digits', () => {
    expect(parseNumber('123456789012345')).toMatchObject({ value: 123_456_789_012_345 });
    expect(parseNumber('1234567890123456')).toBeNull();
    expect(parseNumber('1,000,000,000,000,000,000')).toBeNull();
    expect(parseNumber('0000000000000000001')).toMatchObject({ value: 1 }); // leading zeros are not significant
    expect(parseNumber('mil billones')).toMatchObject({ value: 1e15 });
    expect(parseNumber('diez mil billones')).toBeNull(); // 10^16 is past exact integers
  });
});

describe('scale words', () => {
  it.each([
    ['2 million', 2_000_000],
    ['1.5 billion', 1_500_000_000],
    ['250 thousand', 250_000],
    ['3 hundred', 300],
    ['250 mil', 250_000],
    ['4.76 millones', 4_760_000],
    ['4,76 millones', 4_760_000],
    ['1 millón', 1_000_000],
    ['mil millones', 1_000_000_000],
    ['dos mil millones', 2_000_000_000],
    ['2 mil millones', 2_000_000_000],
    ['doscientos mil millones', 200_000_000_000],
    ['un billón', 1_000_000_000_000],
    ['dos millones trescientos mil', 2_300_000],
  ])('reads %s as %d', (text, value) => {
    expectNumber(text, { value });
  });

  it('computes decimal scales exactly', () => {
    expect(parseNumber('$4.76 million')?.value).toBe(4_760_000);
    expect(parseNumber('$0.1 million')?.value).toBe(100_000);
    expect(parseNumber('2.3 millones')?.value).toBe(2_300_000);
  });

  it('does not read "miles" after digits as Spanish thousands (it is English distance)', () => {
    expect(parseNumber('2 miles')).toMatchObject({ value: 2, tokenCount: 1 });
  });
});

describe('money', () => {
  it.each([
    ['$6 million', 6_000_000, 'USD'],
    ['$4.76 million', 4_760_000, 'USD'],
    ['US$6 million', 6_000_000, 'USD'],
    ['US $6 million', 6_000_000, 'USD'],
    ['USD 6 million', 6_000_000, 'USD'],
    ['6 million dollars', 6_000_000, 'USD'],
    ['6 million US dollars', 6_000_000, 'USD'],
    ['6 million U.S. dollars', 6_000_000, 'USD'],
    ['six million dollars', 6_000_000, 'USD'],
    ['6 million USD', 6_000_000, 'USD'],
    ['$6 million dollars', 6_000_000, 'USD'],
    ['4,76 millones de dólares', 4_760_000, 'USD'],
    ['seis millones de dólares', 6_000_000, 'USD'],
    ['mil dólares', 1000, 'USD'],
    ['1.000 dólares', 1000, 'USD'],
    ['20 dólar', 20, 'USD'],
    ['€250', 250, 'EUR'],
    ['250 €', 250, 'EUR'],
    ['250 euros', 250, 'EUR'],
    ['£2bn', 2_000_000_000, 'GBP'],
    ['$6m', 6_000_000, 'USD'],
    ['$15k', 15_000, 'USD'],
    ['more than $6 million', 6_000_000, 'USD'],
    ['hundreds of thousands of dollars', 100_000, 'USD'],
    ['thousands of dollars', 1000, 'USD'],
    ['miles de millones de dólares', 1_000_000_000, 'USD'],
  ])('%s is %d %s', (text, value, currency) => {
    const parsed = parseNumber(text);
    expect(parsed, text).toMatchObject({ value, currency, sort: 'money' });
    expect(covered(text)).toBe(text);
  });

  it('leaves a different currency after the number out of the expression', () => {
    expect(parseNumber('$6 million euros')).toMatchObject({ currency: 'USD', tokenCount: 3 });
  });

  it('reads "m" and "k" as scales only right after money digits', () => {
    expect(parseNumber('6m people')).toMatchObject({ value: 6, sort: 'count', tokenCount: 1 });
    expect(parseNumber('$6 m')).toMatchObject({ value: 6, sort: 'money', tokenCount: 2 });
  });

  it('takes "de"/"of" before a currency only after a scale word', () => {
    expect(parseNumber('238 de dólares')).toMatchObject({
      value: 238,
      sort: 'count',
      tokenCount: 1,
    });
    expect(parseNumber('dos millones de personas')).toMatchObject({
      value: 2_000_000,
      sort: 'count',
      tokenCount: 2,
    });
  });
});

describe('percent', () => {
  it.each([
    ['13%', 13],
    ['13 %', 13],
    ['13 percent', 13],
    ['13 per cent', 13],
    ['13 por ciento', 13],
    ['13 porciento', 13],
    ['cien por cien', 100],
    ['trece por ciento', 13],
    ['4.5%', 4.5],
    ['approximately 13%', 13],
  ])('%s is %d percent', (text, value) => {
    expect(parseNumber(text)).toMatchObject({ value, sort: 'percent' });
    expect(covered(text)).toBe(text);
  });
});

describe('years', () => {
  it.each([
    ['2025', 'year'],
    ['1000', 'year'],
    ['2100', 'year'],
    ['2101', 'count'],
    ['0999', 'count'],
    ['999', 'count'],
    ['2,025', 'count'],
    ['2025%', 'percent'],
    ['$2025', 'money'],
    ['2025 million', 'count'],
    ['two thousand', 'count'],
  ])('%s is a %s', (text, sort) => {
    expect(parseNumber(text)?.sort).toBe(sort);
  });

  it('reads a qualified four-digit number as a count: "more than 2000 people"', () => {
    expect(parseNumber('more than 2000')).toMatchObject({ value: 2000, sort: 'count' });
  });
});

describe('English number words', () => {
  const small = [
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen',
    'fifteen sixteen seventeen eighteen nineteen',
  ]
    .join(' ')
    .split(' ');
  it.each(small.map((word, value) => [word, value] as const))('%s is %d', (word, value) => {
    expectNumber(word, { value });
  });

  it.each([
    ['twenty', 20],
    ['thirty-eight', 38],
    ['thirty eight', 38],
    ['ninety-nine', 99],
    ['one hundred', 100],
    ['a hundred', 100],
    ['two hundred and thirty-eight', 238],
    ['two hundred thirty-eight', 238],
    ['two hundred and five', 205],
    ['a thousand', 1000],
    ['a thousand and one', 1001],
    ['one thousand and five', 1005],
    ['a hundred and fifty thousand', 150_000],
    ['one hundred and twenty thousand', 120_000],
    ['a million', 1_000_000],
    ['two million three hundred thousand', 2_300_000],
    ['one million and five', 1_000_005],
    ['a billion', 1_000_000_000],
    ['twelve hundred', 1200],
    ['twenty-five hundred', 2500],
    ['nineteen hundred and fifty', 1950],
    ['a dozen', 12],
    ['two dozen', 24],
    ['2 dozen', 24],
  ])('%s is %d', (text, value) => {
    expectNumber(text, { value });
    expect(covered(text)).toBe(text);
  });

  it('reads "one" alone as 1, and "a" only before a scale word', () => {
    expect(parseNumber('one of them')).toMatchObject({ value: 1, tokenCount: 1 });
    expect(parseNumber('a')).toBeNull();
    expect(parseNumber('a man')).toBeNull();
  });

  it('joins "and" only after hundred or a scale word when a smaller number follows', () => {
    expect(parseNumber('238 and 17')).toMatchObject({ value: 238, tokenCount: 1 });
    expect(parseNumber('thirty and five')).toMatchObject({ value: 30, tokenCount: 1 });
    expect(parseNumber('two hundred and')).toMatchObject({ value: 200, tokenCount: 2 });
    expect(parseNumber('two hundred and people')).toMatchObject({ value: 200, tokenCount: 2 });
    expect(parseNumber('one thousand and Venezuelans')).toMatchObject({
      value: 1000,
      tokenCount: 2,
    });
  });

  it('stops at a word it does not know', () => {
    expect(parseNumber('two hundred people and thirty')).toMatchObject({
      value: 200,
      tokenCount: 2,
    });
  });
});

describe('Spanish number words', () => {
  it.each([
    ['cero', 0],
    ['uno', 1],
    ['dos', 2],
    ['quince', 15],
    ['dieciséis', 16],
    ['diecinueve', 19],
    ['veinte', 20],
    ['veintiuno', 21],
    ['veintiún', 21],
    ['veintiuna', 21],
    ['veintidós', 22],
    ['veintitrés', 23],
    ['veintiséis', 26],
    ['treinta y ocho', 38],
    ['noventa y nueve', 99],
    ['cien', 100],
    ['ciento ocho', 108],
    ['ciento treinta y ocho', 138],
    ['doscientos treinta y ocho', 238],
    ['doscientas treinta', 230],
    ['doscientos cincuenta y dos', 252],
    ['quinientos', 500],
    ['mil', 1000],
    ['mil uno', 1001],
    ['dos mil', 2000],
    ['cien mil', 100_000],
    ['veintiún mil', 21_000],
    ['treinta y un mil', 31_000],
    ['ciento un mil', 101_000],
    ['un millón', 1_000_000],
    ['un millón doscientos mil', 1_200_000],
    ['una docena', 12],
    ['MIL MILLONES', 1_000_000_000],
  ])('%s is %d', (text, value) => {
    expectNumber(text, { value });
    expect(covered(text)).toBe(text);
  });

  it('reads "un"/"una" as a number only before a scale word', () => {
    expect(parseNumber('un')).toBeNull();
    expect(parseNumber('una mujer')).toBeNull();
    expect(parseNumber('una mil')).toMatchObject({ value: 1000 });
  });

  it('does not read "ciento" alone (the tail of "por ciento")', () => {
    expect(parseNumber('ciento')).toBeNull();
  });

  it('joins "y" only between tens and a unit', () => {
    expect(parseNumber('treinta y')).toMatchObject({ value: 30, tokenCount: 1 });
    expect(parseNumber('238 y 17')).toMatchObject({ value: 238, tokenCount: 1 });
    expect(parseNumber('dos y tres')).toMatchObject({ value: 2, tokenCount: 1 });
  });
});

describe('qualifiers', () => {
  it.each<[string, Qualifier, number]>([
    ['about 250', 'about', 250],
    ['around 250', 'about', 250],
    ['approximately 250', 'about', 250],
    ['roughly 250', 'about', 250],
    ['some 250', 'about', 250],
    ['nearly 300', 'nearly', 300],
    ['almost three hundred', 'nearly', 300],
    ['at least 238', 'at-least', 238],
    ['no fewer than 238', 'at-least', 238],
    ['no less than 238', 'at-least', 238],
    ['more than 250', 'more-than', 250],
    ['over 250', 'more-than', 250],
    ['over a hundred', 'more-than', 100],
    ['up to 300', 'at-most', 300],
    ['at most 300', 'at-most', 300],
    ['no more than 300', 'at-most', 300],
    ['fewer than 300', 'fewer-than', 300],
    ['less than 300', 'fewer-than', 300],
    ['under 300', 'fewer-than', 300],
    ['alrededor de 250', 'about', 250],
    ['cerca de 300', 'about', 300],
    ['unos 250', 'about', 250],
    ['unas doscientas', 'about', 200],
    ['aproximadamente 250', 'about', 250],
    ['casi 300', 'nearly', 300],
    ['al menos 238', 'at-least', 238],
    ['por lo menos 238', 'at-least', 238],
    ['no menos de 238', 'at-least', 238],
    ['más de 250', 'more-than', 250],
    ['hasta 300', 'at-most', 300],
    ['no más de 300', 'at-most', 300],
    ['menos de 300', 'fewer-than', 300],
  ])('%s', (text, qualifier, value) => {
    expectNumber(text, { value, qualifier });
    expect(covered(text)).toBe(text);
  });

  it.each<[string, Qualifier, number]>([
    ['hundreds of', 'hundreds', 100],
    ['thousands of', 'thousands', 1000],
    ['dozens of', 'dozens', 12],
    ['cientos de', 'hundreds', 100],
    ['centenares de', 'hundreds', 100],
    ['miles de', 'thousands', 1000],
    ['decenas de', 'dozens', 12],
    ['docenas de', 'dozens', 12],
    ['hundreds of thousands', 'hundreds', 100_000],
    ['cientos de miles', 'hundreds', 100_000],
    ['decenas de miles', 'dozens', 12_000],
  ])('"%s" is itself the number', (text, qualifier, value) => {
    expectNumber(`${text} migrants`, { value, qualifier });
    expect(covered(`${text} migrants`)).toBe(text);
  });

  it('starts the expression at the qualifier', () => {
    const text = 'The government sent more than 250 Venezuelans';
    const parsed = readAt(text, 'more');
    expect(parsed).toMatchObject({ value: 250, qualifier: 'more-than', tokenCount: 3 });
    expect(text.slice(parsed?.start, parsed?.end)).toBe('more than 250');
    expect(readAt(text, '250')).toMatchObject({ qualifier: 'exact', tokenCount: 1 });
  });

  it.each([
    'over the border',
    'some of them',
    'at least',
    'more than',
    'hasta la fecha',
    'unos meses',
    'hundreds',
    'miles',
  ])('"%s" is not a number', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('reading from a token stream', () => {
  it('reads at any index and reports offsets in the original text', () => {
    const text = 'El Salvador recibió 4,76 millones de dólares en 2025.';
    const parsed = readAt(text, '4,76');
    expect(parsed).toMatchObject({ value: 4_760_000, sort: 'money', tokenCount: 4 });
    expect(text.slice(parsed?.start, parsed?.end)).toBe('4,76 millones de dólares');
    expect(readAt(text, '2025')).toMatchObject({ value: 2025, sort: 'year' });
  });

  it('returns null outside the array and at words that start nothing', () => {
    const tokens = splitNumberTokens('about 250 people');
    expect(readNumber(tokens, -1)).toBeNull();
    expect(readNumber(tokens, 3)).toBeNull();
    expect(readNumber(tokens, 0.5)).toBeNull();
    expect(readNumber(tokens, Number.NaN)).toBeNull();
    expect(readNumber(tokens, 2)).toBeNull();
    expect(readNumber([], 0)).toBeNull();
  });

  it('refuses expressions longer than 12 tokens', () => {
    const words = 'nine hundred and ninety nine thousand nine hundred and ninety nine';
    expect(parseNumber(words)).toMatchObject({ value: 999_999, tokenCount: 11 });
    expect(parseNumber(`more than ${words}`)).toBeNull();
  });

  it('splits simple strings exactly as core/tokenize does', () => {
    for (const text of [
      'US$4,76 Millones — dieciséis%',
      'Más de 250 venezolanos',
      '84\u00a0000 migrantes y 84 000',
      'two hundred and thirty-eight',
      '£2bn, $6m; 13 %',
      'El 16 de marzo de 2025, 238 hombres',
      "Aragua's 1,000.5 people",
      'the 13th and 1º, 1990s',
    ]) {
      const real = tokenize(text).map(({ kind, text, start, end }) => ({ kind, text, start, end }));
      expect(splitNumberTokens(text), text).toEqual(real);
    }
  });

  it('reads symbols only from symbol tokens', () => {
    const tokens: NumberToken[] = [
      { kind: 'word', text: '$', start: 0, end: 1 },
      { kind: 'digits', text: '6', start: 1, end: 2 },
    ];
    expect(readNumber(tokens, 0)).toBeNull();
    expect(readNumber(tokens, 1)).toMatchObject({ value: 6, sort: 'count' });
  });

  it('splits text like the real tokenizer: folded words, digit runs, symbols', () => {
    expect(splitNumberTokens('US$4,76 Millones — dieciséis%')).toEqual<NumberToken[]>([
      { kind: 'word', text: 'us', start: 0, end: 2 },
      { kind: 'symbol', text: '$', start: 2, end: 3 },
      { kind: 'digits', text: '4,76', start: 3, end: 7 },
      { kind: 'word', text: 'millones', start: 8, end: 16 },
      { kind: 'word', text: 'dieciseis', start: 19, end: 28 },
      { kind: 'symbol', text: '%', start: 28, end: 29 },
    ]);
  });
});

describe('a digit run read alone (the matcher’s fast path)', () => {
  const digitRun = fc.oneof(
    fc.stringMatching(/^[0-9]{1,20}$/),
    fc.stringMatching(/^[0-9]{1,4}([,. ][0-9]{1,4}){1,3}$/),
    fc.constantFrom('2025', '1798', '0000', '2100', '2101', '999', '4.76', '1,000', '84 000'),
  );
  /** What may follow a run without changing its reading: nothing, another run, or a word that
   * is not a digit suffix (a number word or not), then anything. */
  const notSuffix = [...NUMBER_WORDS, 'people', 'venezuelans', ''].filter(
    (word) => !DIGIT_SUFFIX_WORDS.has(word),
  );
  const follower = fc.oneof(
    fc.constant<NumberToken[]>([]),
    fc
      .tuple(fc.constantFrom(...notSuffix), fc.constantFrom(...NUMBER_WORDS, '$', '%', '7'))
      .map(([word, then]): NumberToken[] => [
        { kind: 'word', text: word, start: 20, end: 21 },
        {
          kind: then === '7' ? 'digits' : then === '$' || then === '%' ? 'symbol' : 'word',
          text: then,
          start: 22,
          end: 23,
        },
      ]),
    digitRun.map((text): NumberToken[] => [{ kind: 'digits', text, start: 20, end: 21 }]),
  );

  it('reads exactly what readNumber reads when no digit-suffix word or symbol follows', () => {
    fc.assert(
      fc.property(digitRun, follower, (text, after) => {
        const tokens: NumberToken[] = [{ kind: 'digits', text, start: 3, end: 3 + text.length }];
        expect(readLoneDigits(text, 3, 3 + text.length)).toEqual(
          readNumber([...tokens, ...after], 0),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('DIGIT_SUFFIX_WORDS holds every word that changes the reading of a run before it', () => {
    const runs = ['5', '12', '2025', '4.76', '1,000', '0', '99'];
    const changers = [...NUMBER_WORDS].filter((word) =>
      runs.some((run) => {
        const tokens: NumberToken[] = [
          { kind: 'digits', text: run, start: 0, end: run.length },
          { kind: 'word', text: word, start: run.length + 1, end: run.length + 2 },
          { kind: 'word', text: 'dollars', start: run.length + 3, end: run.length + 4 },
        ];
        return (
          JSON.stringify(readNumber(tokens, 0)) !==
          JSON.stringify(readNumber(tokens.slice(0, 1), 0))
        );
      }),
    );
    expect(changers.filter((word) => !DIGIT_SUFFIX_WORDS.has(word))).toEqual([]);
    // ...and it names the ones readers meet most: scales, currencies, percent.
    for (const word of ['million', 'millones', 'mil', 'dollars', 'dolares', 'percent', 'por']) {
      expect(DIGIT_SUFFIX_WORDS.has(word), word).toBe(true);
    }
  });

  it('reads plain runs by their digits, years apart, and refuses more than 15 digits', () => {
    expect(readLoneDigits('238', 0, 3)).toEqual({
      value: 238,
      qualifier: 'exact',
      sort: 'count',
      start: 0,
      end: 3,
      tokenCount: 1,
    });
    expect(readLoneDigits('2025', 5, 9)).toMatchObject({ value: 2025, sort: 'year' });
    expect(readLoneDigits('0007', 0, 4)).toMatchObject({ value: 7, sort: 'count' });
    expect(readLoneDigits('000000000000000000123', 0, 21)).toMatchObject({ value: 123 });
    expect(readLoneDigits('1234567890123456', 0, 16)).toBeNull();
    expect(readLoneDigits('16.03.2025', 0, 10)).toBeNull();
    expect(parseDigitRun('123456789012345')).toEqual({
      mantissa: 123456789012345,
      exponent: 0,
      plain: true,
    });
  });
});

describe('NUMBER_WORDS', () => {
  // Every phrase the grammar is tested on above, in English and Spanish.
  const phrases = [
    'two hundred and thirty-eight thousand',
    'a dozen',
    'a billion trillion',
    'doscientos cincuenta y dos mil millones',
    'veintiún mil veintidós veintitrés veintiséis billón',
    'about around approximately roughly some nearly almost at least more than over up to at most',
    'no fewer than no less than not less than not more than less under',
    'hundreds of thousands of millions of billions dozens of',
    'alrededor de cerca de unos unas aproximadamente casi al menos por lo menos más de hasta',
    'menos de cientos de centenares de miles de decenas de docenas de una docena',
    'dollars dollar us dollars u s dollars dólares dólar usd euros euro eur gbp',
    'percent per cent por ciento porciento cien cero zero',
  ];

  it('holds every word the grammar reads (the tokenizer drops all others)', () => {
    const words = phrases.flatMap((phrase) => splitNumberTokens(phrase).map((token) => token.text));
    expect(words.filter((word) => !NUMBER_WORDS.has(word))).toEqual([]);
  });

  it('holds only folded words: no capitals, accents or symbols', () => {
    for (const word of NUMBER_WORDS) {
      expect(word).toMatch(/^[a-z]+$/);
    }
    for (const word of NUMBER_START_WORDS) expect(NUMBER_WORDS.has(word), word).toBe(true);
  });

  it('leaves ordinary words out', () => {
    for (const word of ['venezuelans', 'deported', 'el', 'salvador', 'people', 'the']) {
      expect(NUMBER_WORDS.has(word), word).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const EN_SMALL =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(
    ' ',
  );
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

interface EnglishStyle {
  and: boolean;
  hyphen: boolean;
  article: boolean;
}

function englishBelowHundred(n: number, style: EnglishStyle): string {
  if (n < 20) return EN_SMALL[n] ?? '';
  const unit = n % 10;
  const tens = EN_TENS[Math.floor(n / 10)] ?? '';
  return unit === 0 ? tens : `${tens}${style.hyphen ? '-' : ' '}${EN_SMALL[unit]}`;
}

function englishBelowThousand(n: number, style: EnglishStyle, leading: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) {
    parts.push(
      hundreds === 1 && leading && style.article ? 'a hundred' : `${EN_SMALL[hundreds]} hundred`,
    );
    if (rest > 0 && style.and) parts.push('and');
  }
  if (rest > 0) parts.push(englishBelowHundred(rest, style));
  return parts.join(' ');
}

function english(n: number, style: EnglishStyle): string {
  if (n === 0) return 'zero';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (thousands > 0) {
    parts.push(
      thousands === 1 && style.article
        ? 'a thousand'
        : `${englishBelowThousand(thousands, style, true)} thousand`,
    );
    if (rest > 0 && rest < 100 && style.and) parts.push('and');
  }
  if (rest > 0) parts.push(englishBelowThousand(rest, style, thousands === 0));
  return parts.join(' ');
}

const ES_SMALL = [
  'cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince',
  'dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro',
  'veinticinco veintiséis veintisiete veintiocho veintinueve',
]
  .join(' ')
  .split(' ');
const ES_TENS = [
  '',
  '',
  '',
  'treinta',
  'cuarenta',
  'cincuenta',
  'sesenta',
  'setenta',
  'ochenta',
  'noventa',
];
const ES_HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

/** `beforeMil`: "uno" shortens to "un"/"ún" before "mil" (veintiún mil, treinta y un mil). */
function spanishBelowHundred(n: number, beforeMil: boolean): string {
  const unit = n % 10;
  const words =
    n < 30
      ? (ES_SMALL[n] ?? '')
      : `${ES_TENS[Math.floor(n / 10)]}${unit ? ` y ${ES_SMALL[unit]}` : ''}`;
  if (!beforeMil) return words;
  return words === 'veintiuno' ? 'veintiún' : words.replace(/\buno$/, 'un');
}

function spanishBelowThousand(n: number, beforeMil: boolean, feminine: boolean): string {
  if (n === 100) return 'cien';
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) {
    const word = ES_HUNDREDS[hundreds] ?? '';
    parts.push(feminine && hundreds > 1 ? word.replace(/os$/, 'as') : word);
  }
  if (rest > 0) parts.push(spanishBelowHundred(rest, beforeMil));
  return parts.join(' ');
}

function spanish(n: number, feminine: boolean): string {
  if (n === 0) return 'cero';
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (thousands === 1) parts.push('mil');
  else if (thousands > 1) parts.push(`${spanishBelowThousand(thousands, true, feminine)} mil`);
  if (rest > 0) parts.push(spanishBelowThousand(rest, false, feminine));
  return parts.join(' ');
}

const englishStyle = fc.record({ and: fc.boolean(), hyphen: fc.boolean(), article: fc.boolean() });
/** Biased towards the edges of each group (0, 1, 99, 100, 999...). */
const belowMillion = fc.oneof(
  fc.integer({ min: 0, max: 999_999 }),
  fc
    .tuple(
      fc.constantFrom(0, 1, 19, 20, 21, 99, 100, 101, 999),
      fc.constantFrom(0, 1, 15, 21, 99, 100, 101, 110, 999),
    )
    .map(([thousands, rest]) => thousands * 1000 + rest),
);

describe('properties', () => {
  it('reads every English rendering of 0..999,999 back to its value', () => {
    fc.assert(
      fc.property(belowMillion, englishStyle, (n, style) => {
        const text = english(n, style);
        const parsed = parseNumber(text);
        expect(parsed?.value, text).toBe(n);
        expect(parsed?.end, text).toBe(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every Spanish rendering of 0..999,999 back to its value', () => {
    fc.assert(
      fc.property(belowMillion, fc.boolean(), (n, feminine) => {
        const text = spanish(n, feminine);
        const parsed = parseNumber(text);
        expect(parsed?.value, text).toBe(n);
        expect(parsed?.end, text).toBe(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads 0..2000 in words exhaustively in both languages', () => {
    const plain: EnglishStyle = { and: true, hyphen: true, article: false };
    for (let n = 0; n <= 2000; n += 1) {
      expect(parseNumber(english(n, plain))?.value).toBe(n);
      expect(parseNumber(spanish(n, false))?.value).toBe(n);
    }
  });

  it('round-trips integers written with thousands separators', () => {
    const separators = fc.constantFrom(',', '.', '\u00a0', '\u202f');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), separators, (n, separator) => {
        const text = String(n).replace(/\B(?=(\d{3})+$)/g, separator);
        const parsed = parseNumber(text);
        expect(parsed?.value, text).toBe(n);
        expect(parsed?.end, text).toBe(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips decimals with a point or a comma, grouped or not', () => {
    const fractionDigits = fc.stringMatching(/^[0-9]{1,2}$|^[0-9]{4,5}$/);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fractionDigits,
        fc.constantFrom(
          { decimal: '.', group: ',' },
          { decimal: ',', group: '.' },
          { decimal: ',', group: '\u00a0' },
        ),
        fc.boolean(),
        (whole, fraction, marks, grouped) => {
          const integerPart = grouped
            ? String(whole).replace(/\B(?=(\d{3})+$)/g, marks.group)
            : String(whole);
          const text = `${integerPart}${marks.decimal}${fraction}`;
          expect(parseNumber(text)?.value, text).toBe(Number(`${whole}.${fraction}`));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary tokens, and what it returns is consistent', () => {
    const texts = {
      word: fc.constantFrom(...NUMBER_WORDS, 'people', ''),
      symbol: fc.constantFrom('$', '€', '£', '%'),
      digits: fc.stringMatching(/^[0-9][0-9,. \u00a0]{0,20}$/),
    };
    const kinds = ['word', 'symbol', 'digits'] as const;
    // Mostly tokens as the tokenizer makes them, some of any kind with any text.
    const kindAndText = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...kinds)
          .chain((kind) => fc.record({ kind: fc.constant(kind), text: texts[kind] })),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constantFrom(...kinds),
          text: fc.oneof(texts.word, texts.symbol, texts.digits, fc.string()),
        }),
      },
    );
    const token = fc
      .tuple(kindAndText, fc.nat(1000), fc.nat(1000))
      .map(([{ kind, text }, start, end]): NumberToken => ({ kind, text, start, end }));
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 30 }),
        fc.integer({ min: -2, max: 32 }),
        (tokens, index) => {
          const parsed = readNumber(tokens, index);
          if (parsed === null) return;
          expect(parsed.tokenCount).toBeGreaterThanOrEqual(1);
          expect(parsed.tokenCount).toBeLessThanOrEqual(12);
          expect(index + parsed.tokenCount).toBeLessThanOrEqual(tokens.length);
          expect(parsed.start).toBe(tokens[index]?.start);
          expect(parsed.end).toBe(tokens[index + parsed.tokenCount - 1]?.end);
          expect(Number.isFinite(parsed.value) && parsed.value >= 0).toBe(true);
          expect(parsed.sort === 'money').toBe(parsed.currency !== undefined);
          const first = tokens[index];
          if (first?.kind === 'word') expect(NUMBER_START_WORDS.has(first.text)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('keeps the value when a qualifier or currency is added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom('', 'about ', 'more than ', 'casi ', 'por lo menos '),
        fc.constantFrom('', '$', 'US$', '€'),
        (n, qualifier, currency) => {
          const text = `${qualifier}${currency}${n.toLocaleString('en-US')}`;
          expect(parseNumber(text)?.value, text).toBe(n);
          expect(parseNumber(text)?.end, text).toBe(text.length);
        },
      ),
    );
  });
});
