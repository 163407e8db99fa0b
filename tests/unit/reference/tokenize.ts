// REFERENCE COPY, do not edit: core/tokenize.ts as it was before the speed work of issue 4 (commit
// 40a01b4; only its imports, and in matcher.ts how the spec's arrays are read, are adapted).
// tests/unit/reference-equivalence.test.ts checks that the current code gives exactly its results.

// The tokenizer: one pass over UTF-16 code units, with an ASCII fast path, folding every character
// through core/normalize.ts (the one definition of folding).
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
// scanTokens() fills reusable typed arrays and, given a lexicon, looks each word up by a hash of its
// folded code units, so a word that is not in the lexicon never becomes a string.

import * as chars from '../../../core/normalize';

// Local copies: some module loaders (tsx, vite-node) turn every use of an imported binding into a
// property read through a getter, which costs more than the rest of the hot loop together.
const ASCII_CLASS = chars.ASCII_CLASS;
const CHAR_DIGIT = chars.CHAR_DIGIT;
const CHAR_DIGIT_SEPARATOR = chars.CHAR_DIGIT_SEPARATOR;
const CHAR_IGNORABLE = chars.CHAR_IGNORABLE;
const CHAR_LETTER = chars.CHAR_LETTER;
const CHAR_LINE = chars.CHAR_LINE;
const CHAR_NUMBER_SPACE = chars.CHAR_NUMBER_SPACE;
const CHAR_PARAGRAPH = chars.CHAR_PARAGRAPH;
const CHAR_SPACE = chars.CHAR_SPACE;
const CHAR_SYMBOL = chars.CHAR_SYMBOL;
const charInfo = chars.charInfo;

export const TOKEN_WORD = 0;
export const TOKEN_DIGITS = 1;
export const TOKEN_SYMBOL = 2;
export const TOKEN_BREAK = 3;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 15);
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** The hash scanTokens computes for a folded word. */
export function hashWord(folded: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) hash = Math.imul(hash ^ folded.charCodeAt(i), FNV_PRIME);
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

  private grow(): void {
    const size = this.kind.length * 2;
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

const ORDINAL_SUFFIXES = ['st', 'nd', 'rd', 'th'];

/** "st" "nd" "rd" "th" (any case) or "º" "ª" at i, then no further letter or digit. */
function isOrdinalSuffix(text: string, i: number, code: number): boolean {
  let after: number;
  if (code === 0xba || code === 0xaa) {
    after = i + 1;
  } else {
    const pair = text.slice(i, i + 2).toLowerCase();
    if (!ORDINAL_SUFFIXES.includes(pair)) return false;
    after = i + 2;
  }
  const next = text.codePointAt(after);
  if (next === undefined) return true;
  const cls = charInfo(next).cls;
  return cls !== CHAR_LETTER && cls !== CHAR_DIGIT;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Makes room for at least one more unit in the word buffer. */
function growUnits(): Uint16Array {
  const bigger = new Uint16Array(units.length * 2);
  bigger.set(units);
  units = bigger;
  return units;
}

/**
 * Tokenizes `text` into `out`. With a lexicon, word tokens get their word id and no text; without
 * one, every token gets its folded text.
 */
export function scanTokens(text: string, lexicon: Lexicon | null, out: TokenBuffer): void {
  const n = text.length;
  const keepText = lexicon === null;
  const maxLength = lexicon === null ? -1 : lexicon.maxLength;
  let buffer = units;
  let lineBreaks = 0;
  let pendingBreak = false;
  let lastEnd = 0;
  out.count = 0;

  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    let width = 1;
    let cls: number;
    if (code < 128) {
      cls = ASCII_CLASS[code]!;
    } else {
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      cls = charInfo(code).cls;
    }

    if (cls === CHAR_LETTER || cls === CHAR_DIGIT) {
      if (pendingBreak && out.count > 0) out.push(TOKEN_BREAK, lastEnd, i, -1, '');
      pendingBreak = false;
      lineBreaks = 0;
      const start = i;
      let end = i;
      let length = 0;
      let hash = FNV_OFFSET;
      let hasLetter = false;
      let hasDigit = false;
      // The token's characters: letters, digits, invisible characters, digit separators.
      code = text.charCodeAt(i); // the loop reads pairs itself
      for (;;) {
        if (code < 128) {
          // ASCII fast path: only letters, digits and digit separators can continue a token.
          const ascii = ASCII_CLASS[code]!;
          if (ascii === CHAR_LETTER) {
            if (hasDigit && !hasLetter && !isOrdinalSuffix(text, i, code)) break;
            hasLetter = true;
            const lower = code <= 90 ? code + 32 : code;
            if (length === buffer.length) buffer = growUnits();
            buffer[length++] = lower;
            hash = Math.imul(hash ^ lower, FNV_PRIME);
            end = ++i;
          } else if (ascii === CHAR_DIGIT) {
            hasDigit = true;
            if (length === buffer.length) buffer = growUnits();
            buffer[length++] = code;
            hash = Math.imul(hash ^ code, FNV_PRIME);
            end = ++i;
          } else if (
            ascii === CHAR_DIGIT_SEPARATOR &&
            !hasLetter &&
            isAsciiDigit(text.charCodeAt(i + 1))
          ) {
            if (length === buffer.length) buffer = growUnits();
            buffer[length++] = code;
            hash = Math.imul(hash ^ code, FNV_PRIME);
            i++;
          } else {
            break;
          }
        } else {
          width = 1;
          if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
            const low = text.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
              code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
              width = 2;
            }
          }
          const info = charInfo(code);
          const other = info.cls;
          if (other === CHAR_LETTER) {
            if (hasDigit && !hasLetter && !isOrdinalSuffix(text, i, code)) break;
            hasLetter = true;
            const folded = info.fold;
            for (let k = 0; k < folded.length; k++) {
              const unit = folded.charCodeAt(k);
              if (length === buffer.length) buffer = growUnits();
              buffer[length++] = unit;
              hash = Math.imul(hash ^ unit, FNV_PRIME);
            }
            i += width;
            end = i;
          } else if (other === CHAR_IGNORABLE) {
            i += width; // invisible: neither joins nor splits
          } else if (
            other === CHAR_NUMBER_SPACE &&
            !hasLetter &&
            isAsciiDigit(text.charCodeAt(i + 1))
          ) {
            if (length === buffer.length) buffer = growUnits();
            buffer[length++] = 0x20;
            hash = Math.imul(hash ^ 0x20, FNV_PRIME);
            i++;
          } else {
            break;
          }
        }
        if (i >= n) break;
        code = text.charCodeAt(i);
      }
      const kind = hasLetter ? TOKEN_WORD : TOKEN_DIGITS;
      const word =
        length <= maxLength ? lookupUnits(lexicon!, buffer, length, finishHash(hash)) : -1;
      const folded = keepText || kind === TOKEN_DIGITS ? unitsToString(length) : '';
      out.push(kind, start, end, word, folded);
      lastEnd = end;
      continue; // the character at i ends the token and is looked at again below
    }

    if (cls === CHAR_LINE) {
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) width = 2;
      if (++lineBreaks >= 2) pendingBreak = true;
    } else if (cls === CHAR_PARAGRAPH) {
      pendingBreak = true;
    } else if (cls !== CHAR_SPACE && cls !== CHAR_NUMBER_SPACE && cls !== CHAR_IGNORABLE) {
      lineBreaks = 0;
      if (cls === CHAR_SYMBOL) {
        if (pendingBreak && out.count > 0) out.push(TOKEN_BREAK, lastEnd, i, -1, '');
        pendingBreak = false;
        let word = -1;
        if (lexicon !== null) {
          buffer[0] = code;
          word = lookupUnits(
            lexicon,
            buffer,
            1,
            finishHash(Math.imul(FNV_OFFSET ^ code, FNV_PRIME)),
          );
        }
        out.push(TOKEN_SYMBOL, i, i + 1, word, String.fromCharCode(code));
        lastEnd = i + 1;
      }
    }
    i += width;
  }
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
