import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePacks } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { MatcherSpec } from '../../core/matcher';
import { checkSpec, packArray, unpackInts } from '../../core/spec';
import { MAX_EXPANSIONS, MAX_NESTING } from '../../core/pattern';
import type { Fact } from '../../core/pack';
import { fact, pack, scanWith, spans } from './engine-fixtures';

const TDA = fact('tda', ['Tren de Aragua']);
const PEOPLE = [{ value: 238, unit: 'people', qualifier: 'exact' as const }];

describe('spans on the original text', () => {
  it('are exact whatever the case, accents, quotes, spaces and single line breaks', () => {
    const texts = [
      'Members of the “TREN DE ARAGUA’s” gang',
      'the Trén  de\nArágua gang',
      'the Tren\u00a0de Ara\u00ADgua gang',
      'the Tren de Aragu\u0301a gang',
      'the Tren\r\nde\tAragua, a gang',
    ];
    const expected = [
      'TREN DE ARAGUA',
      'Trén  de\nArágua',
      'Tren\u00a0de Ara\u00ADgua',
      'Tren de Aragu\u0301a',
      'Tren\r\nde\tAragua',
    ];
    texts.forEach((text, i) => expect(spans([TDA], text)).toEqual([[expected[i], 'tda']]));
  });

  it('match whole words only', () => {
    const aragua = fact('aragua', ['Aragua state']);
    expect(spans([aragua], 'Araguaney state, subAragua state, Aragua2 state')).toEqual([]);
    expect(spans([aragua], 'in Aragua state')).toEqual([['Aragua state', 'aragua']]);
    expect(spans([TDA], 'Tren de Araguaney')).toEqual([]);
  });

  it('do not cross a paragraph break, but do cross punctuation', () => {
    expect(spans([TDA], 'Tren de\n\nAragua')).toEqual([]);
    expect(spans([TDA], 'Tren de\n \nAragua')).toEqual([]);
    expect(spans([TDA], 'Tren de\u2029Aragua')).toEqual([]);
    expect(spans([TDA], 'Tren de\nAragua')).toEqual([['Tren de\nAragua', 'tda']]);
    expect(spans([TDA], 'Tren — de: Aragua')).toEqual([['Tren — de: Aragua', 'tda']]);
    const deported = fact('deported', ['deported {count} Venezuelans']);
    expect(spans([deported], 'deported 238\n\nVenezuelans')).toEqual([]);
  });

  it('are broken by any word in between, known or not', () => {
    expect(spans([TDA], 'Tren de la Aragua')).toEqual([]);
    expect(spans([TDA, fact('x', ['de Aragua state'])], 'Tren de de Aragua')).toEqual([]);
  });
});

describe('choosing among matches', () => {
  it('takes the leftmost match, and the longest there', () => {
    const facts = [
      fact('short', ['Alien Enemies']),
      fact('long', ['Alien Enemies Act']),
      fact('later', ['Enemies Act of 1798']),
    ];
    expect(spans(facts, 'the Alien Enemies Act of 1798')).toEqual([['Alien Enemies Act', 'long']]);
    expect(spans(facts, 'the Alien Enemies law')).toEqual([['Alien Enemies', 'short']]);
    expect(spans(facts, 'the Enemies Act of 1798')).toEqual([['Enemies Act of 1798', 'later']]);
  });

  it('keeps finding matches after a longer pattern fails part way', () => {
    const facts = [
      fact('five', ['pa qa ra sa ta']),
      fact('front', ['pa qa']),
      fact('back', ['ra sa']),
    ];
    expect(spans(facts, 'pa qa ra sa xx')).toEqual([
      ['pa qa', 'front'],
      ['ra sa', 'back'],
    ]);
    expect(spans(facts, 'pa qa ra sa ta')).toEqual([['pa qa ra sa ta', 'five']]);
  });

  it('never reports overlapping spans', () => {
    const facts = [fact('ab', ['pa qa']), fact('bcd', ['qa ra sa'])];
    expect(spans(facts, 'pa qa ra sa')).toEqual([['pa qa', 'ab']]);
    expect(spans(facts, 'xx qa ra sa')).toEqual([['qa ra sa', 'bcd']]);
  });

  it('reports every fact that matches the same span, each once', () => {
    const facts = [
      fact('one', ['CECOT prison']),
      fact('two', ['CECOT (prison|jail)', '[the] CECOT prison']),
      fact('three', ['Tren de Aragua']),
    ];
    expect(spans(facts, 'sent to CECOT prison')).toEqual([
      ['CECOT prison', 'one'],
      ['CECOT prison', 'two'],
    ]);
  });

  it('does not let common number words break word patterns', () => {
    const prison = fact('prison', ['sent to a prison in El Salvador']);
    expect(spans([prison], 'They were sent to a prison in El Salvador.')).toEqual([
      ['sent to a prison in El Salvador', 'prison'],
    ]);
    const una = fact('una', ['una prisión de máxima seguridad']);
    expect(spans([una], 'enviados a una prision de maxima seguridad')).toEqual([
      ['una prision de maxima seguridad', 'una'],
    ]);
  });
});

describe('number slots', () => {
  const slot = (sort: string) => fact(sort, [`deported {${sort}} Venezuelans`]);

  it('{count} takes a whole count expression, qualifier included, in English or Spanish', () => {
    const count = fact('count', ['deported {count} Venezuelans', 'deportó a {count} venezolanos']);
    const texts = {
      'deported 238 Venezuelans': 238,
      'deported more than 250 Venezuelans': 250,
      'deported nearly 300 Venezuelans': 300,
      'deported two hundred and thirty-eight Venezuelans': 238,
      'deported hundreds of Venezuelans': 100,
      'deportó a doscientos treinta y ocho venezolanos': 238,
      'deportó a casi 300 venezolanos': 300,
    };
    for (const [text, value] of Object.entries(texts)) {
      expect(scanWith([count], text), text).toEqual([
        { text, fact: 'count', comparison: 'not-compared', agreesWith: [], number: value },
      ]);
    }
  });

  it('each slot sort takes only numbers of its sort; {number} takes any', () => {
    const facts = ['count', 'money', 'percent', 'year', 'number'].map(slot);
    const cases: [string, string[]][] = [
      ['deported 238 Venezuelans', ['count', 'number']],
      ['deported $4.76 million Venezuelans', ['money', 'number']],
      ['deported 6 millones de dólares Venezuelans', ['money', 'number']],
      ['deported 13% Venezuelans', ['percent', 'number']],
      ['deported 13 per cent Venezuelans', ['percent', 'number']],
      ['deported 2025 Venezuelans', ['year', 'number']],
      ['deported some Venezuelans', []],
    ];
    for (const [text, sorts] of cases) {
      expect(
        scanWith(facts, text).map((found) => found.fact),
        text,
      ).toEqual(sorts);
    }
  });

  it('compares the number with the fact’s figures', () => {
    const facts = [
      fact(
        'figures',
        ['deported {count} Venezuelans'],
        [...PEOPLE, { value: 261, unit: 'people', qualifier: 'exact' }],
      ),
    ];
    const result = (text: string) => {
      const [found] = scanWith(facts, text);
      return [found?.comparison, found?.agreesWith];
    };
    expect(result('deported 238 Venezuelans')).toEqual(['agrees', [0]]);
    expect(result('deported more than 250 Venezuelans')).toEqual(['agrees', [1]]);
    expect(result('deported nearly 300 Venezuelans')).toEqual(['differs', []]);
    expect(result('deported 13% Venezuelans')).toEqual([undefined, undefined]);
  });

  it('compares money with currency figures', () => {
    const paid = fact(
      'paid',
      ['paid {money} to El Salvador'],
      [{ value: 4_760_000, unit: 'USD', qualifier: 'exact' }],
    );
    expect(scanWith([paid], 'the US paid $4.76 million to El Salvador')).toEqual([
      {
        text: 'paid $4.76 million to El Salvador',
        fact: 'paid',
        comparison: 'agrees',
        agreesWith: [0],
        number: 4_760_000,
      },
    ]);
    expect(scanWith([paid], 'paid $6 million to El Salvador')[0]!.comparison).toBe('differs');
  });

  it('does not compare when the match has no slot or the fact no figures', () => {
    const noSlot = fact('no-slot', ['CECOT prison'], PEOPLE);
    const noFigures = fact('no-figures', ['deported {count} Venezuelans']);
    expect(scanWith([noSlot, noFigures], 'CECOT prison; deported 238 Venezuelans')).toEqual([
      { text: 'CECOT prison', fact: 'no-slot', comparison: 'not-compared', agreesWith: [] },
      {
        text: 'deported 238 Venezuelans',
        fact: 'no-figures',
        comparison: 'not-compared',
        agreesWith: [],
        number: 238,
      },
    ]);
  });
});

describe('literal numbers', () => {
  it('match the same value in any wording', () => {
    const ms13 = fact('ms13', ['MS-13 gang']);
    expect(spans([ms13], 'MS-13 gang, MS 13 gang, MS–13 gang, ms thirteen gang')).toEqual([
      ['MS-13 gang', 'ms13'],
      ['MS 13 gang', 'ms13'],
      ['MS–13 gang', 'ms13'],
      ['ms thirteen gang', 'ms13'],
    ]);
    expect(spans([ms13], 'MS-14 gang, MS-130 gang, MS-13th gang')).toEqual([]);
    // The span starts at "under": the number reader reads "under 50" as one expression.
    const usc = fact('usc', ['50 U.S.C. 21']);
    expect(spans([usc], 'under 50 U.S.C. § 21 and 50 U.S.C. 22, 50 USC 21')).toEqual([
      ['under 50 U.S.C. § 21', 'usc'],
    ]);
  });

  it('match money and word numbers by value', () => {
    const paid = fact('paid', ['$4.76 million payment']);
    expect(
      spans(
        [paid],
        'a US$4,760,000 payment; 4.76 millones de dólares payment; $4.8 million payment',
      ),
    ).toEqual([
      ['US$4,760,000 payment', 'paid'],
      ['4.76 millones de dólares payment', 'paid'],
    ]);
    const words = fact('words', ['two hundred Venezuelans']);
    expect(spans([words], '200 Venezuelans and 201 Venezuelans')).toEqual([
      ['200 Venezuelans', 'words'],
    ]);
  });

  it('need the qualifier the pattern writes; a bare number takes any but vague ones', () => {
    const over = fact('over', ['more than 250 people']);
    expect(spans([over], 'over 250 people; 250 people; about 250 people')).toEqual([
      ['over 250 people', 'over'],
    ]);
    const bare = fact('bare', ['250 people']);
    expect(spans([bare], 'about 250 people; 250 people')).toEqual([
      ['about 250 people', 'bare'],
      ['250 people', 'bare'],
    ]);
    const hundred = fact('hundred', ['100 people']);
    expect(spans([hundred], 'hundreds of people')).toEqual([]);
  });

  it('tell apart many patterns that differ only in their number', () => {
    const orders = Array.from({ length: 500 }, (_, i) =>
      fact(`eo-${14_100 + i}`, [`Executive Order ${14_100 + i}`]),
    );
    expect(spans(orders, 'under Executive Order 14157 and Executive Order 14599.')).toEqual([
      ['Executive Order 14157', 'eo-14157'],
      ['Executive Order 14599', 'eo-14599'],
    ]);
    expect(spans(orders, 'Executive Order 14099')).toEqual([]);
  });

  it('mix with slots in one pattern', () => {
    const act = fact('act', ['{count} people under the 1798 Act']);
    expect(scanWith([act], '238 people under the 1798 Act; 238 people under the 1799 Act')).toEqual(
      [
        {
          text: '238 people under the 1798 Act',
          fact: 'act',
          comparison: 'not-compared',
          agreesWith: [],
          number: 238,
        },
      ],
    );
  });
});

describe('work', () => {
  it('stays linear on a hostile pack and text', () => {
    const group = '(aragua|aragua aragua|aragua aragua aragua)';
    const facts = [
      fact('hostile', [`${group}${group}${group}${group} caracas`]),
      fact('long', [`${'aragua '.repeat(23)}caracas`]),
      fact('pair-1', ['aragua aragua']),
      fact('pair-2', ['aragua aragua']),
      fact('pair-3', ['aragua aragua']),
    ];
    const { spec, errors } = compilePacks([pack(facts)]);
    expect(errors).toEqual([]);
    const matcher = createMatcher(spec);
    const run = (words: number) => {
      const text = `${'aragua '.repeat(words)}caracas`;
      const matches = matcher.scan(text);
      return { text, matches, stats: { ...matcher.stats } };
    };
    const half = run(50_000);
    const full = run(100_000);
    expect(full.stats.symbols).toBe(100_001);
    // Each symbol costs at most two automaton steps (amortised) and 24 output checks.
    expect(full.stats.transitions).toBeLessThanOrEqual(2 * full.stats.symbols);
    expect(full.stats.outputChecks).toBeLessThanOrEqual(24 * full.stats.symbols);
    // Twice the text, twice the work (give or take the end).
    expect(full.stats.transitions).toBeLessThanOrEqual(2 * half.stats.transitions + 48);
    expect(full.stats.outputChecks).toBeLessThanOrEqual(2 * half.stats.outputChecks + 48);
    // Pairs from the left, each reported for its three facts, then the hostile pattern's
    // longest expansion (twelve araguas and caracas) at the end.
    expect(full.matches).toHaveLength(3 * 49_994 + 1);
    const last = full.matches.at(-1)!;
    expect(spec.facts[last.fact]!.id).toBe('hostile');
    expect(full.text.slice(last.start, last.end)).toBe(`${'aragua '.repeat(12)}caracas`);
  });

  it('does not grow with the number of facts sharing a pattern or a prefix', () => {
    const few = [fact('x', ['aragua caracas'])];
    const many = Array.from({ length: 2000 }, (_, i) =>
      fact(`f${i}`, [`aragua (caracas|valencia) [state] ${i % 2 === 0 ? 'x' : 'y'}${i}`]),
    );
    const text = 'aragua caracas '.repeat(5000);
    const stats = (facts: Fact[]) => {
      const matcher = createMatcher(compilePacks([pack(facts)]).spec);
      matcher.scan(text);
      return matcher.stats;
    };
    const small = stats(few);
    const large = stats([...few, ...many]);
    expect(large.transitions).toBeLessThanOrEqual(2 * small.symbols);
    expect(large.outputChecks).toBe(small.outputChecks);
  });

  it('reads numbers only where one can start', () => {
    const matcher = createMatcher(compilePacks([pack([TDA])]).spec);
    matcher.scan('Members of the Tren de Aragua gang were sent to prison.');
    expect(matcher.stats.numberReads).toBe(0);
    matcher.scan('Some 238 Tren de Aragua members, a hundred of them, were sent.');
    expect(matcher.stats.numberReads).toBe(2); // at "some" (reads "some 238") and "a" ("a hundred")
  });

  it('reads a number word the same alone and inside longer numbers, in any order', () => {
    const count = fact('count', ['deported {count} Venezuelans']);
    const matcher = createMatcher(compilePacks([pack([count])]).spec);
    const values = (text: string) => matcher.scan(text).map((match) => match.number?.value);
    // What the reader makes of a word alone is remembered per word: it must not leak into the
    // longer expressions the word starts, nor they into it.
    expect(values('deported one Venezuelans')).toEqual([1]);
    expect(values('deported one hundred Venezuelans')).toEqual([100]);
    expect(values('deported one Venezuelans')).toEqual([1]);
    expect(values('deported a hundred Venezuelans')).toEqual([100]);
    expect(values('deported a Venezuelans')).toEqual([]);
    expect(values('deported a thousand Venezuelans')).toEqual([1000]);
    expect(values('deported 238 Venezuelans')).toEqual([238]);
    expect(values('deported 238 million Venezuelans')).toEqual([238_000_000]);
    expect(values('deported 238 and Venezuelans')).toEqual([]);
    expect(matcher.stats.numberReads).toBe(1);
  });

  it('gives the same answer when scanning again, and after a longer text', () => {
    const matcher = createMatcher(compilePacks([pack([TDA])]).spec);
    const short = 'the Tren de Aragua';
    const first = matcher.scan(short);
    matcher.scan(`${'Tren de Aragua. '.repeat(1000)}`);
    expect(matcher.scan(short)).toEqual(first);
    expect(first).toHaveLength(1);
  });
});

describe('refuses a damaged spec', () => {
  /** A copy of the spec with one automaton array changed. */
  function damaged(
    spec: MatcherSpec,
    name: 'fail' | 'childStart',
    change: (values: Int32Array) => void,
  ): MatcherSpec {
    const copy = structuredClone(spec);
    const values = unpackInts(copy.automaton[name], name);
    change(values);
    copy.automaton[name] = packArray(values);
    return copy;
  }

  it('with a wrong version or broken automaton links', () => {
    const { spec } = compilePacks([pack([TDA])]);
    expect(() => createMatcher({ ...spec, specVersion: spec.specVersion + 1 })).toThrow(/version/);
    const looped = damaged(spec, 'fail', (fail) => {
      fail[1] = 2; // a failure link must point to a smaller node
      fail[2] = 1;
    });
    expect(() => checkSpec(looped)).toThrow(/failure link/);
    // A page's matcher checks only the shape, but a scan that reaches the loop stops, not hangs.
    expect(() => createMatcher(looped).scan('Tren Tren de Aragua')).toThrow(/failure link/);
  });

  it('whose node lists itself among its children (walking up to the root would never end)', () => {
    const { spec } = compilePacks([pack([TDA])]);
    const selfParent = damaged(spec, 'childStart', (childStart) => {
      childStart[1] = 1; // node 1's children would start at node 1
    });
    expect(() => checkSpec(selfParent)).toThrow(/children of node/);
    expect(createMatcher(selfParent).scan('Tren de Aragua')).toEqual([]);
    expect(createMatcher(spec).scan('Tren de Aragua')).toHaveLength(1);
  });

  it('whose lexicon does not find its words, or could make a lookup probe forever', () => {
    const { spec } = compilePacks([pack([TDA])]);
    const wrongHash = structuredClone(spec);
    const hashes = unpackInts(wrongHash.lexicon.hashes, 'hashes');
    hashes[0] = hashes[0]! ^ 1;
    wrongHash.lexicon.hashes = packArray(hashes);
    expect(() => checkSpec(wrongHash)).toThrow(/lexicon entry of word 0/);
    const full = structuredClone(spec);
    const table = unpackInts(full.lexicon.table, 'table');
    full.lexicon.table = packArray(table.fill(1));
    expect(() => createMatcher(full)).toThrow(/lexicon/);
  });

  it('whose arrays are not packed numbers', () => {
    const { spec } = compilePacks([pack([TDA])]);
    const truncated = structuredClone(spec);
    truncated.automaton.fail.base64 = truncated.automaton.fail.base64.slice(0, 4);
    expect(() => createMatcher(truncated)).toThrow(/automaton.fail/);
    const unknown = structuredClone(spec);
    (unknown.outputs.node as { type: string }).type = 'u64';
    expect(() => createMatcher(unknown)).toThrow(/outputs.node: not a packed array/);
  });
});

// A property against a reference implementation: random word patterns with alternatives and
// optional parts, random decorated texts; the matcher must find exactly what a brute-force
// leftmost-longest search over the text's words finds.

const VOCABULARY = ['tren', 'aragua', 'cecot', 'bukele'];

type Node = { word: string } | { alt: Node[][] } | { opt: Node[] };

// Each alternative or optional part is one bracket level; the generator stays within the
// pattern language's nesting limit (MAX_NESTING), which has its own tests in pattern.test.ts.
const nodeArbitrary: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: MAX_NESTING - 1 },
    fc.constantFrom(...VOCABULARY).map((word) => ({ word })),
    fc
      .array(fc.array(tie('node'), { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 })
      .map((alt) => ({ alt })),
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((opt) => ({ opt })),
  ),
})).node;

/** A pattern always starts with a required word, so it can never match nothing. */
const patternArbitrary = fc.tuple(
  fc.constantFrom(...VOCABULARY),
  fc.array(nodeArbitrary, { maxLength: 3 }),
);

function renderNodes(nodes: readonly Node[]): string {
  return nodes
    .map((node) => {
      if ('word' in node) return node.word;
      if ('alt' in node) return `(${node.alt.map(renderNodes).join('|')})`;
      return `[${renderNodes(node.opt)}]`;
    })
    .join(' ');
}

function expandNodes(nodes: readonly Node[]): string[][] {
  let out: string[][] = [[]];
  for (const node of nodes) {
    let tails: string[][];
    if ('word' in node) tails = [[node.word]];
    else if ('alt' in node) tails = node.alt.flatMap(expandNodes);
    else tails = [[], ...expandNodes(node.opt)];
    out = out.flatMap((head) => tails.map((tail) => [...head, ...tail]));
  }
  return out;
}

function countExpansions(nodes: readonly Node[]): number {
  let product = 1;
  for (const node of nodes) {
    if ('alt' in node)
      product *= node.alt.reduce((sum, option) => sum + countExpansions(option), 0);
    else if ('opt' in node) product *= countExpansions(node.opt) + 1;
  }
  return product;
}

interface TextWord {
  word: string; // the folded word, or "" for a word no pattern knows
  start: number;
  end: number;
  paragraph: number;
}

const decoratedWord = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom(...VOCABULARY), weight: 6 },
      { arbitrary: fc.constantFrom('zzz', 'de'), weight: 1 },
    ),
    fc.constantFrom('plain', 'upper', 'title', 'accent', 'soft-hyphen'),
  )
  .map(([word, style]) => {
    switch (style) {
      case 'upper':
        return { word, shown: word.toUpperCase() };
      case 'title':
        return { word, shown: word[0]!.toUpperCase() + word.slice(1) };
      case 'accent':
        return { word, shown: `${word[0]}\u0301${word.slice(1)}` };
      case 'soft-hyphen':
        return { word, shown: `${word.slice(0, 2)}\u00ad${word.slice(2)}` };
      default:
        return { word, shown: word };
    }
  });

const separator = fc.constantFrom(' ', '  ', '\u00a0', '\n', ', ', ' — ', ' “', '” ', '\n\n');

const textArbitrary = fc
  .array(fc.tuple(decoratedWord, separator), { maxLength: 40 })
  .map((parts) => {
    let text = '';
    let paragraph = 0;
    const words: TextWord[] = [];
    for (const [{ word, shown }, after] of parts) {
      words.push({ word, start: text.length, end: text.length + shown.length, paragraph });
      text += shown + after;
      if (after === '\n\n') paragraph++;
    }
    return { text, words };
  });

function referenceScan(
  patterns: readonly string[][][],
  words: readonly TextWord[],
): { start: number; end: number; facts: number[] }[] {
  const out: { start: number; end: number; facts: number[] }[] = [];
  for (let s = 0; s < words.length;) {
    let best = 0;
    let facts: number[] = [];
    for (let length = 1; s + length <= words.length; length++) {
      const run = words.slice(s, s + length);
      if (run.some((w) => w.paragraph !== words[s]!.paragraph)) break;
      const key = run.map((w) => w.word).join(' ');
      const matching = patterns
        .map((expansions, index) => (expansions.some((e) => e.join(' ') === key) ? index : -1))
        .filter((index) => index >= 0);
      if (matching.length > 0) {
        best = length;
        facts = matching;
      }
    }
    if (best === 0) {
      s++;
      continue;
    }
    out.push({ start: words[s]!.start, end: words[s + best - 1]!.end, facts });
    s += best;
  }
  return out;
}

describe('matcher against a brute-force reference', () => {
  it('finds exactly the leftmost-longest matches, on exact spans, for every fact', () => {
    fc.assert(
      fc.property(
        fc.array(patternArbitrary, { minLength: 1, maxLength: 4 }),
        textArbitrary,
        (patternParts, { text, words }) => {
          const trees = patternParts.map(([first, rest]) => [{ word: first }, ...rest]);
          // Expansions are counted before equal ones merge: the few trees over 256 are skipped.
          fc.pre(trees.every((tree) => countExpansions(tree) <= MAX_EXPANSIONS));
          const facts = trees.map((tree, i) => fact(`f${i}`, [renderNodes(tree)]));
          const { spec, errors } = compilePacks([pack(facts)]);
          expect(errors).toEqual([]);
          const expected = referenceScan(trees.map(expandNodes), words);
          const grouped = new Map<string, { start: number; end: number; facts: number[] }>();
          for (const match of createMatcher(spec).scan(text)) {
            const key = `${match.start}:${match.end}`;
            const entry = grouped.get(key) ?? { start: match.start, end: match.end, facts: [] };
            entry.facts.push(match.fact);
            grouped.set(key, entry);
          }
          expect([...grouped.values()]).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on any text, and returns ordered, disjoint spans inside it', () => {
    const { spec } = compilePacks([
      pack([
        TDA,
        fact('n', ['deported {number} Venezuelans', '{count} (people|personas)']),
        fact('ms', ['MS-13 (gang|members)']),
      ]),
    ]);
    const matcher = createMatcher(spec);
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('Tren de Aragua', ' deported ', ' 238 ', '$4.76 million', 'people', '\n\n'),
      fc.constantFrom('MS-13', ' gang', ' more than ', 'doscientos', ' y ', 'ocho', '%', ' a '),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let previousEnd = 0;
        for (const match of matcher.scan(text)) {
          expect(match.start).toBeGreaterThanOrEqual(previousEnd);
          expect(match.end).toBeGreaterThan(match.start);
          expect(match.end).toBeLessThanOrEqual(text.length);
          previousEnd = match.end;
        }
      }),
      { numRuns: 500 },
    );
  });
});
