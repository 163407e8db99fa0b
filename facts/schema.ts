// The zod schema for a fact pack's SHAPE: types, formats, lengths and counts. Rules that compare
// fields with each other (unique ids, citations naming existing sources) are in crosscheck.ts, and
// pattern syntax is checked by the matcher compiler (check.ts). core/pack.ts is the source of truth:
// the assertion at the bottom fails to compile if this schema's output ever differs from `Pack`.

import { z } from 'zod';
import { valid as validSemver } from 'semver';
import type {
  Citation,
  Fact,
  FactKind,
  Figure,
  Matcher,
  Pack,
  Qualifier,
  Source,
} from '../core/pack';
import { FACT_KINDS, PACK_SCHEMA_VERSION, QUALIFIERS } from '../core/pack';
import { MAX_ITEMS, MAX_LENGTH } from './limits';
import { preview } from './preview';

const SLUG = /^[a-z0-9][a-z0-9._-]*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NOT_BLANK = /\S/;

/** True for "2025-03-16"; false for "2025-02-30" or "2025-3-16". */
export function isIsoDate(text: string): boolean {
  const parts = ISO_DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Why `text` is not an acceptable source address, or null when it is. */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `must be a full https: or http: address, got ${preview(text)}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `only https: and http: addresses are allowed, got a ${url.protocol} address`;
  }
  // "https://trusted.example@evil.example/" reads as trusted.example but opens evil.example.
  if (url.username !== '' || url.password !== '') {
    return 'must not contain a user name or password';
  }
  return null;
}

/** Non-blank text of at most `max` characters. */
function text(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => NOT_BLANK.test(value), { error: 'must not be empty' });
}

const id = z
  .string()
  .max(MAX_LENGTH.id)
  .refine((value) => SLUG.test(value), {
    error: (issue) =>
      `must be a lowercase id: a letter or digit, then letters, digits, ".", "_" or "-", got ${preview(issue.input)}`,
  });

const languageTag = z.string().refine((value) => LANGUAGE_TAG.test(value), {
  error: (issue) =>
    `must be a BCP 47 primary language tag of 2 or 3 lowercase letters such as "en", got ${preview(issue.input)}`,
});

const url = z
  .string()
  .max(MAX_LENGTH.url)
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

export const sourceSchema = z.strictObject({
  id,
  title: text(MAX_LENGTH.title),
  publisher: text(MAX_LENGTH.publisher),
  date: text(MAX_LENGTH.date),
  url: url.optional(),
  note: text(MAX_LENGTH.note).optional(),
});

export const citationSchema = z.strictObject({
  source: id,
  quote: text(MAX_LENGTH.quote),
});

export const figureSchema = z.strictObject({
  value: z.number(),
  unit: text(MAX_LENGTH.unit),
  qualifier: z.enum(QUALIFIERS),
  date: text(MAX_LENGTH.date).optional(),
  source: id,
  quote: text(MAX_LENGTH.quote),
  note: text(MAX_LENGTH.note).optional(),
});

export const matcherSchema = z.strictObject({
  lang: languageTag,
  pattern: text(MAX_LENGTH.pattern),
});

export const factSchema = z.strictObject({
  id,
  kind: z.enum(FACT_KINDS),
  claim: text(MAX_LENGTH.claim),
  context: text(MAX_LENGTH.context),
  detail: text(MAX_LENGTH.detail).optional(),
  citations: z.array(citationSchema).min(1).max(MAX_ITEMS.citations),
  figures: z.array(figureSchema).max(MAX_ITEMS.figures).optional(),
  matchers: z.array(matcherSchema).min(1).max(MAX_ITEMS.matchers),
});

export const packSchema = z.strictObject({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  id,
  version: z
    .string()
    .max(MAX_LENGTH.version)
    // semver's valid() also accepts " v1.0.0" (and drops "+build"): take only the plain form.
    .refine(
      (value) => /^[0-9]/.test(value) && value === value.trim() && validSemver(value) !== null,
      {
        error: (issue) => `must be a semantic version such as "1.0.0", got ${preview(issue.input)}`,
      },
    ),
  title: text(MAX_LENGTH.title),
  publisher: text(MAX_LENGTH.publisher),
  languages: z.array(languageTag).min(1).max(MAX_ITEMS.languages),
  published: z.string().refine(isIsoDate, {
    error: (issue) => `must be a real date written YYYY-MM-DD, got ${preview(issue.input)}`,
  }),
  description: text(MAX_LENGTH.description).optional(),
  sources: z.array(sourceSchema).min(1).max(MAX_ITEMS.sources),
  facts: z.array(factSchema).min(1).max(MAX_ITEMS.facts),
});

// Compile-time proof that the schema and core/pack.ts describe the same data: each type must be
// assignable to the other. If this stops compiling, the two have drifted; fix whichever is wrong.
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type SchemaMatchesModel = [
  AssertTrue<MutuallyAssignable<z.output<typeof packSchema>, Pack>>,
  AssertTrue<MutuallyAssignable<z.output<typeof sourceSchema>, Source>>,
  AssertTrue<MutuallyAssignable<z.output<typeof citationSchema>, Citation>>,
  AssertTrue<MutuallyAssignable<z.output<typeof figureSchema>, Figure>>,
  AssertTrue<MutuallyAssignable<z.output<typeof matcherSchema>, Matcher>>,
  AssertTrue<MutuallyAssignable<z.output<typeof factSchema>, Fact>>,
  AssertTrue<MutuallyAssignable<(typeof QUALIFIERS)[number], Qualifier>>,
  AssertTrue<MutuallyAssignable<(typeof FACT_KINDS)[number], FactKind>>,
];
