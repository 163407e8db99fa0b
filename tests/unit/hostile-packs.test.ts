// Hostile packs: random and adversarial input to the schema and loader, the pattern compiler, the
// matcher and the number reader. Each input is either refused with a clear message or handled
// safely: nothing throws, nothing hangs (matching work is bounded per symbol, counted by the
// matcher's `stats`, never timed), and what is accepted is safe to use.
//
// Already covered elsewhere, and not repeated here:
// - size over 8 MB as text and as a parsed value, 1,000,000-item arrays, 5 MB strings, 100,000-deep
//   arrays as text and inside a field, self-referencing values, "__proto__"/"constructor" keys,
//   markup accepted as text in claim and context (tests/unit/load.test.ts);
// - one-over-the-limit counts and lengths for every field, javascript:/data:/file:/ftp:/relative
//   addresses and user names in addresses (tests/unit/schema.test.ts);
// - duplicate source and fact ids reported at their paths (load.test.ts, "cross-field rules");
// - pattern limits: 8-deep brackets, 24 tokens, 256 expansions counted without expanding, slots,
//   and compilePattern on random strings (tests/unit/pattern.test.ts);
// - the compiler's size and work budgets (tests/unit/compile.test.ts);
// - linear work for a 3-way overlapping group ×4 on 100,000 words, and facts sharing patterns, and
//   the matcher against a brute-force reference (tests/unit/matcher.test.ts);
// - readNumber on random token arrays (tests/unit/numbers.test.ts);
// - the card never makes an href or cite from a javascript:, data: or relative address
//   (tests/dom/ui-claim-card.test.tsx, "ClaimCard safety");
// - the card, popup and options page rendered from a pack with markup in every text field:
//   tests/unit/hostile-pack-render.test.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../core/compile';
import type { MatcherSpec } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { ScanStats } from '../../core/matcher';
import { parseNumber } from '../../core/numbers';
import type { Fact } from '../../core/pack';
import {
  MAX_EXPANSIONS,
  MAX_NESTING,
  MAX_TOKENS_PER_EXPANSION,
  compilePattern,
} from '../../core/pattern';
import { MAX_REPORTED_ERRORS } from '../../facts/limits';
import { formatPackError, loadPack } from '../../facts/load';
import { safeLinkUrl } from '../../components/format';
import { fact, pack } from './engine-fixtures';
import { edit, validPack } from './pack-test-helpers';

/** What a refused pack's errors must look like: a path and a message, both non-empty text. */
function expectWellFormedRefusal(result: ReturnType<typeof loadPack>): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS + 1);
  for (const error of result.errors) {
    expect(typeof error.path).toBe('string');
    expect(error.path.length).toBeGreaterThan(0);
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
}

/** Every path inside a JSON value, as key lists (objects and arrays), root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => {
    const path = [...prefix, key];
    return [path, ...pathsOf(item, path)];
  });
}

describe('the loader on random input', () => {
  it('never throws on any value, and refuses with paths and messages', () => {
    fc.assert(
      fc.property(fc.anything({ withSparseArray: true, withNullPrototype: true }), (value) => {
        const result = loadPack(value);
        expect(result.ok).toBe(false);
        expectWellFormedRefusal(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on any JSON text, or any text at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = loadPack(text);
          expectWellFormedRefusal(result);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('on a valid pack with one value replaced by anything: never throws; what it accepts compiles', () => {
    const paths = pathsOf(validPack());
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.constantFrom(
            '',
            ' ',
            '<script>alert(1)</script>',
            'javascript:alert(1)',
            'data:text/html,<b>x</b>',
            -1,
            1e308,
            Number.NaN,
            null,
            [],
            {},
            '(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d) x',
          ),
        ),
        (path, value) => {
          const result = loadPack(edit(validPack(), path, value));
          expectWellFormedRefusal(result);
          // Accepted means safe to use: the pack compiles without a single error.
          if (result.ok) expect(compilePacks([result.pack]).errors).toEqual([]);
        },
      ),
      { numRuns: 600 },
    );
  });
});

// Pattern text made of the language's syntax, words (some of them stop-words or number words),
// slots, literal numbers, and arbitrary characters.
const patternPiece = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('(', ')', '[', ']', '|', ' ', '{', '}', '\n', '*', '\\'),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'aragua',
      'tren',
      'de',
      'the',
      'million',
      'more than',
      '238',
      '$',
      '{count}',
      '{number}',
      '{money}',
      '{people}',
      '<script>',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);
const randomPattern = fc.array(patternPiece, { maxLength: 24 }).map((parts) => parts.join(''));

describe('the compiler on random patterns', () => {
  it('never throws, names every problem by path, and gives a spec that scans any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(randomPattern, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(patternPiece, fc.constantFrom(' ', '. ', '\n\n')), { maxLength: 40 }),
        (patternsPerFact, textParts) => {
          const facts = patternsPerFact.map((patterns, i) => fact(`f${i}`, patterns));
          const { spec, errors } = compilePacks([pack(facts)]);
          for (const error of errors) {
            expect(error.path).toMatch(/^facts\[\d+\](\.matchers\[\d+\]\.pattern)?$/);
            expect(error.message.length).toBeGreaterThan(0);
          }
          // A fact is in the spec exactly when one of its patterns compiled.
          const failing = new Set(
            errors.filter((e) => /^facts\[\d+\]$/.test(e.path)).map((e) => e.factId),
          );
          expect(spec.facts.map((f) => f.id)).toEqual(
            facts.map((f) => f.id).filter((id) => !failing.has(id)),
          );
          const text = textParts.join('');
          for (const match of createMatcher(spec).scan(text)) {
            expect(match.start).toBeGreaterThanOrEqual(0);
            expect(match.end).toBeLessThanOrEqual(text.length);
            expect(match.end).toBeGreaterThan(match.start);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the loader accepts a random pattern exactly when the compiler does, never throwing', () => {
    fc.assert(
      fc.property(randomPattern, (pattern) => {
        const result = loadPack(edit(validPack(), ['facts', 1, 'matchers', 0, 'pattern'], pattern));
        expectWellFormedRefusal(result);
        const compiled = compilePattern(pattern);
        // Blank and over-long patterns are the schema's to refuse, before the compiler.
        const fits = pattern.trim() !== '' && pattern.length <= 500;
        expect(result.ok).toBe(fits && compiled.errors.length === 0);
        if (!fits) expect(result.ok || result.errors[0]!.path).toBe('facts[1].matchers[0].pattern');
        if (!result.ok && fits && compiled.errors.length > 0) {
          expect(result.errors.map(formatPackError)).toContain(
            `facts[1].matchers[0].pattern: ${compiled.errors[0]!.message}`,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});

/** Bounds that make matching linear: per symbol, at most two automaton steps (amortised, failure
 * links included), one output-link visit per token an expansion may have, and one number read per
 * token. */
function expectLinearWork(stats: Readonly<ScanStats>): void {
  expect(stats.transitions).toBeLessThanOrEqual(2 * stats.symbols);
  expect(stats.outputChecks).toBeLessThanOrEqual(MAX_TOKENS_PER_EXPANSION * stats.symbols);
  expect(stats.numberReads).toBeLessThanOrEqual(stats.tokens);
}

/** Stats of scanning `unit` repeated n and 2n times: twice the text must be at most twice the work. */
function workAt(spec: MatcherSpec, unit: string, n: number) {
  const matcher = createMatcher(spec);
  const run = (times: number) => {
    matcher.scan(unit.repeat(times));
    return { ...matcher.stats };
  };
  return { single: run(n), double: run(2 * n) };
}

function expectScalesLinearly(spec: MatcherSpec, unit: string, n = 2000): void {
  const { single, double } = workAt(spec, unit, n);
  expectLinearWork(single);
  expectLinearWork(double);
  expect(double.symbols).toBe(2 * single.symbols);
  // The end of the text may add up to one expansion's worth of work.
  const slack = 2 * MAX_TOKENS_PER_EXPANSION;
  expect(double.transitions).toBeLessThanOrEqual(2 * single.transitions + slack);
  expect(double.outputChecks).toBeLessThanOrEqual(2 * single.outputChecks + slack);
}

const alternation = (words: readonly string[]) => `(${words.join('|')})`;
const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('patterns built to explode a naive regex engine', () => {
  it('"(x|x)(x|x)…": duplicates merge, so 8 groups compile to one expansion and match linearly', () => {
    const pattern = `${'(aragua|aragua)'.repeat(8)} caracas`;
    const compiled = compilePattern(pattern);
    expect(compiled.errors).toEqual([]);
    expect(compiled.expansions).toHaveLength(1);
    const { spec } = compilePacks([pack([fact('dup', [pattern])])]);
    expectScalesLinearly(spec, 'aragua ');
    expectScalesLinearly(spec, 'aragua aragua aragua caracas ');
  });

  it('"(x|x)(x|x)…" with 9 or more groups is refused from the count, before expanding anything', () => {
    // Up to 23 groups, so that the expansions stay within 24 tokens and only the count is wrong.
    for (const groups of [9, 12, 20, 23]) {
      const compiled = compilePattern(`${'(aragua|aragua)'.repeat(groups)} caracas`);
      expect(compiled.errors.map((e) => e.message)).toEqual([
        `too many expansions: ${2 ** groups} (at most ${MAX_EXPANSIONS}; each {number} counts as 4, one per sort)`,
      ]);
      expect(compiled.work).toBe(0);
    }
  });

  it('"(x|xx)*": there is no repetition operator, "*" is punctuation, and overlap stays linear', () => {
    // The language has alternatives and optional words only: every pattern is a finite set of
    // word sequences, so the nearest thing to (a|aa)* is a chain of overlapping groups.
    expect(compilePattern('(aragua|aragua aragua)* caracas').expansions).toHaveLength(2);
    const chain = `${'(aragua|aragua aragua)'.repeat(6)} caracas`;
    const nestedOptional = `${'[aragua '.repeat(MAX_NESTING)}aragua${']'.repeat(MAX_NESTING)} caracas`;
    const facts = [fact('chain', [chain]), fact('nested', [nestedOptional])];
    const { spec, errors } = compilePacks([pack(facts)]);
    expect(errors).toEqual([]);
    expectScalesLinearly(spec, 'aragua ');
    expectScalesLinearly(spec, 'aragua aragua aragua aragua aragua aragua aragua caracas ');
  });

  it('100,000 nested brackets are refused at the ninth, without recursion', () => {
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      const compiled = compilePattern(`${open.repeat(100_000)}aragua${close.repeat(100_000)} x`);
      expect(compiled.errors.map((e) => e.message)).toEqual([
        `brackets nested more than ${MAX_NESTING} deep at ${MAX_NESTING}`,
      ]);
    }
  });

  it('a 256-way alternation compiles, nested 8 deep too, and matches linearly', () => {
    const wide = alternation(numbered('w', 256));
    const nested = `${'('.repeat(MAX_NESTING - 1)}${wide}${')'.repeat(MAX_NESTING - 1)} caracas`;
    expect(compilePattern(nested).expansions).toHaveLength(256);
    const { spec, errors } = compilePacks([pack([fact('wide', [nested])])]);
    expect(errors).toEqual([]);
    expectScalesLinearly(spec, 'w1 w2 w255 caracas w7 ');
  });

  it('256-way alternations in sequence or nested inside each other are refused with the count', () => {
    const inSequence = numbered('g', 8)
      .map((group) => alternation(numbered(`${group}w`, 256)))
      .join(' ');
    expect(compilePattern(inSequence).errors.map((e) => e.message)).toEqual([
      `too many expansions: over a billion (at most ${MAX_EXPANSIONS}; each {number} counts as 4, one per sort)`,
    ]);
    // Each level: 255 words or the level inside, 8 levels deep.
    let nested = 'core';
    for (let level = 0; level < MAX_NESTING; level++) {
      nested = alternation([...numbered(`l${level}w`, 255), nested]);
    }
    const compiled = compilePattern(nested);
    expect(compiled.errors.map((e) => e.message)).toEqual([
      `too many expansions: ${8 * 255 + 1} (at most ${MAX_EXPANSIONS}; each {number} counts as 4, one per sort)`,
    ]);
    expect(compiled.work).toBe(0);
    // In a pack, such a pattern is refused by its length first (at most 500 characters).
    const loaded = loadPack(edit(validPack(), ['facts', 1, 'matchers', 0, 'pattern'], inSequence));
    expect(!loaded.ok && loaded.errors.map(formatPackError)).toEqual([
      `facts[1].matchers[0].pattern: too long: ${inSequence.length} characters, at most 500 allowed`,
    ]);
  });

  it('thousands of optional words are refused from the counts, before expanding anything', () => {
    const optional = `${numbered('w', 3000)
      .map((word) => `[${word}]`)
      .join(' ')} aragua`;
    const compiled = compilePattern(optional);
    expect(compiled.errors.map((e) => e.message)).toEqual([
      `too many tokens: an expansion has 3001 (at most ${MAX_TOKENS_PER_EXPANSION})`,
      `too many expansions: over a billion (at most ${MAX_EXPANSIONS}; each {number} counts as 4, one per sort)`,
    ]);
    expect(compiled.work).toBe(0);
  });

  it('a pack of patterns at every limit at once still matches in linear work', () => {
    // 256 expansions of 24 tokens each, 32 matchers per fact, facts sharing long prefixes: the
    // largest automaton per pattern the compiler allows, fed text of near misses.
    const prefix = '(aragua|tren) (aragua|tren) (aragua|tren) (aragua|tren)';
    const tail = (f: number, m: number) =>
      `${'aragua '.repeat(MAX_TOKENS_PER_EXPANSION - 9)}(x${f}|y${m}) (z${m}|aragua) (caracas|tren) (de|aragua) {count}`;
    const facts: Fact[] = Array.from({ length: 8 }, (_, f) =>
      fact(
        `limit-${f}`,
        Array.from({ length: 32 }, (_, m) => `${prefix} ${tail(f, m)}`),
      ),
    );
    const { spec, errors } = compilePacks([pack(facts)]);
    expect(errors).toEqual([]);
    expectScalesLinearly(spec, 'aragua tren ', 3000);
    expectScalesLinearly(spec, `${'aragua '.repeat(20)}x3 z4 caracas de 238 `, 300);
    expectScalesLinearly(spec, 'aragua 1 2 3 4 tren de ', 1000);
  });

  it('any overlapping patterns over a tiny vocabulary match any text in linear work', () => {
    // Few words, heavy overlap: the shape that makes backtracking engines explode and maximises
    // failure-link chains in an automaton.
    const word = fc.constantFrom('aragua', 'tren', 'de', '{count}');
    const group: fc.Arbitrary<string> = fc.oneof(
      word,
      fc.array(word, { minLength: 2, maxLength: 3 }).map(alternation),
      fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => `[${words.join(' ')}]`),
    );
    const hostilePattern = fc
      .array(group, { minLength: 1, maxLength: 10 })
      .map((groups) => `caracas ${groups.join(' ')}`);
    const textUnit = fc
      .array(fc.constantFrom('aragua', 'tren', 'de', 'caracas', '238', 'more than 250'), {
        minLength: 1,
        maxLength: 12,
      })
      .map((words) => `${words.join(' ')} `);
    fc.assert(
      fc.property(
        fc.array(hostilePattern, { minLength: 1, maxLength: 12 }),
        textUnit,
        (patterns, unit) => {
          const { spec } = compilePacks([pack(patterns.map((p, i) => fact(`p${i}`, [p])))]);
          expectScalesLinearly(spec, unit, 200);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the number reader on hostile text', () => {
  it('never throws, and reads only finite, non-negative values inside the text', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.stringMatching(/^[0-9][0-9,. ]{0,30}$/),
      fc.constantFrom(
        '9'.repeat(400),
        'million ',
        'trillion ',
        '$',
        '€',
        '%',
        'more than ',
        'casi ',
      ),
      fc.constantFrom('e308', '-', '+', '.', ',', '\u00a0', '\u202f', 'mil ', 'millones de '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const parsed = parseNumber(text);
        if (parsed === null) return;
        expect(Number.isFinite(parsed.value)).toBe(true);
        expect(parsed.value).toBeGreaterThanOrEqual(0);
        expect(parsed.start).toBeGreaterThanOrEqual(0);
        expect(parsed.end).toBeGreaterThan(parsed.start);
        expect(parsed.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses numbers too big to be finite instead of reading Infinity', () => {
    expect(parseNumber('9'.repeat(400))).toBeNull();
    expect(parseNumber(`$${'9'.repeat(30)} trillion trillion`)).toBeNull();
    expect(parseNumber(`${'1,'.repeat(50_000)}1`)).toBeNull();
  });

  it('through the matcher: a page of huge and malformed numbers gives finite figures and linear work', () => {
    const { spec, errors } = compilePacks([
      pack([
        fact(
          'sent',
          ['{count} venezuelans deported'],
          [{ value: 238, unit: 'people', qualifier: 'exact' }],
        ),
        fact('paid', ['paid {money} to el salvador']),
      ]),
    ]);
    expect(errors).toEqual([]);
    const unit =
      `${'9'.repeat(400)} venezuelans deported; ${'1,'.repeat(200)}1 venezuelans deported; ` +
      `paid $${'9'.repeat(320)} trillion to El Salvador; paid $1e308 to El Salvador; ` +
      `238 venezuelans deported. `;
    const matcher = createMatcher(spec);
    const text = unit.repeat(200);
    const matches = matcher.scan(text);
    expectLinearWork(matcher.stats);
    for (const match of matches) expect(Number.isFinite(match.number?.value ?? 0)).toBe(true);
    // The well-formed claim in each repetition is still found and compared.
    const agreeing = matches.filter((match) => match.comparison.comparison === 'agrees');
    expect(agreeing).toHaveLength(200);
    expectScalesLinearly(spec, unit, 100);
  });
});

describe('hostile ids and links', () => {
  it('a pack full of duplicate ids is refused with the first 100 problems and a count of the rest', () => {
    const base = validPack();
    const facts = base.facts as Record<string, unknown>[];
    const sources = base.sources as Record<string, unknown>[];
    edit(
      base,
      ['facts'],
      Array.from({ length: 2000 }, () => structuredClone(facts[1]!)),
    );
    edit(
      base,
      ['sources'],
      Array.from({ length: 300 }, () => structuredClone(sources[1]!)),
    );
    const result = loadPack(base);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.map(formatPackError);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]).toMatch(/^sources\[1\]\.id: .*amnesty-uk-stop/);
    expect(errors.at(-1)).toBe(`(pack): and ${299 + 1999 - MAX_REPORTED_ERRORS} more errors`);
  });

  it('an address is accepted only when it parses as http or https, without credentials', () => {
    const scheme = fc.constantFrom(
      'https:',
      'http:',
      'HTTPS:',
      'javascript:',
      'JaVaScRiPt:',
      ' javascript:',
      '\tjavascript:',
      'java\nscript:',
      'java\u0000script:',
      'javascript&colon;',
      'data:',
      'DATA:',
      'vbscript:',
      'file:',
      'blob:https:',
      'filesystem:',
      'chrome-extension:',
      'about:',
      '',
      '//',
      '\\\\',
    );
    const rest = fc.oneof(
      fc.constantFrom(
        '//news.example/a',
        '//news.example@evil.example/',
        '//user:pass@news.example/',
        'alert(1)',
        '//%6A%61vascript:alert(1)',
        'text/html,<script>alert(1)</script>',
        '//news.example/<script>',
        '///x',
      ),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(scheme, rest, (start, end) => {
        const url = start + end;
        const result = loadPack(edit(validPack(), ['sources', 1, 'url'], url));
        expectWellFormedRefusal(result);
        if (!result.ok) {
          expect(result.errors.map((e) => e.path)).toContain('sources[1].url');
          return;
        }
        const parsed = new URL(url);
        expect(['http:', 'https:']).toContain(parsed.protocol);
        expect(parsed.username + parsed.password).toBe('');
        // ...and the card's link rule (tests/dom/ui-claim-card.test.tsx) agrees it is a link.
        expect(safeLinkUrl(url)).toBe(parsed.href);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('deep nesting', () => {
  it('refuses 100,000-deep objects, and mixed nesting, as text without overflowing the stack', () => {
    const depth = 100_000;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const mixed = `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`;
    for (const text of [objects, mixed]) {
      const result = loadPack(text);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : formatPackError(result.errors[0]!)).toMatch(
        /: nested too deeply: more than 16 levels of arrays and objects$/,
      );
    }
  });

  it('refuses a 100,000-deep value built in memory under any field of a valid pack', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = level % 2 === 0 ? [deep] : { a: deep };
    const paths = pathsOf(validPack());
    for (const path of [paths[0]!, paths[Math.floor(paths.length / 2)]!, paths.at(-1)!]) {
      const result = loadPack(edit(validPack(), path, deep));
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.errors[0]!.message).toMatch(/^nested too deeply/);
    }
  });
});

describe('a pack accepted with hostile text is still just text to the engine', () => {
  it('markup in patterns is punctuation between words, never a tag', () => {
    const pattern = '<script>alert(1)</script> unlawfully expelled {count} people';
    const { spec, errors } = compilePacks([pack([fact('markup', [pattern])])]);
    expect(errors).toEqual([]);
    const matcher = createMatcher(spec);
    expect(matcher.scan('they unlawfully expelled 238 people')).toEqual([]);
    const text = 'see script alert 1 script unlawfully expelled 238 people';
    const [match] = matcher.scan(text);
    expect(text.slice(match!.start, match!.end)).toBe(
      'script alert 1 script unlawfully expelled 238 people',
    );
  });
});
