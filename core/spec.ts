// The compiled form of the active packs: what the background builds once (core/compile.ts) and
// ships to content scripts, which only turn its arrays into typed arrays (core/matcher.ts).
// Plain JSON: structured-cloneable and JSON.stringify-able, typed data as arrays of numbers.

import type { FactRef, NumberSort } from './types';

/** Bumped whenever the layout below changes meaning; createMatcher refuses other versions. */
export const SPEC_VERSION = 1;

/** Symbols 0..3 are number expressions of these sorts; word w is symbol WORD_SYMBOL_BASE + w. */
export const SORT_SYMBOLS: readonly NumberSort[] = ['count', 'money', 'percent', 'year'];
export const WORD_SYMBOL_BASE = SORT_SYMBOLS.length;

/** Qualifiers by index, as literal numbers store them. */
export { QUALIFIERS } from './pack';

/** Numbers stored per literal in MatcherSpec.outputs.literals. */
export const LITERAL_STRIDE = 4;

export interface MatcherSpec {
  specVersion: number;
  facts: FactRef[];
  /** One entry per pattern that compiled: index into facts, into langs, and into fact.matchers. */
  patterns: { fact: number[]; lang: number[]; matcher: number[] };
  /** BCP 47 primary tags of the patterns' languages (all languages share one automaton). */
  langs: string[];
  /**
   * Folded words the tokenizer looks up. The first `symbolWords` are pattern words (word w is
   * automaton symbol WORD_SYMBOL_BASE + w); the rest are words only the number reader needs.
   */
  words: string[];
  symbolWords: number;
  /**
   * Aho-Corasick automaton over symbols. Nodes are numbered breadth-first from the root (0), so
   * the children of node n are the nodes childStart[n] .. childStart[n + 1] - 1, in increasing
   * order of `symbol` (the symbol on the edge into each node; -1 for the root), and every
   * failure link points to a smaller node number.
   */
  automaton: { childStart: number[]; symbol: number[]; fail: number[] };
  /**
   * What each node reports, sorted by node: the pattern, the position of its first number slot in
   * the match (-1 if none), and its literal numbers, which must hold when the match is reported:
   * literals[LITERAL_STRIDE * k ...] = position in the match, value, index in `currencies` (-1 for
   * none), index in QUALIFIERS; entry i owns literals literalStart[i] .. literalStart[i + 1] - 1.
   */
  outputs: {
    node: number[];
    pattern: number[];
    slot: number[];
    literalStart: number[];
    literals: number[];
  };
  currencies: string[];
}
