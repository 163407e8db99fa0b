// The fact-pack model as plain types. facts/schema.ts validates untrusted JSON into exactly this
// shape (its zod schema is checked against these types), so core/ never needs zod.

export const PACK_SCHEMA_VERSION = 1;

/** How a figure's number relates to the true value, as the source words it. The order is part of
 * the compiled matcher format (literal numbers store a qualifier's index): only append. */
export const QUALIFIERS = [
  'exact', // "238 individuals"
  'about', // "about", "around", "approximately", "some"
  'nearly', // "nearly", "almost": a little below
  'at-least', // "at least"
  'more-than', // "more than", "over"
  'at-most', // "at most", "up to"
  'fewer-than', // "fewer than", "less than", "under"
  'hundreds', // "hundreds of"
  'thousands', // "thousands of"
  'dozens', // "dozens of"
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** What kind of claim a fact is about; the page highlights each kind with its own style. */
export const FACT_KINDS = [
  'count',
  'money',
  'label',
  'law',
  'court',
  'place',
  'person',
  'event',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Source {
  id: string;
  title: string;
  publisher: string;
  /** As the source states it: ISO "2025-12-05" where exact, else words such as "after 18 July 2025". */
  date: string;
  /** https (or http) address, only where known. */
  url?: string;
  note?: string;
}

export interface Citation {
  source: string; // Source.id
  quote: string; // verbatim from the source
}

export interface Figure {
  value: number;
  /** "people", "USD", "percent", "deaths", ... Currency codes and "percent" are compared as such. */
  unit: string;
  qualifier: Qualifier;
  /** The date the figure refers to, as the source gives it. */
  date?: string;
  source: string; // Source.id
  quote: string; // verbatim, and contains the figure
  note?: string;
}

export interface Matcher {
  lang: string; // BCP 47 primary tag: "en", "es"
  pattern: string; // see core/pattern.ts for the language
}

export interface Fact {
  id: string;
  kind: FactKind;
  claim: string;
  context: string;
  detail?: string;
  citations: Citation[];
  figures?: Figure[];
  matchers: Matcher[];
}

export interface Pack {
  schemaVersion: typeof PACK_SCHEMA_VERSION;
  id: string;
  version: string; // semantic version
  title: string;
  publisher: string;
  languages: string[];
  published: string; // ISO date
  description?: string;
  sources: Source[];
  facts: Fact[];
}
