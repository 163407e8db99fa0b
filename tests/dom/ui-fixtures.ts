// Match records for the UI tests. Quotes, figures, titles, dates and addresses are copied from
// ../shared/seeds (SOURCES.md and the seed texts); the comparisons are what a reader would expect
// the engine to say about each page number, set by hand because these tests are about display.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanMatch, ScanSource } from '../../core/describe';
import { createTranslate, type MessagesFile, type Translate } from '../../ui/i18n';
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';

const AMNESTY_UK_OUTCOME: Omit<ScanSource, 'quote'> = {
  title: 'Urgent Action outcome: Men Expelled To El Salvador Repatriated',
  publisher: 'Amnesty International (UK section page)',
  date: 'after 18 July 2025',
  url: 'https://www.amnesty.org.uk/resources/urgent-action-outcome-men-expelled-el-salvador-repatriated',
};
const AMNESTY_UK_ACTION: Omit<ScanSource, 'quote'> = {
  title: 'Stop illegal expulsions to El Salvador',
  publisher: 'Amnesty International (UK section page)',
  date: 'April 2025 (action open until 1 July 2025)',
  url: 'https://www.amnesty.org.uk/urgent-actions/stop-illegal-expulsions-el-salvador',
};
const DEPORTATION_WATCH: Omit<ScanSource, 'quote'> = {
  title: 'El Salvador',
  publisher: 'Third Country Deportation Watch',
  date: 'last updated 5 December 2025',
  url: 'https://www.thirdcountrydeportationwatch.org/el-salvador',
};
const UNVEILING: Omit<ScanSource, 'quote' | 'url'> = {
  title: 'Unveiling the Hidden Ordeal of Venezuelan Migrants in El Salvador',
  publisher: 'not stated in the text',
  date: 'after July 2025',
};

const QUOTE_238 =
  'On 16 March 2025, the US government unlawfully expelled 238 individuals to the Centro de Confinamiento Contra el Terrorismo (CECOT), an infamous prison in El Salvador, under the purported authority of the Alien Enemies Act.';
const QUOTE_255 =
  '255 individuals have been illegally removed from the USA to El Salvador and are now being held at the *Centro de Confinamiento Contra el Terrorismo* (CECOT), a prison notorious for its inhumane conditions.';
const QUOTE_NEARLY_300 =
  'In March 2025, the United States disappeared nearly 300 people—238 Venezuelans and 23 Salvadorans—to El Salvador, sending them to the country’s notorious high-security prison, Centro de Confinamiento del Terrorismo (CECOT).';

/** A numeric claim whose page number ("nearly 300") agrees with one sourced figure. */
export function expelledCountMatch(overrides: Partial<ScanMatch> = {}): ScanMatch {
  return {
    text: 'nearly 300 people',
    start: 120,
    end: 137,
    factId: 'expelled-march-2025',
    pack: 'cecot-2025',
    packVersion: '1.0.0',
    kind: 'count',
    claim: 'How many people the US sent to El Salvador’s CECOT in March 2025',
    context:
      'Amnesty International says 238 people were expelled on 16 March 2025 and 17 more on 30 March; Third Country Deportation Watch says nearly 300 people were sent in March 2025.',
    detail:
      'The sources count different groups and dates.\n\nThird Country Deportation Watch counts 238 Venezuelans and 23 Salvadorans.',
    sources: [
      { ...AMNESTY_UK_OUTCOME, quote: QUOTE_238 },
      { ...AMNESTY_UK_ACTION, quote: QUOTE_255 },
      { ...DEPORTATION_WATCH, quote: QUOTE_NEARLY_300 },
    ],
    figures: [
      {
        value: 238,
        unit: 'people',
        qualifier: 'exact',
        date: '2025-03-16',
        source: AMNESTY_UK_OUTCOME.title,
        quote: QUOTE_238,
      },
      {
        value: 255,
        unit: 'people',
        qualifier: 'exact',
        source: AMNESTY_UK_ACTION.title,
        quote: QUOTE_255,
      },
      {
        value: 300,
        unit: 'people',
        qualifier: 'nearly',
        date: '2025-03',
        source: DEPORTATION_WATCH.title,
        quote: QUOTE_NEARLY_300,
      },
    ],
    number: { value: 300, sort: 'count', qualifier: 'nearly', text: 'nearly 300' },
    comparison: 'agrees',
    agreesWith: [2],
    ...overrides,
  };
}

/** A non-numeric claim (a label) from the fourth and fifth seed documents. */
export function gangLabelMatch(overrides: Partial<ScanMatch> = {}): ScanMatch {
  return {
    text: 'Tren de Aragua members',
    start: 10,
    end: 32,
    factId: 'tren-de-aragua-label',
    pack: 'cecot-2025',
    packVersion: '1.0.0',
    kind: 'label',
    claim: 'That the men sent to CECOT were Tren de Aragua members',
    context:
      'Amnesty International says the men were expelled under the allegation that they belong to Tren de Aragua.',
    sources: [
      {
        title: 'Statement by Ana Piquer, Americas director, on the expulsions',
        publisher: 'Amnesty International (Canada section page)',
        date: 'late March 2025 (before 27 March 2025)',
        url: 'https://amnesty.ca/human-rights-news/unlawful-expulsions-usa-el-salvador-endanger-lives',
        quote:
          'In response to the recent unlawful expulsion of 238 Venezuelan nationals from the United States to El Salvador under the allegation that they belong to the criminal group Tren de Aragua',
      },
      {
        ...UNVEILING,
        quote:
          'more than 250 Venezuelan men were deported to a maximum-security prison in El Salvador in early 2025',
      },
    ],
    figures: [],
    comparison: 'not-compared',
    agreesWith: [],
    ...overrides,
  };
}

/** Pack text crafted the way a hostile pack would write it: markup and script addresses. */
export function hostileMatch(): ScanMatch {
  return gangLabelMatch({
    claim: '<img src=x onerror="alert(1)">Claim',
    context: '<script>alert("context")</script>',
    detail: '<b>bold?</b>\n\n<a href="javascript:alert(1)">click</a>',
    sources: [
      {
        title: '<i>Title</i>',
        publisher: '<u>Publisher</u>',
        date: '<em>2025</em>',
        url: 'javascript:alert(document.cookie)',
        quote: '<iframe src="https://example.invalid"></iframe>',
      },
      {
        title: 'Data address',
        publisher: 'P',
        date: 'D',
        url: 'data:text/html,<script>alert(1)</script>',
        quote: 'q',
      },
      {
        title: 'Scheme in capitals with spaces',
        publisher: 'P',
        date: 'D',
        url: '  JaVaScRiPt:alert(1)',
        quote: 'q',
      },
      { title: 'Relative address', publisher: 'P', date: 'D', url: '/etc/passwd', quote: 'q' },
    ],
  });
}

// Resolved from this file with node:path: happy-dom replaces the global URL, which node:fs refuses.
const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../public/_locales');

export function readMessages(lang: 'en' | 'es'): MessagesFile {
  const path = join(LOCALES_DIR, lang, 'messages.json');
  return JSON.parse(readFileSync(path, 'utf8')) as MessagesFile;
}

/** The translator the extension would use for a browser in this language (English fallback). */
export function translatorFor(lang: 'en' | 'es', locale: string = lang): Translate {
  return createTranslate(locale, readMessages(lang), readMessages('en'));
}

/**
 * Like translatorFor, but records in `missing` every key absent from messages.json and every call
 * that leaves a $1…$9 placeholder of its message without a substitution.
 */
export function strictTranslator(lang: 'en' | 'es'): Translate & { missing: string[] } {
  const messages = readMessages(lang);
  const byKey = new Map(Object.entries(messages).map(([key, entry]) => [key.toLowerCase(), entry]));
  const translate = createTranslate(lang, messages);
  const missing: string[] = [];
  const strict = ((key: string, subs?: string[]) => {
    const entry = byKey.get(key.toLowerCase());
    if (!key.startsWith('@@') && entry === undefined) missing.push(key);
    for (const [, digit] of (entry?.message ?? '').matchAll(/\$([1-9])/g)) {
      if (Number(digit) > (subs?.length ?? 0)) missing.push(`${key} $${digit}`);
    }
    return translate(key, subs);
  }) as Translate & { missing: string[] };
  strict.missing = missing;
  return strict;
}

/** An element's text with whitespace collapsed, as a reader sees it. */
export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Gives each test a fresh element in the document to render into, unmounted and removed after
 * the test. Call it at the top of a file or describe block; the returned function reads the
 * current test's element.
 */
export function renderHost(): () => HTMLElement {
  let host: HTMLElement | undefined;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    if (host === undefined) return;
    render(null, host);
    host.remove();
    host = undefined;
  });
  return () => {
    if (host === undefined) throw new Error('renderHost: no test is running');
    return host;
  };
}
