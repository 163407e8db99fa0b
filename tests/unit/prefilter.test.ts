// The pre-filter (core/prefilter.ts, core/anchors.ts): it may only ever save work. Its character
// lists are checked against the one definition of folding, its search against the tokenizer, and
// the matcher with it against the matcher without it, on real pages and random texts.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_ANCHORS,
  NON_WORD_UNITS,
  SCRIPT_RANGES,
  chooseAnchors,
  prefilterSource,
} from '../../core/anchors';
import { compilePacks } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { MatcherSpec } from '../../core/matcher';
import { CHAR_DIGIT, CHAR_IGNORABLE, CHAR_LETTER, charInfo } from '../../core/normalize';
import { MAX_PREFILTER_LENGTH, anchorSearch } from '../../core/prefilter';
import { tokenize } from '../../core/tokenize';
import { decodeDocument, extractText, isHtmlFileName } from '../../cli/extract-html';
import { documentText } from '../../cli/scan';
import { loadPack } from '../../facts/load';
import { syntheticPack } from '../../bench/synthetic-pack';
import { fact, pack } from './engine-fixtures';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repo, '../shared/corpus');
const articlesDir = path.join(repo, 'tests/fixtures/articles');

const loaded = loadPack(readFileSync(path.join(repo, 'facts/packs/cecot-2025.json'), 'utf8'));
if (!loaded.ok) throw new Error('the bundled pack is invalid');
const BUNDLED = compilePacks([loaded.pack]).spec;

const isWordClass = (cls: number) =>
  cls === CHAR_LETTER || cls === CHAR_DIGIT || cls === CHAR_IGNORABLE;

function inScript(unit: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([from, to]) => unit >= from && unit <= to);
}

/** The search a spec with these anchors and words brings. */
const searchFor = (anchors: readonly string[], words: readonly string[]): RegExp =>
  anchorSearch(prefilterSource(anchors, words));

/** Finds whether the search stops anywhere in `text`. */
function stops(search: RegExp, text: string): boolean {
  search.lastIndex = 0;
  return search.test(text);
}

describe('character lists', () => {
  it('lists as never part of a word only characters the tokenizer never puts in a word', () => {
    const listed = new RegExp(`[${NON_WORD_UNITS}]`);
    const wrong: string[] = [];
    for (let unit = 0x80; unit < 0xd800; unit++) {
      const char = String.fromCharCode(unit);
      if (listed.test(char) && isWordClass(charInfo(unit).cls)) wrong.push(unit.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('has scripts whose every letter folds to letters of the same script', () => {
    for (const [script, ranges] of Object.entries(SCRIPT_RANGES)) {
      const wrong: string[] = [];
      for (const [from, to] of ranges) {
        for (let unit = from; unit <= to; unit++) {
          const { cls, fold } = charInfo(unit);
          const folded = [...fold].map((char) => char.charCodeAt(0));
          if (cls === CHAR_IGNORABLE || fold === '' || !folded.every((u) => inScript(u, ranges))) {
            wrong.push(unit.toString(16));
          }
        }
      }
      expect(wrong, script).toEqual([]);
    }
  });

  it('stops at every non-ASCII character that can be part of a word, but scripts no word uses', () => {
    const search = searchFor([], ['aragua']);
    const greekWords = searchFor([], ['aragua', 'ελλαδα']);
    const missed: string[] = [];
    for (let unit = 0x80; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      const unknownOrWord =
        unit >= 0xd800 && unit <= 0xdfff ? true : isWordClass(charInfo(unit).cls);
      if (!unknownOrWord) continue;
      const unused = Object.values(SCRIPT_RANGES).some((ranges) => inScript(unit, ranges));
      if (stops(search, char) === unused) missed.push(unit.toString(16));
      const greek = inScript(unit, SCRIPT_RANGES.greek!);
      if (greek && !stops(greekWords, char)) missed.push(`greek ${unit.toString(16)}`);
    }
    expect(missed).toEqual([]);
    const aragua = searchFor(['aragua'], ['aragua']);
    expect(stops(aragua, 'Tren de Aragua 中文 Ελλάδα — “quoted” 100 €')).toBe(true);
    expect(stops(aragua, '中文 Ελλάδα — “quoted” 100 € and plain English')).toBe(false);
  });
});

describe('the pre-filter search', () => {
  it('refuses anything but folded ASCII words, so pack text never becomes an expression', () => {
    for (const bad of ['a|b', '.*', '(', 'Aragua', '', 'é', 'a b', 'x'.repeat(65), 'a\\d']) {
      expect(() => searchFor([bad], []), bad).toThrow(/not a folded ASCII word/);
    }
    expect(() => searchFor([1 as unknown as string], [])).toThrow(/not a folded ASCII word/);
    const many = Array.from({ length: MAX_ANCHORS + 1 }, (_, i) => `w${i}`);
    expect(() => searchFor(many, [])).toThrow(/anchors/);
    expect(() => searchFor(['cecot', 'aragua'], [])).toThrow(/out of order/);
    expect(() => searchFor(['aragua', 'aragua'], [])).toThrow(/out of order/);
  });

  it('finds an anchor exactly where the tokenizer reads that word, in any case', () => {
    const search = searchFor(['13th', 'act', 'aragua', 'ms13'], []);
    for (const text of ['ARAGUA', 'Tren de Aragua’s', '2025aragua', '(act)', 'the 13th', 'MS13']) {
      expect(stops(search, text), text).toBe(true);
    }
    for (const text of ['araguan', 'caragua', 'actor', 'react', 'a13th', '113th', 'ms', 'ms130']) {
      expect(stops(search, text), text).toBe(false);
    }
  });

  it('finds exactly the anchors among words, whatever prefixes they share (any anchors)', () => {
    // Letters only: "a1b" is one word to the tokenizer, but may stop the search at "b".
    const word = fc.stringMatching(/^[abc]{1,4}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), word, (words, probe) => {
        const anchors = [...words].sort();
        const search = searchFor(anchors, []);
        expect(stops(search, ` ${probe} `)).toBe(anchors.includes(probe));
        expect(stops(search, `(${probe.toUpperCase()})`)).toBe(anchors.includes(probe));
      }),
      { numRuns: 2000 },
    );
  });

  it('stops wherever the tokenizer reads an anchor, whatever surrounds it (any text)', () => {
    const anchors = ['13th', 'act', 'aragua', 'cecot', 'h1b'];
    const search = searchFor(anchors, []);
    const piece = fc.oneof(
      fc.constantFrom(...anchors, 'ARAGUA', 'Act', 'CeCoT', '13TH', 'H1B'),
      fc.constantFrom('a', 'r', 'g', 'u', 't', 'c', 'h', '1', '3', '0', '_', '-', "'", ' '),
      fc.constantFrom('\u00ad', '\u200b', 'é', 'ç', 'ﬁ', 'Ａ', '中', 'α', '\u0301', '’', '—'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        const readsAnchor = tokenize(text).some(
          (token) => token.kind === 'word' && anchors.includes(token.text),
        );
        if (readsAnchor) expect(stops(search, text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('chooseAnchors', () => {
  it('gives every expansion an anchor or a non-ASCII word (any expansions)', () => {
    const word = fc.constantFrom(
      'the',
      'de',
      'tren',
      'aragua',
      'cecot',
      'v',
      'trump',
      'año',
      'ms13',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { maxLength: 40 }),
        (expansions) => {
          const anchors = chooseAnchors(expansions);
          expect(anchors).not.toBeNull();
          for (const words of expansions) {
            const covered = words.some(
              (w) => anchors!.includes(w) || [...w].some((char) => char.charCodeAt(0) > 0x7f),
            );
            expect(covered, words.join(' ')).toBe(true);
          }
        },
      ),
    );
  });

  it('prefers likely rare words, and common ones only when an expansion has nothing else', () => {
    expect(
      chooseAnchors([
        ['jgg', 'v', 'trump'],
        ['j', 'g', 'g', 'v', 'trump'],
      ]),
    ).toEqual(['trump']);
    expect(
      chooseAnchors([
        ['the', 'aragua'],
        ['de', 'aragua'],
      ]),
    ).toEqual(['aragua']);
    expect(chooseAnchors([['the', 'de']])).toEqual(['the']);
    expect(chooseAnchors([['años', 'de'], ['venezolanos']])).toEqual(['venezolanos']);
  });

  it('gives up when more than MAX_ANCHORS words would be needed', () => {
    const many = Array.from({ length: MAX_ANCHORS + 1 }, (_, i) => [`word${i}`]);
    expect(chooseAnchors(many)).toBeNull();
    expect(chooseAnchors(many.slice(1))).toHaveLength(MAX_ANCHORS);
  });

  it('pre-filters the bundled pack, and not a 5,000-fact pack of common words', () => {
    expect(BUNDLED.anchors).not.toBeNull();
    expect(BUNDLED.anchors).toContain('aragua');
    const big = compilePacks([syntheticPack({ facts: 5000 })]).spec;
    expect(big.anchors).toBeNull();
  });
});

/** The same spec read in full, paragraph by paragraph. */
const unfiltered = (spec: MatcherSpec): MatcherSpec => ({ ...spec, prefilter: null });

describe('the matcher with the pre-filter', () => {
  const bundled = createMatcher(BUNDLED);
  const bundledInFull = createMatcher(unfiltered(BUNDLED));

  it('finds exactly what it finds without it in every test article', () => {
    let claims = 0;
    for (const file of readdirSync(articlesDir).filter((name) => name !== 'expected.json')) {
      const html = isHtmlFileName(file);
      const content = decodeDocument(readFileSync(path.join(articlesDir, file)), html)!;
      const text = documentText(content, html);
      const found = bundled.scan(text);
      expect(found, file).toEqual(bundledInFull.scan(text));
      claims += found.length;
    }
    expect(claims).toBeGreaterThan(30);
  });

  it('finds exactly what it finds without it on every corpus page, with a pack of their phrases', () => {
    const pages = readdirSync(corpusDir)
      .filter((name) => name.endsWith('.html'))
      .sort()
      .map((page) => ({
        page,
        text: extractText(readFileSync(path.join(corpusDir, page), 'utf8')),
      }));
    // Three-word phrases taken from the pages themselves, so the pack has claims to find.
    const phrases = pages.flatMap(({ text }) =>
      [...text.matchAll(/\b[A-Za-z]{3,} [A-Za-z]{2,} [A-Za-z]{4,}\b/g)]
        .filter((_, index) => index % 40 === 7)
        .slice(0, 3)
        .map((match) => match[0]),
    );
    const spec = compilePacks([pack(phrases.map((phrase, i) => fact(`p${i}`, [phrase])))]).spec;
    expect(spec.anchors).not.toBeNull();
    const filtered = createMatcher(spec);
    const inFull = createMatcher(unfiltered(spec));
    let claims = 0;
    let read = 0;
    let all = 0;
    for (const { page, text } of pages) {
      const found = filtered.scan(text);
      read += filtered.stats.tokens;
      expect(found, page).toEqual(inFull.scan(text));
      all += inFull.stats.tokens;
      claims += found.length;
    }
    expect(claims).toBeGreaterThan(phrases.length);
    expect(read).toBeLessThan(all);
  });

  it('finds exactly what it finds without it in any text made of pattern words', () => {
    const words = BUNDLED.words.slice(0, BUNDLED.symbolWords);
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 2, arbitrary: fc.constantFrom(...words).map((w) => w.toUpperCase()) },
      fc.constantFrom(' ', ' ', ' ', '\n', '\n\n', '\n \n', '\r\n\r\n', '\u2029', '. ', ', '),
      fc.constantFrom('238', '137', '$4.76 million', '75%', 'Tren de Aragua', 'El Salvador'),
      fc.constantFrom(
        'Venezuela\u00adns',
        'deportación',
        'CECOT’s',
        'ＣＥＣＯＴ',
        '中文',
        'Ελλάδα',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(bundled.scan(text)).toEqual(bundledInFull.scan(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads nothing of a text that holds no anchor and no character that could make one', () => {
    bundled.scan('The weather in Prague — “sunny” — and 42 € for lunch.\n\nNothing else to see.');
    expect(bundled.stats.tokens).toBe(0);
    const text = 'Sports news.\n\nSome 238 Venezuelans were deported to El Salvador.\n\nWeather.';
    expect(bundled.scan(text).map((m) => text.slice(m.start, m.end))).toEqual([
      'Some 238 Venezuelans were deported to El Salvador',
    ]);
    expect(bundled.stats.tokens).toBe(tokenize(text.split('\n\n')[1]!).length);
  });

  it('refuses a spec whose pre-filter is not an expression of bounded size', () => {
    const broken = { ...BUNDLED, prefilter: 42 } as unknown as MatcherSpec;
    expect(() => createMatcher(broken)).toThrow(/not a pre-filter expression/);
    const huge = { ...BUNDLED, prefilter: 'a'.repeat(MAX_PREFILTER_LENGTH + 1) };
    expect(() => createMatcher(huge)).toThrow(/not a pre-filter expression/);
  });
});

describe('compiled anchors', () => {
  it('cover every expansion of a pack', () => {
    const spec = compilePacks([
      pack([
        fact('a', [
          '(JGG|J G G) (v|vs) Trump',
          'predatory incursion',
          'tatuajes del Tren de Aragua',
        ]),
      ]),
    ]).spec;
    expect(spec.anchors).toEqual(['incursion', 'tatuajes', 'trump']);
  });
});
