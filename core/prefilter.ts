// The pre-filter: which parts of a text can hold a match at all, found by the regular-expression
// engine (native code, fast even on a page's first scan) before any tokenizing.
//
// Every expansion of every pattern has a word (the compiler refuses patterns made only of numbers
// and common words). The compiler picks a few "anchor" words such that every expansion contains
// one (core/anchors.ts). A match then contains a word token that folds to an anchor, and that
// token's characters are either
// - all ASCII: then they spell the anchor (ASCII letters fold only by case) with no ASCII letter
//   just before them and no ASCII letter or digit just after (those would be part of the token),
//   which the anchor search finds, or
// - not all ASCII: then the token holds a non-ASCII character that can be part of a word, which
//   the anchor search also finds: it stops at every non-ASCII character except those listed in
//   NON_WORD_UNITS, which are never part of a word (a test checks each against the folding).
// Expansions with a word that folds to something non-ASCII need no anchor: that word's token
// always holds a non-ASCII character. The search may stop where no match is (a non-ASCII letter,
// an anchor outside any pattern), never the other way round; the matcher reads the whole
// paragraph around each stop (core/matcher.ts), since no match crosses a paragraph break.
//
// Anchors are folded ASCII words (ANCHOR_WORD), so the expression built from them holds nothing
// but lower-case letters and digits from pack text; it has no nested repetition, so it runs in
// time linear in the text for a bounded number of anchors (MAX_ANCHORS).

/** Above this many anchors, a pack's words are too many to pre-filter by: every text is read. */
export const MAX_ANCHORS = 256;

/** An anchor: a folded ASCII word (what the tokenizer makes of ASCII letters and digits). */
export const ANCHOR_WORD = /^[a-z0-9]{1,64}$/;

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
  // Folded words are nearly all ASCII: one native search finds the few characters to look at.
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
 * The search for anchors and for characters that may make a word fold to one or be part of a pack
 * word (`words`: every word of the spec), global, so that a scan can go on from lastIndex. Throws
 * unless the anchors are distinct ANCHOR_WORDs in increasing order, at most MAX_ANCHORS of them.
 */
export function anchorSearch(anchors: readonly string[], words: readonly string[]): RegExp {
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
  return new RegExp(source, 'g');
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
 * branch per character instead of trying every word. Built on every page load, so kept to
 * simple string work.
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
