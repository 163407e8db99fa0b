// @vitest-environment happy-dom
// Painting claims: the Custom Highlight API painter (against a stand-in registry, since happy-dom
// has no CSS.highlights; real Chromium is covered by tests/e2e) and the wrapper fallback, which
// must leave the page's DOM exactly as it was once its marks are removed.

import { afterEach, describe, expect, it } from 'vitest';
import type { FactKind } from '../../core/pack';
import {
  ACTIVE_HIGHLIGHT,
  CustomHighlightPainter,
  WRAPPER_ATTRIBUTE,
  WrapperPainter,
  pageHighlightHost,
} from '../../dom/highlights';
import type { HighlightHost, HighlightLike, Paintable } from '../../dom/highlights';
import { rangeOf, readText } from '../../dom/text-index';

class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
}

function fakeHost() {
  const registry = new Map<string, FakeHighlight>();
  const styles: (string | null)[] = [];
  const host: HighlightHost = {
    registry: {
      set: (name, highlight) => registry.set(name, highlight as FakeHighlight),
      delete: (name) => registry.delete(name),
    },
    createHighlight: () => new FakeHighlight(),
    setStyles: (css) => styles.push(css),
  };
  return { host, registry, styles };
}

function build(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((n) => document.importNode(n, true)),
  );
}

/** Claims for each occurrence of `phrases` in the body's text. */
function claimsFor(phrases: [string, FactKind][]): Paintable[] {
  const chunk = readText(document.body);
  return phrases.map(([phrase, kind]) => {
    const start = chunk.text.indexOf(phrase);
    if (start < 0) throw new Error(`"${phrase}" is not in the text`);
    return { range: rangeOf(chunk, start, start + phrase.length)!, kind };
  });
}

afterEach(() => document.body.replaceChildren());

describe('CustomHighlightPainter', () => {
  it('registers one highlight per kind, and styles only once there is a claim', () => {
    build('<p>Officials said <b>238</b> Venezuelans were sent, and $6 million was paid.</p>');
    const { host, registry, styles } = fakeHost();
    const painter = new CustomHighlightPainter(host);
    painter.setStyle('background', 'blue');
    expect(styles).toEqual([]); // a page without claims is left alone
    expect(registry.size).toBe(0);

    const claims = claimsFor([
      ['238 Venezuelans', 'count'],
      ['$6 million', 'money'],
    ]);
    painter.add(claims);
    expect([...registry.keys()].sort()).toEqual(['claimlens-count', 'claimlens-money']);
    expect([...registry.get('claimlens-count')!].map((r) => r.toString())).toEqual([
      '238 Venezuelans',
    ]);
    expect(styles).toHaveLength(1);
    expect(styles[0]).toContain('::highlight(claimlens-count) { background-color: #d3e5ff;');
    expect(styles[0]).toContain(`::highlight(${ACTIVE_HIGHLIGHT})`);

    painter.setStyle('underline', 'pink');
    expect(styles[1]).toContain('text-decoration-line: underline');
    expect(styles[1]).toContain('#b0245f');
    expect(styles[1]).not.toContain('::highlight(claimlens-count) { background-color');
  });

  it('marks the active claim in a highlight painted above the others', () => {
    build('<p>238 Venezuelans were sent; the $6 million payment followed.</p>');
    const { host, registry } = fakeHost();
    const painter = new CustomHighlightPainter(host);
    const [count, money] = claimsFor([
      ['238 Venezuelans', 'count'],
      ['$6 million', 'money'],
    ]);
    painter.add([count!, money!]);
    painter.setActive(money!);
    const active = registry.get(ACTIVE_HIGHLIGHT)!;
    expect(active.priority).toBeGreaterThan(registry.get('claimlens-count')!.priority);
    expect([...active]).toEqual([money!.range]);
    painter.setActive(count!);
    expect([...active]).toEqual([count!.range]);
    painter.setActive(null);
    expect(active.size).toBe(0);
  });

  it('removes claims, and on clear unregisters every highlight and its stylesheet', () => {
    build('<p>238 Venezuelans were sent; the $6 million payment followed.</p>');
    const { host, registry, styles } = fakeHost();
    const painter = new CustomHighlightPainter(host);
    const [count, money] = claimsFor([
      ['238 Venezuelans', 'count'],
      ['$6 million', 'money'],
    ]);
    painter.add([count!, money!]);
    painter.setActive(count!);
    painter.remove([count!]);
    expect(registry.get('claimlens-count')!.size).toBe(0);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.size).toBe(0);
    expect(registry.get('claimlens-money')!.size).toBe(1);
    painter.clear();
    expect(registry.size).toBe(0);
    expect(styles.at(-1)).toBeNull();
  });

  it('is not offered where the page has no CSS.highlights', () => {
    expect('highlights' in (globalThis.CSS ?? {})).toBe(false);
    expect(pageHighlightHost(document)).toBeNull();
  });
});

describe('WrapperPainter (no Custom Highlight API)', () => {
  const ARTICLE =
    '<article><p>On March 16, <b>238</b> Venezuelans were deported to El Salvador, ' +
    'and the U.S. paid El Salvador $6 million.</p><p>Nothing here.</p></article>';

  it('wraps each claim in marks, across inline markup', () => {
    build(ARTICLE);
    const painter = new WrapperPainter(document);
    const claims = claimsFor([
      ['238 Venezuelans were deported to El Salvador', 'count'],
      ['paid El Salvador $6 million', 'money'],
    ]);
    painter.add(claims);
    const marks = [...document.querySelectorAll(`mark[${WRAPPER_ATTRIBUTE}]`)];
    expect(marks.map((mark) => mark.textContent)).toEqual([
      '238',
      ' Venezuelans were deported to El Salvador',
      'paid El Salvador $6 million',
    ]);
    expect(marks.map((mark) => mark.getAttribute(WRAPPER_ATTRIBUTE))).toEqual([
      'count',
      'count',
      'money',
    ]);
    expect(painter.claimAtElement!(marks[1]!)).toBe(claims[0]);
    expect(painter.claimAtElement!(marks[2]!)).toBe(claims[1]);
    expect(painter.claimAtElement!(document.querySelector('p:last-child')!)).toBeUndefined();
    // The page's text is unchanged.
    expect(document.body.textContent).toBe(
      new DOMParser().parseFromString(ARTICLE, 'text/html').body.textContent,
    );
  });

  it('leaves the DOM exactly as it was once the marks are removed, in any order', () => {
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      build(ARTICLE);
      const before = document.body.innerHTML;
      const nodesBefore = [...document.querySelectorAll('p')].map((p) => p.childNodes.length);
      const painter = new WrapperPainter(document);
      const claims = claimsFor([
        ['238 Venezuelans were deported to El Salvador', 'count'],
        ['paid El Salvador $6 million', 'money'],
      ]);
      painter.add(claims);
      expect(document.body.innerHTML).not.toBe(before);
      for (const index of order) painter.remove([claims[index]!]);
      expect(document.body.innerHTML).toBe(before);
      // Split text nodes are merged back: the same number of nodes as before.
      expect([...document.querySelectorAll('p')].map((p) => p.childNodes.length)).toEqual(
        nodesBefore,
      );
    }
  });

  it('restyles marks for the active claim, the style and the colour, and clears them all', () => {
    build(ARTICLE);
    const painter = new WrapperPainter(document);
    const claims = claimsFor([['paid El Salvador $6 million', 'money']]);
    painter.add(claims);
    const mark = document.querySelector<HTMLElement>(`mark[${WRAPPER_ATTRIBUTE}]`)!;
    expect(mark.style.backgroundColor).not.toBe('');
    painter.setActive(claims[0]!);
    const activeBackground = mark.style.backgroundColor;
    painter.setActive(null);
    expect(mark.style.backgroundColor).not.toBe(activeBackground);
    painter.setStyle('underline', 'green');
    expect(mark.style.textDecoration).toContain('underline');
    painter.clear();
    expect(document.querySelector(`mark[${WRAPPER_ATTRIBUTE}]`)).toBeNull();
  });
});
