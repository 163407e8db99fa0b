// The tokenizer: one pass over UTF-16 code units, folding every character through
// core/normalize.ts (the one definition of folding).
//
// - A word is a run of letters and digits (Unicode letters): "H1B", "MS13". Digits followed by
//   letters split ("$6m" is "$" "6" "m", "1990s" is "1990" "s") except for ordinals ("13th",
//   "2nd", "1º" are single words, not numbers). Invisible characters (soft hyphens, zero-width and format chars, combining marks) neither join
//   nor split: "Ara\u00ADgua" is the one word "aragua".
// - A run of ASCII digits is a 'digits' token. Inside it "," and "." are kept when a digit follows
//   ("1,000", "4.76"), and so are U+00A0, U+202F and U+2009 (folded to " ": "84 000"); an ordinary
//   space always ends the run.
// - "$" "€" "£" "%" are tokens of their own; every other character separates.
// - Two or more line breaks in a row (only whitespace between them), or U+2029, make a BREAK token
//   between the tokens around them: no match may cross it. One line break is a plain space.
// Offsets are UTF-16 indices into the ORIGINAL text; a token ends after its last letter or digit.
//
// scanTokens() classifies and folds code units through normalize.ts's UNIT_CLASS and UNIT_FOLD
// tables (each unit is looked up in full once, the first time it is met), fills reusable typed
// arrays and, given a lexicon, looks each word up by a hash of its folded code units, so a word
// that is not in the lexicon never becomes a string. It is written for the engine's unoptimised
// tiers as much as for its optimised one: the first scan of every page runs before anything has
// been optimised, so the loops keep per-character work, property reads and calls to a minimum.

import * as chars from './normalize';

// Local copies: some module loaders (tsx, vite-node) turn every use of an imported binding into a
// property read through a getter, which costs more than the rest of the hot loop together.
const CHAR_DIGIT = chars.CHAR_DIGIT;
const CHAR_DIGIT_SEPARATOR = chars.CHAR_DIGIT_SEPARATOR;
const CHAR_IGNORABLE = chars.CHAR_IGNORABLE;
const CHAR_LETTER = chars.CHAR_LETTER;
const CHAR_LINE = chars.CHAR_LINE;
const CHAR_NUMBER_SPACE = chars.CHAR_NUMBER_SPACE;
const CHAR_PARAGRAPH = chars.CHAR_PARAGRAPH;
const CHAR_SPACE = chars.CHAR_SPACE;
const CHAR_SYMBOL = chars.CHAR_SYMBOL;
const UNIT_CLASS = chars.UNIT_CLASS;
const UNIT_FOLD = chars.UNIT_FOLD;
const UNIT_UNKNOWN = chars.UNIT_UNKNOWN;
const charInfo = chars.charInfo;
const learnUnit = chars.learnUnit;

export const TOKEN_WORD = 0;
export const TOKEN_DIGITS = 1;
export const TOKEN_SYMBOL = 2;
export const TOKEN_BREAK = 3;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** Math.imul without the global and property lookups that unoptimised code pays on every use. */
const imul = Math.imul;

function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 15);
  h = imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** The hash scanTokens computes for a folded word. */
export function hashWord(folded: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) hash = imul(hash ^ folded.charCodeAt(i), FNV_PRIME);
  return finishHash(hash);
}

/** Folded words with an open-addressing hash table over them. */
export interface Lexicon {
  readonly words: readonly string[];
  /** Word index + 1 per slot, 0 when empty; the length is a power of two. */
  readonly table: Int32Array;
  readonly hashes: Int32Array;
  readonly maxLength: number;
}

/** Builds the lookup table for distinct folded words (index in `words` = word id). */
export function buildLexicon(words: readonly string[]): Lexicon {
  let size = 16;
  while (size < words.length * 2) size *= 2;
  const table = new Int32Array(size);
  const hashes = new Int32Array(words.length);
  let maxLength = 0;
  for (let id = 0; id < words.length; id++) {
    const word = words[id]!;
    const hash = hashWord(word);
    hashes[id] = hash;
    if (word.length > maxLength) maxLength = word.length;
    let slot = hash & (size - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (size - 1);
    table[slot] = id + 1;
  }
  return { words, table, hashes, maxLength };
}

/** Word id of a folded word, or -1. */
export function lookupWord(lexicon: Lexicon, folded: string): number {
  const units = new Uint16Array(folded.length);
  for (let i = 0; i < folded.length; i++) units[i] = folded.charCodeAt(i);
  return lookupUnits(lexicon, units, folded.length, hashWord(folded));
}

function lookupUnits(lexicon: Lexicon, units: Uint16Array, length: number, hash: number): number {
  const { table, hashes, words } = lexicon;
  const mask = table.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = table[slot]!;
    if (entry === 0) return -1;
    const id = entry - 1;
    if (hashes[id] !== hash) continue;
    const word = words[id]!;
    if (word.length !== length) continue;
    let same = true;
    for (let k = 0; k < length; k++) {
      if (word.charCodeAt(k) !== units[k]) {
        same = false;
        break;
      }
    }
    if (same) return id;
  }
}

/** Tokens as parallel typed arrays, reused from scan to scan. */
export class TokenBuffer {
  count = 0;
  kind = new Uint8Array(256);
  start = new Uint32Array(256);
  end = new Uint32Array(256);
  /** Lexicon word id, or -1 (also -1 for every token when scanned without a lexicon). */
  word = new Int32Array(256);
  /** Folded text of 'digits' and 'symbol' tokens, and of every token when scanned without a lexicon. */
  text: string[] = [];

  push(kind: number, start: number, end: number, word: number, text: string): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.word[i] = word;
    this.text[i] = text;
  }

  /** Makes room for at least `size` tokens, keeping the first `count`. */
  reserve(size: number): void {
    if (size > this.kind.length) this.grow(size);
  }

  private grow(atLeast = 0): void {
    let size = this.kind.length * 2;
    while (size < atLeast) size *= 2;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    const start = new Uint32Array(size);
    start.set(this.start);
    this.start = start;
    const end = new Uint32Array(size);
    end.set(this.end);
    this.end = end;
    const word = new Int32Array(size);
    word.set(this.word);
    this.word = word;
  }
}

let units: Uint16Array = new Uint16Array(64);
const EMPTY_TABLE = new Int32Array(1);

function unitsToString(length: number): string {
  let out = '';
  const CHUNK = 8192; // apply's argument count is limited
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(
      null,
      units.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[],
    );
  }
  return out;
}

/**
 * "st" "nd" "rd" "th" (any case) or "º" "ª" at i, then no further letter or digit. Only the ASCII
 * letters lower-case to s, t, n, d, r or h, so setting the ASCII case bit (| 0x20) is the test.
 */
function isOrdinalSuffix(text: string, i: number, code: number): boolean {
  let after: number;
  if (code === 0xba || code === 0xaa) {
    after = i + 1;
  } else {
    const first = text.charCodeAt(i) | 0x20;
    const second = text.charCodeAt(i + 1) | 0x20;
    const suffix =
      (first === 0x73 && second === 0x74) || // st
      ((first === 0x6e || first === 0x72) && second === 0x64) || // nd rd
      (first === 0x74 && second === 0x68); // th
    if (!suffix) return false;
    after = i + 2;
  }
  const next = text.codePointAt(after);
  if (next === undefined) return true;
  const cls = charInfo(next).cls;
  return cls !== CHAR_LETTER && cls !== CHAR_DIGIT;
}

/** Makes room for at least one more unit in the word buffer. */
function growUnits(): Uint16Array {
  const bigger = new Uint16Array(units.length * 2);
  bigger.set(units);
  units = bigger;
  return units;
}

/** The code point and width (2 for a surrogate pair) of the character slowClass last read. */
let slowCode = 0;
let slowWidth = 1;

/**
 * The class of the character at i, whose first unit UNIT_CLASS does not know: a BMP unit is
 * learnt (so the table knows it next time), a surrogate pair is read as one character.
 */
function slowClass(text: string, i: number, code: number): number {
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      slowCode = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      slowWidth = 2;
      return charInfo(slowCode).cls;
    }
  }
  slowCode = code;
  slowWidth = 1;
  return learnUnit(code);
}

/**
 * Tokenizes `text` into `out`. With a lexicon, word tokens get their word id and no text; without
 * one, every token gets its folded text.
 */
export function scanTokens(text: string, lexicon: Lexicon | null, out: TokenBuffer): void {
  out.count = 0;
  appendTokens(text, lexicon, out, 0, text.length);
}

/**
 * Tokenizes text[from, to) after the tokens already in `out`, as if the text between them were a
 * paragraph break: a BREAK separates the two when both have tokens. `from` and `to` must be at the
 * text's ends or next to a paragraph break, so that the tokens are those a scan of the whole text
 * finds there (core/prefilter.ts).
 */
export function appendTokens(
  text: string,
  lexicon: Lexicon | null,
  out: TokenBuffer,
  from: number,
  to: number,
): void {
  const n = to;
  const keepText = lexicon === null;
  const maxLength = lexicon === null ? -1 : lexicon.maxLength;
  const table = lexicon === null ? EMPTY_TABLE : lexicon.table;
  const tableMask = table.length - 1;
  const hashes = lexicon === null ? EMPTY_TABLE : lexicon.hashes;
  const lexiconWords = lexicon === null ? [] : lexicon.words;
  // Locals for everything the loops touch per character or per token: the first scan of a page
  // runs before the engine has optimised anything, where every property read counts.
  let buffer = units;
  let bufferSize = buffer.length;
  let kinds = out.kind;
  let starts = out.start;
  let ends = out.end;
  let wordIds = out.word;
  const texts = out.text;
  let capacity = kinds.length;
  let count = out.count;
  let lineBreaks = 0;
  let pendingBreak = count > 0;
  let lastEnd = count > 0 ? ends[count - 1]! : 0;

  let i = from;
  while (i < n) {
    // The character at i: `code` is its first UTF-16 unit, `width` its length in units (2 for a
    // surrogate pair, whose code point slowClass leaves in slowCode).
    let code = text.charCodeAt(i);
    let cls: number = UNIT_CLASS[code]!;
    let width = 1;
    if (cls === UNIT_UNKNOWN) {
      cls = slowClass(text, i, code);
      width = slowWidth;
    }
    if (cls === CHAR_SPACE) {
      i += width;
      continue;
    }

    if (cls === CHAR_LETTER || cls === CHAR_DIGIT || cls === CHAR_SYMBOL) {
      if (count + 2 > capacity) {
        // Room for a break and a token.
        out.count = count;
        out.reserve(count + 2);
        kinds = out.kind;
        starts = out.start;
        ends = out.end;
        wordIds = out.word;
        capacity = kinds.length;
      }
      lineBreaks = 0;
      if (pendingBreak && count > 0) {
        kinds[count] = TOKEN_BREAK;
        starts[count] = lastEnd;
        ends[count] = i;
        wordIds[count] = -1;
        texts[count++] = '';
      }
      pendingBreak = false;
    }

    if (cls === CHAR_LETTER || cls === CHAR_DIGIT) {
      const start = i;
      let end = i;
      let length = 0;
      let hash = FNV_OFFSET;
      let isWord = cls === CHAR_LETTER;
      /** A digit run with no grouping space and nothing invisible in it is its own folded text. */
      let sourceIsFolded = true;
      if (!isWord) {
        // A digit run: ASCII digits (exactly CHAR_DIGIT), and "," "." or a grouping space (as
        // " ") when a digit follows.
        for (;;) {
          if (code >= 0x30 && code <= 0x39) {
            if (length === bufferSize) bufferSize = (buffer = growUnits()).length;
            buffer[length++] = code;
            hash = imul(hash ^ code, FNV_PRIME);
            end = ++i;
          } else {
            cls = UNIT_CLASS[code]!;
            width = 1;
            if (cls === UNIT_UNKNOWN) {
              cls = slowClass(text, i, code);
              width = slowWidth;
            }
            const after = text.charCodeAt(i + 1);
            if (
              (cls === CHAR_DIGIT_SEPARATOR || cls === CHAR_NUMBER_SPACE) &&
              after >= 0x30 &&
              after <= 0x39
            ) {
              let unit = code;
              if (cls === CHAR_NUMBER_SPACE) {
                unit = 0x20;
                sourceIsFolded = false;
              }
              if (length === bufferSize) bufferSize = (buffer = growUnits()).length;
              buffer[length++] = unit;
              hash = imul(hash ^ unit, FNV_PRIME);
              i++;
            } else if (cls === CHAR_IGNORABLE) {
              sourceIsFolded = false;
              i += width; // invisible: neither joins nor splits
            } else {
              // Letters split from the digits ("1990s"), except an ordinal suffix ("13th"),
              // which makes the whole token a word.
              isWord = cls === CHAR_LETTER && isOrdinalSuffix(text, i, code);
              break;
            }
          }
          if (i >= n) break;
          code = text.charCodeAt(i);
        }
      }
      if (isWord) {
        // A word: letters and digits ("H1B", "MS13").
        for (;;) {
          let unit = UNIT_FOLD[code]!;
          if (unit !== 0) {
            // Letters and digits that fold to one unit, nearly every character of a word, in a
            // tight loop: one unit each, so the buffer has room up to `limit`.
            if (length === bufferSize) bufferSize = (buffer = growUnits()).length;
            let limit = i + bufferSize - length;
            if (limit > n) limit = n;
            for (;;) {
              buffer[length] = unit;
              length++;
              hash = imul(hash ^ unit, FNV_PRIME);
              i++;
              if (i === limit) break;
              code = text.charCodeAt(i);
              unit = UNIT_FOLD[code]!;
              if (unit === 0) break;
            }
            end = i;
            if (i === n) break;
            if (i === limit) {
              code = text.charCodeAt(i); // the buffer is full: grow it and go on
              continue;
            }
          }
          // Anything else: astral, folding to several units, met for the first time, invisible,
          // or the end of the word.
          cls = UNIT_CLASS[code]!;
          width = 1;
          if (cls === UNIT_UNKNOWN) {
            cls = slowClass(text, i, code);
            width = slowWidth;
          }
          if (cls === CHAR_LETTER || cls === CHAR_DIGIT) {
            const folded = charInfo(width === 1 ? code : slowCode).fold;
            for (let k = 0; k < folded.length; k++) {
              const foldedUnit = folded.charCodeAt(k);
              if (length === bufferSize) bufferSize = (buffer = growUnits()).length;
              buffer[length++] = foldedUnit;
              hash = imul(hash ^ foldedUnit, FNV_PRIME);
            }
            i += width;
            end = i;
          } else if (cls === CHAR_IGNORABLE) {
            i += width; // invisible: neither joins nor splits
          } else {
            break;
          }
          if (i >= n) break;
          code = text.charCodeAt(i);
        }
      }

      let word = -1;
      if (length <= maxLength) {
        // lookupUnits, inlined: it runs for nearly every word.
        const wanted = finishHash(hash);
        for (let slot = wanted & tableMask; ; slot = (slot + 1) & tableMask) {
          const entry = table[slot]!;
          if (entry === 0) break;
          const id = entry - 1;
          if (hashes[id] !== wanted) continue;
          const candidate = lexiconWords[id]!;
          if (candidate.length !== length) continue;
          let k = 0;
          while (k < length && candidate.charCodeAt(k) === buffer[k]) k++;
          if (k === length) {
            word = id;
            break;
          }
        }
      }
      kinds[count] = isWord ? TOKEN_WORD : TOKEN_DIGITS;
      starts[count] = start;
      ends[count] = end;
      wordIds[count] = word;
      let folded = '';
      if (!isWord) folded = sourceIsFolded ? text.slice(start, end) : unitsToString(length);
      else if (keepText) folded = unitsToString(length);
      texts[count++] = folded;
      lastEnd = end;
      // Unless the text ended, the loops stopped at a character they classified (cls, width):
      // most often a space, which is passed over here rather than looked up again.
      if (i < n && cls === CHAR_SPACE) i += width;
      continue;
    }

    if (cls === CHAR_SYMBOL) {
      let word = -1;
      if (lexicon !== null) {
        buffer[0] = code;
        word = lookupUnits(lexicon, buffer, 1, finishHash(imul(FNV_OFFSET ^ code, FNV_PRIME)));
      }
      kinds[count] = TOKEN_SYMBOL;
      starts[count] = i;
      ends[count] = i + 1;
      wordIds[count] = word;
      texts[count++] = String.fromCharCode(code);
      lastEnd = i + 1;
    } else if (cls === CHAR_LINE) {
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) width = 2;
      if (++lineBreaks >= 2) pendingBreak = true;
    } else if (cls === CHAR_PARAGRAPH) {
      pendingBreak = true;
    } else if (cls !== CHAR_NUMBER_SPACE && cls !== CHAR_IGNORABLE) {
      lineBreaks = 0;
    }
    i += width;
  }
  out.count = count;
}

export type TokenKind = 'word' | 'digits' | 'symbol' | 'break';

export interface Token {
  kind: TokenKind;
  /** Folded text ("" for a break). */
  text: string;
  start: number;
  end: number;
}

const KIND_NAMES: readonly TokenKind[] = ['word', 'digits', 'symbol', 'break'];

/** tokenize() copies tokens out before returning, so one buffer serves every call. */
const sharedBuffer = new TokenBuffer();

/** Tokenizes text into token objects (for patterns, tools and tests; the matcher uses scanTokens). */
export function tokenize(text: string): Token[] {
  const buffer = sharedBuffer;
  scanTokens(text, null, buffer);
  const tokens: Token[] = [];
  for (let i = 0; i < buffer.count; i++) {
    tokens.push({
      kind: KIND_NAMES[buffer.kind[i]!]!,
      text: buffer.text[i]!,
      start: buffer.start[i]!,
      end: buffer.end[i]!,
    });
  }
  return tokens;
}
