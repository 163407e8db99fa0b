// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableJavaScriptEvaluation":true}}
// A pack with markup and script in every text field is valid (it is text), and every place that
// shows pack text renders it as text: the claim card, the popup's list and the options page, from
// the real path (loadPack → compilePacks → matcher → describer → components). The page's DOM gets
// no element and no attribute from the pack, and no script runs. happy-dom runs scripts here
// (JavaScript evaluation is on for this file), which the first test shows.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { h, render } from 'preact';
import type { ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClaimCard } from '../../components/ClaimCard';
import { OptionsView } from '../../components/OptionsView';
import { PopupView } from '../../components/PopupView';
import { compilePacks } from '../../core/compile';
import { createDescriber } from '../../core/describe';
import type { ScanMatch } from '../../core/describe';
import { createMatcher } from '../../core/matcher';
import type { Pack } from '../../core/pack';
import { MAX_LENGTH } from '../../facts/limits';
import { loadPack } from '../../facts/load';
import { HIGHLIGHT_PALETTE, normalizeHostname } from '../../messaging/settings';
import { translatorFor } from '../dom/ui-fixtures';

// Read with node:path: happy-dom replaces the global URL, which pack-test-helpers.ts relies on.
const VALID_PACK = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/packs/valid.json');
const validPack = () => JSON.parse(readFileSync(VALID_PACK, 'utf8')) as Record<string, unknown>;

/** Set by any payload that runs. */
declare global {
  interface Window {
    __claimlensHostile?: string;
  }
}

// Payloads sized to each field's limit: the longest for titles and longer text, shorter ones for
// dates (100 characters) and units (32).
const PAYLOAD = {
  text:
    `<script>window.__claimlensHostile='script'</script>` +
    `<img src=x onerror="window.__claimlensHostile='img'">` +
    `<a href="javascript:window.__claimlensHostile='a'">a</a>`,
  date: `<script>window.__claimlensHostile='date'</script>`,
  unit: `<img src=x onerror=f()>`,
} as const;

type FieldKind = keyof typeof PAYLOAD;

/** Every free-text field of a pack (not ids, enumerations, languages, dates of publication,
 * addresses or patterns), with how long it may be. Optional fields are filled in. */
function eachTextField(
  pack: Record<string, unknown>,
  visit: (kind: FieldKind, text: string) => string,
) {
  const at = (object: Record<string, unknown>, key: string, kind: FieldKind, fallback: string) => {
    const value = visit(kind, (object[key] as string | undefined) ?? fallback);
    const limit = MAX_LENGTH[key === 'date' ? 'date' : (key as keyof typeof MAX_LENGTH)];
    if (value.length > limit)
      throw new Error(`${key} is ${value.length} characters, over ${limit}`);
    object[key] = value;
  };
  at(pack, 'title', 'text', '');
  at(pack, 'publisher', 'text', '');
  at(pack, 'description', 'text', 'About this pack.');
  for (const source of pack.sources as Record<string, unknown>[]) {
    at(source, 'title', 'text', '');
    at(source, 'publisher', 'text', '');
    at(source, 'date', 'date', '');
    at(source, 'note', 'text', 'A note on the source.');
  }
  for (const fact of pack.facts as Record<string, unknown>[]) {
    at(fact, 'claim', 'text', '');
    at(fact, 'context', 'text', '');
    at(fact, 'detail', 'text', 'Longer detail.');
    for (const citation of fact.citations as Record<string, unknown>[]) {
      at(citation, 'quote', 'text', '');
    }
    for (const figure of (fact.figures ?? []) as Record<string, unknown>[]) {
      at(figure, 'unit', 'unit', '');
      at(figure, 'date', 'date', '');
      at(figure, 'quote', 'text', '');
      at(figure, 'note', 'text', 'A note on the figure.');
    }
  }
  return pack;
}

/** tests/fixtures/packs/valid.json with every text field prefixed: by markup, or by plain words of
 * no meaning (the same pack without the attack, to compare the rendered structure with). */
function packWith(prefix: (kind: FieldKind) => string): Pack {
  const json = JSON.stringify(eachTextField(validPack(), (kind, text) => prefix(kind) + text));
  const loaded = loadPack(json);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.pack;
}

const hostilePack = () => packWith((kind) => PAYLOAD[kind]);
const plainPack = () => packWith(() => 'plain ');

const PAGE_TEXT =
  'On 16 March 2025, 238 individuals were expelled to El Salvador. ' +
  'Officials called them members of the Tren de Aragua.';

function matchesOf(pack: Pack): ScanMatch[] {
  const { spec, errors } = compilePacks([pack]);
  expect(errors).toEqual([]);
  const describe = createDescriber(spec, [pack]);
  return createMatcher(spec)
    .scan(PAGE_TEXT)
    .map((raw) => describe(PAGE_TEXT, raw));
}

let host: HTMLElement;

beforeEach(() => {
  delete window.__claimlensHostile;
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
});

/** The rendered element structure: each element's tag and attribute names, in document order. */
function structure(root: Element): string[] {
  return [...root.querySelectorAll('*')].map(
    (element) =>
      `${element.tagName.toLowerCase()}[${element
        .getAttributeNames()
        .filter((name) => name !== 'id' && !name.startsWith('aria-'))
        .join(',')}]`,
  );
}

/** What no rendering of pack text may contain. */
function expectNothingFromThePack(root: Element): void {
  expect(root.querySelector('script, img, iframe, svg, object, embed, b, i')).toBeNull();
  for (const element of root.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      expect(name.startsWith('on'), `${element.tagName} ${name}`).toBe(false);
      expect(element.getAttribute(name)!.trimStart().toLowerCase()).not.toMatch(
        /^(javascript|data):/,
      );
    }
  }
}

/** Renders `view` for the hostile pack and the plain one; returns the hostile rendering's root. */
function renderBoth(view: (pack: Pack, matches: ScanMatch[]) => ComponentChild) {
  const plain = plainPack();
  act(() => render(view(plain, matchesOf(plain)), host));
  const expected = structure(host);
  act(() => render(null, host));
  const hostile = hostilePack();
  act(() => render(view(hostile, matchesOf(hostile)), host));
  expect(structure(host)).toEqual(expected);
  expectNothingFromThePack(host);
  return host;
}

/** Lets anything that was going to run (scripts, image errors, timers) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a pack with markup in every text field', () => {
  it('(control) this environment does run scripts added to the document', async () => {
    const script = document.createElement('script');
    script.textContent = "window.__claimlensHostile = 'control'";
    document.body.append(script);
    await settle();
    expect(window.__claimlensHostile).toBe('control');
    script.remove();
  });

  it('is accepted as a valid pack, its text unchanged', () => {
    const pack = hostilePack();
    expect(pack.title.startsWith(PAYLOAD.text)).toBe(true);
    expect(pack.facts[0]!.figures![0]!.unit).toBe(`${PAYLOAD.unit}people`);
    expect(matchesOf(pack).map((match) => match.factId)).toEqual([
      'expelled-2025-03-16',
      'tren-de-aragua-label',
    ]);
  });

  it('renders in the claim card as text only, and nothing runs', async () => {
    const claims = ['How many people the United States sent', 'That the men sent to CECOT'];
    for (const [index, claim] of claims.entries()) {
      const root = renderBoth((_pack, matches) =>
        h(ClaimCard, { match: matches[index]!, t: translatorFor('en'), onClose: () => {} }),
      );
      // The reader sees the pack's words, markup included, as written.
      expect(root.textContent).toContain(`${PAYLOAD.text}${claim}`);
      act(() => render(null, host));
    }
    await settle();
    expect(window.__claimlensHostile).toBeUndefined();
  });

  it('renders in the popup’s list, every group expanded, as text only', async () => {
    const root = renderBoth((pack, matches) =>
      h(PopupView, {
        t: translatorFor('en'),
        status: 'ready',
        site: 'news.example',
        matches,
        packs: [{ id: pack.id, title: pack.title, version: pack.version }],
        enabled: true,
        paused: false,
        onReveal: () => {},
        onPausedChange: () => {},
        onEnabledChange: () => {},
        onOpenOptions: () => {},
      }),
    );
    act(() => {
      for (const toggle of root.querySelectorAll<HTMLButtonElement>('.cl-group-toggle'))
        toggle.click();
    });
    expectNothingFromThePack(root);
    expect(root.textContent).toContain(PAYLOAD.text);
    await settle();
    expect(window.__claimlensHostile).toBeUndefined();
  });

  it('renders on the options page (packs table and install message) as text only', async () => {
    const root = renderBoth((pack) => {
      const summary = {
        id: pack.id,
        title: pack.title,
        version: pack.version,
        publisher: pack.publisher,
        published: pack.published,
        languages: pack.languages,
        factCount: pack.facts.length,
        sourceCount: pack.sources.length,
        origin: 'file' as const,
        fileName: `${PAYLOAD.text}.json`,
      };
      return h(OptionsView, {
        t: translatorFor('en'),
        pausedSites: [],
        highlightStyle: 'background',
        highlightColor: 'yellow',
        palette: HIGHLIGHT_PALETTE,
        packs: [summary],
        packProblems: [`${PAYLOAD.text}: ${pack.description}`],
        packMessage: {
          kind: 'install',
          fileName: summary.fileName,
          result: { ok: true, pack: summary, replacedVersion: null, warnings: [pack.title] },
        },
        normalizeSite: normalizeHostname,
        onAddSite: () => {},
        onRemoveSite: () => {},
        onHighlightStyleChange: () => {},
        onHighlightColorChange: () => {},
        onInstallFile: () => {},
        onRemovePack: () => {},
      });
    });
    expect(root.querySelector('.cl-pack-table td')!.textContent).toContain(PAYLOAD.text);
    expect(root.querySelector('[role="status"]')!.textContent).toContain(
      `Installed pack “${PAYLOAD.text}`,
    );
    await settle();
    expect(window.__claimlensHostile).toBeUndefined();
  });
});
