import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHAR_DIGIT,
  CHAR_LETTER,
  UNIT_CLASS,
  UNIT_FOLD,
  UNIT_UNKNOWN,
  charInfo,
  foldChar,
  foldString,
  learnUnit,
  normalize,
  originalSpan,
} from '../../core/normalize';

/** The original substring behind each normalised character. */
function sources(original: string, offsets: Uint32Array, length: number): string[] {
  return Array.from({ length }, (_, i) => original[offsets[i]!]!);
}

describe('normalize', () => {
  it('folds case, including beyond ASCII', () => {
    expect(normalize('TREN DE ARAGUA').text).toBe('tren de aragua');
    expect(normalize('ΑΘΗΝΑ Москва').text).toBe('αθηνα москва');
  });

  it('removes accents from precomposed and decomposed letters', () => {
    expect(normalize('dólares millón Dieciséis São Ñandú').text).toBe(
      'dolares millon dieciseis sao nandu',
    );
    const decomposed = 'Cafe\u0301 Se\u0301'; // e + combining acute
    const result = normalize(decomposed);
    expect(result.text).toBe('cafe se');
    // The marks are dropped; every kept char maps to its own source.
    expect(Array.from(result.offsets)).toEqual([0, 1, 2, 3, 5, 6, 7, decomposed.length]);
  });

  it('folds İ to i (lower case then marks dropped)', () => {
    expect(normalize('İstanbul').text).toBe('istanbul');
  });

  it('straightens curly quotes and apostrophes', () => {
    expect(normalize('‘Tren’ “de” „Aragua‟ ‚x‛ Aragua’s «y» ʼz').text).toBe(
      `'tren' "de" "aragua" 'x' aragua's "y" 'z`,
    );
  });

  it('turns every dash and hyphen into "-"', () => {
    const dashes = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'];
    const extra = ['\u2043', '\ufe58', '\ufe63', '\uff0d', '\u2e3a', '-'];
    for (const dash of [...dashes, ...extra]) {
      expect(normalize(`MS${dash}13`).text, `U+${dash.codePointAt(0)!.toString(16)}`).toBe('ms-13');
    }
  });

  it('turns Unicode spaces and line breaks into one space per run', () => {
    const spaces = '\u00a0\u2009\u202f\u2003\u3000\t\n\r\n\u2028\u2029 ';
    const text = `a${spaces}b`;
    const result = normalize(text);
    expect(result.text).toBe('a b');
    expect(Array.from(result.offsets)).toEqual([0, 1, text.length - 1, text.length]);
    expect(normalize('a \u00a0 b  c').text).toBe('a b c');
  });

  it('removes soft hyphens and zero-width characters', () => {
    const text = 'Ara\u00ADgua\u200B \u200C\u200D\u2060\uFEFFTren';
    const result = normalize(text);
    expect(result.text).toBe('aragua tren');
    expect(sources(text, result.offsets, result.text.length).join('')).toBe('Aragua Tren');
    expect(result.offsets[3]).toBe(4); // "g" after the soft hyphen
  });

  it('collapses spaces across removed characters', () => {
    expect(normalize('a \u200B b').text).toBe('a b');
  });

  it('maps astral characters unit for unit', () => {
    const text = 'x𐐀y😀z'; // Deseret capital (folds to 𐐨), an emoji
    const result = normalize(text);
    expect(result.text).toBe('x𐐨y😀z');
    expect(Array.from(result.offsets)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ends the offset map with the original length', () => {
    for (const text of ['', 'abc', 'a\u00AD', '  ', 'e\u0301']) {
      const result = normalize(text);
      expect(result.offsets.length).toBe(result.text.length + 1);
      expect(result.offsets[result.text.length]).toBe(text.length);
    }
  });

  it('keeps one definition of folding: foldChar and foldString agree with normalize', () => {
    expect(foldChar('É'.codePointAt(0)!)).toBe('e');
    expect(foldChar(0x00ad)).toBe('');
    expect(foldChar(0x2014)).toBe('-');
    expect(foldChar(0x00a0)).toBe(' ');
    expect(foldString('Arágua’s')).toBe("aragua's");
  });

  it('maps every normalised char back to a source char that folds to it (any input)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const { text: out, offsets } = normalize(text);
        expect(offsets.length).toBe(out.length + 1);
        expect(offsets[out.length]).toBe(text.length);
        for (let i = 0; i < out.length; i++) {
          const at = offsets[i]!;
          expect(at).toBeLessThan(text.length);
          if (i > 0) expect(at).toBeGreaterThanOrEqual(offsets[i - 1]!);
          // The source code point (the pair's start when at points into a low surrogate).
          const low = text.charCodeAt(at);
          const start =
            low >= 0xdc00 && low <= 0xdfff && at > 0 && text.codePointAt(at - 1)! > 0xffff
              ? at - 1
              : at;
          const folded = foldChar(text.codePointAt(start)!);
          expect(folded === ' ' || folded.includes(out[i]!)).toBe(true);
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = normalize(text).text;
        expect(normalize(once).text).toBe(once);
      }),
    );
  });
});

describe('originalSpan', () => {
  it('maps a normalised span back to the exact original text', () => {
    const text = 'The “Tren\u00a0de Ara\u00ADgua’s” gang';
    const result = normalize(text);
    const from = result.text.indexOf('tren');
    const to = result.text.indexOf("'s");
    const span = originalSpan(text, result, from, to);
    expect(text.slice(span.start, span.end)).toBe('Tren\u00a0de Ara\u00ADgua');
  });

  it('includes a whole astral character at the end', () => {
    const text = 'ab😀';
    const result = normalize(text);
    const span = originalSpan(text, result, 0, result.text.length);
    expect(text.slice(span.start, span.end)).toBe('ab😀');
  });
});

describe('the code-unit tables the tokenizer reads', () => {
  it('agree with charInfo for every BMP unit once learnt; high surrogates stay unknown', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const info = charInfo(code);
      const cls = learnUnit(code);
      const highSurrogate = code >= 0xd800 && code <= 0xdbff;
      const wordUnit =
        (info.cls === CHAR_LETTER || info.cls === CHAR_DIGIT) && info.fold.length === 1;
      if (
        cls !== info.cls ||
        UNIT_CLASS[code] !== (highSurrogate ? UNIT_UNKNOWN : info.cls) ||
        UNIT_FOLD[code] !== (wordUnit && !highSurrogate ? info.fold.charCodeAt(0) : 0)
      ) {
        wrong.push(code.toString(16));
      }
    }
    expect(wrong).toEqual([]);
    // Letters that fold to several units are left to charInfo.
    expect(UNIT_FOLD['ǅ'.charCodeAt(0)]).toBe('ǆ'.charCodeAt(0));
    expect(UNIT_FOLD['한'.charCodeAt(0)]).toBe(0);
    expect(UNIT_FOLD['É'.charCodeAt(0)]).toBe('e'.charCodeAt(0));
  });
});
