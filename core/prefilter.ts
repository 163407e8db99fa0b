// The pre-filter: which parts of a text can hold a match at all, found by the regular-expression
// engine (native code, fast even on a page's first scan) before any tokenizing.
//
// Every expansion of every pattern has a word (the compiler refuses patterns made only of numbers
// and common words). Where packs are compiled, core/anchors.ts picks a few "anchor" words such
// that every expansion contains one, and builds this search's expression. A match then contains a
// word token that folds to an anchor, and that token's characters are either
// - all ASCII: then they spell the anchor (ASCII letters fold only by case) with no ASCII letter
//   just before them and no ASCII letter or digit just after (those would be part of the token),
//   which the search finds, or
// - not all ASCII: then the token holds a non-ASCII character that can be part of a word, which
//   the search also finds: it stops at every non-ASCII character except those that are never
//   part of a word (NON_WORD_UNITS) and the letters of scripts no pack word uses (SCRIPT_RANGES),
//   both checked unit by unit against the folding in tests.
// Expansions with a word that folds to something non-ASCII need no anchor: that word's token
// always holds a non-ASCII character. The search may stop where no match is (a non-ASCII letter,
// an anchor outside any pattern), never the other way round; the matcher reads the whole
// paragraph around each stop (core/matcher.ts), since no match crosses a paragraph break.
//
// Anchors are folded ASCII words (ANCHOR_WORD), so the expression holds nothing from pack text
// but letters and digits; it has no repetition, so it runs in time linear in the text. Pages
// only construct it: building it costs more than a page's first scan can spare, and the
// background, which compiled and checked the whole spec, is where the spec comes from.

/** The longest expression a spec may bring (core/anchors.ts: MAX_ANCHORS anchors of 64 letters,
 * with classes). */
export const MAX_PREFILTER_LENGTH = 1 << 21;

/**
 * The search a spec's pre-filter expression (core/anchors.ts prefilterSource, run where the spec
 * is compiled) makes: global, so that a scan can go on from lastIndex.
 */
export function anchorSearch(source: string): RegExp {
  if (typeof source !== 'string' || source.length > MAX_PREFILTER_LENGTH) {
    throw new Error('not a pre-filter expression');
  }
  return new RegExp(source, 'g');
}
