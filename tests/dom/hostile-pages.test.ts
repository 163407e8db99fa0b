// @vitest-environment happy-dom
// What the hostile pages in real Chromium (tests/e2e/hostile-pages.test.ts) found, fixed and pinned
// down here: a text node of hundreds of thousands of characters read in portions without losing or
// doubling a claim across a cut; editable regions decided by markup; text in shadow roots (open,
// nested, slotted, closed through the caller, added later) read in reading order; highlights and
// their stylesheet put back after a page script removed them; the stylesheet adopted once a scan
// settles.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../cli/extract-html';
import type { MatcherSpec } from '../../core/compile';
import type { RawMatch } from '../../core/types';
import { ACTIVE_HIGHLIGHT, CustomHighlightPainter } from '../../dom/highlights';
import type { HighlightHost, HighlightLike, Paintable, Painter } from '../../dom/highlights';
import { BATCH_DELAY_MS, Scanner } from '../../dom/scanner';
import type { Claim } from '../../dom/scanner';
import { RecordingPainter, bundledScanner, compileBundled, observed } from './bundled-scan';
import { ManualScheduler } from './manual-scheduler';
import { TEXT_OVERLAP, TEXT_PORTION, TextWalker, rangeOf, readText } from '../../dom/text-index';
import type { TextChunk } from '../../dom/text-index';

let spec: MatcherSpec;
let scan: (text: string) => RawMatch[];

beforeAll(() => {
  ({ spec, scan } = compileBundled());
});

afterEach(() => {
  document.body.replaceChildren();
  document.designMode = 'off';
});

const CLAIM = '238 Venezuelans were deported to El Salvador';
const FILLER = 'The committee heard routine testimony about procedure and scheduling. ';

/** Replaces the children of `target` with the nodes of `markup` (parsed, never assigned as HTML). */
function fill(target: Element | ShadowRoot, markup: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  target.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
}

function startScanner(
  options: {
    tick?: number;
    painter?: Painter;
    shadowRootOf?: (element: Element) => ShadowRoot | null;
  } = {},
) {
  const scheduler = new ManualScheduler(options.tick ?? 0);
  const recording = new RecordingPainter();
  let settled = 0;
  const scanner = bundledScanner(
    { spec, scan },
    {
      painter: options.painter ?? recording,
      scheduler,
      shadowRootOf: options.shadowRootOf,
      onSettled: () => settled++,
    },
  );
  scanner.start();
  return { scanner, scheduler, painted: recording.painted, settled: () => settled };
}

let running: Scanner | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

const textsOf = (claims: readonly Claim[]) =>
  claims.map((claim) => claim.range.toString().replace(/\s+/g, ' '));

/** Filler with CLAIM every `every` characters or so, `length` characters in all. */
function longText(length: number, every: number): string {
  let text = '';
  let next = every;
  while (text.length < length) {
    if (text.length >= next) {
      text += `Records show ${CLAIM}. `;
      next += every;
    } else {
      text += FILLER;
    }
  }
  return text;
}

// -------------------------------------------------------------------------------------------------

describe('a text node longer than a portion', () => {
  it('reads as the command line reads it, flowing and preformatted', () => {
    const flowing = longText(3 * TEXT_PORTION, 5000).replace(/\. /g, '.\n  ');
    const preformatted = flowing.replace(/\n {2}/g, '\r\n');
    for (const [name, text] of [
      ['p', flowing],
      ['pre', preformatted],
    ] as const) {
      const element = document.createElement(name);
      element.append(document.createTextNode(text)); // one node (a parser may split long text)
      document.body.replaceChildren(element);
      const chunk = readText(document.body);
      expect(chunk.text).toBe(extractText(`<${name}>${text}</${name}>`));
      expect(chunk.from ?? 0).toBe(0);
      expect(chunk.to ?? chunk.text.length).toBe(chunk.text.length);
    }
  });

  it('is cut between portions when a slice stops, and every claim is found once, across cuts too', () => {
    // A claim every 997 characters: some straddle a cut, some the middle of an overlap.
    const text = longText(6 * TEXT_PORTION, 997);
    fill(document.body, '<p></p>');
    const node = document.createTextNode(text);
    document.body.firstChild!.appendChild(node);
    const whole = scan(text).map((match) => match.start);
    expect(whole.length).toBeGreaterThan(300);

    const walker = new TextWalker(document.body);
    const chunks: TextChunk[] = [];
    let done = false;
    while (!done) {
      done = walker.step(() => true); // every slice stops as early as it can
      const chunk = walker.take();
      if (chunk !== null) chunks.push(chunk);
    }
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    for (const chunk of chunks)
      expect(chunk.text.length).toBeLessThan(TEXT_PORTION + TEXT_OVERLAP + 300);

    const found: number[] = [];
    for (const chunk of chunks) {
      for (const match of scan(chunk.text)) {
        if (match.start < (chunk.from ?? 0) || match.start >= (chunk.to ?? Infinity)) continue;
        const range = rangeOf(chunk, match.start, match.end)!;
        expect(range.startContainer).toBe(node);
        expect(range.toString()).toBe(CLAIM);
        found.push(range.startOffset);
      }
    }
    expect(found).toEqual(whole);
  });

  it('is read by the scanner in slices with every claim highlighted once', () => {
    const text = longText(4 * TEXT_PORTION, 3001);
    fill(
      document.body,
      '<main><h1>Title</h1><p id="huge"></p><p>After it, officials paid El Salvador $6 million.</p></main>',
    );
    document.getElementById('huge')!.append(text);
    const { scanner, scheduler, painted } = startScanner({ tick: 2 });
    running = scanner;
    const slices = scheduler.runIdle();
    expect(slices).toBeGreaterThanOrEqual(4);
    const expected = scan(text).length + 1;
    expect(scanner.claims).toHaveLength(expected);
    expect(painted.size).toBe(expected);
    expect(new Set(scanner.claims.map((claim) => claim.range.startOffset)).size).toBe(expected);
    expect(textsOf(scanner.claims).at(-1)).toBe('paid El Salvador $6 million');
  });
});

describe('editable regions, decided by markup', () => {
  it('leaves out contenteditable true, "" and plaintext-only, and everything inside them', () => {
    fill(
      document.body,
      `<div contenteditable="true"><p>A: ${CLAIM}</p><p contenteditable="false">B: ${CLAIM}</p></div>` +
        `<div contenteditable="">C: ${CLAIM}</div>` +
        `<div contenteditable="PLAINTEXT-ONLY">D: ${CLAIM}</div>` +
        `<p contenteditable="false">E: ${CLAIM}</p>` +
        `<p contenteditable="bogus">F: ${CLAIM}</p>`,
    );
    expect(readText(document.body).text).toBe(`E: ${CLAIM}\n\nF: ${CLAIM}`);
  });

  it('reads nothing of a document in design mode', () => {
    fill(document.body, `<p>${CLAIM}</p>`);
    expect(readText(document.body).text).toBe(CLAIM);
    document.designMode = 'on';
    expect(readText(document.body).text).toBe('');
  });

  it('reads an element inside an editable one only when the scanner has seen its ancestors', () => {
    fill(
      document.body,
      `<div contenteditable="true"><section><p id="inner">${CLAIM}</p></section></div>`,
    );
    const { scanner, scheduler } = startScanner();
    running = scanner;
    scheduler.runIdle();
    expect(scanner.claims).toHaveLength(0);
  });
});

describe('deep nesting', () => {
  // 1,000 levels: happy-dom's own selector matching recurses per level (Chromium, in the e2e
  // test, takes 5,000).
  it('reads a claim 1,000 elements down, and reads it again when it changes', async () => {
    let parent: Element = document.body;
    for (let depth = 0; depth < 1000; depth++) {
      const element = document.createElement(depth < 500 ? 'div' : 'span');
      parent.appendChild(element);
      parent = element;
    }
    parent.appendChild(document.createTextNode(`Deep down: ${CLAIM}.`));
    const { scanner, scheduler } = startScanner();
    running = scanner;
    scheduler.runIdle();
    expect(textsOf(scanner.claims)).toEqual([CLAIM]);
    parent.appendChild(document.createTextNode(' Officials paid El Salvador $6 million.'));
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(textsOf(scanner.claims)).toEqual([CLAIM, 'paid El Salvador $6 million']);
  });
});

describe('shadow roots', () => {
  function buildShadowPage(): { closed: ShadowRoot; open: ShadowRoot; inner: ShadowRoot } {
    fill(
      document.body,
      '<p>Light: officials paid El Salvador $6 million.</p>' +
        '<div id="open"></div><x-closed id="closed"></x-closed><div id="nested"></div>' +
        '<article id="slotting"><p>Slotted: the men were held incommunicado in CECOT.</p></article>' +
        '<div id="no-slot"><p>Not shown: Kilmar Abrego Garcia.</p></div>',
    );
    const open = document.getElementById('open')!.attachShadow({ mode: 'open' });
    fill(open, `<p>Open: ${CLAIM}.</p>`);
    const closed = document.getElementById('closed')!.attachShadow({ mode: 'closed' });
    fill(closed, '<p>Closed: a judge ordered the flights turned around.</p>');
    const outer = document.getElementById('nested')!.attachShadow({ mode: 'open' });
    fill(outer, '<section><span id="inner-host"></span></section>');
    const inner = (outer.querySelector('#inner-host') as Element).attachShadow({ mode: 'open' });
    inner.append('Two roots deep: the Terrorism Confinement Center.');
    const slotting = document.getElementById('slotting')!.attachShadow({ mode: 'open' });
    fill(slotting, '<header>Card</header><slot><p>Fallback: beaten at CECOT.</p></slot>');
    const noSlot = document.getElementById('no-slot')!.attachShadow({ mode: 'open' });
    fill(noSlot, '<p>Shown instead.</p>');
    return { closed, open, inner };
  }

  it('reads open, nested and slotted text once, in reading order; closed roots through the caller', () => {
    const { closed } = buildShadowPage();
    const { scanner, scheduler } = startScanner({
      shadowRootOf: (element) => (element.id === 'closed' ? closed : element.shadowRoot),
    });
    running = scanner;
    scheduler.runIdle();
    expect(textsOf(scanner.claims)).toEqual([
      'paid El Salvador $6 million',
      CLAIM,
      'ordered the flights turned around',
      'Terrorism Confinement Center',
      'held incommunicado in CECOT',
    ]);
  });

  it('leaves closed roots alone by default (element.shadowRoot gives open ones only)', () => {
    buildShadowPage();
    const { scanner, scheduler } = startScanner();
    running = scanner;
    scheduler.runIdle();
    expect(textsOf(scanner.claims)).not.toContain('ordered the flights turned around');
    expect(scanner.claims).toHaveLength(4);
  });

  it('reads text added to a shadow root later, and drops claims whose host leaves the page', async () => {
    const { open, inner } = buildShadowPage();
    const { scanner, scheduler } = startScanner();
    running = scanner;
    scheduler.runIdle();
    open.append(
      Object.assign(document.createElement('p'), {
        textContent: 'They invoked the Alien Enemies Act.',
      }),
    );
    inner.append(' Kilmar Abrego Garcia too.');
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(textsOf(scanner.claims)).toEqual([
      'paid El Salvador $6 million',
      CLAIM,
      'invoked the Alien Enemies Act',
      'Terrorism Confinement Center',
      'Kilmar Abrego Garcia',
      'held incommunicado in CECOT',
    ]);
    document.getElementById('nested')!.remove();
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(textsOf(scanner.claims)).toEqual([
      'paid El Salvador $6 million',
      CLAIM,
      'invoked the Alien Enemies Act',
      'held incommunicado in CECOT',
    ]);
  });
});

// -------------------------------------------------------------------------------------------------

class FakeHighlight extends Set<AbstractRange> implements HighlightLike {
  priority = 0;
}

/** A registry and stylesheet host standing in for CSS.highlights and adoptedStyleSheets, which a
 * "page" can empty behind the painter's back. */
function fakeHost() {
  const registry = new Map<string, HighlightLike>();
  const styles: (string | null)[] = [];
  const shadowRoots: ShadowRoot[] = [];
  let adopted = false;
  const host: HighlightHost = {
    registry: {
      set: (name, highlight) => registry.set(name, highlight),
      delete: (name) => registry.delete(name),
      get: (name) => registry.get(name),
    },
    createHighlight: () => new FakeHighlight(),
    setStyles: (css) => {
      styles.push(css);
      adopted = css !== null;
    },
    stylesInPlace: () => adopted,
    styleShadowRoot: (root) => shadowRoots.push(root),
  };
  return { host, registry, styles, shadowRoots, dropStyles: () => (adopted = false) };
}

function claimIn(container: Node, kind: Paintable['kind'] = 'count'): Paintable {
  const range = document.createRange();
  range.selectNodeContents(container);
  return { range, kind };
}

describe('highlights a page script took away', () => {
  it('are put back, the same objects, with their stylesheet; nothing happens when all is in place', () => {
    fill(document.body, `<p id="a">${CLAIM}</p><p id="b">paid El Salvador $6 million</p>`);
    const { host, registry, styles, dropStyles } = fakeHost();
    const painter = new CustomHighlightPainter(host);
    const count = claimIn(document.getElementById('a')!);
    const money = claimIn(document.getElementById('b')!, 'money');
    painter.add([count, money]);
    painter.setActive(count);
    const before = new Map(registry);
    expect(painter.restore()).toBe(false);

    registry.clear(); // CSS.highlights.clear()
    dropStyles(); // document.adoptedStyleSheets = []
    registry.set('claimlens-count', new FakeHighlight()); // a page's own under our name
    expect(painter.restore()).toBe(true);
    expect([...registry.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, highlight] of before) expect(registry.get(name)).toBe(highlight);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.size).toBe(1);
    expect(styles.filter((css) => css !== null)).toHaveLength(2);
    expect(painter.restore()).toBe(false);
  });

  it('are put back when more claims are painted', () => {
    fill(document.body, `<p id="a">${CLAIM}</p><p id="b">paid El Salvador $6 million</p>`);
    const { host, registry } = fakeHost();
    const painter = new CustomHighlightPainter(host);
    painter.add([claimIn(document.getElementById('a')!)]);
    registry.clear();
    painter.add([claimIn(document.getElementById('b')!, 'money')]);
    expect([...registry.keys()].sort()).toEqual(['claimlens-count', 'claimlens-money']);
  });

  it('are not touched before the painter has painted anything', () => {
    const { host, registry, styles } = fakeHost();
    expect(new CustomHighlightPainter(host).restore()).toBe(false);
    expect(registry.size).toBe(0);
    expect(styles).toEqual([]);
  });
});

describe('the stylesheet, adopted when a scan settles', () => {
  it('waits for commit(), and is adopted by the shadow roots that hold claims', () => {
    fill(document.body, `<p id="a">${CLAIM}</p><div id="host"></div>`);
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    fill(shadow, '<p>paid El Salvador $6 million</p>');
    const { host, registry, styles, shadowRoots } = fakeHost();
    const painter = new CustomHighlightPainter(host, { stylesOnCommit: true });
    painter.commit(); // nothing painted: a page without claims is left alone
    expect(styles).toEqual([]);
    painter.add([claimIn(document.getElementById('a')!), claimIn(shadow.firstChild!, 'money')]);
    expect(registry.size).toBe(2);
    expect(styles).toEqual([]);
    expect(shadowRoots).toEqual([shadow]);
    painter.commit();
    expect(styles).toHaveLength(1);
    expect(styles[0]).toContain('::highlight(claimlens-count)');
  });

  it('is committed by the scanner when its reading settles, not before', () => {
    fill(document.body, `<main>${`<p>${FILLER}</p>`.repeat(200)}<p>${CLAIM}</p></main>`);
    const { host, styles } = fakeHost();
    const painter = new CustomHighlightPainter(host, { stylesOnCommit: true });
    const { scanner, scheduler, settled } = startScanner({ tick: 1, painter });
    running = scanner;
    let slices = 0;
    while (settled() === 0) {
      expect(styles).toEqual([]);
      scheduler.advance(0);
      if (++slices > 1000) throw new Error('never settled');
    }
    expect(scanner.claims).toHaveLength(1);
    expect(styles).toHaveLength(1);
  });
});
