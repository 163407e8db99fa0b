import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFigures, intervalOf, intervalsMeet, sortOfUnit } from '../../core/compare';
import { parseNumber } from '../../core/numbers';
import { QUALIFIERS, type Qualifier } from '../../core/pack';
import type { FactRef, NumberSort, ParsedNumber } from '../../core/types';

type Figures = FactRef['figures'];

function page(text: string): ParsedNumber {
  const parsed = parseNumber(text);
  if (parsed === null) throw new Error(`not a number: ${text}`);
  return parsed;
}

function people(value: number, qualifier: Qualifier = 'exact'): Figures[number] {
  return { value, unit: 'people', qualifier };
}

describe('the examples that must hold', () => {
  it('page "238" agrees with 238 exact', () => {
    expect(compareFigures(page('238'), [people(238)])).toEqual({
      comparison: 'agrees',
      agreesWith: [0],
    });
  });

  it('page "more than 250" agrees with 255, not with 238', () => {
    expect(compareFigures(page('more than 250'), [people(238), people(255)])).toEqual({
      comparison: 'agrees',
      agreesWith: [1],
    });
  });

  it('page "nearly 300" differs from 238 exact', () => {
    expect(compareFigures(page('nearly 300'), [people(238)])).toEqual({
      comparison: 'differs',
      agreesWith: [],
    });
  });

  it('page "$6 million" differs from 4,760,000 USD; "$4.76 million" agrees', () => {
    const paid: Figures = [{ value: 4_760_000, unit: 'USD', qualifier: 'exact' }];
    expect(compareFigures(page('$6 million'), paid).comparison).toBe('differs');
    expect(compareFigures(page('$4.76 million'), paid)).toEqual({
      comparison: 'agrees',
      agreesWith: [0],
    });
    expect(compareFigures(page('4,76 millones de dólares'), paid).comparison).toBe('agrees');
  });

  it('page "about 250" agrees with "around 250"', () => {
    expect(compareFigures(page('about 250'), [people(250, 'about')]).comparison).toBe('agrees');
  });

  it('page "13%" agrees with 13 percent; a bare "13" is not compared with it', () => {
    const share: Figures = [{ value: 13, unit: 'percent', qualifier: 'about' }];
    expect(compareFigures(page('13%'), share).comparison).toBe('agrees');
    expect(compareFigures(page('13 por ciento'), share).comparison).toBe('agrees');
    expect(compareFigures(page('13'), share)).toEqual({
      comparison: 'not-compared',
      agreesWith: [],
    });
  });

  it('reads Spanish pages the same way', () => {
    expect(compareFigures(page('doscientos treinta y ocho'), [people(238)]).comparison).toBe(
      'agrees',
    );
    expect(compareFigures(page('casi 300'), [people(238)]).comparison).toBe('differs');
    expect(compareFigures(page('más de 250'), [people(238), people(255)]).agreesWith).toEqual([1]);
  });
});

describe('intervals at their edges', () => {
  it.each<[string, number, boolean]>([
    ['about 250', 225, true],
    ['about 250', 224, false],
    ['about 250', 275, true],
    ['about 250', 276, false],
    ['nearly 300', 270, true],
    ['nearly 300', 269, false],
    ['nearly 300', 300, true],
    ['nearly 300', 301, false],
    ['at least 250', 250, true],
    ['at least 250', 249, false],
    ['more than 250', 250, false],
    ['more than 250', 251, true],
    ['over 250', 1_000_000, true],
    ['up to 300', 300, true],
    ['up to 300', 301, false],
    ['up to 300', 0, true],
    ['fewer than 300', 300, false],
    ['fewer than 300', 299, true],
    ['hundreds of', 200, true],
    ['hundreds of', 199, false],
    ['hundreds of', 999, true],
    ['hundreds of', 1000, false],
    ['thousands of', 2000, true],
    ['thousands of', 1999, false],
    ['thousands of', 999_999, true],
    ['thousands of', 1_000_000, false],
    ['dozens of', 24, true],
    ['dozens of', 23, false],
    ['dozens of', 99, true],
    ['dozens of', 100, false],
    ['hundreds of thousands', 200_000, true],
    ['hundreds of thousands', 150_000, false],
  ])('page "%s" vs %d exact: agrees = %s', (text, figure, agrees) => {
    expect(compareFigures(page(`${text}`), [people(figure)]).comparison).toBe(
      agrees ? 'agrees' : 'differs',
    );
  });

  it('keeps decimal edges exact: "about 13%" includes 11.7% and 14.3%', () => {
    const at = (v: number): Figures => [{ value: v, unit: 'percent', qualifier: 'exact' }];
    expect(compareFigures(page('about 13%'), at(11.7)).comparison).toBe('agrees');
    expect(compareFigures(page('about 13%'), at(14.3)).comparison).toBe('agrees');
    expect(compareFigures(page('about 13%'), at(11.69)).comparison).toBe('differs');
    expect(compareFigures(page('nearly 13%'), at(11.7)).comparison).toBe('agrees');
  });

  it('compares two qualified numbers by whether both can be true at once', () => {
    expect(compareFigures(page('more than 250'), [people(251, 'fewer-than')]).comparison).toBe(
      'agrees',
    );
    expect(compareFigures(page('more than 250'), [people(250, 'at-most')]).comparison).toBe(
      'differs',
    );
    expect(compareFigures(page('at least 250'), [people(250, 'at-most')]).comparison).toBe(
      'agrees',
    );
    expect(compareFigures(page('fewer than 250'), [people(250, 'at-least')]).comparison).toBe(
      'differs',
    );
    expect(compareFigures(page('hundreds of'), [people(300, 'about')]).comparison).toBe('agrees');
    expect(compareFigures(page('dozens of'), [people(238, 'more-than')]).comparison).toBe(
      'differs',
    );
  });
});

describe('units', () => {
  it('compares money only with the same currency', () => {
    const figures: Figures = [
      { value: 6_000_000, unit: 'EUR', qualifier: 'exact' },
      { value: 6_000_000, unit: 'people', qualifier: 'exact' },
      { value: 6_000_000, unit: 'USD', qualifier: 'exact' },
    ];
    expect(compareFigures(page('$6 million'), figures)).toEqual({
      comparison: 'agrees',
      agreesWith: [2],
    });
    expect(compareFigures(page('€6 million'), figures).agreesWith).toEqual([0]);
    expect(compareFigures(page('£6 million'), figures).comparison).toBe('not-compared');
  });

  it('compares a count only with figures that are not money, percent or years', () => {
    const figures: Figures = [
      { value: 238, unit: 'USD', qualifier: 'exact' },
      { value: 238, unit: 'percent', qualifier: 'exact' },
      { value: 238, unit: 'year', qualifier: 'exact' },
      { value: 238, unit: 'deaths', qualifier: 'exact' },
      { value: 238, unit: 'people', qualifier: 'exact' },
    ];
    expect(compareFigures(page('238'), figures).agreesWith).toEqual([3, 4]);
    expect(compareFigures(page('six million'), figures.slice(0, 3)).comparison).toBe(
      'not-compared',
    );
  });

  it('compares years only with year figures', () => {
    const figures: Figures = [
      { value: 2025, unit: 'people', qualifier: 'exact' },
      { value: 2025, unit: 'year', qualifier: 'exact' },
    ];
    expect(compareFigures(page('2025'), figures)).toEqual({
      comparison: 'agrees',
      agreesWith: [1],
    });
    expect(compareFigures(page('2024'), figures).comparison).toBe('differs');
  });

  it.each<[string, NumberSort, string | undefined]>([
    ['USD', 'money', 'USD'],
    ['EUR', 'money', 'EUR'],
    ['percent', 'percent', undefined],
    ['Percent', 'percent', undefined],
    ['year', 'year', undefined],
    ['people', 'count', undefined],
    ['men', 'count', undefined],
    ['years', 'count', undefined],
  ])('unit "%s" is compared as %s', (unit, sort, currency) => {
    expect(sortOfUnit(unit)).toEqual(currency === undefined ? { sort } : { sort, currency });
  });

  it('is not-compared when there are no figures, or none that are numbers', () => {
    expect(compareFigures(page('238'), [])).toEqual({ comparison: 'not-compared', agreesWith: [] });
    expect(compareFigures(page('238'), [people(Number.NaN)]).comparison).toBe('not-compared');
    expect(compareFigures(page('238'), [people(Number.NaN), people(238)]).agreesWith).toEqual([1]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const qualifier = fc.constantFrom(...QUALIFIERS);
const value = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);

function found(v: number, q: Qualifier): ParsedNumber {
  return { value: v, qualifier: q, sort: 'count', start: 0, end: 1, tokenCount: 1 };
}

function agrees(pageValue: number, pageQualifier: Qualifier, figure: Figures[number]): boolean {
  return compareFigures(found(pageValue, pageQualifier), [figure]).comparison === 'agrees';
}

describe('properties', () => {
  it('is symmetric: page A agrees with figure B exactly when page B agrees with figure A', () => {
    fc.assert(
      fc.property(value, qualifier, value, qualifier, (a, qa, b, qb) => {
        expect(agrees(a, qa, people(b, qb))).toBe(agrees(b, qb, people(a, qa)));
      }),
      { numRuns: 5000 },
    );
  });

  it('every positive number agrees with itself, whatever its qualifier', () => {
    fc.assert(
      fc.property(value, qualifier, (v, q) => {
        fc.pre(v > 0); // "fewer than 0" is true of nothing
        expect(agrees(v, q, people(v, q))).toBe(true);
      }),
    );
  });

  it('a looser page statement never agrees with fewer figures', () => {
    // exact ⊂ nearly ⊂ about, and exact ⊂ at-least ⊂ ... : widening the page's interval keeps agreement.
    const widenings: [Qualifier, Qualifier][] = [
      ['exact', 'nearly'],
      ['nearly', 'about'],
      ['exact', 'at-least'],
      ['more-than', 'at-least'],
      ['exact', 'at-most'],
      ['fewer-than', 'at-most'],
    ];
    fc.assert(
      fc.property(
        value,
        fc.constantFrom(...widenings),
        fc.array(fc.tuple(value, qualifier), { maxLength: 6 }),
        (v, [narrow, wide], figureList) => {
          const figures = figureList.map(([fv, fq]) => people(fv, fq));
          const narrowResult = compareFigures(found(v, narrow), figures).agreesWith;
          const wideResult = compareFigures(found(v, wide), figures).agreesWith;
          expect(wideResult).toEqual(expect.arrayContaining(narrowResult));
        },
      ),
    );
  });

  it('reports agreement exactly when some figure agrees, with indices in order', () => {
    fc.assert(
      fc.property(
        value,
        qualifier,
        fc.array(
          fc.record({
            value,
            qualifier,
            unit: fc.constantFrom('people', 'USD', 'percent', 'year'),
          }),
          { maxLength: 8 },
        ),
        (v, q, figures) => {
          const result = compareFigures(found(v, q), figures);
          const countable = figures.filter((figure) => figure.unit === 'people');
          expect(result.comparison === 'not-compared').toBe(countable.length === 0);
          expect(result.comparison === 'agrees').toBe(result.agreesWith.length > 0);
          expect([...result.agreesWith].sort((x, y) => x - y)).toEqual(result.agreesWith);
          for (const index of result.agreesWith) {
            expect(figures[index]?.unit).toBe('people');
          }
        },
      ),
    );
  });

  it('a qualified number includes its own value, except "more than" and "fewer than"', () => {
    const inclusive = fc.constantFrom<Qualifier>('exact', 'about', 'nearly', 'at-least', 'at-most');
    const exclusive = fc.constantFrom<Qualifier>('more-than', 'fewer-than');
    const includesOwnValue = (v: number, q: Qualifier) =>
      intervalsMeet(intervalOf(v, q), intervalOf(v, 'exact'));
    fc.assert(fc.property(value, inclusive, (v, q) => includesOwnValue(v, q)));
    fc.assert(fc.property(value, exclusive, (v, q) => !includesOwnValue(v, q)));
  });
});
