import { describe, expect, it } from 'vitest';
import { formatDate, formatFigureValue, safeLinkUrl } from '../../components/format';
import { translatorFor } from './ui-fixtures';

const en = translatorFor('en');
const es = translatorFor('es');

describe('formatDate', () => {
  it('writes ISO days and months out for the reader', () => {
    expect(formatDate('2025-03-16', 'en-US')).toBe('March 16, 2025');
    expect(formatDate('2025-03-16', 'en-GB')).toBe('16 March 2025');
    expect(formatDate('2025-07-18', 'es')).toBe('18 de julio de 2025');
    expect(formatDate('2025-03', 'en-GB')).toBe('March 2025');
    expect(formatDate('2025-03', 'es')).toBe('marzo de 2025');
  });

  it('does not shift a date across time zones', () => {
    // Midnight UTC is still the previous day in the Americas; the date must not move.
    expect(formatDate('2025-01-01', 'en-US')).toBe('January 1, 2025');
  });

  it('keeps a source’s own wording and anything that is not a real date', () => {
    expect(formatDate('after 18 July 2025', 'es')).toBe('after 18 July 2025');
    expect(formatDate('2025-02-30', 'en')).toBe('2025-02-30');
    expect(formatDate('2025-13', 'en')).toBe('2025-13');
  });
});

describe('formatFigureValue', () => {
  it('says counts with their qualifier and unit', () => {
    expect(formatFigureValue({ value: 238, unit: 'people', qualifier: 'exact' }, 'en', en)).toBe(
      '238 people',
    );
    expect(formatFigureValue({ value: 265, unit: 'deaths', qualifier: 'at-least' }, 'en', en)).toBe(
      'at least 265 deaths',
    );
    expect(formatFigureValue({ value: 300, unit: 'people', qualifier: 'nearly' }, 'es', es)).toBe(
      'casi 300 personas',
    );
    expect(
      formatFigureValue({ value: 1250, unit: 'people', qualifier: 'more-than' }, 'es', es),
    ).toBe('más de 1250 personas');
    expect(
      formatFigureValue({ value: 12500, unit: 'people', qualifier: 'more-than' }, 'es', es),
    ).toBe('más de 12.500 personas');
  });

  it('writes money in its currency and percentages as percentages', () => {
    expect(formatFigureValue({ value: 4760000, unit: 'USD', qualifier: 'exact' }, 'en', en)).toBe(
      '$4,760,000',
    );
    expect(formatFigureValue({ value: 6000000, unit: 'USD', qualifier: 'about' }, 'es', es)).toBe(
      // Intl puts a no-break space before the currency sign in Spanish.
      'alrededor de 6.000.000\u00a0US$',
    );
    expect(formatFigureValue({ value: 13, unit: 'percent', qualifier: 'exact' }, 'en', en)).toBe(
      '13%',
    );
    expect(formatFigureValue({ value: 4.5, unit: 'EUR', qualifier: 'exact' }, 'en', en)).toBe(
      '€4.50',
    );
  });

  it('says vague quantities in words, never their placeholder value', () => {
    expect(formatFigureValue({ value: 100, unit: 'people', qualifier: 'hundreds' }, 'en', en)).toBe(
      'hundreds of people',
    );
    expect(formatFigureValue({ value: 12, unit: 'deaths', qualifier: 'dozens' }, 'es', es)).toBe(
      'decenas de muertes',
    );
  });

  it('keeps a unit it does not know in the pack’s words', () => {
    expect(formatFigureValue({ value: 3, unit: 'flights', qualifier: 'exact' }, 'en', en)).toBe(
      '3 flights',
    );
  });
});

describe('safeLinkUrl', () => {
  it('accepts absolute http and https addresses only', () => {
    expect(safeLinkUrl('https://www.amnesty.org.uk/urgent-actions/x')).toBe(
      'https://www.amnesty.org.uk/urgent-actions/x',
    );
    expect(safeLinkUrl('http://example.org/a b')).toBe('http://example.org/a%20b');
    for (const unsafe of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      '',
      undefined,
    ]) {
      expect(safeLinkUrl(unsafe), String(unsafe)).toBeNull();
    }
  });
});
