// REFERENCE COPY, do not edit: core/numbers.ts as it was before the speed work of issue 4 (commit
// 40a01b4; only its imports, and in matcher.ts how the spec's arrays are read, are adapted).
// tests/unit/reference-equivalence.test.ts checks that the current code gives exactly its results.

// Reads number expressions from the matcher's token stream: digits with English or Spanish
// separators ("1,000", "250.000", "4,76"), number words in English and Spanish ("two hundred and
// thirty-eight", "doscientos treinta y ocho"), scale words ("$4.76 million", "mil millones"),
// currencies, percentages, and the qualifiers before them ("more than", "casi", "hundreds of").
// Pure TypeScript: no DOM, no dependencies. Never throws; anything that is not a number is null.
//
// Tokens must be consecutive in the text: a word the caller does not know must END the window (or
// be passed as a 'word' token whose text is not in NUMBER_WORDS), never be skipped, or "two
// hundred people and thirty" would read as 230.
//
// Choices worth knowing:
// - A separator followed by exactly three digits groups thousands ("1.000" is 1000, as in Spanish),
//   unless the first group has a leading zero or more than three digits ("0.238", "12345.678").
// - "$" is US dollars. "m", "bn", "k" count as scales only glued to digits after a currency
//   ("$6m", "£2bn"); "6m" alone may be metres.
// - A year is a bare four-digit run 1000–2100 with nothing around it; "more than 2000" and "hasta
//   2025" are counts (a qualifier almost always means a quantity in this coverage).
// - "un"/"una" alone is an article, a number only before a scale word ("un millón", "una docena").
// - "hundreds of thousands" is value 100,000 with qualifier 'hundreds' (compare.ts scales it).
// - Expressions over 12 tokens, over 15 significant digits or over 2^53 are refused as noise.

import type { Qualifier } from '../../../core/pack';
import type { NumberSort, NumberToken, ParsedNumber } from '../../../core/types';

/** Longer expressions are noise (or hostile input), not numbers. */
const MAX_EXPRESSION_TOKENS = 12;
const MAX_SIGNIFICANT_DIGITS = 15;

// ---------------------------------------------------------------------------------------------
// Vocabulary. Scale words are stored as powers of ten so "$4.76 million" is computed exactly as
// 476 × 10^4 rather than 4.76 × 1e6 (which is not exact in binary floating point).

const EN_UNITS = new Map([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
]);
const EN_TEENS = new Map([
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);
const EN_TENS = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);
/** English scale words inside a number written in words, as powers of ten. */
const EN_SCALES = new Map([
  ['thousand', 3],
  ['million', 6],
  ['billion', 9],
  ['trillion', 12],
]);

const ES_UNITS = new Map([
  ['uno', 1],
  ['un', 1],
  ['una', 1],
  ['dos', 2],
  ['tres', 3],
  ['cuatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['siete', 7],
  ['ocho', 8],
  ['nueve', 9],
]);
/** Spanish writes 10–29 as single words. */
const ES_TEENS_AND_TWENTIES = new Map([
  ['diez', 10],
  ['once', 11],
  ['doce', 12],
  ['trece', 13],
  ['catorce', 14],
  ['quince', 15],
  ['dieciseis', 16],
  ['diecisiete', 17],
  ['dieciocho', 18],
  ['diecinueve', 19],
  ['veinte', 20],
  ['veintiuno', 21],
  ['veintiun', 21],
  ['veintiuna', 21],
  ['veintidos', 22],
  ['veintitres', 23],
  ['veinticuatro', 24],
  ['veinticinco', 25],
  ['veintiseis', 26],
  ['veintisiete', 27],
  ['veintiocho', 28],
  ['veintinueve', 29],
]);
const ES_TENS = new Map([
  ['treinta', 30],
  ['cuarenta', 40],
  ['cincuenta', 50],
  ['sesenta', 60],
  ['setenta', 70],
  ['ochenta', 80],
  ['noventa', 90],
]);
/** "cien" (exactly 100) and "ciento" (100 + more) are handled apart. */
const ES_HUNDREDS = new Map([
  ['doscientos', 200],
  ['doscientas', 200],
  ['trescientos', 300],
  ['trescientas', 300],
  ['cuatrocientos', 400],
  ['cuatrocientas', 400],
  ['quinientos', 500],
  ['quinientas', 500],
  ['seiscientos', 600],
  ['seiscientas', 600],
  ['setecientos', 700],
  ['setecientas', 700],
  ['ochocientos', 800],
  ['ochocientas', 800],
  ['novecientos', 900],
  ['novecientas', 900],
]);
/** Spanish "billón" is 10^12; "mil millones" is 10^9. */
const ES_MILLION_WORDS = new Set(['millon', 'millones']);
const ES_BILLION_WORDS = new Set(['billon', 'billones']);

/** Scale words that may follow digits ("250 mil", "4.76 millones", "2 million"), powers of ten.
 * "miles" is left out: after digits it is English ("2 miles"). */
const SCALES_AFTER_DIGITS = new Map([
  ['hundred', 2],
  ['thousand', 3],
  ['thousands', 3],
  ['mil', 3],
  ['million', 6],
  ['millions', 6],
  ['millon', 6],
  ['millones', 6],
  ['billion', 9],
  ['billions', 9],
  ['trillion', 12],
  ['trillions', 12],
  ['billon', 12],
  ['billones', 12],
]);
/** Scales after "hundreds of", "cientos de"...: "hundreds of thousands", "miles de millones". */
const SCALES_AFTER_VAGUE = new Map([
  ['thousands', 3],
  ['miles', 3],
  ['millions', 6],
  ['millones', 6],
  ['billions', 9],
  ['billones', 12],
]);
/** "$6m", "£2bn": accepted only right after the digits (no space) and with a currency before. */
const ABBREVIATED_SCALES = new Map([
  ['k', 3],
  ['m', 6],
  ['mn', 6],
  ['b', 9],
  ['bn', 9],
]);
const DOZEN_WORDS = new Set(['dozen', 'docena', 'docenas']);
/** Between a scale word and a currency: "millones de dólares", "hundreds of thousands of dollars". */
const SCALE_CONNECTORS = new Set(['of', 'de']);

interface Phrase {
  /** Folded token texts, words or symbols, in order. */
  readonly words: readonly string[];
}
interface QualifierPhrase extends Phrase {
  readonly qualifier: Qualifier;
  /** Set for "hundreds of", "thousands of", "dozens of": the phrase is itself the number. */
  readonly unit?: number;
}
interface CurrencyPhrase extends Phrase {
  readonly currency: string;
}

/** Phrases, and the same phrases by first word so a lookup touches only the few that can match. */
interface PhraseTable<T extends Phrase> {
  readonly all: readonly T[];
  readonly byFirstWord: ReadonlyMap<string, readonly T[]>;
}

function phrases<T extends object>(
  list: readonly (readonly [string, T])[],
): PhraseTable<Phrase & T> {
  const all = list.map(([text, rest]) => ({ words: text.split(' '), ...rest }));
  const byFirstWord = new Map<string, (Phrase & T)[]>();
  for (const phrase of all) {
    const first = phrase.words[0] ?? '';
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), phrase]);
  }
  return { all, byFirstWord };
}

const QUALIFIER_PHRASES: PhraseTable<QualifierPhrase> = phrases<Omit<QualifierPhrase, 'words'>>([
  ['about', { qualifier: 'about' }],
  ['around', { qualifier: 'about' }],
  ['approximately', { qualifier: 'about' }],
  ['roughly', { qualifier: 'about' }],
  ['some', { qualifier: 'about' }],
  ['nearly', { qualifier: 'nearly' }],
  ['almost', { qualifier: 'nearly' }],
  ['at least', { qualifier: 'at-least' }],
  ['no fewer than', { qualifier: 'at-least' }],
  ['no less than', { qualifier: 'at-least' }],
  ['not less than', { qualifier: 'at-least' }],
  ['more than', { qualifier: 'more-than' }],
  ['over', { qualifier: 'more-than' }],
  ['up to', { qualifier: 'at-most' }],
  ['at most', { qualifier: 'at-most' }],
  ['no more than', { qualifier: 'at-most' }],
  ['not more than', { qualifier: 'at-most' }],
  ['fewer than', { qualifier: 'fewer-than' }],
  ['less than', { qualifier: 'fewer-than' }],
  ['under', { qualifier: 'fewer-than' }],
  ['hundreds of', { qualifier: 'hundreds', unit: 100 }],
  ['thousands of', { qualifier: 'thousands', unit: 1000 }],
  ['dozens of', { qualifier: 'dozens', unit: 12 }],
  ['alrededor de', { qualifier: 'about' }],
  ['cerca de', { qualifier: 'about' }],
  ['unos', { qualifier: 'about' }],
  ['unas', { qualifier: 'about' }],
  ['aproximadamente', { qualifier: 'about' }],
  ['casi', { qualifier: 'nearly' }],
  ['al menos', { qualifier: 'at-least' }],
  ['por lo menos', { qualifier: 'at-least' }],
  ['no menos de', { qualifier: 'at-least' }],
  ['mas de', { qualifier: 'more-than' }],
  ['hasta', { qualifier: 'at-most' }],
  ['no mas de', { qualifier: 'at-most' }],
  ['menos de', { qualifier: 'fewer-than' }],
  ['cientos de', { qualifier: 'hundreds', unit: 100 }],
  ['centenares de', { qualifier: 'hundreds', unit: 100 }],
  ['miles de', { qualifier: 'thousands', unit: 1000 }],
  ['decenas de', { qualifier: 'dozens', unit: 12 }],
  ['docenas de', { qualifier: 'dozens', unit: 12 }],
]);

/** "$" alone is read as US dollars, as most of the coverage means. */
const CURRENCY_PREFIXES: PhraseTable<CurrencyPhrase> = phrases([
  ['$', { currency: 'USD' }],
  ['us $', { currency: 'USD' }],
  ['u s $', { currency: 'USD' }],
  ['usd', { currency: 'USD' }],
  ['€', { currency: 'EUR' }],
  ['eur', { currency: 'EUR' }],
  ['£', { currency: 'GBP' }],
  ['gbp', { currency: 'GBP' }],
]);
const CURRENCY_SUFFIXES: PhraseTable<CurrencyPhrase> = phrases([
  ['dollars', { currency: 'USD' }],
  ['dollar', { currency: 'USD' }],
  ['us dollars', { currency: 'USD' }],
  ['u s dollars', { currency: 'USD' }],
  ['dolares', { currency: 'USD' }],
  ['dolar', { currency: 'USD' }],
  ['usd', { currency: 'USD' }],
  ['$', { currency: 'USD' }],
  ['euros', { currency: 'EUR' }],
  ['euro', { currency: 'EUR' }],
  ['eur', { currency: 'EUR' }],
  ['€', { currency: 'EUR' }],
  ['gbp', { currency: 'GBP' }],
  ['£', { currency: 'GBP' }],
]);
const PERCENT_PHRASES: PhraseTable<Phrase> = phrases([
  ['%', {}],
  ['percent', {}],
  ['per cent', {}],
  ['por ciento', {}],
  ['por cien', {}],
  ['porciento', {}],
]);

// ---------------------------------------------------------------------------------------------
// Exported vocabulary, built from the tables above so no word the grammar uses can be missing.

function isSymbol(text: string): boolean {
  return text === '$' || text === '€' || text === '£' || text === '%';
}

function wordsOf(...sources: readonly (Iterable<string> | readonly Phrase[])[]): Set<string> {
  const words = new Set<string>();
  for (const source of sources) {
    for (const entry of source) {
      for (const word of typeof entry === 'string' ? [entry] : entry.words) {
        if (!isSymbol(word)) words.add(word);
      }
    }
  }
  return words;
}

/** Every folded word the number reader uses (number, scale, qualifier, currency and percent words,
 * English and Spanish). The tokenizer must build 'word' tokens for all of these. */
export const NUMBER_WORDS: ReadonlySet<string> = wordsOf(
  EN_UNITS.keys(),
  EN_TEENS.keys(),
  EN_TENS.keys(),
  EN_SCALES.keys(),
  ES_UNITS.keys(),
  ES_TEENS_AND_TWENTIES.keys(),
  ES_TENS.keys(),
  ES_HUNDREDS.keys(),
  ES_MILLION_WORDS,
  ES_BILLION_WORDS,
  SCALES_AFTER_DIGITS.keys(),
  SCALES_AFTER_VAGUE.keys(),
  ABBREVIATED_SCALES.keys(),
  DOZEN_WORDS,
  SCALE_CONNECTORS,
  ['zero', 'a', 'and', 'hundred', 'cero', 'y', 'cien', 'ciento', 'mil'],
  QUALIFIER_PHRASES.all,
  CURRENCY_PREFIXES.all,
  CURRENCY_SUFFIXES.all,
  PERCENT_PHRASES.all,
);

/** The words an expression can start with: readNumber returns null at any other word token, so a
 * caller may skip the call there. (Digit runs and "$", "€", "£" can start one too.) */
export const NUMBER_START_WORDS: ReadonlySet<string> = wordsOf(
  EN_UNITS.keys(),
  EN_TEENS.keys(),
  EN_TENS.keys(),
  ES_UNITS.keys(),
  ES_TEENS_AND_TWENTIES.keys(),
  ES_TENS.keys(),
  ES_HUNDREDS.keys(),
  ['zero', 'a', 'cero', 'cien', 'ciento', 'mil'],
  QUALIFIER_PHRASES.byFirstWord.keys(),
  CURRENCY_PREFIXES.byFirstWord.keys(),
);

// ---------------------------------------------------------------------------------------------
// Token access

type Tokens = readonly NumberToken[];

function wordAt(tokens: Tokens, index: number): string | undefined {
  const token = tokens[index];
  return token !== undefined && token.kind === 'word' ? token.text : undefined;
}

/** Whether tokens[index] is this word, or this symbol, for phrases that mix them ("us $"). */
function tokenIs(tokens: Tokens, index: number, text: string): boolean {
  const token = tokens[index];
  return (
    token !== undefined &&
    token.text === text &&
    token.kind === (isSymbol(text) ? 'symbol' : 'word')
  );
}

function longestPhrase<T extends Phrase>(
  tokens: Tokens,
  index: number,
  table: PhraseTable<T>,
): T | undefined {
  const token = tokens[index];
  if (token === undefined || token.kind === 'digits') return undefined;
  let best: T | undefined;
  for (const phrase of table.byFirstWord.get(token.text) ?? []) {
    if (best !== undefined && phrase.words.length <= best.words.length) continue;
    if (phrase.words.every((word, offset) => tokenIs(tokens, index + offset, word))) {
      best = phrase;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Digits

interface Decimal {
  /** The digits as an integer (at most 15 significant digits, so exact). */
  mantissa: number;
  /** value = mantissa × 10^exponent */
  exponent: number;
  /** No separators at all ("2025", not "2,025"). */
  plain: boolean;
}

const SPACE_SEPARATORS = new Set([' ', '\u00a0', '\u202f', '\u2009']);

function isSeparator(char: string): boolean {
  return char === ',' || char === '.' || SPACE_SEPARATORS.has(char);
}

/** A separator class: all spaces count as one kind. */
function separatorKind(char: string): string {
  return SPACE_SEPARATORS.has(char) ? ' ' : char;
}

/**
 * Reads a digit run. A separator followed by exactly three digits groups thousands ("1,000",
 * "250.000", "84 000"); otherwise the last separator is the decimal mark ("4.76", "4,76",
 * "1.234,5"). Ambiguous or malformed runs ("16.03.2025", "1,000,5") are not numbers.
 */
export function parseDigitRun(text: string): Decimal | null {
  const groups: string[] = [];
  const separators: string[] = [];
  let current = '';
  for (const char of text) {
    if (char >= '0' && char <= '9') {
      current += char;
    } else if (isSeparator(char) && current !== '') {
      groups.push(current);
      separators.push(separatorKind(char));
      current = '';
    } else {
      return null;
    }
  }
  if (current === '') return null;
  groups.push(current);

  let integerGroups = groups;
  let fraction = '';
  const last = groups.length - 1;
  const lastSeparator = separators[last - 1];
  if (lastSeparator !== undefined) {
    const lastGroup = groups[last] ?? '';
    const first = groups[0] ?? '';
    const earlier = separators.slice(0, -1);
    const looksGrouped =
      lastGroup.length === 3 &&
      first.length <= 3 &&
      !first.startsWith('0') &&
      earlier.every((separator) => separator === lastSeparator);
    if (!looksGrouped) {
      if (lastSeparator === ' ') return null; // a space is never a decimal mark
      fraction = lastGroup;
      integerGroups = groups.slice(0, -1);
      if (earlier.some((separator) => separator === lastSeparator)) return null;
    }
  }
  // Whatever separators remain must group thousands consistently.
  if (integerGroups.length > 1) {
    const kinds = new Set(separators.slice(0, integerGroups.length - 1));
    const [first = '', ...rest] = integerGroups;
    if (kinds.size !== 1) return null;
    if (first.length > 3 || rest.some((group) => group.length !== 3)) return null;
  }
  const digits = integerGroups.join('') + fraction;
  const significant = digits.replace(/^0+/, '');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) return null;
  return {
    mantissa: significant === '' ? 0 : Number(significant),
    exponent: -fraction.length,
    plain: groups.length === 1,
  };
}

function scaledValue(mantissa: number, exponent: number): number {
  return exponent >= 0 ? mantissa * 10 ** exponent : mantissa / 10 ** -exponent;
}

// ---------------------------------------------------------------------------------------------
// Number words

interface WordReading {
  value: number;
  /** Index of the first token after the reading. */
  next: number;
}

function readEnglishBelowHundred(tokens: Tokens, index: number): WordReading | null {
  const word = wordAt(tokens, index);
  if (word === undefined) return null;
  const tens = EN_TENS.get(word);
  if (tens !== undefined) {
    const unit = EN_UNITS.get(wordAt(tokens, index + 1) ?? '');
    return unit === undefined
      ? { value: tens, next: index + 1 }
      : { value: tens + unit, next: index + 2 };
  }
  const small = EN_TEENS.get(word) ?? EN_UNITS.get(word);
  return small === undefined ? null : { value: small, next: index + 1 };
}

interface EnglishGroup extends WordReading {
  /** "twelve hundred": a whole number on its own, never followed by a scale word. */
  long: boolean;
}

/** 1–999, or "eleven hundred"…"ninety-nine hundred" when allowLong. */
function readEnglishGroup(tokens: Tokens, index: number, allowLong: boolean): EnglishGroup | null {
  let hundreds: number;
  let next: number;
  if (wordAt(tokens, index) === 'a' && wordAt(tokens, index + 1) === 'hundred') {
    hundreds = 1;
    next = index + 2;
  } else {
    const below = readEnglishBelowHundred(tokens, index);
    if (below === null) return null;
    const long = below.value > 10 && below.value % 10 !== 0;
    if (wordAt(tokens, below.next) !== 'hundred' || (below.value > 9 && !(allowLong && long))) {
      return { ...below, long: false };
    }
    hundreds = below.value;
    next = below.next + 1;
  }
  const long = hundreds > 9;
  const afterAnd = wordAt(tokens, next) === 'and' ? next + 1 : next;
  const rest = readEnglishBelowHundred(tokens, afterAnd);
  return rest === null
    ? { value: hundreds * 100, next, long }
    : { value: hundreds * 100 + rest.value, next: rest.next, long };
}

function readEnglishNumber(tokens: Tokens, index: number): WordReading | null {
  if (wordAt(tokens, index) === 'zero') return { value: 0, next: index + 1 };
  let total = 0;
  let lastScale = Infinity;
  let next = index;
  let read = false;
  for (;;) {
    const group: EnglishGroup | null =
      wordAt(tokens, next) === 'a' && EN_SCALES.has(wordAt(tokens, next + 1) ?? '')
        ? { value: 1, next: next + 1, long: false }
        : readEnglishGroup(tokens, next, !read);
    if (group === null) break;
    const scale = EN_SCALES.get(wordAt(tokens, group.next) ?? '');
    if (scale !== undefined && scale < lastScale && !group.long) {
      total += group.value * 10 ** scale;
      lastScale = scale;
      next = group.next + 1;
      read = true;
      // "one thousand and five": "and" joins only when a smaller number follows.
      if (wordAt(tokens, next) === 'and' && readEnglishGroup(tokens, next + 1, false) !== null) {
        next += 1;
      }
      continue;
    }
    if (!read || group.value < 10 ** lastScale) {
      total += group.value;
      next = group.next;
      read = true;
    }
    break;
  }
  return read ? { value: total, next } : null;
}

interface SpanishReading extends WordReading {
  /** The reading is just "un"/"una": a number only before a scale word ("un millón"). */
  bareUn: boolean;
}

function readSpanishBelowHundred(tokens: Tokens, index: number): SpanishReading | null {
  const word = wordAt(tokens, index);
  if (word === undefined) return null;
  const tens = ES_TENS.get(word);
  if (tens !== undefined) {
    const unit =
      wordAt(tokens, index + 1) === 'y' ? ES_UNITS.get(wordAt(tokens, index + 2) ?? '') : undefined;
    return unit === undefined
      ? { value: tens, next: index + 1, bareUn: false }
      : { value: tens + unit, next: index + 3, bareUn: false };
  }
  const small = ES_TEENS_AND_TWENTIES.get(word) ?? ES_UNITS.get(word);
  if (small === undefined) return null;
  return { value: small, next: index + 1, bareUn: word === 'un' || word === 'una' };
}

/** 0–999: "cien", "ciento ocho", "doscientos treinta y ocho", "veintiún". */
function readSpanishGroup(tokens: Tokens, index: number): SpanishReading | null {
  const word = wordAt(tokens, index);
  if (
    (word === 'un' || word === 'una') &&
    ['cien', 'ciento'].includes(wordAt(tokens, index + 1) ?? '')
  ) {
    return readSpanishGroup(tokens, index + 1); // "un ciento", "un cien": the article adds nothing
  }
  if (word === 'cien') return { value: 100, next: index + 1, bareUn: false };
  const hundreds = word === 'ciento' ? 100 : ES_HUNDREDS.get(word ?? '');
  if (hundreds !== undefined) {
    const rest = readSpanishBelowHundred(tokens, index + 1);
    if (rest !== null) return { value: hundreds + rest.value, next: rest.next, bareUn: false };
    // "ciento" needs more after it; alone it is the tail of "por ciento".
    return word === 'ciento' ? null : { value: hundreds, next: index + 1, bareUn: false };
  }
  return readSpanishBelowHundred(tokens, index);
}

/** Below a million: "mil", "dos mil", "doscientos cincuenta mil trescientos". */
function readSpanishThousands(tokens: Tokens, index: number): SpanishReading | null {
  const head = readSpanishGroup(tokens, index);
  let value: number;
  let next: number;
  if (head !== null && wordAt(tokens, head.next) === 'mil') {
    value = head.value * 1000;
    next = head.next + 1;
  } else if (head === null && wordAt(tokens, index) === 'mil') {
    value = 1000;
    next = index + 1;
  } else {
    return head;
  }
  const tail = readSpanishGroup(tokens, next);
  return tail === null || tail.bareUn
    ? { value, next, bareUn: false }
    : { value: value + tail.value, next: tail.next, bareUn: false };
}

/** One level of the Spanish long scale: [head] scale-word [tail], e.g. "dos mil millones cien". */
function readSpanishLevel(
  tokens: Tokens,
  index: number,
  readBelow: (tokens: Tokens, index: number) => SpanishReading | null,
  scaleWords: ReadonlySet<string>,
  exponent: number,
): SpanishReading | null {
  const head = readBelow(tokens, index);
  if (head === null || !scaleWords.has(wordAt(tokens, head.next) ?? '')) return head;
  const value = head.value * 10 ** exponent;
  const next = head.next + 1;
  const tail = readBelow(tokens, next);
  return tail === null || tail.bareUn
    ? { value, next, bareUn: false }
    : { value: value + tail.value, next: tail.next, bareUn: false };
}

function readSpanishMillions(tokens: Tokens, index: number): SpanishReading | null {
  return readSpanishLevel(tokens, index, readSpanishThousands, ES_MILLION_WORDS, 6);
}

function readSpanishNumber(tokens: Tokens, index: number): WordReading | null {
  if (wordAt(tokens, index) === 'cero') return { value: 0, next: index + 1 };
  const reading = readSpanishLevel(tokens, index, readSpanishMillions, ES_BILLION_WORDS, 12);
  return reading === null || reading.bareUn ? null : reading;
}

// ---------------------------------------------------------------------------------------------
// Expressions

interface Amount {
  mantissa: number;
  exponent: number;
  next: number;
  /** A bare four-digit run that may be a year. */
  yearLike: boolean;
}

function readDozen(tokens: Tokens, amount: Amount): Amount {
  const integerBelowHundred =
    amount.exponent === 0 && amount.mantissa >= 1 && amount.mantissa <= 99;
  if (!integerBelowHundred || !DOZEN_WORDS.has(wordAt(tokens, amount.next) ?? '')) return amount;
  return { mantissa: amount.mantissa * 12, exponent: 0, next: amount.next + 1, yearLike: false };
}

function readDigitsAmount(tokens: Tokens, index: number, afterCurrency: boolean): Amount | null {
  const token = tokens[index];
  if (token === undefined || token.kind !== 'digits') return null;
  const decimal = parseDigitRun(token.text);
  if (decimal === null) return null;
  const mantissa = decimal.mantissa;
  let exponent = decimal.exponent;
  let next = index + 1;
  const following = tokens[next];
  const abbreviation = ABBREVIATED_SCALES.get(wordAt(tokens, next) ?? '');
  if (afterCurrency && abbreviation !== undefined && following?.start === token.end) {
    return { mantissa, exponent: exponent + abbreviation, next: next + 1, yearLike: false };
  }
  let lastScale = 0;
  for (;;) {
    const scale = SCALES_AFTER_DIGITS.get(wordAt(tokens, next) ?? '');
    if (scale === undefined || scale <= lastScale) break;
    exponent += scale;
    lastScale = scale;
    next += 1;
  }
  const amount: Amount = {
    mantissa,
    exponent,
    next,
    yearLike:
      decimal.plain &&
      token.text.length === 4 &&
      next === index + 1 &&
      mantissa >= 1000 &&
      mantissa <= 2100,
  };
  return lastScale === 0 ? readDozen(tokens, amount) : amount;
}

function readWordsAmount(tokens: Tokens, index: number): Amount | null {
  const first = wordAt(tokens, index);
  if (first === undefined) return null;
  if (
    (first === 'a' || first === 'un' || first === 'una') &&
    DOZEN_WORDS.has(wordAt(tokens, index + 1) ?? '')
  ) {
    return { mantissa: 12, exponent: 0, next: index + 2, yearLike: false };
  }
  const english = readEnglishNumber(tokens, index);
  const spanish = readSpanishNumber(tokens, index);
  const reading =
    english !== null && (spanish === null || english.next >= spanish.next) ? english : spanish;
  if (reading === null) return null;
  return readDozen(tokens, {
    mantissa: reading.value,
    exponent: 0,
    next: reading.next,
    yearLike: false,
  });
}

function endsWithScaleWord(tokens: Tokens, next: number): boolean {
  const word = wordAt(tokens, next - 1) ?? '';
  return (
    SCALES_AFTER_DIGITS.has(word) ||
    SCALES_AFTER_VAGUE.has(word) ||
    EN_SCALES.has(word) ||
    word === 'mil'
  );
}

/** Reads the longest number expression starting at tokens[index], or null. */
export function readNumber(tokens: readonly NumberToken[], index: number): ParsedNumber | null {
  const startToken = tokens[index];
  if (!Number.isInteger(index) || startToken === undefined) return null;
  let next = index;
  let qualifier: Qualifier = 'exact';
  let currency: string | undefined;
  let amount: Amount | null;

  const qualifierPhrase = longestPhrase(tokens, next, QUALIFIER_PHRASES);
  if (qualifierPhrase !== undefined) {
    qualifier = qualifierPhrase.qualifier;
    next += qualifierPhrase.words.length;
  }
  const vague = qualifierPhrase?.unit !== undefined;
  if (qualifierPhrase?.unit !== undefined) {
    // "hundreds of", optionally "hundreds of thousands": the phrase is the number.
    const scale = SCALES_AFTER_VAGUE.get(wordAt(tokens, next) ?? '');
    amount = {
      mantissa: qualifierPhrase.unit,
      exponent: scale ?? 0,
      next: scale === undefined ? next : next + 1,
      yearLike: false,
    };
  } else {
    const prefix = longestPhrase(tokens, next, CURRENCY_PREFIXES);
    if (prefix !== undefined) {
      currency = prefix.currency;
      next += prefix.words.length;
    }
    amount =
      readDigitsAmount(tokens, next, currency !== undefined) ?? readWordsAmount(tokens, next);
  }
  if (amount === null) return null;
  next = amount.next;

  let sort: NumberSort = 'count';
  const connected =
    (vague || endsWithScaleWord(tokens, next)) && SCALE_CONNECTORS.has(wordAt(tokens, next) ?? '');
  let suffixStart = next;
  let suffix = longestPhrase(tokens, next, CURRENCY_SUFFIXES);
  if (suffix === undefined && connected) {
    suffixStart = next + 1;
    suffix = longestPhrase(tokens, suffixStart, CURRENCY_SUFFIXES);
  }
  if (suffix !== undefined && (currency === undefined || currency === suffix.currency)) {
    currency = suffix.currency;
    next = suffixStart + suffix.words.length;
  } else if (currency === undefined && !vague) {
    const percent = longestPhrase(tokens, next, PERCENT_PHRASES);
    if (percent !== undefined) {
      sort = 'percent';
      next += percent.words.length;
    }
  }
  if (currency !== undefined) sort = 'money';
  else if (sort === 'count' && amount.yearLike && qualifier === 'exact') sort = 'year';

  const tokenCount = next - index;
  const value = scaledValue(amount.mantissa, amount.exponent);
  if (tokenCount > MAX_EXPRESSION_TOKENS || !(value <= Number.MAX_SAFE_INTEGER)) return null;
  const endToken = tokens[next - 1] ?? startToken;
  const parsed: ParsedNumber = {
    value,
    qualifier,
    sort,
    start: startToken.start,
    end: endToken.end,
    tokenCount,
  };
  if (currency !== undefined) parsed.currency = currency;
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// A small splitter for tests and tools; the extension's real tokenizer is core/tokenize.ts.

const DIGIT = /[0-9]/;
const LETTER = /[\p{L}\p{M}]/u;
/** Spaces that may group digits ("84 000"); ordinary spaces separate numbers. */
const GROUPING_SPACES = new Set(['\u00a0', '\u202f', '\u2009']);
const ORDINAL_SUFFIX = /^(?:st|nd|rd|th|º|ª)(?![\p{L}\p{M}0-9])/iu;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Splits text into NumberTokens the way the real tokenizer does for simple strings. */
export function splitNumberTokens(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const start = index;
    if (DIGIT.test(char)) {
      index += 1;
      for (;;) {
        const here = text[index] ?? '';
        const after = text[index + 1] ?? '';
        if (DIGIT.test(here)) index += 1;
        else if ((here === ',' || here === '.' || GROUPING_SPACES.has(here)) && DIGIT.test(after))
          index += 2;
        else break;
      }
      const ordinal = ORDINAL_SUFFIX.exec(text.slice(index));
      if (ordinal !== null) {
        // "13th", "1º" are words, not numbers, as in the real tokenizer.
        index += ordinal[0].length;
        tokens.push({ kind: 'word', text: fold(text.slice(start, index)), start, end: index });
        continue;
      }
      const digits = text.slice(start, index).replace(/[\u00a0\u202f\u2009]/g, ' ');
      tokens.push({ kind: 'digits', text: digits, start, end: index });
    } else if (LETTER.test(char)) {
      while (index < text.length && LETTER.test(text[index] ?? '')) index += 1;
      tokens.push({ kind: 'word', text: fold(text.slice(start, index)), start, end: index });
    } else if (isSymbol(char)) {
      index += 1;
      tokens.push({ kind: 'symbol', text: char, start, end: index });
    } else {
      index += 1;
    }
  }
  return tokens;
}

/** Tokenises a plain string and reads the number expression at its start, or null. */
export function parseNumber(text: string): ParsedNumber | null {
  return readNumber(splitNumberTokens(text), 0);
}
