// Turning pack data into display text: dates, sourced figures, and which addresses may be links.
// Everything returned here is plain text; components put it in the DOM as text nodes only.

import type { Qualifier } from '../core/pack';
import type { Translate } from '../ui/i18n';
import type { ScanFigure } from '../core/describe';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A pack date for display. ISO dates ("2025-03-16", "2025-03") are written out in the reader's
 * locale; anything else is the source's own wording ("after 18 July 2025") and is shown as it is.
 */
export function formatDate(date: string, locale: string): string {
  const day = ISO_DAY.exec(date);
  if (day) {
    const when = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // Reject "2025-02-30": Date rolls it over to March, which would misreport the source.
    if (when.getUTCMonth() !== Number(day[2]) - 1) return date;
    return new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(when);
  }
  const month = ISO_MONTH.exec(date);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const when = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(when);
  }
  return date;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Units the interface translates; any other unit is shown in the pack's own words. */
const TRANSLATED_UNITS: Readonly<Record<string, string>> = {
  people: 'unit_people',
  person: 'unit_people',
  deaths: 'unit_deaths',
  death: 'unit_deaths',
  venezuelans: 'unit_venezuelans',
  'hours a day': 'unit_hours_a_day',
  'people interviewed': 'unit_people_interviewed',
};

function unitLabel(unit: string, t: Translate): string {
  const key = TRANSLATED_UNITS[unit.toLowerCase()];
  return key === undefined ? unit : t(key);
}

/** The bare quantity: "238 people", "$6,000,000", "13%". */
function formatQuantity(value: number, unit: string, locale: string, t: Translate): string {
  if (CURRENCY_CODE.test(unit)) {
    try {
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: unit,
        maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
      }).format(value);
    } catch {
      // An unknown code is still shown, just without currency formatting.
    }
  }
  if (unit.toLowerCase() === 'percent') {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
      value / 100,
    );
  }
  return t('figure_quantity', [new Intl.NumberFormat(locale).format(value), unitLabel(unit, t)]);
}

/** Qualifiers said around a quantity ("at least 238 people"); null: the bare quantity. */
const QUANTITY_QUALIFIER_KEYS: Readonly<Record<Qualifier, string | null>> = {
  exact: null,
  about: 'qualifier_about',
  nearly: 'qualifier_nearly',
  'at-least': 'qualifier_at_least',
  'more-than': 'qualifier_more_than',
  'at-most': 'qualifier_at_most',
  'fewer-than': 'qualifier_fewer_than',
  hundreds: null,
  thousands: null,
  dozens: null,
};

/** Qualifiers that replace the number ("hundreds of people"): their value is only a placeholder. */
const VAGUE_QUALIFIER_KEYS: Readonly<Partial<Record<Qualifier, string>>> = {
  hundreds: 'qualifier_hundreds',
  thousands: 'qualifier_thousands',
  dozens: 'qualifier_dozens',
};

/** A sourced figure as a reader would say it: "at least 238 people", "hundreds of deaths". */
export function formatFigureValue(
  figure: Pick<ScanFigure, 'value' | 'unit' | 'qualifier'>,
  locale: string,
  t: Translate,
): string {
  const vagueKey = VAGUE_QUALIFIER_KEYS[figure.qualifier];
  if (vagueKey !== undefined) return t(vagueKey, [unitLabel(figure.unit, t)]);
  const quantity = formatQuantity(figure.value, figure.unit, locale, t);
  const key = QUANTITY_QUALIFIER_KEYS[figure.qualifier];
  return key === null ? quantity : t(key, [quantity]);
}

/**
 * The address to link to, or null when the value is not an absolute http(s) URL. Pack data is
 * untrusted: "javascript:", "data:" and everything else stays plain text and never becomes an href.
 */
export function safeLinkUrl(url: string | undefined): string | null {
  if (url === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}
