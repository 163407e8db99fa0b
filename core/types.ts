// Contracts shared by the engine's modules. Offsets are UTF-16 indices into the ORIGINAL text
// (before normalisation), so callers can map them straight back to page ranges.

import type { FactKind, Figure, Qualifier } from './pack';

/** One token as the number reader sees it (see core/numbers.ts). */
export interface NumberToken {
  /** 'digits': a run like "238", "1,000", "4.76", "84 000"; 'word': letters; 'symbol': "$", "€", "£", "%". */
  kind: 'digits' | 'word' | 'symbol';
  /** Folded text (lower case, no accents). For 'word' tokens the reader only needs words it knows. */
  text: string;
  start: number;
  end: number;
}

/** What sort of quantity a number expression is; a pattern's number slot names the sort it accepts. */
export type NumberSort = 'count' | 'money' | 'percent' | 'year';

export interface ParsedNumber {
  value: number;
  qualifier: Qualifier;
  sort: NumberSort;
  /** ISO 4217 code for money, e.g. "USD"; "$" alone is read as USD. */
  currency?: string;
  /** Offsets in the original text of the whole expression, qualifier included. */
  start: number;
  end: number;
  /** How many tokens the expression consumed, from the token it started at. */
  tokenCount: number;
}

export type Comparison = 'agrees' | 'differs' | 'not-compared';

export interface ComparisonResult {
  comparison: Comparison;
  /** Indices into the fact's figures that the page's number is consistent with. */
  agreesWith: number[];
}

/** The per-fact data a matcher needs at run time (small: no quotes, no long text). */
export interface FactRef {
  pack: string;
  packVersion: string;
  id: string;
  kind: FactKind;
  figures: Pick<Figure, 'value' | 'unit' | 'qualifier'>[];
}

/** A match as the matcher finds it, before it is described for a user. */
export interface RawMatch {
  start: number;
  end: number;
  /** Index into MatcherSpec.facts. */
  fact: number;
  /** The number a slot matched, if the pattern had one. */
  number?: ParsedNumber;
  comparison: ComparisonResult;
}
