// @vitest-environment happy-dom
// The incremental scanner with the real engine and bundled pack, on a hand-driven clock: the first
// scan in slices, late content (appended, edited, removed, shown, hidden), its own DOM changes
// ignored, and stopping.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MatcherSpec } from '../../core/compile';
import type { RawMatch } from '../../core/types';
import { WrapperPainter } from '../../dom/highlights';
import type { Painter } from '../../dom/highlights';
import { BATCH_DELAY_MS, Scanner } from '../../dom/scanner';
import type { Claim } from '../../dom/scanner';
import { RecordingPainter, bundledScanner, compileBundled, observed } from './bundled-scan';
import { ManualScheduler } from './manual-scheduler';

const REPO = path.resolve(__dirname, '../..');
let spec: MatcherSpec;
let scan: (text: string) => RawMatch[];

beforeAll(() => {
  ({ spec, scan } = compileBundled());
});

function build(html: string): void {
  const parsed = new DOMParser().parseFromString(html.replace(/<link\b[^>]*>/gi, ''), 'text/html');
  parsed.querySelectorAll('script').forEach((element) => element.remove());
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((n) => document.importNode(n, true)),
  );
}

function setup(
  options: { tick?: number; painter?: Painter; own?: (element: Element) => boolean } = {},
) {
  const scheduler = new ManualScheduler(options.tick ?? 0);
  const painter = options.painter ?? new RecordingPainter();
  const changes: number[] = [];
  let settled = 0;
  const scanner = bundledScanner(
    { spec, scan },
    {
      painter,
      scheduler,
      isOwnElement: options.own ?? (() => false),
      onChange: (claims) => changes.push(claims.length),
      onSettled: () => settled++,
    },
  );
  return { scheduler, painter, scanner, changes, settledCount: () => settled };
}

const texts = (claims: readonly Claim[]) =>
  claims.map((claim) => claim.range.toString().replace(/\s+/g, ' '));

/** Lets the mutation records through, past the batching delay, and runs every slice. */
async function afterBatch(scheduler: ManualScheduler): Promise<void> {
  await observed();
  scheduler.advance(BATCH_DELAY_MS);
  scheduler.runIdle();
}

/** A paragraph of `text`. */
function block(text: string): HTMLElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

let current: Scanner | null = null;
afterEach(() => {
  current?.stop();
  current = null;
  document.body.replaceChildren();
});

describe('the first scan', () => {
  it('finds the demo article’s expected claims, in document order, and reports when settled', () => {
    const html = readFileSync(path.join(REPO, 'tests/fixtures/articles/demo-article.html'), 'utf8');
    const expected = JSON.parse(
      readFileSync(path.join(REPO, 'tests/fixtures/articles/expected.json'), 'utf8'),
    )['demo-article.html'] as { text: string; factId: string }[];
    build(html);
    const { scheduler, scanner, painter, settledCount } = setup();
    current = scanner;
    scanner.start();
    scheduler.runIdle();
    expect(texts(scanner.claims)).toEqual(expected.map((claim) => claim.text));
    expect(scanner.claims.map((claim) => spec.facts[claim.raw.fact]!.id)).toEqual(
      expected.map((claim) => claim.factId),
    );
    expect((painter as RecordingPainter).painted.size).toBe(expected.length);
    expect(settledCount()).toBe(1);
    // The raw match is re-based to the claim's own text, for the background to describe.
    for (const claim of scanner.claims) {
      expect(claim.raw.start).toBe(0);
      expect(claim.raw.end).toBe(claim.text.length);
      if (claim.raw.number) expect(claim.raw.number.end).toBeLessThanOrEqual(claim.text.length);
    }
  });

  it('reads a long page in many short slices and finds the same claims as in one go', () => {
    const paragraphs = Array.from({ length: 600 }, (_, i) =>
      i % 50 === 7
        ? `<p>Report ${i}: officials <em>paid El Salvador $6 million</em> for the detentions.</p>`
        : `<p>Report ${i}: an unrelated paragraph about the weather and local sports results.</p>`,
    );
    build(`<article>${paragraphs.join('')}</article>`);
    const oneGo = setup({ tick: 0 });
    oneGo.scanner.start();
    oneGo.scheduler.runIdle();
    const expected = texts(oneGo.scanner.claims);
    oneGo.scanner.stop();

    // Each read of the clock costs 0.5 ms, so an 8 ms slice covers only part of the page.
    const sliced = setup({ tick: 0.5 });
    current = sliced.scanner;
    sliced.scanner.start();
    const slices = sliced.scheduler.runIdle();
    expect(slices).toBeGreaterThan(3);
    expect(texts(sliced.scanner.claims)).toEqual(expected);
    expect(expected).toHaveLength(12);
  });
});

describe('late content', () => {
  const PAGE =
    '<main><article id="feed"><p id="first">Earlier, a judge ordered the flights turned around.</p>' +
    '<p id="plain">A witness is about to speak.</p>' +
    '<p id="later" hidden>The U.S. paid El Salvador $6 million.</p></article>' +
    '<aside id="aside"><p>Unrelated sidebar text.</p></aside></main>';

  function started(options: Parameters<typeof setup>[0] = {}) {
    build(PAGE);
    const context = setup(options);
    current = context.scanner;
    context.scanner.start();
    context.scheduler.runIdle();
    expect(texts(context.scanner.claims)).toEqual(['ordered the flights turned around']);
    return context;
  }

  it('reads only the block that changed, after the batching delay', async () => {
    const { scheduler, scanner } = started();
    const readBefore = scanner.stats.rootsRead;
    const p = document.createElement('p');
    p.textContent = 'Officials said 238 Venezuelans were deported to El Salvador.';
    document.getElementById('feed')!.append(p);
    await observed();
    scheduler.advance(BATCH_DELAY_MS - 1);
    expect(scanner.claims).toHaveLength(1); // still batching
    scheduler.advance(1);
    expect(texts(scanner.claims)).toEqual([
      'ordered the flights turned around',
      '238 Venezuelans were deported to El Salvador',
    ]);
    expect(scanner.stats.rootsRead).toBe(readBefore + 1);
  });

  it('reads blocks added beside other blocks alone, not the whole block they joined', async () => {
    const { scheduler, scanner } = started();
    const main = document.querySelector('main')!;
    // A long page, settled.
    for (let i = 0; i < 50; i++) main.append(block('An unrelated paragraph of page text.'));
    main.append(document.createElement('script'));
    await afterBatch(scheduler);
    const read = scanner.stats.charactersRead;
    // Infinite scroll: blocks, blank text between them, after the page's last script.
    const added = ['The U.S. paid El Salvador $6 million.', 'Nothing new here.'];
    for (const text of added) main.append(document.createTextNode('\n'), block(text));
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual([
      'ordered the flights turned around',
      'paid El Salvador $6 million',
    ]);
    expect(scanner.stats.charactersRead - read).toBe(added.join('').length);
  });

  it('reads a block added with a block inside it, in the same batch, once', async () => {
    const { scheduler, scanner } = started();
    const readBefore = scanner.stats.rootsRead;
    const section = document.createElement('section');
    document.querySelector('main')!.append(section);
    section.append(block('The U.S. paid El Salvador $6 million.'));
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual([
      'ordered the flights turned around',
      'paid El Salvador $6 million',
    ]);
    expect(scanner.stats.rootsRead - readBefore).toBe(1);
  });

  it('drops a claim that two blocks added side by side split, though each is beside a block', async () => {
    build(
      '<main><div id="split">Officials said 238 <span>Venezuelans were</span> deported to El Salvador.</div></main>',
    );
    const { scheduler, scanner } = setup();
    current = scanner;
    scanner.start();
    scheduler.runIdle();
    expect(texts(scanner.claims)).toEqual(['238 Venezuelans were deported to El Salvador']);
    const span = document.querySelector('#split span')!;
    span.before(block('Aside.'));
    span.before(block('Another aside.'));
    await afterBatch(scheduler);
    // What a fresh scan finds: the number is cut off from the rest.
    expect(texts(scanner.claims)).toEqual(['Venezuelans were deported to El Salvador']);
  });

  it('reads the block that thousands of added blocks joined once, not each of them', async () => {
    const { scheduler, scanner } = started();
    const main = document.querySelector('main')!;
    const readBefore = scanner.stats.rootsRead;
    const feed = document.createElement('section');
    for (let i = 0; i < 2000; i++) main.append(block(`Item ${i} of the feed.`));
    main.append(feed);
    feed.append(block('The U.S. paid El Salvador $6 million.'));
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual([
      'ordered the flights turned around',
      'paid El Salvador $6 million',
    ]);
    expect(scanner.stats.rootsRead - readBefore).toBe(1);
  });

  it('reads the whole block again when an added block splits its inline text', async () => {
    const { scheduler, scanner } = started();
    const first = document.getElementById('first')!;
    const el = document.createElement('b');
    el.textContent = 'El';
    const salvador = document.createElement('i');
    salvador.textContent = 'Salvador';
    first.replaceChildren('The U.S. paid ', el, ' ', salvador, ' $6 million.');
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual(['paid El Salvador $6 million']);
    const read = scanner.stats.charactersRead;
    first.insertBefore(block('Aside.'), first.querySelector('i'));
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual([]);
    expect(scanner.stats.charactersRead - read).toBeGreaterThan('Aside.'.length);
  });

  it('follows edited and removed text', async () => {
    const { scheduler, scanner, changes } = started();
    document.getElementById('plain')!.firstChild!.textContent =
      'A witness said the men were held incommunicado in CECOT.';
    document.getElementById('first')!.remove();
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(texts(scanner.claims)).toEqual(['held incommunicado in CECOT']);
    expect(changes.at(-1)).toBe(1);
  });

  it('reads content when it is shown, and drops claims whose content is hidden', async () => {
    const { scheduler, scanner } = started();
    document.getElementById('later')!.removeAttribute('hidden');
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(texts(scanner.claims)).toEqual([
      'ordered the flights turned around',
      'paid El Salvador $6 million',
    ]);

    document.getElementById('first')!.style.display = 'none';
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(texts(scanner.claims)).toEqual(['paid El Salvador $6 million']);
  });

  it('leaves out claims hidden by style, inside or around them, and reads them when shown', async () => {
    build(
      '<main><p id="styled" style="display:none">The U.S. paid El Salvador $6 million.</p>' +
        '<p id="ghost" style="visibility:hidden">Held incommunicado in CECOT.</p>' +
        '<p>Officials said 238 <span id="inner" style="display:none">Venezuelans</span> were deported to El Salvador.</p>' +
        '<p>Earlier, a judge ordered the flights turned around.</p></main>',
    );
    const { scheduler, scanner } = setup();
    current = scanner;
    scanner.start();
    scheduler.runIdle();
    expect(texts(scanner.claims)).toEqual(['ordered the flights turned around']);

    document.getElementById('styled')!.style.display = '';
    document.getElementById('inner')!.style.display = '';
    await afterBatch(scheduler);
    expect(texts(scanner.claims)).toEqual([
      'paid El Salvador $6 million',
      '238 Venezuelans were deported to El Salvador',
      'ordered the flights turned around',
    ]);
  });

  it('does not reread for style changes that show or hide nothing', async () => {
    const { scheduler, scanner } = started();
    const readBefore = scanner.stats.rootsRead;
    document.getElementById('aside')!.className = 'sticky';
    document.body.classList.add('scrolled');
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(scanner.stats.rootsRead).toBe(readBefore);
  });

  it('ignores changes inside the extension’s own UI', async () => {
    let ui: Element | null = null;
    const { scheduler, scanner } = started({ own: (element) => element === ui });
    const readBefore = scanner.stats.rootsRead;
    ui = document.createElement('claimlens-ui');
    ui.textContent = 'paid El Salvador $6 million'; // a card quoting a claim is not page text
    document.body.append(ui);
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(scanner.stats.rootsRead).toBe(readBefore);
    expect(scanner.claims).toHaveLength(1);
  });

  it('with wrapper marks, its own DOM changes cause no rereading', async () => {
    const painter = new WrapperPainter(document);
    const { scheduler, scanner } = started({ painter });
    expect(document.querySelectorAll('mark[data-claimlens]')).toHaveLength(1);
    const readBefore = scanner.stats.rootsRead;
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(scanner.stats.rootsRead).toBe(readBefore);
    scanner.stop();
    expect(document.querySelectorAll('mark[data-claimlens]')).toHaveLength(0);
    expect(document.getElementById('first')!.childNodes).toHaveLength(1);
  });

  it('stops: removes every claim and ignores later changes', async () => {
    const { scheduler, scanner, painter } = started();
    scanner.stop();
    expect(scanner.claims).toEqual([]);
    expect((painter as RecordingPainter).painted.size).toBe(0);
    const p = document.createElement('p');
    p.textContent = 'They paid El Salvador $6 million.';
    document.getElementById('feed')!.append(p);
    await observed();
    scheduler.advance(BATCH_DELAY_MS);
    expect(scanner.claims).toEqual([]);
  });

  it('reads everything again on request (single-page app navigation)', () => {
    const { scheduler, scanner } = started();
    const readBefore = scanner.stats.rootsRead;
    scanner.rescanAll();
    scheduler.runIdle();
    expect(scanner.stats.rootsRead).toBe(readBefore + 1);
    expect(texts(scanner.claims)).toEqual(['ordered the flights turned around']);
  });
});

describe('late content, against a fresh scan', () => {
  const PHRASES = [
    '238 Venezuelans were deported to El Salvador.',
    'They called them Tren de Aragua members.',
    'The U.S. paid El Salvador $6 million.',
    'The men were held incommunicado in CECOT.',
    'A judge ordered the flights turned around.',
    'Nothing to see here.',
  ];
  const PIECES = [
    'Tren de ',
    'Aragua members',
    ' paid El ',
    'Salvador $6 million',
    ' in CECOT',
    'held incommunicado',
  ];
  const PAGE =
    '<main><article id="feed"><p>Earlier: Tren de <b>Aragua</b> members, they said.</p>' +
    '<div>Officials said 238 <span>Venezuelans were</span> deported to El Salvador.</div>' +
    '<p>A witness is about to speak.</p></article><div id="side">Tren de Aragua ' +
    'members<p>A block inside</p> held incommunicado in CECOT</div>' +
    // A block that splits a claim: removing it makes one.
    '<div>The U.S. paid El<p>Aside.</p> Salvador $6 million.</div></main>';

  const step = fc.record({
    kind: fc.constantFrom(
      'append',
      'appendMany',
      'blockBefore',
      'inlineBefore',
      'spaceBefore',
      'nothingBefore',
      'hiddenBefore',
      'move',
      'remove',
      'edit',
    ),
    pick: fc.nat(),
    text: fc.nat(),
    flush: fc.boolean(),
  });

  function nodes(): Node[] {
    const found: Node[] = [];
    const walker = document.createTreeWalker(
      document.body,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) found.push(node);
    return found;
  }

  function apply({ kind, pick, text }: { kind: string; pick: number; text: number }): void {
    const all = nodes();
    const elements = all.filter((node): node is Element => node.nodeType === 1);
    const target = all[pick % all.length];
    const phrase = PHRASES[text % PHRASES.length]!;
    if (kind === 'append') {
      elements[pick % elements.length]?.append(block(phrase));
    } else if (kind === 'appendMany') {
      // As infinite scroll adds them: blocks with blank text, a comment and a script between.
      for (let i = 0; i < 5; i++) {
        document.body.append(
          document.createTextNode('\n  '),
          block(PHRASES[(text + i) % PHRASES.length]!),
        );
      }
      document.body.append(document.createComment('more'), document.createElement('script'));
    } else if (target === undefined) {
      document.body.append(block(phrase));
    } else if (kind === 'blockBefore') {
      target.parentNode?.insertBefore(block(phrase), target);
    } else if (kind === 'inlineBefore') {
      target.parentNode?.insertBefore(
        document.createTextNode(PIECES[text % PIECES.length]!),
        target,
      );
    } else if (kind === 'spaceBefore') {
      target.parentNode?.insertBefore(document.createTextNode(' '), target);
    } else if (kind === 'nothingBefore') {
      target.parentNode?.insertBefore(document.createComment('x'), target);
    } else if (kind === 'hiddenBefore') {
      // Hidden by its attribute (left out with what it holds) or by style (read, then not shown).
      const hidden = block(phrase);
      if (text % 2 === 0) hidden.hidden = true;
      else hidden.style.display = 'none';
      target.parentNode?.insertBefore(hidden, target);
    } else if (kind === 'move') {
      const to = elements[text % elements.length];
      if (to !== undefined && !target.contains(to)) to.append(target);
    } else if (kind === 'remove') {
      (target as ChildNode).remove();
    } else if (target.nodeType === 3) {
      (target as Text).data = PIECES[text % PIECES.length]!;
    }
  }

  it('finds what a fresh scan finds after any appends, insertions, removals and edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        build(PAGE);
        const { scheduler, scanner } = setup();
        current = scanner;
        scanner.start();
        scheduler.runIdle();
        for (const [index, change] of steps.entries()) {
          apply(change);
          if (!change.flush && index < steps.length - 1) continue;
          await observed();
          scheduler.advance(BATCH_DELAY_MS);
          scheduler.runIdle();
          const fresh = setup();
          fresh.scanner.start();
          fresh.scheduler.runIdle();
          const expected = texts(fresh.scanner.claims);
          fresh.scanner.stop();
          expect(texts(scanner.claims)).toEqual(expected);
        }
        scanner.stop();
        current = null;
      }),
      { numRuns: 150 },
    );
  });
});
