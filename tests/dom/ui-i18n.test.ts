import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createBrowserTranslate,
  createTranslate,
  formatMessage,
  uiLocale,
  type MessagesFile,
} from '../../ui/i18n';
import { readMessages } from './ui-fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where interface strings are used: every key these files use must exist in both languages. */
const UI_SOURCE_DIRS = ['components', 'entrypoints/popup', 'entrypoints/options', 'ui'];
/** The content script names its few keys only in t('…') calls; its other snake_case literals are
 * browser constants such as 'document_idle'. */
const CONTENT_SCRIPT_DIRS = ['entrypoints/content'];
/** Keys used by the manifest (wxt.config.ts: name "__MSG_extName__", description "__MSG_extDescription__"). */
const MANIFEST_KEYS = ['extName', 'extDescription'];

function sourceFiles(dir: string): string[] {
  const absolute = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(absolute);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(absolute, entry);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return /\.(tsx?|html)$/.test(entry) ? [path] : [];
  });
}

/**
 * Keys the UI uses: the first argument of every t('…') call, and every snake_case string literal
 * (how message keys are written where they are chosen at run time, e.g. in a Record of keys).
 */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of UI_SOURCE_DIRS.flatMap(sourceFiles)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(match[1]!, file);
    for (const match of source.matchAll(/'([a-z]+(?:_[a-z0-9]+)+)'/g)) used.set(match[1]!, file);
  }
  for (const file of CONTENT_SCRIPT_DIRS.flatMap(sourceFiles)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(match[1]!, file);
  }
  return used;
}

const en = readMessages('en');
const es = readMessages('es');

describe('messages.json files', () => {
  it('have exactly the same keys in English and Spanish', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('contain every key the components and entrypoints use', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter(([key]) => !key.startsWith('@@') && !(key in en));
    expect(missing).toEqual([]);
  });

  it('contain no key that nothing uses', () => {
    const used = usedKeys();
    const unused = Object.keys(en).filter((key) => !used.has(key) && !MANIFEST_KEYS.includes(key));
    expect(unused).toEqual([]);
  });

  it('use only key names browsers accept, and a message string for each', () => {
    for (const messages of [en, es]) {
      for (const [key, entry] of Object.entries(messages)) {
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(typeof entry.message).toBe('string');
        expect(entry.message.trim()).not.toBe('');
      }
    }
  });

  it('describe every English message for translators', () => {
    for (const [key, entry] of Object.entries(en)) {
      expect(entry.description, key).toBeTruthy();
    }
  });

  it('use the same substitutions in both languages', () => {
    const substitutions = (message: string) => [...message.matchAll(/\$[1-9]/g)].map(String).sort();
    for (const key of Object.keys(en)) {
      expect(substitutions(es[key]!.message), key).toEqual(substitutions(en[key]!.message));
    }
  });

  it('are really translated: Spanish differs from English wherever there are words', () => {
    const sameOnPurpose = new Set(['extName']);
    const untranslated = Object.keys(en).filter(
      (key) =>
        /[A-Za-z]{2}/.test(en[key]!.message.replace(/\$[1-9]/g, '')) &&
        !sameOnPurpose.has(key) &&
        es[key]!.message === en[key]!.message,
    );
    expect(untranslated).toEqual([]);
    // Spanish punctuation and accents are present, not stripped.
    const allSpanish = Object.values(es)
      .map((entry) => entry.message)
      .join(' ');
    expect(allSpanish).toMatch(/[áéíóúñ]/);
    expect(allSpanish).toContain('«');
  });

  it('fit the browser’s limits for the extension’s name and description', () => {
    for (const messages of [en, es]) {
      expect(messages.extName!.message.length).toBeLessThanOrEqual(45);
      expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('formatMessage', () => {
  it('fills $1…$9 and turns $$ into $', () => {
    expect(formatMessage({ message: 'Pause on $1' }, ['news.example'])).toBe(
      'Pause on news.example',
    );
    expect(formatMessage({ message: '$2, then $1, costs $$5' }, ['a', 'b'])).toBe(
      'b, then a, costs $5',
    );
    expect(formatMessage({ message: 'missing: [$1]' })).toBe('missing: []');
  });

  it('inlines named placeholders case-insensitively, then fills them', () => {
    const entry = {
      message: 'The page says “$NUMBER$” on $Site$',
      placeholders: { number: { content: '$1' }, site: { content: '$2' } },
    };
    expect(formatMessage(entry, ['nearly 300', 'news.example'])).toBe(
      'The page says “nearly 300” on news.example',
    );
  });

  it('does not substitute inside the substituted text', () => {
    // A page's words can contain "$1"; they must come out as written.
    expect(formatMessage({ message: '“$1” and $2' }, ['$2 million', 'x'])).toBe(
      '“$2 million” and x',
    );
  });
});

describe('translators', () => {
  const messages: MessagesFile = { greeting: { message: 'Hola $1' } };

  it('falls back to the default language, then to the key itself', () => {
    const t = createTranslate('es', messages, {
      greeting: { message: 'Hi $1' },
      bye: { message: 'Bye' },
    });
    expect(t('greeting', ['Ana'])).toBe('Hola Ana');
    expect(t('bye')).toBe('Bye');
    expect(t('nothing_here')).toBe('nothing_here');
    expect(t('GREETING', ['Ana'])).toBe('Hola Ana');
  });

  it('writes dates and numbers for the language the strings are in, with the browser’s region', () => {
    expect(uiLocale(createTranslate('es_419', es))).toBe('es-419');
    expect(uiLocale(createTranslate('en_GB', en))).toBe('en-GB');
    expect(uiLocale(createTranslate('es', es))).toBe('es');
    // A French browser gets the English strings (the default locale), so English dates too.
    expect(uiLocale(createTranslate('fr_FR', en))).toBe('en');
    expect(uiLocale(createTranslate('not a locale!', en))).toBe('en');
  });

  it('over the browser API, passes substitutions and shows a missing key instead of nothing', () => {
    const calls: unknown[][] = [];
    const t = createBrowserTranslate((key, subs) => {
      calls.push([key, subs]);
      return key === 'known' ? 'Known text' : '';
    });
    expect(t('known', ['a'])).toBe('Known text');
    expect(t('unknown')).toBe('unknown');
    expect(calls).toEqual([
      ['known', ['a']],
      ['unknown', undefined],
    ]);
  });
});
