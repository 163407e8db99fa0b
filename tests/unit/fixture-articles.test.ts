// The bundled pack over the test articles (tests/fixtures/articles/): each article gives exactly
// the claims its entry in expected.json lists (text, fact, comparison) and nothing else. Runs the
// scan command's own functions in-process, so it is the same engine as `npm run scan`.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeDocument, isHtmlFileName } from '../../cli/extract-html';
import { BUNDLED_PACK_PATH, createEngine, documentText } from '../../cli/scan';
import { loadPack } from '../../facts/load';

interface Expected {
  text: string;
  factId: string;
  comparison: string;
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const articlesDir = path.join(repo, 'tests/fixtures/articles');
const expected = JSON.parse(
  readFileSync(path.join(articlesDir, 'expected.json'), 'utf8'),
) as Record<string, Expected[]>;

const loaded = loadPack(readFileSync(BUNDLED_PACK_PATH, 'utf8'));
if (!loaded.ok) throw new Error(`the bundled pack is invalid: ${JSON.stringify(loaded.errors)}`);
const { engine, errors } = createEngine([loaded.pack]);

const byPosition = (a: Expected, b: Expected) =>
  a.text.localeCompare(b.text) ||
  a.factId.localeCompare(b.factId) ||
  a.comparison.localeCompare(b.comparison);

function scanArticle(file: string) {
  const html = isHtmlFileName(file);
  const content = decodeDocument(readFileSync(path.join(articlesDir, file)), html);
  if (content === null) throw new Error(`${file} is not text`);
  const text = documentText(content, html);
  return { text, matches: engine.scanText(text) };
}

describe('test articles', () => {
  it('the bundled pack compiles without errors', () => {
    expect(errors).toEqual([]);
  });

  it('every article in the folder has its expected matches listed, and only those exist', () => {
    const articles = readdirSync(articlesDir).filter((name) => /\.(html?|txt)$/i.test(name));
    expect(Object.keys(expected).sort()).toEqual(articles.sort());
  });

  describe.each(Object.keys(expected).sort())('%s', (file) => {
    const { text, matches } = scanArticle(file);

    it('finds exactly the expected claims', () => {
      const found = matches.map(({ text, factId, comparison }) => ({ text, factId, comparison }));
      expect(found.sort(byPosition)).toEqual([...expected[file]!].sort(byPosition));
    });

    it('gives every claim its exact offsets, context and a quoted source', () => {
      for (const match of matches) {
        expect(text.slice(match.start, match.end)).toBe(match.text);
        expect(match.context.trim()).not.toBe('');
        expect(match.sources.length).toBeGreaterThan(0);
        for (const source of match.sources) expect(source.quote.trim()).not.toBe('');
      }
    });
  });
});
