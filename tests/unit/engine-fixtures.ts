// Small pack builders for the engine's tests (compile.test.ts, matcher.test.ts).

import { compilePacks } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import { PACK_SCHEMA_VERSION, type Fact, type Figure, type Pack } from '../../core/pack';

export function fact(
  id: string,
  patterns: readonly (string | { lang: string; pattern: string })[],
  figures: readonly Omit<Figure, 'source' | 'quote'>[] = [],
): Fact {
  const built: Fact = {
    id,
    kind: figures.length > 0 ? 'count' : 'label',
    claim: `Claim ${id}`,
    context: `Context for ${id}.`,
    citations: [{ source: 'src', quote: `Quote for ${id}.` }],
    matchers: patterns.map((p) => (typeof p === 'string' ? { lang: 'en', pattern: p } : p)),
  };
  if (figures.length > 0) {
    built.figures = figures.map((f) => ({ ...f, source: 'src', quote: `${f.value}` }));
  }
  return built;
}

export function pack(facts: readonly Fact[], id = 'test', version = '1.0.0'): Pack {
  return {
    schemaVersion: PACK_SCHEMA_VERSION,
    id,
    version,
    title: `Pack ${id}`,
    publisher: 'Tests',
    languages: ['en', 'es'],
    published: '2025-01-01',
    sources: [{ id: 'src', title: 'Source', publisher: 'Tests', date: '2025-01-01' }],
    facts: [...facts],
  };
}

export interface Found {
  text: string;
  fact: string;
  comparison: string;
  agreesWith: number[];
  number?: number;
}

/** Compiles the facts (which must compile cleanly) and scans the text, describing each match. */
export function scanWith(facts: readonly Fact[], text: string): Found[] {
  const { spec, errors } = compilePacks([pack(facts)]);
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return createMatcher(spec)
    .scan(text)
    .map((match) => {
      const found: Found = {
        text: text.slice(match.start, match.end),
        fact: spec.facts[match.fact]!.id,
        comparison: match.comparison.comparison,
        agreesWith: match.comparison.agreesWith,
      };
      if (match.number !== undefined) found.number = match.number.value;
      return found;
    });
}

/** Just the matched texts and facts. */
export function spans(facts: readonly Fact[], text: string): [string, string][] {
  return scanWith(facts, text).map((found) => [found.text, found.fact]);
}
