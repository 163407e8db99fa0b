// Text normalisation with a map back to original offsets, and the ONE definition of character
// folding that the tokenizer, the pattern compiler and quote anchoring share.
//
// Folding, per character (so every output character maps to exactly one input character):
// - letters: lower case, then NFD, then combining marks dropped ("É" → "e", "İ" → "i");
// - combining marks, soft hyphens and other invisible format characters (U+00AD, U+200B-U+200D,
//   U+2060, U+FEFF and the rest of Unicode category Cf, e.g. bidi marks) are removed;
// - curly and typographic quotes become straight: ‘ ’ ‚ ‛ ′ ʼ ‹ › → ' and “ ” „ ‟ ″ « » → ";
// - every dash and hyphen (Unicode Pd, plus − minus and ⁃) becomes "-";
// - every Unicode space and line break becomes " "; normalize() then collapses runs to one space.

/** Character classes the tokenizer works with. */
export const CHAR_OTHER = 0; // punctuation and symbols that separate words
export const CHAR_LETTER = 1; // part of a word (Unicode letters, non-ASCII digits)
export const CHAR_DIGIT = 2; // ASCII 0-9
export const CHAR_SPACE = 3; // horizontal space
export const CHAR_NUMBER_SPACE = 4; // U+00A0, U+202F, U+2009: may group digits ("84 000")
export const CHAR_LINE = 5; // one line break
export const CHAR_PARAGRAPH = 6; // U+2029: a paragraph break on its own
export const CHAR_IGNORABLE = 7; // removed: combining marks, soft hyphen, zero-width and format chars
export const CHAR_SYMBOL = 8; // "$" "€" "£" "%": tokens of their own
export const CHAR_DIGIT_SEPARATOR = 9; // "," and ".": inside a digit run when a digit follows
export const CHAR_DASH = 10;
export const CHAR_QUOTE = 11;

export interface CharInfo {
  readonly cls: number;
  /** The folded form: usually one character, "" for removed characters. */
  readonly fold: string;
}

const SINGLE_QUOTES = new Set([0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x02bc, 0x2039, 0x203a]);
const DOUBLE_QUOTES = new Set([0x201c, 0x201d, 0x201e, 0x201f, 0x2033, 0x00ab, 0x00bb]);
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028]);
const NUMBER_SPACES = new Set([0x00a0, 0x202f, 0x2009]);
const SYMBOLS = new Set([0x24, 0x20ac, 0xa3, 0x25]);
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const FORMAT = /\p{Cf}/u;
const SPACE = /\p{Zs}/u;
const DASH = /\p{Pd}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function computeCharInfo(cp: number): CharInfo {
  const ch = String.fromCodePoint(cp);
  if (cp >= 0xd800 && cp <= 0xdfff) return { cls: CHAR_OTHER, fold: ch }; // lone surrogate
  if (MARK.test(ch) || FORMAT.test(ch)) return { cls: CHAR_IGNORABLE, fold: '' };
  if (cp === 0x2029) return { cls: CHAR_PARAGRAPH, fold: ' ' };
  if (LINE_BREAKS.has(cp)) return { cls: CHAR_LINE, fold: ' ' };
  if (NUMBER_SPACES.has(cp)) return { cls: CHAR_NUMBER_SPACE, fold: ' ' };
  if (cp === 0x09 || SPACE.test(ch)) return { cls: CHAR_SPACE, fold: ' ' };
  if (cp >= 0x30 && cp <= 0x39) return { cls: CHAR_DIGIT, fold: ch };
  if (cp === 0x2c || cp === 0x2e) return { cls: CHAR_DIGIT_SEPARATOR, fold: ch };
  if (SYMBOLS.has(cp)) return { cls: CHAR_SYMBOL, fold: ch };
  if (DASH.test(ch) || cp === 0x2212 || cp === 0x2043) return { cls: CHAR_DASH, fold: '-' };
  if (cp === 0x27 || SINGLE_QUOTES.has(cp)) return { cls: CHAR_QUOTE, fold: "'" };
  if (cp === 0x22 || DOUBLE_QUOTES.has(cp)) return { cls: CHAR_QUOTE, fold: '"' };
  const fold = ch.toLowerCase().normalize('NFD').replace(MARKS, '');
  return { cls: WORD_CHAR.test(ch) ? CHAR_LETTER : CHAR_OTHER, fold };
}

const ASCII_INFO: CharInfo[] = [];
for (let cp = 0; cp < 128; cp++) ASCII_INFO.push(computeCharInfo(cp));

/** Class of each ASCII code unit, for the tokenizer's fast path. */
export const ASCII_CLASS = Uint8Array.from(ASCII_INFO, (info) => info.cls);

// Pages use a few hundred distinct characters; the cap only bounds memory on hostile input.
const CACHE_LIMIT = 1 << 16;
const cache = new Map<number, CharInfo>();

/** Class and folded form of one code point (cached). */
export function charInfo(cp: number): CharInfo {
  if (cp < 128) return ASCII_INFO[cp]!;
  let info = cache.get(cp);
  if (info === undefined) {
    info = computeCharInfo(cp);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cp, info);
  }
  return info;
}

/** UNIT_CLASS's value for a code unit not looked up yet (and always for high surrogates). */
export const UNIT_UNKNOWN = 0xff;

/**
 * charInfo's class of each BMP code unit, filled in by learnUnit as a scan meets the unit, so the
 * tokenizer's hot loop reads a typed array instead of a Map. A high surrogate stays UNIT_UNKNOWN:
 * its class depends on the unit after it.
 */
export const UNIT_CLASS = new Uint8Array(0x10000).fill(UNIT_UNKNOWN);

/**
 * The folded form of each learnt BMP letter or digit that folds to exactly one unit; 0 for every
 * other unit (not learnt yet, not part of a word, or folding to several units).
 */
export const UNIT_FOLD = new Uint16Array(0x10000);

/** Looks a BMP code unit up with charInfo, records it in UNIT_CLASS and UNIT_FOLD, returns its class. */
export function learnUnit(code: number): number {
  const info = charInfo(code);
  if (code >= 0xd800 && code <= 0xdbff) return info.cls;
  UNIT_CLASS[code] = info.cls;
  if ((info.cls === CHAR_LETTER || info.cls === CHAR_DIGIT) && info.fold.length === 1) {
    UNIT_FOLD[code] = info.fold.charCodeAt(0);
  }
  return info.cls;
}

for (let code = 0; code < 128; code++) learnUnit(code);

/** The folded form of one code point: the single definition of folding. */
export function foldChar(cp: number): string {
  return charInfo(cp).fold;
}

/** Folds a string character by character, without collapsing spaces. */
export function foldString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    out += charInfo(cp).fold;
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

export interface NormalizedText {
  text: string;
  /** offsets[i] is the original index of normalised char i; offsets[text.length] = original length. */
  offsets: Uint32Array;
}

function isSpaceClass(cls: number): boolean {
  return (
    cls === CHAR_SPACE || cls === CHAR_NUMBER_SPACE || cls === CHAR_LINE || cls === CHAR_PARAGRAPH
  );
}

/** Folds every character and collapses each run of whitespace to one space. */
export function normalize(text: string): NormalizedText {
  const codes: number[] = [];
  const offsets: number[] = [];
  let lastWasSpace = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const info = charInfo(cp);
    if (isSpaceClass(info.cls)) {
      if (!lastWasSpace) {
        codes.push(0x20);
        offsets.push(i);
        lastWasSpace = true;
      }
    } else if (info.fold.length > 0) {
      // A folded character maps onto its source units one to one (astral stays astral), and any
      // extra units onto the source's last unit.
      for (let j = 0; j < info.fold.length; j++) {
        codes.push(info.fold.charCodeAt(j));
        offsets.push(i + Math.min(j, width - 1));
      }
      lastWasSpace = false;
    }
    i += width;
  }
  offsets.push(text.length);
  let out = '';
  const CHUNK = 8192; // String.fromCharCode's argument count is limited
  for (let i = 0; i < codes.length; i += CHUNK) {
    out += String.fromCharCode(...codes.slice(i, i + CHUNK));
  }
  return { text: out, offsets: Uint32Array.from(offsets) };
}

/**
 * The original span [start, end) of normalised span [from, to): from the first char's source to
 * just after the last char's source (a whole surrogate pair when the last source is astral).
 */
export function originalSpan(
  original: string,
  normalized: NormalizedText,
  from: number,
  to: number,
): { start: number; end: number } {
  const start = normalized.offsets[from]!;
  if (to <= from) return { start, end: start };
  const last = normalized.offsets[to - 1]!;
  const code = original.charCodeAt(last);
  const next = original.charCodeAt(last + 1);
  const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return { start, end: last + (pair ? 2 : 1) };
}
