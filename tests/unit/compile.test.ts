import { describe, expect, it } from 'vitest';
import { compilePacks } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import { SPEC_VERSION, packArray, unpackFloats } from '../../core/spec';
import { fact, pack } from './engine-fixtures';

describe('compilePacks', () => {
  it('reports every broken pattern with its path, pack and fact, and skips facts with none left', () => {
    const { spec, errors } = compilePacks([
      pack([
        fact('tda', ['Tren de Aragua']),
        fact('broken', ['(Tren de Aragua', '{count}']),
        fact('partly', ['Alien Enemies Act', '[Act]']),
      ]),
    ]);
    expect(errors).toEqual([
      {
        path: 'facts[1].matchers[0].pattern',
        packId: 'test',
        factId: 'broken',
        message: "unclosed '(' at 0",
      },
      {
        path: 'facts[1].matchers[1].pattern',
        packId: 'test',
        factId: 'broken',
        message:
          'too broad: "{count}" has no word besides numbers and common words such as "the" or "de"; add a word that names the claim',
      },
      {
        path: 'facts[1]',
        packId: 'test',
        factId: 'broken',
        message: 'skipped: none of its matchers compiles',
      },
      {
        path: 'facts[2].matchers[1].pattern',
        packId: 'test',
        factId: 'partly',
        message: 'the pattern can match nothing: every part of it is optional',
      },
    ]);
    expect(spec.facts.map((f) => f.id)).toEqual(['tda', 'partly']);
    // The surviving matcher of "partly" is its matchers[0].
    expect(spec.patterns).toEqual({ fact: [0, 1], lang: [0, 0], matcher: [0, 0] });
    const text = 'Tren de Aragua and the Alien Enemies Act';
    const found = createMatcher(spec)
      .scan(text)
      .map((m) => [text.slice(m.start, m.end), spec.facts[m.fact]!.id]);
    expect(found).toEqual([
      ['Tren de Aragua', 'tda'],
      ['Alien Enemies Act', 'partly'],
    ]);
  });

  it('reports a fact without matchers', () => {
    const { spec, errors } = compilePacks([pack([fact('none', [])])]);
    expect(errors).toEqual([
      {
        path: 'facts[0]',
        packId: 'test',
        factId: 'none',
        message: 'skipped: the fact has no matchers, so it can never be found',
      },
    ]);
    expect(spec.facts).toEqual([]);
  });

  it('reports a pattern that is not text (from a pack that skipped validation)', () => {
    const odd = fact('odd', ['Tren de Aragua']);
    (odd.matchers[0] as { pattern: unknown }).pattern = 42;
    expect(compilePacks([pack([odd])]).errors.map((e) => [e.path, e.message])).toEqual([
      ['facts[0].matchers[0].pattern', 'the pattern is not a string'],
      ['facts[0]', 'skipped: none of its matchers compiles'],
    ]);
  });

  it('compiles several packs into one spec, each fact knowing its pack and version', () => {
    const { spec, errors } = compilePacks([
      pack([fact('a', ['CECOT prison'])], 'first', '1.2.0'),
      pack([fact('a', ['Tren de Aragua']), fact('bad', [')'])], 'second', '3.0.1'),
    ]);
    expect(errors.map((e) => [e.packId, e.factId, e.path])).toEqual([
      ['second', 'bad', 'facts[1].matchers[0].pattern'],
      ['second', 'bad', 'facts[1]'],
    ]);
    expect(spec.facts.map((f) => [f.pack, f.packVersion, f.id])).toEqual([
      ['first', '1.2.0', 'a'],
      ['second', '3.0.1', 'a'],
    ]);
  });

  it('keeps only what matching needs from each fact: kind and figures (value, unit, qualifier)', () => {
    const { spec } = compilePacks([
      pack([
        fact(
          'n',
          ['deported {count} Venezuelans'],
          [{ value: 238, unit: 'people', qualifier: 'exact', date: '2025-03-16' }],
        ),
      ]),
    ]);
    expect(spec.facts).toEqual([
      {
        pack: 'test',
        packVersion: '1.0.0',
        id: 'n',
        kind: 'count',
        figures: [{ value: 238, unit: 'people', qualifier: 'exact' }],
      },
    ]);
  });

  it('compiles all languages into one automaton and keeps each pattern’s language', () => {
    const { spec } = compilePacks([
      pack([
        fact('deported', [
          { lang: 'en', pattern: 'deported {count} Venezuelans' },
          { lang: 'es', pattern: 'deportó a {count} venezolanos' },
        ]),
      ]),
    ]);
    expect(spec.langs).toEqual(['en', 'es']);
    expect(spec.patterns.lang).toEqual([0, 1]);
    const text = 'EE. UU. deportó a 238 venezolanos; the US deported 238 Venezuelans.';
    const found = createMatcher(spec)
      .scan(text)
      .map((m) => text.slice(m.start, m.end));
    expect(found).toEqual(['deportó a 238 venezolanos', 'deported 238 Venezuelans']);
  });

  it('produces plain JSON: versioned, cloneable, and a copy matches exactly like the original', () => {
    const { spec } = compilePacks([
      pack([
        fact('tda', ['Tren de Aragua', '(TdA|Tren) gang']),
        fact(
          'paid',
          ['paid {money}', 'MS-13 (members|gang)'],
          [{ value: 4_760_000, unit: 'USD', qualifier: 'exact' }],
        ),
      ]),
    ]);
    expect(spec.specVersion).toBe(SPEC_VERSION);
    const viaJson = JSON.parse(JSON.stringify(spec)) as typeof spec;
    expect(viaJson).toEqual(spec);
    expect(structuredClone(spec)).toEqual(spec);
    for (const array of Object.values(spec.patterns)) {
      expect(array.every((value) => typeof value === 'number')).toBe(true);
    }
    // The big arrays travel as one base64 string each, and unpack to the numbers compiled.
    for (const packed of [...Object.values(spec.automaton), ...Object.values(spec.outputs)]) {
      expect(typeof packed.base64).toBe('string');
      expect(packArray(unpackFloats(packed, 'array'))).toEqual(packed);
    }
    const text = 'The TdA gang and MS-13 members; the US paid $4.76 million to Tren de Aragua.';
    expect(createMatcher(viaJson).scan(text)).toEqual(createMatcher(spec).scan(text));
    expect(createMatcher(viaJson).scan(text)).toHaveLength(4);
  });

  it('stops adding patterns when the size budget is spent, and compiling when the work budget is', () => {
    const facts = ['pa qa ra sa', 'pb qb rb sb', 'pc qc rc sc'].map((p, i) => fact(`f${i}`, [p]));
    const bySize = compilePacks([pack(facts)], { maxTotalSymbols: 10 });
    expect(bySize.spec.facts.map((f) => f.id)).toEqual(['f0', 'f1']);
    expect(bySize.errors.map((e) => [e.path, e.message])).toEqual([
      [
        'facts[2].matchers[0].pattern',
        "the packs' patterns are too many to compile together (more than 10 tokens in all expansions)",
      ],
      ['facts[2]', 'skipped: none of its matchers compiles'],
    ]);
    // Work counts failed patterns too: the broken first one spends the budget.
    const broken = fact('broken', ['(the|a|de) (la|el|of) (y|and|or) (to|in)']);
    const byWork = compilePacks([pack([broken, ...facts])], { maxCompileWork: 20 });
    expect(byWork.spec.facts).toEqual([]);
    expect(byWork.errors.filter((e) => e.message.startsWith('not compiled'))).toHaveLength(3);
    expect(byWork.errors.at(-1)!.message).toBe('skipped: none of its matchers compiles');
  });

  it('compiles a 10,000-fact pack in which every fact is found where its phrase appears', () => {
    const letters = (n: number) => {
      let word = '';
      for (let k = 0; k < 4; k++, n = Math.floor(n / 26))
        word += String.fromCharCode(97 + (n % 26));
      return `kx${word}`;
    };
    const facts = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0
        ? fact(
            `f${i}`,
            [`${letters(i)} [camp] (deported|sent) {count} people`],
            [{ value: 3000 + i, unit: 'people', qualifier: 'exact' }],
          )
        : fact(`f${i}`, [`(${letters(i)}|${letters(i)}q) case`]),
    );
    const { spec, errors } = compilePacks([pack(facts)]);
    expect(errors).toEqual([]);
    expect(spec.facts).toHaveLength(10_000);
    // 3000 + i: plain four-digit numbers from 1000 to 2100 read as years, not counts.
    const sentences = facts.map((_, i) =>
      i % 2 === 0 ? `The ${letters(i)} camp sent ${3000 + i} people.` : `The ${letters(i)}q case.`,
    );
    const text = sentences.join(' ');
    const matches = createMatcher(spec).scan(text);
    expect(matches).toHaveLength(10_000);
    matches.forEach((match, i) => {
      expect(spec.facts[match.fact]!.id).toBe(`f${i}`);
      expect(text.slice(match.start, match.end)).toBe(
        i % 2 === 0 ? `${letters(i)} camp sent ${3000 + i} people` : `${letters(i)}q case`,
      );
      if (i % 2 === 0) expect(match.comparison.comparison).toBe('agrees');
    });
  });
});
