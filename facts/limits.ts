// Limits that keep a hostile or broken pack harmless: bounded parse time, bounded memory, nothing
// deep enough to overflow a recursive walker, and card text short enough to read. Every limit is
// documented in docs/PACK-FORMAT.md; change both together.

/** Size of the pack's JSON text in UTF-8 bytes (for an already-parsed value, see precheck.ts). */
export const MAX_PACK_BYTES = 8 * 1024 * 1024;

/** Nesting depth of arrays and objects; a valid pack needs 5 (pack → facts → fact → figures → figure). */
export const MAX_NESTING_DEPTH = 16;

/** Most errors reported for one pack; the rest are counted in a final "and N more errors". */
export const MAX_REPORTED_ERRORS = 100;

/** How many items each array may hold. */
export const MAX_ITEMS = {
  languages: 20,
  sources: 1_000,
  facts: 20_000,
  citations: 20,
  figures: 20,
  matchers: 32,
} as const;

/** Longest text each field may hold, in UTF-16 code units (what JavaScript's `length` counts). */
export const MAX_LENGTH = {
  id: 64,
  version: 64,
  title: 300,
  publisher: 300,
  description: 4_000,
  /** Source dates and figure dates, as the source words them ("last updated 5 December 2025"). */
  date: 100,
  url: 2_048,
  note: 1_000,
  claim: 500,
  context: 1_000,
  detail: 4_000,
  quote: 2_000,
  unit: 32,
  pattern: 500,
} as const;
