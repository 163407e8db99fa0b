// The tokenizer, the number reader and the matcher's scan were rewritten for speed (issue 4).
// tests/unit/reference/ keeps the versions they replaced, unchanged but for their imports. Here
// both read the same texts (every corpus page, the test articles, and random text built to hit
// every rule) and must give exactly the same tokens, the same matches and the same work counts.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../cli/extract-html';
import { BUNDLED_PACK_PATH, documentText } from '../../cli/scan';
import { compilePacks } from '../../core/compile';
import { createMatcher, type Matcher, type MatcherSpec } from '../../core/matcher';
import { NUMBER_WORDS } from '../../core/numbers';
import type { Pack } from '../../core/pack';
import { TokenBuffer, buildLexicon, scanTokens, tokenize, type Lexicon } from '../../core/tokenize';
import { loadPack } from '../../facts/load';
import { syntheticPack } from '../../bench/synthetic-pack';
import { fact, pack } from './engine-fixtures';
import { createMatcher as createReferenceMatcher } from './reference/matcher';
import * as reference from './reference/tokenize';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function compiled(packs: Pack[]): MatcherSpec {
  const { spec, errors } = compilePacks(packs);
  expect(errors).toEqual([]);
  return spec;
}

/** A matcher and its reference, built once and reused, so state left by one scan is tested too. */
interface Pair {
  spec: MatcherSpec;
  lexicon: Lexicon;
  referenceLexicon: reference.Lexicon;
  matcher: Matcher;
  referenceMatcher: ReturnType<typeof createReferenceMatcher>;
}

function pair(spec: MatcherSpec): Pair {
  return {
    spec,
    lexicon: buildLexicon(spec.words),
    referenceLexicon: reference.buildLexicon(spec.words),
    matcher: createMatcher(spec),
    referenceMatcher: createReferenceMatcher(spec),
  };
}

const buffer = new TokenBuffer();
const referenceBuffer = new reference.TokenBuffer();

/** The tokens of a scan, every field, as plain arrays (so a difference shows where it is). */
function tokensOf(
  buffer: { count: number; kind: Uint8Array; start: Uint32Array; end: Uint32Array },
  word: Int32Array,
  text: string[],
) {
  const rows: (string | number)[][] = [];
  for (let i = 0; i < buffer.count; i++) {
    rows.push([buffer.kind[i]!, buffer.start[i]!, buffer.end[i]!, word[i]!, text[i]!]);
  }
  return rows;
}

function sameTokens(a: TokenBuffer, b: reference.TokenBuffer): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.count; i++) {
    if (
      a.kind[i] !== b.kind[i] ||
      a.start[i] !== b.start[i] ||
      a.end[i] !== b.end[i] ||
      a.word[i] !== b.word[i] ||
      a.text[i] !== b.text[i]
    ) {
      return false;
    }
  }
  return true;
}

function expectSameTokens(
  text: string,
  lexicon: Lexicon | null,
  referenceLexicon: reference.Lexicon | null,
) {
  scanTokens(text, lexicon, buffer);
  reference.scanTokens(text, referenceLexicon, referenceBuffer);
  // Compared field by field first; the row-by-row comparison shows where they differ.
  if (!sameTokens(buffer, referenceBuffer)) {
    expect(tokensOf(buffer, buffer.word, buffer.text)).toEqual(
      tokensOf(referenceBuffer, referenceBuffer.word, referenceBuffer.text),
    );
  }
}

function expectSameScan(engines: Pair, text: string) {
  expectSameTokens(text, engines.lexicon, engines.referenceLexicon);
  const matches = engines.matcher.scan(text);
  const referenceMatches = engines.referenceMatcher.scan(text);
  // The same objects, down to their keys and key order (the CLI prints them as JSON).
  if (JSON.stringify(matches) !== JSON.stringify(referenceMatches)) {
    expect(matches).toEqual(referenceMatches);
    expect(JSON.stringify(matches)).toBe(JSON.stringify(referenceMatches));
  }
  expect({ ...engines.matcher.stats }).toEqual({ ...engines.referenceMatcher.stats });
}

const bundled = loadPack(readFileSync(BUNDLED_PACK_PATH, 'utf8'));
if (!bundled.ok) throw new Error('the bundled pack is invalid');

/** Patterns with every kind of number slot and literal, so random text exercises the reader. */
const NUMBER_FACTS = [
  fact(
    'count',
    ['deported {count} Venezuelans', 'deportó a {count} venezolanos'],
    [
      { value: 238, unit: 'people', qualifier: 'exact' },
      { value: 261, unit: 'people', qualifier: 'at-least' },
    ],
  ),
  fact('money', ['paid {money} to El Salvador'], [{ value: 6e6, unit: 'USD', qualifier: 'about' }]),
  fact('percent', ['{percent} of Venezuelans']),
  fact('year', ['in {year} Trump']),
  fact('number', ['{number} people', '{number} personas']),
  fact('literals', [
    'more than 250 people',
    '$4.76 million payment',
    'two hundred Venezuelans',
    'MS-13 gang',
    '1,000 troops',
    'hundreds of people',
    'el 13 % de venezolanos',
    'Executive Order 14157',
  ]),
  fact('tda', ['Tren de Aragua', 'Tren de Aragua gang members']),
];

describe('the rewritten tokenizer and matcher against the reference', () => {
  const corpusDir = path.resolve(repo, '../shared/corpus');
  const articlesDir = path.resolve(repo, 'tests/fixtures/articles');
  const pages = [
    ...readdirSync(corpusDir)
      .filter((name) => name.endsWith('.html'))
      .map((name) => extractText(readFileSync(path.join(corpusDir, name), 'utf8'))),
    ...readdirSync(articlesDir)
      .filter((name) => name.endsWith('.html') || name.endsWith('.txt'))
      .map((name) =>
        documentText(readFileSync(path.join(articlesDir, name), 'utf8'), name.endsWith('.html')),
      ),
  ];
  const numbers = pair(compiled([pack(NUMBER_FACTS)]));

  const packs: [string, () => Pack[]][] = [
    ['the bundled pack', () => [bundled.pack]],
    ['a synthetic pack of 5,000 facts', () => [syntheticPack({ facts: 5000, seed: 1 })]],
  ];
  for (const [name, packsOf] of packs) {
    it(
      `read every corpus page and test article identically, with ${name}`,
      { timeout: 60_000 },
      () => {
        expect(pages.length).toBeGreaterThan(40);
        const engine = pair(compiled(packsOf()));
        let found = 0;
        for (const text of pages) {
          expectSameScan(engine, text);
          found += engine.matcher.scan(text).length;
        }
        // The comparison is not only of empty results.
        expect(found).toBeGreaterThan(name === 'the bundled pack' ? 20 : 500);
      },
    );
  }

  it(
    'read every corpus page identically without a lexicon and with number patterns',
    { timeout: 60_000 },
    () => {
      for (const text of pages) {
        expectSameTokens(text, null, null);
        expectSameScan(numbers, text);
      }
    },
  );

  // Pieces of text chosen for the rules: cases, accents, invisible characters, digit grouping,
  // ordinals, currencies, scale and number words, line and paragraph breaks, astral characters
  // and lone surrogates.
  const words = [
    ...NUMBER_WORDS,
    ...'deported Venezuelans venezolanos deportó paid to El Salvador people personas of them in the Trump Tren de Aragua gang members MS payment troops Executive Order más casi'.split(
      ' ',
    ),
  ];
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...words) },
    { weight: 2, arbitrary: fc.constantFrom(...words).map((word) => word.toUpperCase()) },
    {
      weight: 4,
      arbitrary: fc.oneof(
        fc.nat({ max: 3000 }).map(String),
        fc.nat().map(String),
        fc.constantFrom(
          '1,000',
          '4.76',
          '4,76',
          '250.000',
          '1.234,5',
          '16.03.2025',
          '1,000,5',
          '0.238',
          '12345.678',
          '84\u00a0000',
          '84\u202f000',
          '84\u2009000',
          '1\u00ad000',
          '1234567890123456',
          '0000000000000000012',
          '2025',
          '1798',
          '13th',
          '2ND',
          '3rd',
          '1º',
          '2ª',
          '1990s',
          '6m',
          '2bn',
          '5k',
        ),
      ),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '$',
        '€',
        '£',
        '%',
        'US$',
        'É',
        'é',
        'e\u0301',
        'İ',
        'ß',
        'ﬁ',
        'ǅ',
        '한',
        '𐐀',
        '𝒜',
        '\ud800',
        '\udc00',
        'K',
        'Ⅻ',
        '½',
        '٣',
        'ª',
        'º',
      ),
    },
  );
  const separator = fc.constantFrom(
    ' ',
    ' ',
    ' ',
    '',
    ', ',
    '. ',
    '\n',
    '\n\n',
    '\r\n\r\n',
    ' \n \t\n ',
    '\u2029',
    '\u00ad',
    '\u200b',
    '\u0301',
    '-',
    '—',
    '’',
    '\u00a0',
    '\u202f',
    '\ufeff',
    '\u{e0001}',
  );
  const structuredText = fc
    .array(fc.tuple(piece, separator), { maxLength: 60 })
    .map((parts) => parts.map(([text, after]) => text + after).join(''));

  it('read random text built from words, numbers and separators identically', () => {
    fc.assert(
      fc.property(structuredText, (text) => {
        expectSameTokens(text, null, null);
        expectSameScan(numbers, text);
      }),
      { numRuns: 1500 },
    );
  });

  it('read arbitrary strings identically', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectSameTokens(text, null, null);
        expectSameScan(numbers, text);
      }),
      { numRuns: 500 },
    );
  });

  it('tokenize() gives the same token objects', () => {
    fc.assert(
      fc.property(structuredText, (text) => {
        expect(tokenize(text)).toEqual(reference.tokenize(text));
      }),
    );
  });
});
