// @vitest-environment happy-dom
// Forms whose controls shadow the form element's own properties. Each name and id of a form's
// controls (and of the <img> elements in it) is a property of the form element that hides the
// prototypes' own, in the page's world and in the content script's isolated world alike:
// `<form><input name="nextSibling"></form>` makes `form.nextSibling` that input (measured in
// Chromium: docs/EXTENSION.md, "Hostile pages"). happy-dom does not do this, so clobber() does it
// the way Chromium does. A page whose controls take such names must read exactly as the same page
// with harmless names: the same text and claims, the rest of the page after the form, no loop, no
// error, in the walker, the scanner and the wrapper painter.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MatcherSpec } from '../../core/compile';
import type { RawMatch } from '../../core/types';
import { WrapperPainter } from '../../dom/highlights';
import type { Paintable } from '../../dom/highlights';
import { BATCH_DELAY_MS } from '../../dom/scanner';
import type { Claim } from '../../dom/scanner';
import { TextWalker, rangeOf, readText, textShown } from '../../dom/text-index';
import type { TextChunk, WalkRoot } from '../../dom/text-index';
import { RecordingPainter, bundledScanner, compileBundled, observed } from './bundled-scan';
import { ManualScheduler } from './manual-scheduler';

let spec: MatcherSpec;
let scan: (text: string) => RawMatch[];

beforeAll(() => {
  ({ spec, scan } = compileBundled());
});

afterEach(() => {
  document.body.replaceChildren();
});

const CLAIM_238 = '238 Venezuelans were deported to El Salvador';
const CLAIM_MONEY = 'paid El Salvador $6 million';
const CLAIM_HELD = 'held incommunicado in CECOT';
const CLAIM_COURT = 'ordered the flights turned around';
const CLAIM_LAW = 'invoked the Alien Enemies Act';

/** Every property of a node that the walker, the scanner or the painters read, and more. */
const CLOBBERING = [
  'nextSibling',
  'firstChild',
  'parentNode',
  'localName',
  'nodeType',
  'getAttribute',
  'hasAttribute',
  'hidden',
  'closest',
  'shadowRoot',
  'childNodes',
  'ownerDocument',
  'contains',
  'checkVisibility',
  'isConnected',
  'parentElement',
  'insertBefore',
  'removeChild',
  'previousSibling',
  'lastChild',
  'textContent',
  'nodeName',
  'getRootNode',
  'querySelector',
];
const HARMLESS = CLOBBERING.map((_, i) => `field${i}`);

/** The elements whose names and ids become properties of their form in Chromium: listed form
 * controls (not image buttons) in it or bound to it by a form attribute, and images in it. */
const NAMING = 'input:not([type="image"]),button,fieldset,object,output,select,textarea,img';

/** Whether the code reading a property is happy-dom's own: it reads some properties of a node
 * through the node (`this.getAttribute(...)`), where a browser's own code never goes through
 * properties a page can see. Those reads get the real property. (Its forms are proxies: the
 * proxy's trap, between the stand-in and the reader, is passed over.) */
function readByHappyDom(): boolean {
  // [0] "Error", [1] this function, [2] the stand-in property, then the reader.
  const frames = new Error().stack?.split('\n').slice(3) ?? [];
  const reader = frames.find((frame) => !/at Object\.get .*html-form-element/.test(frame)) ?? '';
  return /node_modules[\\/]happy-dom/.test(reader);
}

/** Makes each name and id of a form's controls an own property of the form element, as Chromium
 * does: one control, or a list of them when several share it (a RadioNodeList there). */
function clobber(form: HTMLFormElement): void {
  const controls = [
    ...form.querySelectorAll(NAMING),
    ...document.querySelectorAll(`[form="${form.id}"]`),
  ];
  const keys = new Set(controls.flatMap((control) => [control.getAttribute('name'), control.id]));
  const prototype = Object.getPrototypeOf(form) as object;
  for (const key of keys) {
    if (key === null || key === '') continue;
    const named = controls.filter((c) => c.getAttribute('name') === key || c.id === key);
    Object.defineProperty(form, key, {
      configurable: true,
      get: () =>
        readByHappyDom()
          ? (Reflect.get(prototype, key, form) as unknown)
          : named.length === 1
            ? named[0]
            : named,
    });
  }
}

/** Replaces the page with `markup` (parsed, never assigned as HTML) and clobbers its forms. */
function build(markup: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${markup}</body>`, 'text/html');
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((node) => document.importNode(node, true)),
  );
  document.querySelectorAll('form').forEach(clobber);
}

/**
 * A page with claims before, inside and after a form whose controls take `names`: inputs (two
 * radios share the first name), a button, a fieldset, an output, a select, a textarea, an image,
 * and a control outside the form bound to it; text directly inside the form; a hidden form with a
 * claim; a form inside <pre>; a form last in its block. `padding` empty elements go first.
 */
function page(names: readonly string[], padding = 0): string {
  const n = (i: number) => names[i]!;
  return (
    `<main>${'<i></i>'.repeat(padding)}<p>Before the form: records show ${CLAIM_238}.</p>` +
    `<form id="clobbered" action="#">` +
    `<label>Name <input name="${n(1)}"></label>` +
    `<input type="radio" name="${n(0)}" value="a"><input type="radio" name="${n(0)}" value="b">` +
    [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
      .map((i) => `<input type="hidden" name="${n(i)}" value="${i}">`)
      .join('') +
    `<p>Inside the form: officials ${CLAIM_MONEY}.</p>` +
    `Text of the form itself: the men were ${CLAIM_HELD}.` +
    `<fieldset name="${n(13)}"><legend>Sources</legend><img alt="" id="${n(14)}">` +
    `<output name="${n(15)}">42</output><select name="${n(16)}"><option>one</option></select>` +
    `<textarea name="${n(17)}">typed text</textarea></fieldset>` +
    `<button type="submit" name="${n(18)}">Send</button>` +
    `<input type="hidden" id="${n(19)}"><input type="hidden" id="${n(20)}">` +
    `</form>` +
    `<input form="clobbered" name="${n(21)}">` +
    `<form id="hidden-form" hidden><input name="${n(7)}"><input name="${n(5)}">` +
    `<input name="${n(4)}"><input name="${n(2)}"><input name="${n(0)}">` +
    `<p>Hidden: the Terrorism Confinement Center.</p></form>` +
    `<pre>Preformatted: <form id="in-pre"><input name="${n(8)}"><input name="${n(22)}">  kept   as   typed  </form></pre>` +
    `<div><p>A form last in its block:</p><form id="last"><input name="${n(0)}">` +
    `<input name="${n(2)}"><p>Nothing after it in the block.</p></form></div>` +
    `<p>After the form: a judge ${CLAIM_COURT}.</p></main>`
  );
}

/** Everything a walk tells its caller, with nodes as their position in the page (the same in
 * both pages, whose markup differs only in names). */
function walk(root: WalkRoot, every: number, style: boolean): unknown[] {
  const position = new Map<Node, number>();
  const tree = document.createTreeWalker(document.body, 0xffffffff);
  for (let node: Node | null = tree.root; node !== null; node = tree.nextNode()) {
    position.set(node, position.size);
  }
  const at = (node: Node) => position.get(node) ?? -1;
  const events: unknown[] = [];
  const walker = new TextWalker(root, {
    deferStyle: !style,
    onHidden: (element) => events.push(['hidden', at(element)]),
  });
  let asked = 0;
  for (let steps = 0; ; steps++) {
    if (steps > 10_000) throw new Error('the walk never ends');
    const done = walker.step(() => every > 0 && ++asked % every === 0);
    const chunk = walker.take();
    if (chunk !== null) events.push(['chunk', { ...chunk, nodes: chunk.nodes.map(at) }]);
    if (done) {
      events.push(['done', walker.interrupted]);
      return events;
    }
  }
}

/** The claims in a chunk's text, as the reader would see them highlighted. */
function claimsIn(chunk: TextChunk): string[] {
  return scan(chunk.text).map((match) => rangeOf(chunk, match.start, match.end)!.toString());
}

describe('the walker reads a form whose controls shadow its properties', () => {
  const roots: [string, () => WalkRoot][] = [
    ['the page', () => document.body],
    ['the form as the root', () => document.getElementById('clobbered')!],
    ['a form inside <pre> as the root', () => document.getElementById('in-pre')!],
    ['a hidden form as the root', () => document.getElementById('hidden-form')!],
  ];

  it.each(roots)(
    '%s: the same text, pieces, nodes and hidden elements as with harmless names, paused or not, with style or without',
    (_, root) => {
      const read = (names: readonly string[]) => {
        build(page(names));
        return [0, 1, 3].flatMap((every) =>
          [false, true].map((style) => walk(root(), every, style)),
        );
      };
      const harmless = read(HARMLESS);
      const clobbered = read(CLOBBERING);
      // The clobbering is in place: the form's own properties are its controls.
      const form = document.getElementById('clobbered')!;
      expect(Array.isArray(form.nextSibling)).toBe(true); // the two radios
      expect(form.firstChild).toBeInstanceOf(HTMLInputElement);
      expect(form.localName).toBeInstanceOf(HTMLInputElement);
      expect(form.getAttribute).toBeInstanceOf(HTMLInputElement);
      expect(clobbered).toEqual(harmless);
    },
  );

  it('the same when a pause falls before any node of the page (the walk resumes at a form, or climbs out of one it entered before)', () => {
    // The walker asks whether to pause every 32 nodes: 32 pages, each with one more node in
    // front, put a pause before every node.
    for (let padding = 0; padding < 32; padding++) {
      const read = (names: readonly string[]) => {
        build(page(names, padding));
        return walk(document.body, 1, false);
      };
      expect(read(CLOBBERING)).toEqual(read(HARMLESS));
    }
  });

  it('the same when what it was reading moves into such a form while it is paused', () => {
    const read = (names: readonly string[]) => {
      build(
        `<div id="from">${'<span>word</span> '.repeat(100)}</div>` +
          `<form id="to"><input name="${names[0]}"><input name="${names[2]}">` +
          `<p>In the form.</p></form><p>After the form: a judge ${CLAIM_COURT}.</p>`,
      );
      const walker = new TextWalker(document.body, { deferStyle: true });
      const texts: string[] = [];
      let paused = false;
      const stop = () => {
        if (paused) return false;
        paused = true;
        return true;
      };
      expect(walker.step(stop)).toBe(false); // paused among the spans
      const from = document.getElementById('from')!;
      // The spans not yet read now stand in the form, under a parent the walker never entered.
      document.getElementById('to')!.prepend(...from.childNodes);
      for (let steps = 0; !walker.step(stop); steps++) {
        if (steps > 100) throw new Error('the walk never ends');
      }
      for (let chunk = walker.take(); chunk !== null; chunk = walker.take()) texts.push(chunk.text);
      return texts;
    };
    const harmless = read(HARMLESS);
    expect(harmless.join('')).toContain(CLAIM_COURT);
    expect(read(CLOBBERING)).toEqual(harmless);
  });

  it('finds the claims before, inside and after the form, and none in the hidden form', () => {
    build(page(CLOBBERING));
    const chunk = readText(document.body, { deferStyle: true });
    expect(claimsIn(chunk)).toEqual([CLAIM_238, CLAIM_MONEY, CLAIM_HELD, CLAIM_COURT]);
    expect(chunk.text).toContain('Preformatted: \n\n  kept   as   typed  ');
    expect(chunk.text).not.toContain('Terrorism Confinement Center');
  });

  it('tells whether text in such a form is shown, through a display: none above it as well', () => {
    build(
      `<div id="gone" style="display: none"><form id="f1"><input name="parentNode">` +
        `<input name="ownerDocument"><p>Officials ${CLAIM_MONEY}.</p></form></div>` +
        `<form id="f2"><input name="parentNode"><input name="checkVisibility">` +
        `<input name="nodeType"><input name="ownerDocument">They were ${CLAIM_HELD}.</form>`,
    );
    const chunk = readText(document.body, { deferStyle: true });
    const span = (claim: string): [number, number] => {
      const start = chunk.text.indexOf(claim);
      return [start, start + claim.length];
    };
    expect(textShown(chunk, ...span(CLAIM_MONEY))).toEqual({
      shown: false,
      notRendered: document.getElementById('gone'),
    });
    expect(textShown(chunk, ...span(CLAIM_HELD))).toEqual({ shown: true, notRendered: null });
  });
});

describe('the scanner on a page with such a form', () => {
  function start(markup: string) {
    build(markup);
    const scheduler = new ManualScheduler(0);
    const scanner = bundledScanner({ spec, scan }, { painter: new RecordingPainter(), scheduler });
    scanner.start();
    scheduler.runIdle();
    return { scanner, scheduler };
  }
  const texts = (claims: readonly Claim[]) => claims.map((claim) => claim.range.toString());

  /** The claims after each of a series of changes inside and to the form. */
  async function claimsThroughChanges(names: readonly string[]): Promise<string[][]> {
    const { scanner, scheduler } = start(page(names));
    const seen = [texts(scanner.claims)];
    const form = document.getElementById('clobbered')!;
    const changes: (() => void)[] = [
      // Text added to the form itself: the form is the block read again.
      () => form.append(document.createTextNode(`Later the president ${CLAIM_LAW}.`)),
      // A paragraph inside the form edited: read again, up through the form.
      () => (document.querySelector('#clobbered p')!.textContent = 'Nothing to see.'),
      // The form hidden by style: its claims go; shown again, they come back.
      () => form.setAttribute('style', 'display: none'),
      () => form.removeAttribute('style'),
      // Hidden by its attribute.
      () => form.setAttribute('hidden', ''),
    ];
    try {
      for (const change of changes) {
        change();
        await observed();
        scheduler.advance(BATCH_DELAY_MS);
        seen.push(texts(scanner.claims));
      }
    } finally {
      scanner.stop();
    }
    return seen;
  }

  it('finds the same claims as with harmless names, and follows the same changes inside the form', async () => {
    const harmless = await claimsThroughChanges(HARMLESS);
    expect(harmless).toEqual([
      [CLAIM_238, CLAIM_MONEY, CLAIM_HELD, CLAIM_COURT],
      [CLAIM_238, CLAIM_MONEY, CLAIM_HELD, CLAIM_LAW, CLAIM_COURT],
      [CLAIM_238, CLAIM_HELD, CLAIM_LAW, CLAIM_COURT],
      [CLAIM_238, CLAIM_COURT],
      [CLAIM_238, CLAIM_HELD, CLAIM_LAW, CLAIM_COURT],
      [CLAIM_238, CLAIM_COURT],
    ]);
    expect(await claimsThroughChanges(CLOBBERING)).toEqual(harmless);
  });
});

describe('the wrapper painter on text directly inside such a form', () => {
  it('wraps the claim and puts the text back exactly; pointing at the form finds no claim', () => {
    build(
      `<form id="f"><input name="insertBefore"><input name="removeChild"><input name="closest">` +
        `<input name="parentNode">The men were ${CLAIM_HELD} for months.</form>`,
    );
    const form = document.getElementById('f')!;
    const before = form.innerHTML;
    const chunk = readText(form, { deferStyle: true });
    const start = chunk.text.indexOf(CLAIM_HELD);
    const claim: Paintable = {
      range: rangeOf(chunk, start, start + CLAIM_HELD.length)!,
      kind: spec.facts[scan(chunk.text)[0]!.fact]!.kind,
    };
    const painter = new WrapperPainter(document);
    painter.add([claim]);
    const mark = document.querySelector('mark[data-claimlens]')!;
    expect(mark.textContent).toBe(CLAIM_HELD);
    expect(painter.claimAtElement(mark)).toBe(claim);
    expect(painter.claimAtElement(form)).toBeUndefined();
    painter.remove([claim]);
    expect(document.querySelector('mark')).toBeNull();
    expect(form.innerHTML).toBe(before);
    expect(form.childNodes).toHaveLength(5); // the split text merged back into one node
  });
});
