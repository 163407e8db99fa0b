// The peers' view of a pack: every expansion of every pattern (core/pattern.ts compilePattern, the
// same expansions the ClaimLens compiler puts in its automaton) written as a literal phrase, and all
// phrases joined into ONE regular expression of alternatives, which mark.js `markRegExp` and
// findAndReplaceDOMText then run over the page.
//
// A phrase is its folded words (lower case, accents removed, as the compiler stores them) joined by
// \W+ (any run of spaces or punctuation, as ClaimLens's tokenizer separates words), a number slot is
// a run of digits with separators (\d[\d,.]*), a literal number is its value in digits. The phrases
// are sorted longest first, so where two start at the same place the alternation prefers the longer
// (as ClaimLens's leftmost-longest rule does), and the whole is wrapped in \b(?: ... )\b with flags
// "gi". What the peers do NOT get, so they do less work than ClaimLens: number words, currencies and
// qualifiers ("nearly 300", "$4.76 million"), figure comparison, and accent-insensitive matching of
// the page (an accented word in a page is not found by the folded phrase).

import type { Pack } from '../core/pack';
import { compilePattern, type PatternSymbol } from '../core/pattern';

export interface PeerRegex {
  /** RegExp source, for `new RegExp(source, flags)` in the page. */
  source: string;
  flags: string;
  /** Distinct phrases (alternatives) in it. */
  phrases: number;
}

const NUMBER_SLOT = String.raw`\d[\d,.]*`;
const WORD_GAP = String.raw`\W+`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function symbolSource(symbol: PatternSymbol): string {
  switch (symbol.kind) {
    case 'word':
      return escapeRegExp(symbol.text);
    case 'slot':
      return NUMBER_SLOT;
    case 'literal':
      return escapeRegExp(String(symbol.value));
  }
}

/** One phrase per distinct expansion of the packs' patterns (patterns that do not compile are left
 * out, as the ClaimLens compiler leaves them out). */
export function peerPhrases(packs: readonly Pack[]): string[] {
  const phrases = new Set<string>();
  for (const pack of packs) {
    for (const fact of pack.facts) {
      for (const matcher of fact.matchers) {
        const { expansions } = compilePattern(matcher.pattern);
        for (const expansion of expansions) {
          phrases.add(expansion.map(symbolSource).join(WORD_GAP));
        }
      }
    }
  }
  return [...phrases].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

export function peerRegex(packs: readonly Pack[]): PeerRegex {
  const phrases = peerPhrases(packs);
  return {
    source: String.raw`\b(?:` + phrases.join('|') + String.raw`)\b`,
    flags: 'gi',
    phrases: phrases.length,
  };
}
