// The pre-filter's anchor words and its expression (core/prefilter.ts), made where packs are
// compiled.

import { STOP_WORDS } from './pattern';

/** Above this many anchors, a pack's words are too many to pre-filter by: every text is read. */
export const MAX_ANCHORS = 256;

/** An anchor: a folded ASCII word (what the tokenizer makes of ASCII letters and digits). */
export const ANCHOR_WORD = /^[a-z0-9]{1,64}$/;

/**
 * Anchor words, few and rare, such that every expansion (given as the folded texts of its word
 * symbols) contains one of them or a word that is not ASCII; null when no such set of at most
 * MAX_ANCHORS exists. Greedy set cover: first the word with the best product of uncovered expansions
 * it is in and its likely rarity; common words ("the", "de") only when an expansion has nothing
 * else.
 */
export function chooseAnchors(expansions: Iterable<readonly string[]>): string[] | null {
  /** Per candidate word, the expansions it is in. */
  const holders = new Map<string, number[]>();
  const candidatesOf: string[][] = [];
  for (const words of expansions) {
    if (words.some((word) => !isAscii(word))) continue;
    const eligible = words.filter((word) => ANCHOR_WORD.test(word));
    const content = eligible.filter((word) => !STOP_WORDS.has(word));
    const candidates = [...new Set(content.length > 0 ? content : eligible)];
    if (candidates.length === 0) return null;
    const index = candidatesOf.push(candidates) - 1;
    for (const word of candidates) {
      const list = holders.get(word);
      if (list === undefined) holders.set(word, [index]);
      else list.push(index);
    }
  }
  const uncoveredIn = new Map<string, number>();
  for (const [word, list] of holders) uncoveredIn.set(word, list.length);
  const covered = new Uint8Array(candidatesOf.length);
  let left = candidatesOf.length;
  const anchors: string[] = [];
  while (left > 0) {
    let best = '';
    let bestScore = 0;
    for (const [word, count] of uncoveredIn) {
      const score = count * rarity(word);
      if (score > bestScore || (score === bestScore && word < best)) {
        best = word;
        bestScore = score;
      }
    }
    if (anchors.push(best) > MAX_ANCHORS) return null;
    for (const index of holders.get(best)!) {
      if (covered[index] === 1) continue;
      covered[index] = 1;
      left--;
      for (const word of candidatesOf[index]!) uncoveredIn.set(word, uncoveredIn.get(word)! - 1);
    }
    uncoveredIn.delete(best);
  }
  return anchors.sort();
}

/**
 * How rare a word is likely to be on a page, with no word list to go by: short words are the
 * frequent ones (Zipf's law of abbreviation), so "trump" beats "v" in "(JGG|J G G) v Trump".
 */
function rarity(word: string): number {
  const length = Math.min(word.length, 8);
  return length * length;
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Non-ASCII code units common on pages that are never part of a word (spaces, dashes, quotes,
 * punctuation, symbols), as ranges for a character class; checked against core/normalize.ts.
 */
export const NON_WORD_UNITS =
  '\u00a0-\u00a9\u00ab\u00ac\u00ae-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7' +
  '\u2000-\u200a\u2010-\u2029\u202f-\u205f\u20a0-\u20c0\u2100\u2101\u2103-\u2106\u2108\u2109' +
  '\u2116\u2117\u2122\u2190-\u21ff\u2200-\u22ff\u2500-\u2775\u2794-\u27bf\u3000-\u3004\u3008-\u3020' +
  '\ufe50-\ufe6b\uff01-\uff0f\uff1a-\uff20';

/**
 * Scripts whose letters fold only to letters of the same script, never to ASCII and never to
 * nothing (a test checks every unit against core/normalize.ts). A token with such a letter folds
 * to a word with that script in it, so when no pack word has the script, its letters cannot be
 * part of a match and the search passes over them: a page in Chinese or Greek is not read for an
 * English and Spanish pack.
 */
export const SCRIPT_RANGES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  greek: [
    [0x370, 0x373],
    [0x375, 0x37d],
    [0x37f, 0x384],
    [0x386, 0x386],
    [0x388, 0x3ff],
  ],
  cyrillic: [
    [0x400, 0x482],
    [0x48a, 0x52f],
  ],
  hebrew: [[0x5d0, 0x5ff]],
  arabic: [
    [0x621, 0x64a],
    [0x671, 0x6bf],
    [0x6c1, 0x6d3],
  ],
  devanagari: [
    [0x904, 0x939],
    [0x958, 0x961],
    [0x966, 0x97f],
  ],
  thai: [
    [0xe01, 0xe30],
    [0xe32, 0xe33],
    [0xe3f, 0xe46],
    [0xe4f, 0xe5b],
  ],
  hangul: [
    [0x1100, 0x11ff],
    [0xac00, 0xd7a3],
  ],
  cjk: [
    [0x3040, 0x3098],
    [0x309b, 0x309f],
    [0x30a1, 0x30ff],
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
  ],
};

const unitRange = (from: number, to: number): string =>
  from === to ? `\\u${hex(from)}` : `\\u${hex(from)}-\\u${hex(to)}`;
const hex = (unit: number): string => unit.toString(16).padStart(4, '0');
const NON_ASCII = /[\u0080-\uffff]/g;

/** SCRIPT_RANGES of the scripts that none of `words` uses, for a character class. */
function unusedScripts(words: readonly string[]): string {
  const used = new Set<readonly (readonly [number, number])[]>();
  for (const char of words.join(' ').match(NON_ASCII) ?? []) {
    const unit = char.charCodeAt(0);
    for (const ranges of Object.values(SCRIPT_RANGES)) {
      if (ranges.some(([from, to]) => unit >= from && unit <= to)) used.add(ranges);
    }
  }
  let units = '';
  for (const ranges of Object.values(SCRIPT_RANGES)) {
    if (!used.has(ranges)) for (const [from, to] of ranges) units += unitRange(from, to);
  }
  return units;
}

/**
 * The pre-filter's expression (core/prefilter.ts): the anchors, and the characters that may make
 * a word fold to one or be part of a pack word (`words`: every word of the spec). Throws unless
 * the anchors are distinct ANCHOR_WORDs in increasing order, at most MAX_ANCHORS of them.
 */
export function prefilterSource(anchors: readonly string[], words: readonly string[]): string {
  if (anchors.length > MAX_ANCHORS) throw new Error(`more than ${MAX_ANCHORS} anchors`);
  let firstLetter = anchors.length;
  for (let i = 0; i < anchors.length; i++) {
    const anchor = anchors[i];
    if (typeof anchor !== 'string' || !ANCHOR_WORD.test(anchor)) {
      throw new Error(`anchor ${JSON.stringify(anchor)} is not a folded ASCII word`);
    }
    if (i > 0 && !(anchors[i - 1]! < anchor)) throw new Error('anchors out of order');
    if (firstLetter === anchors.length && anchor.charCodeAt(0) > 0x39) firstLetter = i;
  }
  // A word starting with a letter may follow a digit in one run ("2025aragua" is "2025" then
  // "aragua"); a word starting with a digit may not follow a letter or digit of its own. No
  // ignore-case flag: with it, a character matches the class when its upper case is in the class
  // (U+00B5 µ would hide behind Greek Μ), so the anchors spell out both cases instead.
  let source = `[^\\x00-\\x7f${NON_WORD_UNITS}${unusedScripts(words)}]`;
  if (firstLetter > 0) {
    source += `|(?<![0-9A-Za-z])${trieSource(anchors, 0, firstLetter, 0)}(?![0-9A-Za-z])`;
  }
  if (firstLetter < anchors.length) {
    source += `|(?<![A-Za-z])${trieSource(anchors, firstLetter, anchors.length, 0)}(?![0-9A-Za-z])`;
  }
  return source;
}

/** Each ASCII letter or digit as the expression for it in either case ("[aA]", "7"). */
const EITHER_CASE: string[] = [];
for (let unit = 0x30; unit <= 0x39; unit++) EITHER_CASE[unit] = String.fromCharCode(unit);
for (let unit = 0x61; unit <= 0x7a; unit++) {
  EITHER_CASE[unit] = `[${String.fromCharCode(unit)}${String.fromCharCode(unit - 0x20)}]`;
}

/**
 * Sorted distinct words[from, to), which share their first `depth` units, after those units, as
 * an expression that shares their common prefixes ("a(?:ct|ragua)"): the engine follows one
 * branch per character instead of trying every word.
 */
function trieSource(words: readonly string[], from: number, to: number, depth: number): string {
  let source = '';
  let branches = 0;
  let oneUnit = false;
  let ends = false;
  for (let i = from; i < to;) {
    const word = words[i]!;
    if (word.length === depth) {
      ends = true;
      i++;
      continue;
    }
    const unit = word.charCodeAt(depth);
    let next = i + 1;
    while (next < to && words[next]!.charCodeAt(depth) === unit) next++;
    const rest = trieSource(words, i, next, depth + 1);
    source += (branches > 0 ? '|' : '') + EITHER_CASE[unit]! + rest;
    oneUnit = rest === '';
    branches++;
    i = next;
  }
  if (branches > 1) source = `(?:${source})`;
  if (!ends || branches === 0) return source;
  return branches > 1 || oneUnit ? `${source}?` : `(?:${source})?`;
}
