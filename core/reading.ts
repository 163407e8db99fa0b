// How a token sequence is read into symbols, shared by the pattern compiler and the matcher so
// patterns and pages are read identically: where the number reader is asked, and what it sees.

import { NUMBER_START_WORDS, NUMBER_WORDS } from './numbers';

/** The most tokens the number reader sees in one call (it refuses expressions over 12). */
export const NUMBER_WINDOW = 16;

type ReadKind = 'word' | 'digits' | 'symbol';

/** Whether a number expression may start at this token (the reader returns null elsewhere). */
export function canStartNumber(kind: ReadKind, folded: string): boolean {
  return kind !== 'word' || NUMBER_START_WORDS.has(folded);
}

/**
 * Whether a token may be part of a number expression. The reader's window ends before the first
 * token that may not, so words outside the reader's vocabulary never need to become strings.
 */
export function canContinueNumber(kind: ReadKind, folded: string): boolean {
  return kind !== 'word' || NUMBER_WORDS.has(folded);
}
