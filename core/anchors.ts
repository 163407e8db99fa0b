// Choosing the pre-filter's anchor words (core/prefilter.ts), where packs are compiled.

import { STOP_WORDS } from './pattern';
import { ANCHOR_WORD, MAX_ANCHORS } from './prefilter';

/**
 * Anchor words, few and rare, such that every expansion (given as the folded texts of its word
 * symbols) contains one of them or a word that is not ASCII; null when no such set of at most
 * MAX_ANCHORS exists. Greedy set cover: first the word with the best product of uncovered expansions
 * it is in and its likely rarity; common words ("the", "de") only when an expansion has nothing
 * else.
 */
export function chooseAnchors(expansions: Iterable<readonly string[]>): string[] | null {
  /** Per candidate word, the uncovered expansions it is in. */
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
