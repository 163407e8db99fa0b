// @vitest-environment happy-dom
// The DOM walker: the same text as the CLI extractor for the same HTML, offsets mapped back to
// exact DOM ranges, chunks cut only at block boundaries, and what is left out.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { extractText } from '../../cli/extract-html';
import { TextWalker, rangeOf, readText } from '../../dom/text-index';
import type { TextChunk, WalkOptions, WalkRoot } from '../../dom/text-index';
import { ReferenceTextWalker } from './text-walker-reference';

const ARTICLES = path.resolve(__dirname, '../fixtures/articles');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

/** Puts `html` (a fragment or a whole document) into the test document. */
function load(html: string): void {
  // Stylesheet links and scripts hold no text; dropped so happy-dom does not try to fetch them.
  const parsed = new DOMParser().parseFromString(html.replace(/<link\b[^>]*>/gi, ''), 'text/html');
  parsed.querySelectorAll('script[src]').forEach((element) => element.remove());
  document.head.replaceChildren(
    ...[...parsed.head.childNodes].map((n) => document.importNode(n, true)),
  );
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((n) => document.importNode(n, true)),
  );
}

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  document.designMode = 'off';
});

const SNIPPETS: Record<string, string> = {
  'inline markup joins': '<p>On March 16, <b>238</b> Venezuelans were <i>sent</i> away.</p>',
  'blocks separate': '<div>one<p>two</p>three</div><ul><li>four</li><li>five</li></ul>',
  'whitespace collapses': '<p>  238\n\n   Venezuelans \t were   sent  </p>',
  'nbsp is kept': '<p>84\u00a0000 people</p>',
  'br is a line break': '<p>more than 300 people have died<br>in custody</p><p>a<br><br>b</p>',
  'pre keeps spaces and lines': '<pre>  line one\n\n  line two  </pre><p>after</p>',
  'skipped elements':
    '<p>kept<script>no</script><style>p{}</style><template>no</template></p>' +
    '<textarea>no</textarea><select><option>no</option></select><button>no</button><svg><title>no</title></svg>',
  'hidden content':
    '<p hidden>no</p><p hidden="until-found">yes</p><p style="display:none">no</p>' +
    '<dialog>no</dialog><dialog open>yes</dialog>',
  visibility: '<div style="visibility:hidden">no<span style="visibility:visible">yes</span></div>',
  'table cells are blocks': '<table><tr><td>238</td><td>Venezuelans</td></tr></table>',
  comments: '<p>a<!-- 238 Venezuelans -->b</p>',
};

describe('the same text as the CLI extractor', () => {
  for (const [name, html] of Object.entries(SNIPPETS)) {
    it(name, () => {
      load(html);
      expect(readText(document.body).text).toBe(extractText(html));
    });
  }

  it('for any mix of words, spaces, tabs, line breaks and no-break spaces in a paragraph', () => {
    const piece = fc.constantFrom(
      'Tren',
      'de',
      'é',
      '238',
      ' ',
      '  ',
      '\t',
      '\n',
      ' \n ',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.array(piece, { maxLength: 6 }), (a, b) => {
        const html = `<div>x<p>${a.join('')}<b>${b.join('')}</b>${a.join('')}</p>y</div>`;
        load(html);
        const chunk = readText(document.body);
        expect(chunk.text).toBe(extractText(html));
        chunk.nodes.forEach((node, i) => {
          const length = chunk.ends[i]! - chunk.starts[i]!;
          expect(chunk.text.slice(chunk.starts[i], chunk.ends[i])).toBe(
            node.data.slice(chunk.offsets[i], chunk.offsets[i]! + length),
          );
        });
      }),
      { numRuns: 300 },
    );
  });

  const articles = readdirSync(ARTICLES).filter((file) => file.endsWith('.html'));
  it.each(articles)('fixture article %s', (file) => {
    const html = readFileSync(path.join(ARTICLES, file), 'utf8');
    load(html);
    expect(readText(document.body).text).toBe(extractText(html));
  });
});

describe('offsets back to DOM ranges', () => {
  it('maps a span across inline markup and collapsed whitespace to the exact DOM text', () => {
    load('<p>On March 16,\n   <b>238</b>\n   Venezuelans were sent.</p>');
    const chunk = readText(document.body);
    expect(chunk.text).toBe('On March 16, 238 Venezuelans were sent.');
    const start = chunk.text.indexOf('238');
    const range = rangeOf(chunk, start, start + '238 Venezuelans'.length)!;
    expect(range.startContainer.textContent).toBe('238');
    expect(range.startOffset).toBe(0);
    expect(range.toString()).toBe('238\n   Venezuelans');
    expect(range.endContainer.textContent).toBe('\n   Venezuelans were sent.');
  });

  it('maps every word of a page to a range holding exactly that word', () => {
    load(readFileSync(path.join(ARTICLES, 'demo-article.html'), 'utf8'));
    const chunk = readText(document.body);
    const words = [...chunk.text.matchAll(/[^\s]+/g)];
    expect(words.length).toBeGreaterThan(300);
    for (const word of words) {
      const range = rangeOf(chunk, word.index, word.index + word[0].length)!;
      expect(range.toString()).toBe(word[0]);
    }
  });

  it('pulls span edges that fall on separators onto the text', () => {
    load('<p>alpha</p><p>beta</p>');
    const chunk = readText(document.body);
    expect(chunk.text).toBe('alpha\n\nbeta');
    expect(rangeOf(chunk, 5, 11)!.toString()).toBe('beta');
    expect(rangeOf(chunk, 0, 7)!.toString()).toBe('alpha');
    expect(rangeOf(chunk, 5, 7)).toBeNull();
  });
});

describe('reading in slices', () => {
  it('cuts chunks only at block edges, and together they hold the whole text', () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) => `<p>Paragraph <b>${i}</b> has some words in it.</p>`,
    );
    load(`<article>${paragraphs.join('')}<div>tail <span>text</span></div></article>`);
    const whole = readText(document.body).text;
    const walker = new TextWalker(document.body);
    const chunks: TextChunk[] = [];
    let done = false;
    let steps = 0;
    while (!done) {
      done = walker.step(() => true); // pause at every chance: the smallest slices there are
      steps++;
      const chunk = walker.take();
      if (chunk !== null) chunks.push(chunk);
    }
    expect(steps).toBeGreaterThan(5);
    expect(chunks.length).toBeGreaterThan(1);
    // Each chunk is a run of whole blocks.
    for (const chunk of chunks)
      expect(chunk.text.trim()).toBe(chunk.text.replace(/^\n\n/, '').trim());
    expect(chunks.map((chunk) => chunk.text.replace(/^\n\n/, '')).join('\n\n')).toBe(whole);
    // Offsets within each chunk still map to the right nodes.
    for (const chunk of chunks) {
      for (const word of chunk.text.matchAll(/Paragraph \d+/g)) {
        expect(rangeOf(chunk, word.index, word.index + word[0].length)!.toString()).toBe(word[0]);
      }
    }
  });

  it('stops, marked interrupted, when the part of the DOM it was reading is removed', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>paragraph ${i}</p>`);
    load(`<div id="root">${paragraphs.join('')}</div>`);
    const root = document.getElementById('root')!;
    const walker = new TextWalker(root);
    expect(walker.step(() => true)).toBe(false); // paused part-way
    root.replaceChildren(); // the page replaced the content
    expect(walker.step(() => false)).toBe(true);
    expect(walker.interrupted).toBe(true);
  });

  it('is not interrupted by changes elsewhere', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>paragraph ${i}</p>`);
    load(`<div id="root">${paragraphs.join('')}</div><p id="other">other</p>`);
    const walker = new TextWalker(document.getElementById('root')!);
    walker.step(() => true);
    document.getElementById('other')!.remove();
    expect(walker.step(() => false)).toBe(true);
    expect(walker.interrupted).toBe(false);
    expect(walker.take()!.text).toContain('paragraph 39');
  });
});

describe('what is left out', () => {
  it('skips editable areas and the extension UI, and tells which elements were hidden', () => {
    load(
      '<p contenteditable="true">typed 238 Venezuelans</p><div id="ui">our card</div>' +
        '<p>kept</p><section style="display:none">gone</section><p hidden>also gone</p>',
    );
    const hidden: string[] = [];
    const chunk = readText(document.body, {
      skip: (element) => element.id === 'ui',
      onHidden: (element) => hidden.push(element.localName),
    });
    expect(chunk.text).toBe('kept');
    expect(hidden.sort()).toEqual(['p', 'p', 'section']);
  });
});

describe('the same as the straightforward walker it replaced (tests/dom/text-walker-reference.ts)', () => {
  type Walker = Pick<TextWalker, 'step' | 'take' | 'interrupted'>;
  type MakeWalker = (root: WalkRoot, options: WalkOptions) => Walker;
  const fast: MakeWalker = (root, options) => new TextWalker(root, options);
  const reference: MakeWalker = (root, options) => new ReferenceTextWalker(root, options);

  /** Everything a walk tells its caller, in order, with DOM nodes as numbers (the same node gets
   * the same number in both walks of one page). */
  class WalkLog {
    readonly events: unknown[][] = [];
    readonly walker: Walker;
    private calls = 0;
    private readonly id: (node: Node) => number;

    constructor(make: MakeWalker, root: WalkRoot, ids: Map<Node, number>, style: boolean) {
      this.id = (node) => {
        if (!ids.has(node)) ids.set(node, ids.size);
        return ids.get(node)!;
      };
      this.walker = make(root, {
        deferStyle: !style,
        onHidden: (element) => this.events.push(['hidden', this.id(element)]),
        onShadowRoot: (shadow) => this.events.push(['shadow', this.id(shadow)]),
      });
    }

    /** One step, paused at every `every`-th question (0: never), and what it took. */
    step(every: number): boolean {
      const done = this.walker.step(() => every > 0 && ++this.calls % every === 0);
      const chunk = this.walker.take();
      if (chunk !== null) this.events.push(['chunk', this.summary(chunk)]);
      if (done) this.events.push(['done', this.walker.interrupted]);
      return done;
    }

    private summary(chunk: TextChunk) {
      return { ...chunk, nodes: chunk.nodes.map(this.id) };
    }
  }

  /** Walks `root` with both walkers and expects the same events; returns them. */
  function compareWalks(root: WalkRoot, every: number, style = false): unknown[][] {
    const ids = new Map<Node, number>();
    const expected = new WalkLog(reference, root, ids, style);
    const actual = new WalkLog(fast, root, ids, style);
    while (!expected.step(every));
    while (!actual.step(every));
    expect(actual.events).toEqual(expected.events);
    return expected.events;
  }

  const pages = readdirSync(CORPUS)
    .filter((file) => file.endsWith('.html'))
    .sort();

  it('has the corpus pages to compare on', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
  });

  /** A page's body as the HTML parser builds it, in a document of its own. Iframes and
   * stylesheet links (never read) are dropped first: happy-dom would try to load them. */
  function parsedBody(file: string): HTMLElement {
    const html = readFileSync(path.join(CORPUS, file), 'utf8')
      .replace(/<iframe\b[\s\S]*?(<\/iframe>|$)/gi, '')
      .replace(/<link\b[^>]*>/gi, '');
    return new DOMParser().parseFromString(html, 'text/html').body;
  }

  const chunksRead: number[] = [];
  it.each(pages)(
    'corpus page %s: whole, and in slices of every size',
    (file) => {
      const body = parsedBody(file);
      compareWalks(body, 0);
      // Pausing at every chance, at every third and at every seventh question gives chunks cut at
      // many different block edges.
      chunksRead.push(compareWalks(body, 1).filter(([kind]) => kind === 'chunk').length);
      compareWalks(body, 3);
      compareWalks(body, 7);
    },
    30_000,
  );

  it('compared pages read in many chunks', () => {
    expect(chunksRead.filter((chunks) => chunks > 10).length).toBeGreaterThanOrEqual(35);
  });

  it.each(['medicalnewstoday.html', 'salon-1.html', 'wikipedia.html'])(
    'corpus page %s with computed style',
    (file) => {
      load(readFileSync(path.join(CORPUS, file), 'utf8'));
      compareWalks(document.body, 0, true);
      compareWalks(document.body, 3, true);
    },
    30_000,
  );

  it('reads a shadow root as a root of its own the same way', () => {
    load('<div id="host"></div><p>light</p>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.append('Text in the root, ', document.createElement('b'), ' and after.');
    shadow.querySelector('b')!.textContent = 'bold';
    expect(compareWalks(document.body, 0).map(([kind]) => kind)).toEqual([
      'shadow',
      'chunk',
      'done',
    ]);
    expect(compareWalks(shadow, 0)[0]).toMatchObject([
      'chunk',
      { text: 'Text in the root, bold and after.' },
    ]);
  });

  const TEXTS = [
    'Tren de Aragua',
    '  238 Venezuelans ',
    '\n    ',
    ' ',
    'two  spaces',
    '\t',
    'line\r\nbreak',
    '\u00a0',
    '\f',
    '<!-- a comment -->',
  ];
  const TAGS = ['p', 'div', 'span', 'b', 'br', 'pre', 'li', 'section', 'x-card', 'dialog', 'math'];
  const ATTRIBUTES = [
    '',
    '',
    '',
    ' hidden',
    ' hidden="until-found"',
    ' hidden=" Until-Found "',
    ' contenteditable',
    ' contenteditable="false"',
    ' contenteditable="PLAINTEXT-ONLY"',
    ' open',
  ];
  const { node: markup } = fc.letrec<{ node: string; element: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.constantFrom(...TEXTS), tie('element')),
    element: fc
      .record({
        tag: fc.constantFrom(...TAGS, 'script'),
        attribute: fc.constantFrom(...ATTRIBUTES),
        children: fc.array(tie('node'), { maxLength: 4 }),
      })
      .map(({ tag, attribute, children }) => `<${tag}${attribute}>${children.join('')}</${tag}>`),
  }));
  const CHANGES = [
    'remove',
    'move to the end',
    'insert hidden',
    'insert text',
    'toggle hidden',
    'toggle editable',
    'set text',
    'toggle design mode',
    'flatten',
  ] as const;
  type Change = { kind: (typeof CHANGES)[number]; at: number };

  function change(root: Element, { kind, at }: Change): void {
    const all: Node[] = [];
    const walker = document.createTreeWalker(root);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) all.push(node);
    if (kind === 'toggle design mode') {
      document.designMode = document.designMode === 'on' ? 'off' : 'on';
      return;
    }
    if (kind === 'flatten') {
      // Every node becomes a child of the root: whatever the walk paused at has a new parent.
      for (const node of all.slice(at % 4)) root.append(node);
      return;
    }
    if (all.length === 0) return;
    const node = all[at % all.length]!;
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement!;
    if (kind === 'remove') (node as ChildNode).remove();
    else if (kind === 'move to the end') root.append(node);
    else if (kind === 'insert hidden') {
      const hidden = document.createElement('p');
      hidden.hidden = true;
      hidden.textContent = 'inserted hidden';
      (node as ChildNode).before(hidden);
    } else if (kind === 'insert text') (node as ChildNode).before(' inserted text ');
    else if (kind === 'toggle hidden') element.toggleAttribute('hidden');
    else if (kind === 'toggle editable') element.toggleAttribute('contenteditable');
    else if (node.nodeType === 3) (node as Text).data = 'changed  text\n';
  }

  it('for any page, paused anywhere, whatever changes while it is paused', () => {
    let changedWhilePaused = 0;
    fc.assert(
      fc.property(
        fc.array(markup, { minLength: 40, maxLength: 100 }),
        fc.array(fc.record({ kind: fc.constantFrom(...CHANGES), at: fc.nat() }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        (nodes, changes, every) => {
          load(`<div id="root">${nodes.join('')}</div><p>after</p>`);
          document.designMode = 'off';
          const root = document.getElementById('root')!;
          const ids = new Map<Node, number>();
          const expected = new WalkLog(reference, root, ids, false);
          const actual = new WalkLog(fast, root, ids, false);
          // Both walk the same DOM in turns, and each change lands between two of their steps.
          let expectedDone = false;
          let actualDone = false;
          for (let i = 0; !(expectedDone && actualDone); i++) {
            if (!expectedDone) expectedDone = expected.step(every);
            if (!actualDone) actualDone = actual.step(every);
            expect(actual.events).toEqual(expected.events);
            if (i < changes.length) {
              change(root, changes[i]!);
              if (!(expectedDone && actualDone)) changedWhilePaused++;
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(changedWhilePaused).toBeGreaterThan(300); // the walks did pause, and changes met them
  }, 30_000);
});
