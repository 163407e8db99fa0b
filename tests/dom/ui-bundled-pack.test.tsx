// @vitest-environment happy-dom
// Every fact of the bundled pack, described by core/describe.ts exactly as the extension describes a
// match, renders as a complete card in English and in Spanish.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ClaimCard } from '../../components/ClaimCard';
import { ClaimList } from '../../components/ClaimList';
import { createDescriber, type ScanMatch } from '../../core/describe';
import type { Pack } from '../../core/pack';
import type { FactRef } from '../../core/types';
import { loadPack } from '../../facts/load';
import { strictTranslator, text, renderHost } from './ui-fixtures';

function bundledPack(): Pack {
  const path = join(dirname(fileURLToPath(import.meta.url)), '../../facts/packs/cecot-2025.json');
  const text = readFileSync(path, 'utf8');
  const loaded = loadPack(text);
  if (!loaded.ok) throw new Error(`bundled pack does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.pack;
}

/** One description per fact, as if the page had matched each fact once (no number on the page). */
function describeEveryFact(pack: Pack): ScanMatch[] {
  const facts: FactRef[] = pack.facts.map((fact) => ({
    pack: pack.id,
    packVersion: pack.version,
    id: fact.id,
    kind: fact.kind,
    figures: (fact.figures ?? []).map(({ value, unit, qualifier }) => ({ value, unit, qualifier })),
  }));
  const describeMatch = createDescriber({ facts }, [pack]);
  const text = 'page text';
  return facts.map((_, index) =>
    describeMatch(text, {
      start: 0,
      end: 4,
      fact: index,
      comparison: { comparison: 'not-compared', agreesWith: [] },
    }),
  );
}

const host = renderHost();

describe('the bundled pack in the UI', () => {
  const pack = bundledPack();
  const matches = describeEveryFact(pack);

  it('has facts to show', () => {
    expect(matches.length).toBe(pack.facts.length);
    expect(matches.length).toBeGreaterThan(0);
  });

  for (const lang of ['en', 'es'] as const) {
    it(`renders every fact's card completely (${lang})`, () => {
      const t = strictTranslator(lang);
      for (const match of matches) {
        act(() => {
          render(<ClaimCard match={match} t={t} onClose={() => {}} />, host());
        });
        const card = host().querySelector('[role="dialog"]')!;
        const shown = text(card);
        expect(shown, match.factId).toContain(match.claim);
        expect(shown, match.factId).toContain(match.context);
        // What the UI writes itself never shows a missing value (unfilled $1…$9 placeholders are
        // caught by the strict translator).
        const written = card.querySelectorAll(
          '.cl-kind, .cl-figure-value, .cl-figure-attribution, .cl-section-heading, .cl-pack',
        );
        for (const element of written) {
          expect(text(element), match.factId).not.toMatch(
            /\bNaN\b|\bundefined\b|\bnull\b|\bInfinity\b|^$/,
          );
        }

        const sources = card.querySelectorAll('.cl-source');
        expect(sources, match.factId).toHaveLength(match.sources.length);
        match.sources.forEach((source, index) => {
          const item = sources[index]!;
          expect(item.querySelector('blockquote')?.textContent).toBe(source.quote);
          const link = item.querySelector('a');
          if (source.url === undefined) expect(link).toBeNull();
          else expect(link?.getAttribute('href')).toBe(source.url);
        });

        const figures = card.querySelectorAll('.cl-figure');
        expect(figures, match.factId).toHaveLength(match.figures.length);
        match.figures.forEach((figure, index) => {
          expect(text(figures[index]), match.factId).toContain(figure.source);
        });
        expect(card.querySelectorAll('details').length).toBe(match.detail === undefined ? 0 : 1);
      }
      expect(t.missing).toEqual([]);
    });
  }

  it('groups the whole pack into one popup entry per fact', () => {
    const t = strictTranslator('en');
    act(() => {
      render(<ClaimList matches={matches} t={t} onReveal={() => {}} />, host());
    });
    expect(host().querySelectorAll('.cl-group')).toHaveLength(pack.facts.length);
    for (const toggle of host().querySelectorAll<HTMLButtonElement>('.cl-group-toggle')) {
      act(() => toggle.click());
    }
    expect(host().querySelectorAll('.cl-group-body:not([hidden])')).toHaveLength(pack.facts.length);
    expect(t.missing).toEqual([]);
  });
});
