// The pack's shape rules and per-field limits, as a newsroom editor sees them: every error names
// the bad field's path and says what was expected and what was found.

import { describe, expect, it } from 'vitest';
import { loadPack } from '../../facts/load';
import { MAX_ITEMS, MAX_LENGTH, MAX_REPORTED_ERRORS } from '../../facts/limits';
import { edit, errorsOf, remove, validPack } from './pack-test-helpers';

const QUALIFIER_LIST =
  'exact, about, nearly, at-least, more-than, at-most, fewer-than, hundreds, thousands, dozens';
const KIND_LIST = 'count, money, label, law, court, place, person, event';

describe('a valid pack', () => {
  it('loads as exactly the data it was given, with no warnings', () => {
    const result = loadPack(validPack());
    expect(result).toEqual({ ok: true, pack: validPack(), warnings: [] });
  });
});

describe('pack fields', () => {
  it('needs schemaVersion 1 as a number', () => {
    expect(errorsOf(edit(validPack(), ['schemaVersion'], '1'))).toEqual([
      'schemaVersion: expected 1, got "1"',
    ]);
    expect(errorsOf(remove(validPack(), ['schemaVersion']))).toEqual([
      'schemaVersion: expected 1, but the field is missing',
    ]);
  });

  it('needs a lowercase slug id of at most 64 characters', () => {
    expect(errorsOf(edit(validPack(), ['id'], 'CECOT 2025'))).toEqual([
      'id: must be a lowercase id: a letter or digit, then letters, digits, ".", "_" or "-", got "CECOT 2025"',
    ]);
    expect(errorsOf(edit(validPack(), ['id'], '-cecot'))).toHaveLength(1);
    expect(errorsOf(edit(validPack(), ['id'], 'a'.repeat(65)))).toEqual([
      'id: too long: 65 characters, at most 64 allowed',
    ]);
    expect(errorsOf(edit(validPack(), ['id'], `0.news_room-${'a'.repeat(52)}`))).toEqual([]);
  });

  it('needs a semantic version written without a prefix', () => {
    for (const good of ['1.0.0', '0.1.0', '2.10.3-beta.1', '1.0.0+build.5']) {
      expect(errorsOf(edit(validPack(), ['version'], good))).toEqual([]);
    }
    for (const bad of ['1.0', 'v1.0.0', '=1.0.0', '1.0.0.0', '01.0.0', ' 1.0.0', '1.0.0 ']) {
      expect(errorsOf(edit(validPack(), ['version'], bad))).toEqual([
        `version: must be a semantic version such as "1.0.0", got ${JSON.stringify(bad)}`,
      ]);
    }
  });

  it('needs languages as 2- or 3-letter lowercase primary tags, at least one', () => {
    expect(errorsOf(edit(validPack(), ['languages'], ['en', 'EN', 'en-US']))).toEqual([
      'languages[1]: must be a BCP 47 primary language tag of 2 or 3 lowercase letters such as "en", got "EN"',
      'languages[2]: must be a BCP 47 primary language tag of 2 or 3 lowercase letters such as "en", got "en-US"',
    ]);
    expect(errorsOf(edit(validPack(), ['languages'], ['en', 'es', 'ast']))).toEqual([]);
    expect(errorsOf(edit(validPack(), ['languages'], []))).toEqual([
      'languages: must have at least 1 item',
    ]);
  });

  it('needs published as a real date written YYYY-MM-DD', () => {
    expect(errorsOf(edit(validPack(), ['published'], '2024-02-29'))).toEqual([]);
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-3-16',
      '16/03/2025',
      '2025-03-16T00:00:00Z',
    ]) {
      expect(errorsOf(edit(validPack(), ['published'], bad))).toEqual([
        `published: must be a real date written YYYY-MM-DD, got ${JSON.stringify(bad)}`,
      ]);
    }
  });

  it('refuses empty or blank required text', () => {
    expect(errorsOf(edit(validPack(), ['title'], ''))).toEqual(['title: must not be empty']);
    expect(errorsOf(edit(validPack(), ['publisher'], ' \n\t'))).toEqual([
      'publisher: must not be empty',
    ]);
  });

  it('needs at least one source and one fact', () => {
    expect(errorsOf(edit(edit(validPack(), ['sources'], []), ['facts'], []))).toEqual([
      'sources: must have at least 1 item',
      'facts: must have at least 1 item',
    ]);
  });

  it('says what it expected when the pack is not an object', () => {
    expect(errorsOf([])).toEqual(['(pack): expected an object, got array']);
    expect(errorsOf(null)).toEqual(['(pack): expected an object, got null']);
    expect(errorsOf('"a pack"')).toEqual(['(pack): expected an object, got string']);
  });
});

describe('sources', () => {
  it('keep the date as the source words it, but not empty', () => {
    expect(
      errorsOf(edit(validPack(), ['sources', 0, 'date'], 'late March 2025 (before 27 March 2025)')),
    ).toEqual([]);
    expect(errorsOf(edit(validPack(), ['sources', 0, 'date'], ''))).toEqual([
      'sources[0].date: must not be empty',
    ]);
  });

  it('may leave out the url', () => {
    expect(errorsOf(remove(validPack(), ['sources', 2, 'url']))).toEqual([]);
  });

  it('accept only https: and http: addresses', () => {
    expect(errorsOf(edit(validPack(), ['sources', 0, 'url'], 'http://example.org/report'))).toEqual(
      [],
    );
    const refused: [string, string][] = [
      [
        'javascript:alert(1)',
        'only https: and http: addresses are allowed, got a javascript: address',
      ],
      [
        'JavaScript:alert(1)',
        'only https: and http: addresses are allowed, got a javascript: address',
      ],
      [
        'data:text/html,<script>alert(1)</script>',
        'only https: and http: addresses are allowed, got a data: address',
      ],
      ['file:///etc/passwd', 'only https: and http: addresses are allowed, got a file: address'],
      ['ftp://example.org/x', 'only https: and http: addresses are allowed, got a ftp: address'],
      [
        'www.example.org/report',
        'must be a full https: or http: address, got "www.example.org/report"',
      ],
      ['/relative/path', 'must be a full https: or http: address, got "/relative/path"'],
      ['https://news.example@evil.example/', 'must not contain a user name or password'],
    ];
    for (const [url, message] of refused) {
      expect(errorsOf(edit(validPack(), ['sources', 1, 'url'], url))).toEqual([
        `sources[1].url: ${message}`,
      ]);
    }
  });
});

describe('facts', () => {
  it('need a kind from the list, and say which kinds there are', () => {
    expect(errorsOf(edit(validPack(), ['facts', 1, 'kind'], 'gang'))).toEqual([
      `facts[1].kind: expected one of ${KIND_LIST}, got "gang"`,
    ]);
  });

  it('need at least one citation and one matcher', () => {
    const pack = edit(
      edit(validPack(), ['facts', 0, 'citations'], []),
      ['facts', 1, 'matchers'],
      [],
    );
    expect(errorsOf(pack)).toEqual([
      'facts[0].citations: must have at least 1 item',
      'facts[1].matchers: must have at least 1 item',
    ]);
  });

  it('may leave out figures and detail', () => {
    expect(errorsOf(remove(validPack(), ['facts', 0, 'figures']))).toEqual([]);
    expect(errorsOf(edit(validPack(), ['facts', 0, 'detail'], 'Longer text.'))).toEqual([]);
  });

  it('say when a required field is missing', () => {
    expect(errorsOf(remove(validPack(), ['facts', 1, 'claim']))).toEqual([
      'facts[1].claim: expected a string, but the field is missing',
    ]);
  });
});

describe('figures', () => {
  it('need a number value, naming the type that was given', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 1, 'value'], '238'))).toEqual([
      'facts[0].figures[1].value: expected a number, got string',
    ]);
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'value'], null))).toEqual([
      'facts[0].figures[0].value: expected a number, got null',
    ]);
  });

  it('need a finite value (a parsed value can hold what JSON cannot)', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'value'], Infinity))).toEqual([
      'facts[0].figures[0].value: expected a finite number, got Infinity',
    ]);
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'value'], NaN))).toEqual([
      'facts[0].figures[0].value: expected a finite number, got NaN',
    ]);
  });

  it('need a qualifier from the list, and say which there are', () => {
    expect(
      errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'qualifier'], 'approximately')),
    ).toEqual([
      `facts[0].figures[0].qualifier: expected one of ${QUALIFIER_LIST}, got "approximately"`,
    ]);
  });

  it('need a unit', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'unit'], ''))).toEqual([
      'facts[0].figures[0].unit: must not be empty',
    ]);
  });
});

describe('unknown keys', () => {
  it('are refused by name, with the likely intended key', () => {
    const pack = validPack();
    pack['titel'] = 'ClaimLens test pack';
    edit(pack, ['facts', 1, 'citation'], []);
    edit(pack, ['sources', 0, 'URL'], 'https://example.org/');
    expect(errorsOf(pack)).toEqual([
      'sources[0].URL: unknown key (did you mean "url"?)',
      'facts[1].citation: unknown key (did you mean "citations"?)',
      'titel: unknown key (did you mean "title"?)',
    ]);
  });

  it('list the allowed keys when nothing is close', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'figures', 0, 'confidence'], 0.9))).toEqual([
      'facts[0].figures[0].confidence: unknown key (allowed here: value, unit, qualifier, date, source, quote, note)',
    ]);
  });

  it('are quoted in the path when they are not plain names', () => {
    expect(errorsOf(edit(validPack(), ['facts', 0, 'my key'], 1))).toEqual([
      'facts[0]["my key"]: unknown key (allowed here: id, kind, claim, context, detail, citations, figures, matchers)',
    ]);
  });
});

describe('text limits per field', () => {
  const cases: [string, (string | number)[], number][] = [
    ['pack id', ['id'], MAX_LENGTH.id],
    ['pack title', ['title'], MAX_LENGTH.title],
    ['pack description', ['description'], MAX_LENGTH.description],
    ['source id', ['sources', 2, 'id'], MAX_LENGTH.id],
    ['source title', ['sources', 0, 'title'], MAX_LENGTH.title],
    ['source publisher', ['sources', 0, 'publisher'], MAX_LENGTH.publisher],
    ['source date', ['sources', 0, 'date'], MAX_LENGTH.date],
    ['source note', ['sources', 0, 'note'], MAX_LENGTH.note],
    ['fact id', ['facts', 1, 'id'], MAX_LENGTH.id],
    ['claim', ['facts', 1, 'claim'], MAX_LENGTH.claim],
    ['context', ['facts', 1, 'context'], MAX_LENGTH.context],
    ['detail', ['facts', 1, 'detail'], MAX_LENGTH.detail],
    ['citation quote', ['facts', 1, 'citations', 0, 'quote'], MAX_LENGTH.quote],
    ['figure quote', ['facts', 0, 'figures', 0, 'quote'], MAX_LENGTH.quote],
    ['figure unit', ['facts', 0, 'figures', 0, 'unit'], MAX_LENGTH.unit],
    ['figure date', ['facts', 0, 'figures', 0, 'date'], MAX_LENGTH.date],
  ];
  it.each(cases)('%s: accepts the limit, refuses one character more', (_name, path, limit) => {
    // Renaming a source leaves its citations dangling: that cross-field error is tested elsewhere.
    const atLimit = 'a'.repeat(limit);
    expect(
      errorsOf(edit(validPack(), path, atLimit)).filter((e) => !e.includes('no source')),
    ).toEqual([]);
    expect(errorsOf(edit(validPack(), path, `${atLimit}a`))).toEqual([
      `${pathText(path)}: too long: ${limit + 1} characters, at most ${limit} allowed`,
    ]);
  });

  it('matcher pattern: refuses one character over the limit', () => {
    const pattern = `tren de aragua ${'x'.repeat(MAX_LENGTH.pattern)}`;
    expect(errorsOf(edit(validPack(), ['facts', 1, 'matchers', 1, 'pattern'], pattern))).toEqual([
      `facts[1].matchers[1].pattern: too long: ${pattern.length} characters, at most ${MAX_LENGTH.pattern} allowed`,
    ]);
  });

  it('url: accepts the limit, refuses one character more', () => {
    const base = 'https://example.org/';
    const atLimit = base + 'a'.repeat(MAX_LENGTH.url - base.length);
    expect(errorsOf(edit(validPack(), ['sources', 0, 'url'], atLimit))).toEqual([]);
    expect(errorsOf(edit(validPack(), ['sources', 0, 'url'], `${atLimit}a`))).toEqual([
      `sources[0].url: too long: ${MAX_LENGTH.url + 1} characters, at most ${MAX_LENGTH.url} allowed`,
    ]);
  });
});

function pathText(path: (string | number)[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

describe('count limits', () => {
  it('matchers per fact: accepts 32, refuses 33', () => {
    const matcher = { lang: 'en', pattern: 'tren de aragua members' };
    const atLimit = Array.from({ length: MAX_ITEMS.matchers }, () => ({ ...matcher }));
    expect(errorsOf(edit(validPack(), ['facts', 1, 'matchers'], atLimit))).toEqual([]);
    expect(errorsOf(edit(validPack(), ['facts', 1, 'matchers'], [...atLimit, matcher]))).toEqual([
      'facts[1].matchers: too many items: 33 items, at most 32 allowed',
    ]);
  });

  it('citations and figures per fact: refuses one over the limit', () => {
    const pack = validPack();
    const citation = { source: 'amnesty-uk-stop', quote: 'a quote' };
    const figure = {
      value: 1,
      unit: 'people',
      qualifier: 'exact',
      source: 'amnesty-uk-stop',
      quote: '1',
    };
    edit(pack, ['facts', 1, 'citations'], Array(MAX_ITEMS.citations + 1).fill(citation));
    edit(pack, ['facts', 1, 'figures'], Array(MAX_ITEMS.figures + 1).fill(figure));
    expect(errorsOf(pack)).toEqual([
      `facts[1].citations: too many items: ${MAX_ITEMS.citations + 1} items, at most ${MAX_ITEMS.citations} allowed`,
      `facts[1].figures: too many items: ${MAX_ITEMS.figures + 1} items, at most ${MAX_ITEMS.figures} allowed`,
    ]);
  });

  it('languages, sources and facts: refuses one over the limit, before reading the items', () => {
    const pack = validPack();
    edit(pack, ['languages'], Array(MAX_ITEMS.languages + 1).fill('en'));
    // Items that are not even objects: only the count is reported, not 20,001 type errors.
    edit(pack, ['sources'], Array(MAX_ITEMS.sources + 1).fill(0));
    edit(pack, ['facts'], Array(MAX_ITEMS.facts + 1).fill(0));
    expect(errorsOf(pack)).toEqual([
      `languages: too many items: ${MAX_ITEMS.languages + 1} items, at most ${MAX_ITEMS.languages} allowed`,
      `sources: too many items: ${MAX_ITEMS.sources + 1} items, at most ${MAX_ITEMS.sources} allowed`,
      `facts: too many items: ${MAX_ITEMS.facts + 1} items, at most ${MAX_ITEMS.facts} allowed`,
    ]);
  });
});

describe('several errors at once', () => {
  it('are all reported, in document order, each with its path', () => {
    const pack = validPack();
    edit(pack, ['version'], '1');
    edit(pack, ['sources', 0, 'url'], 'javascript:alert(1)');
    edit(pack, ['facts', 0, 'figures', 0, 'value'], '238');
    edit(pack, ['facts', 0, 'figures', 1, 'qualifier'], 'roughly');
    edit(pack, ['facts', 1, 'kind'], 'gang');
    remove(pack, ['facts', 1, 'context']);
    expect(errorsOf(pack)).toEqual([
      'version: must be a semantic version such as "1.0.0", got "1"',
      'sources[0].url: only https: and http: addresses are allowed, got a javascript: address',
      'facts[0].figures[0].value: expected a number, got string',
      `facts[0].figures[1].qualifier: expected one of ${QUALIFIER_LIST}, got "roughly"`,
      `facts[1].kind: expected one of ${KIND_LIST}, got "gang"`,
      'facts[1].context: expected a string, but the field is missing',
    ]);
  });

  it(`stop at ${MAX_REPORTED_ERRORS}, then count the rest`, () => {
    const pack = validPack();
    const badFigure = {
      value: 'many',
      unit: 'people',
      qualifier: 'exact',
      source: 'amnesty-uk-stop',
      quote: 'q',
    };
    // 20 facts × 7 errors each (6 figure values, 1 claim) = 140 errors.
    const fact = (validPack()['facts'] as Record<string, unknown>[])[1] as Record<string, unknown>;
    const facts = Array.from({ length: 20 }, (_, i) => ({
      ...fact,
      id: `fact-${i}`,
      claim: 7,
      figures: Array(6).fill(badFigure),
    }));
    edit(pack, ['facts'], facts);
    const errors = errorsOf(pack);
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]).toBe('facts[0].claim: expected a string, got number');
    expect(errors[1]).toBe('facts[0].figures[0].value: expected a number, got string');
    expect(errors[MAX_REPORTED_ERRORS]).toBe('(pack): and 40 more errors');
  });
});
