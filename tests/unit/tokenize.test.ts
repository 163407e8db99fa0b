import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charInfo, CHAR_DIGIT, CHAR_LETTER, foldString } from '../../core/normalize';
import {
  TOKEN_DIGITS,
  TOKEN_WORD,
  TokenBuffer,
  buildLexicon,
  lookupWord,
  scanTokens,
  tokenize,
  type Token,
} from '../../core/tokenize';

const show = (tokens: Token[]) =>
  tokens.map((token) => (token.kind === 'break' ? '¶' : `${token.kind[0]}:${token.text}`));

describe('tokenize', () => {
  it('splits words on punctuation, apostrophes, hyphens and dashes', () => {
    expect(show(tokenize('Tren de Aragua’s gang—MS-13/J.G.G. v. Trump'))).toEqual([
      'w:tren',
      'w:de',
      'w:aragua',
      'w:s',
      'w:gang',
      'w:ms',
      'd:13',
      'w:j',
      'w:g',
      'w:g',
      'w:v',
      'w:trump',
    ]);
  });

  it('folds case and accents in token text and keeps exact original offsets', () => {
    const text = 'Él deportó a Venezuela\u0301nos';
    const tokens = tokenize(text);
    expect(show(tokens)).toEqual(['w:el', 'w:deporto', 'w:a', 'w:venezuelanos']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Él',
      'deportó',
      'a',
      'Venezuela\u0301nos',
    ]);
  });

  it('keeps invisible characters inside a word without splitting it', () => {
    const text = 'Ara\u00ADgua Tr\u200Ben';
    const tokens = tokenize(text);
    expect(show(tokens)).toEqual(['w:aragua', 'w:tren']);
    expect(tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 7],
      [8, 13],
    ]);
  });

  it('keeps digit separators only when a digit follows', () => {
    expect(show(tokenize('1,000 4.76 250.000 84\u00a0000 84\u202f000 84\u2009000'))).toEqual([
      'd:1,000',
      'd:4.76',
      'd:250.000',
      'd:84 000',
      'd:84 000',
      'd:84 000',
    ]);
    expect(show(tokenize('84 000, in 2025. 1,,000'))).toEqual([
      'd:84',
      'd:000',
      'w:in',
      'd:2025',
      'd:1',
      'd:000',
    ]);
  });

  it('makes currency and percent signs tokens of their own', () => {
    const text = 'US$4.76 million, €6, £2 and 13%';
    expect(show(tokenize(text))).toEqual([
      'w:us',
      's:$',
      'd:4.76',
      'w:million',
      's:€',
      'd:6',
      's:£',
      'd:2',
      'w:and',
      'd:13',
      's:%',
    ]);
  });

  it('splits digits from letters after them, except ordinals', () => {
    expect(show(tokenize('$6m 1990s 13th 2ND 1º H1B MS13'))).toEqual([
      's:$',
      'd:6',
      'w:m',
      'd:1990',
      'w:s',
      'w:13th',
      'w:2nd',
      'w:1º',
      'w:h1b',
      'w:ms13',
    ]);
  });

  it('makes a BREAK of two or more line breaks in a row, or U+2029', () => {
    expect(show(tokenize('a\n\nb'))).toEqual(['w:a', '¶', 'w:b']);
    expect(show(tokenize('a\r\n\r\nb'))).toEqual(['w:a', '¶', 'w:b']);
    expect(show(tokenize('a \n \t\n b'))).toEqual(['w:a', '¶', 'w:b']);
    expect(show(tokenize('a\n\n\n\nb'))).toEqual(['w:a', '¶', 'w:b']);
    expect(show(tokenize('a\u2029b'))).toEqual(['w:a', '¶', 'w:b']);
  });

  it('treats a single line break as a space', () => {
    expect(show(tokenize('Tren de\nAragua'))).toEqual(['w:tren', 'w:de', 'w:aragua']);
    expect(show(tokenize('a\r\nb'))).toEqual(['w:a', 'w:b']);
    // Line breaks with visible punctuation between are not "in a row".
    expect(show(tokenize('a\n.\nb'))).toEqual(['w:a', 'w:b']);
  });

  it('puts breaks only between tokens, with the whitespace between them as offsets', () => {
    const text = '\n\nTren\n\n\n\nAragua\n\n';
    const tokens = tokenize(text);
    expect(show(tokens)).toEqual(['w:tren', '¶', 'w:aragua']);
    expect([tokens[1]!.start, tokens[1]!.end]).toEqual([6, 10]);
  });

  it('gives astral letters exact offsets', () => {
    const text = 'x 𐐀𐐀y z';
    const tokens = tokenize(text);
    expect(show(tokens)).toEqual(['w:x', 'w:𐐨𐐨y', 'w:z']);
    expect(text.slice(tokens[1]!.start, tokens[1]!.end)).toBe('𐐀𐐀y');
  });

  it('never lets a token hold separators, and every letter or digit is inside a token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const tokens = tokenize(text);
        const covered = new Uint8Array(text.length);
        let previousEnd = 0;
        for (const token of tokens) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          previousEnd = token.end;
          if (token.kind === 'break') continue;
          // The token's text is exactly the folding of its source.
          expect(token.text).toBe(foldString(text.slice(token.start, token.end)));
          covered.fill(1, token.start, token.end);
        }
        for (let i = 0; i < text.length; i++) {
          const cp = text.codePointAt(i)!;
          const cls = charInfo(cp).cls;
          if (cls === CHAR_LETTER || cls === CHAR_DIGIT) expect(covered[i]).toBe(1);
          if (cp > 0xffff) i++;
        }
      }),
    );
  });
});

describe('scanTokens with a lexicon', () => {
  it('finds known words by hash, whatever their case and accents, and leaves others unnamed', () => {
    const lexicon = buildLexicon(['tren', 'aragua', 'venezolanos', '1,000', '$']);
    const buffer = new TokenBuffer();
    const text = 'TREN de Arágua: 1,000 Venezolanos, $5';
    scanTokens(text, lexicon, buffer);
    const words = Array.from(buffer.word.subarray(0, buffer.count));
    expect(words).toEqual([0, -1, 1, 3, 2, 4, -1]);
    // Unknown words get no text; digit runs and symbols always do.
    expect(buffer.text[1]).toBe('');
    expect(buffer.text[3]).toBe('1,000');
    expect(buffer.kind[3]).toBe(TOKEN_DIGITS);
    expect(buffer.kind[0]).toBe(TOKEN_WORD);
  });

  it('finds every word of a large lexicon and no word outside it', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const lexicon = buildLexicon(words);
    words.forEach((word, id) => expect(lookupWord(lexicon, word)).toBe(id));
    expect(lookupWord(lexicon, 'w0')).toBe(-1);
    expect(lookupWord(lexicon, 'zzzz')).toBe(-1);
    const buffer = new TokenBuffer();
    scanTokens(words.join(' '), lexicon, buffer);
    expect(buffer.count).toBe(words.length);
    expect(Array.from(buffer.word.subarray(0, buffer.count))).toEqual(words.map((_, id) => id));
  });

  it('reuses its buffers: a short scan after a long one reports only its own tokens', () => {
    const lexicon = buildLexicon(['aragua']);
    const buffer = new TokenBuffer();
    scanTokens('aragua '.repeat(1000), lexicon, buffer);
    expect(buffer.count).toBe(1000);
    scanTokens('x aragua', lexicon, buffer);
    expect(buffer.count).toBe(2);
    expect(Array.from(buffer.word.subarray(0, 2))).toEqual([-1, 0]);
  });

  it('looks words up however ASCII, accented and multi-unit letters mix in them', () => {
    const lexicon = buildLexicon(['venezolanos', 'aragua', 'ǆa', 'x1y']);
    const long = `${'x'.repeat(63)}É${'y'.repeat(100)}`;
    const text = `${long} VENEZOLANOS Venezolanós Ara\u00ADgua ARAGUA ǅA X1Y x1yz ${long}`;
    const buffer = new TokenBuffer();
    scanTokens(text, lexicon, buffer);
    expect(Array.from(buffer.word.subarray(0, buffer.count))).toEqual([
      -1, 0, 0, 1, 1, 2, 3, -1, -1,
    ]);
    expect(tokenize(text).map((token) => token.text)).toEqual([
      `${'x'.repeat(63)}e${'y'.repeat(100)}`,
      'venezolanos',
      'venezolanos',
      'aragua',
      'aragua',
      'ǆa',
      'x1y',
      'x1yz',
      `${'x'.repeat(63)}e${'y'.repeat(100)}`,
    ]);
  });

  it('handles a word longer than any known word and than its initial buffer', () => {
    const lexicon = buildLexicon(['a']);
    const long = 'b'.repeat(10_000);
    const tokens = tokenize(`${long} a`);
    expect(tokens[0]!.text).toBe(long);
    const buffer = new TokenBuffer();
    scanTokens(`${long} a`, lexicon, buffer);
    expect(Array.from(buffer.word.subarray(0, 2))).toEqual([-1, 0]);
  });
});
