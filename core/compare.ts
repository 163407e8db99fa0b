// Compares a number found on a page with a fact's sourced figures. Each number, with its
// qualifier, stands for an interval of values it is true for; the page agrees with a figure when
// both statements can be true at once (the intervals meet) and the units are of the same kind.
// We never say a page is wrong: 'differs' only means no sourced figure is consistent with it.

import type { Qualifier } from './pack';
import type { ComparisonResult, FactRef, NumberSort, ParsedNumber } from './types';

/** The values a qualified number is true for. Open ends exclude the bound itself. */
export interface Interval {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

function closed(a: number, b: number): Interval {
  return { low: Math.min(a, b), lowOpen: false, high: Math.max(a, b), highOpen: false };
}

/**
 * The interval a qualified number stands for. "hundreds", "thousands" and "dozens" take the value
 * as their unit (100, 1000, 12), so "hundreds of thousands" (100,000) scales the same way:
 * hundreds [2, 9.99] units, thousands [2, 999.999] units, dozens [2, 8.25] units.
 */
export function intervalOf(value: number, qualifier: Qualifier): Interval {
  // Integer arithmetic first, one division last: 250 × 11 / 10 is exactly 275, 250 × 1.1 is not.
  switch (qualifier) {
    case 'exact':
      return closed(value, value);
    case 'about':
      return closed((value * 9) / 10, (value * 11) / 10);
    case 'nearly':
      return closed((value * 9) / 10, value);
    case 'at-least':
      return { low: value, lowOpen: false, high: Infinity, highOpen: true };
    case 'more-than':
      return { low: value, lowOpen: true, high: Infinity, highOpen: true };
    case 'at-most':
      return { low: Math.min(0, value), lowOpen: false, high: value, highOpen: false };
    case 'fewer-than':
      return { low: Math.min(0, value), lowOpen: false, high: value, highOpen: true };
    case 'hundreds':
      return closed((value * 200) / 100, (value * 999) / 100);
    case 'thousands':
      return closed((value * 2000) / 1000, (value * 999_999) / 1000);
    case 'dozens':
      return closed((value * 24) / 12, (value * 99) / 12);
  }
}

/** True when some value lies in both intervals. */
export function intervalsMeet(a: Interval, b: Interval): boolean {
  const low = Math.max(a.low, b.low);
  const high = Math.min(a.high, b.high);
  if (low < high) return true;
  if (low > high) return false;
  const lowOpen = (a.low === low && a.lowOpen) || (b.low === low && b.lowOpen);
  const highOpen = (a.high === high && a.highOpen) || (b.high === high && b.highOpen);
  return !lowOpen && !highOpen;
}

/** ISO 4217 codes are three capital letters ("USD"); pack units like "people" are not. */
function isCurrencyCode(unit: string): boolean {
  return /^[A-Z]{3}$/.test(unit);
}

/** The sort of number a figure's unit can be compared with, and its currency for money. */
export function sortOfUnit(unit: string): { sort: NumberSort; currency?: string } {
  const trimmed = unit.trim();
  if (isCurrencyCode(trimmed)) return { sort: 'money', currency: trimmed };
  const lower = trimmed.toLowerCase();
  if (lower === 'percent' || lower === '%') return { sort: 'percent' };
  if (lower === 'year') return { sort: 'year' };
  return { sort: 'count' };
}

/** Whether the page's number and a figure in this unit measure the same kind of thing. */
export function unitsComparable(found: ParsedNumber, unit: string): boolean {
  const kind = sortOfUnit(unit);
  if (kind.sort !== found.sort) return false;
  return found.sort !== 'money' || kind.currency === (found.currency ?? 'USD');
}

export function compareFigures(found: ParsedNumber, figures: FactRef['figures']): ComparisonResult {
  if (!Number.isFinite(found.value)) return { comparison: 'not-compared', agreesWith: [] };
  const page = intervalOf(found.value, found.qualifier);
  const agreesWith: number[] = [];
  let compared = 0;
  figures.forEach((figure, index) => {
    if (!Number.isFinite(figure.value) || !unitsComparable(found, figure.unit)) return;
    compared += 1;
    if (intervalsMeet(page, intervalOf(figure.value, figure.qualifier))) agreesWith.push(index);
  });
  if (compared === 0) return { comparison: 'not-compared', agreesWith };
  return { comparison: agreesWith.length > 0 ? 'agrees' : 'differs', agreesWith };
}
