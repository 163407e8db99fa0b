// The page as the matcher reads it: visible text with block boundaries ("\n\n"), and a map from
// every offset of that text back to the DOM text node it came from, so matches become Ranges.
// The rules are the CLI extractor's (cli/extract-html.ts) over the same element lists
// (core/blocks.ts), so a page gives the same text, and the same claims, in both; here the browser's
// computed style decides what is hidden, where the CLI can only read inline styles.
//
// The walk is resumable (TextWalker.step stops when told to and continues later), so a large page
// is read in short slices; text is cut into chunks only at block boundaries, where no match can
// run across, so scanning chunk by chunk finds exactly what scanning the whole text would.
// A text node longer than TEXT_PORTION (a page may hold megabytes in one node) is read a portion
// at a time, so a slice can stop inside it; a chunk cut there overlaps the next one by
// TEXT_OVERLAP characters, and each keeps only the matches that start on its side of the middle
// of the overlap, so a claim across the cut is still found whole, and found once.

import {
  BLOCK_ELEMENTS,
  BLOCK_SEPARATOR,
  LINE_BREAK_ELEMENTS,
  PREFORMATTED_ELEMENTS,
  SKIPPED_ELEMENTS,
} from '../core/blocks';

/**
 * A run of page text. Piece i is text.slice(starts[i], ends[i]), which is exactly
 * nodes[i].data.slice(offsets[i], offsets[i] + ends[i] - starts[i]). Between pieces the text holds
 * only separators: one space for collapsed whitespace, "\n" for <br>, "\n\n" between blocks.
 */
export interface TextChunk {
  text: string;
  starts: number[];
  ends: number[];
  nodes: Text[];
  offsets: number[];
  /** Matches starting before this offset belong to the chunk before, which read this text too
   * (set when the chunk starts inside a long text node). */
  from?: number;
  /** Matches starting at or after this offset belong to the next chunk, which reads this text
   * again (set when the chunk was cut inside a long text node). */
  to?: number;
}

/** A text node is read this many characters at a time (a slice may stop between portions). */
export const TEXT_PORTION = 65_536;
/** Characters read twice where a chunk is cut inside a text node: more than twice the longest
 * claim, so a claim across the cut lies whole on one side of the middle of the overlap. */
export const TEXT_OVERLAP = 4096;

export interface WalkOptions {
  /** Elements to leave out with everything inside them (the extension's own UI host). */
  skip?: (element: Element) => boolean;
  /** Called with each element left out because it is not rendered, so a later change to it can be
   * noticed. */
  onHidden?: (element: Element) => void;
  /** Called with the shadow root of each shadow host the walk enters. A shadow tree is not read as
   * part of its host's text: the caller reads it as a root of its own (a block apart). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** The shadow root of an element, closed ones included where the caller can reach them (an
   * extension can); by default `element.shadowRoot`, which gives open ones only. */
  shadowRootOf?: (element: Element) => ShadowRoot | null;
  /**
   * Leave computed style out of the walk: elements hidden by style (display: none, visibility:
   * hidden) are read like the rest, and the caller asks textShown() about the few spans it cares
   * about. Style queries are most of the walk's cost on a real page. Elements hidden by their
   * markup (the hidden attribute, a closed dialog) are still left out and reported.
   */
  deferStyle?: boolean;
}

/** What a walk starts from: an element, or a shadow root (read as a block of its own). */
export type WalkRoot = Element | ShadowRoot;

/** Whether a node is a shadow root (a document fragment with a host). */
export function isShadowRoot(node: Node): node is ShadowRoot {
  // (A form's `nodeType` may be one of its controls, an object: not 11 either, rightly.)
  return node.nodeType === 11 && (node as Partial<ShadowRoot>).host != null;
}

// Forms that shadow their own properties. A <form> element has a property for each name and id
// of its controls (inputs other than image buttons, buttons, fieldsets, objects, outputs,
// selects, textareas, form-associated custom elements, those outside it bound to it by a form
// attribute too) and of the <img> elements inside it, and these win over every property of its
// prototypes, in every world, the content script's isolated one too: `<form><input
// name="nextSibling"></form>` makes `form.nextSibling` that input (two controls of one name make
// it a RadioNodeList). In Chromium no other element does this: <embed>, <object>, <img>,
// <iframe>, <select>, <fieldset> and the rest keep their properties whatever their children are
// named, and the named properties of `document` reach only the page's own world
// (docs/EXTENSION.md, "Hostile pages"). So what is asked of a form, and of any node whose kind is
// not known, goes through the prototypes' own getters and methods, taken here once; every other
// element is asked directly, which is what the walker's loop needs to stay fast.

/** The getter of `name` on `prototype`, or on the nearest prototype above it that has one. */
function prototypeGetter<T>(prototype: object | undefined, name: string): (this: Node) => T {
  for (let on = prototype ?? null; on !== null; on = Object.getPrototypeOf(on) as object | null) {
    const get = Object.getOwnPropertyDescriptor(on, name)?.get;
    if (get !== undefined) return get as (this: Node) => T;
  }
  return () => {
    throw new Error(`ClaimLens: no DOM getter for ${name}`);
  };
}

/** The method `name` of `prototype` (or of a prototype above it); undefined where there is none. */
function prototypeMethod<F>(prototype: object | undefined, name: string): F | undefined {
  for (let on = prototype ?? null; on !== null; on = Object.getPrototypeOf(on) as object | null) {
    const value = Object.getOwnPropertyDescriptor(on, name)?.value as unknown;
    if (typeof value === 'function') return value as F;
  }
  return undefined;
}

// Undefined outside a browser (no DOM): then nothing here is ever asked.
const NODE_PROTOTYPE = typeof Node === 'undefined' ? undefined : Node.prototype;
const ELEMENT_PROTOTYPE = typeof Element === 'undefined' ? undefined : Element.prototype;
const getFirstChild = prototypeGetter<ChildNode | null>(NODE_PROTOTYPE, 'firstChild');
const getNextSibling = prototypeGetter<ChildNode | null>(NODE_PROTOTYPE, 'nextSibling');
const getPreviousSibling = prototypeGetter<ChildNode | null>(NODE_PROTOTYPE, 'previousSibling');
const getParentNode = prototypeGetter<ParentNode | null>(NODE_PROTOTYPE, 'parentNode');
const getNodeType = prototypeGetter<number>(NODE_PROTOTYPE, 'nodeType');
const getOwnerDocument = prototypeGetter<Document | null>(NODE_PROTOTYPE, 'ownerDocument');
const getIsConnected = prototypeGetter<boolean>(NODE_PROTOTYPE, 'isConnected');
const getLocalName = prototypeGetter<string>(ELEMENT_PROTOTYPE, 'localName');
const nodeContains = prototypeMethod<Node['contains']>(NODE_PROTOTYPE, 'contains')!;
const elementGetAttribute = prototypeMethod<Element['getAttribute']>(
  ELEMENT_PROTOTYPE,
  'getAttribute',
)!;
const elementHasAttribute = prototypeMethod<Element['hasAttribute']>(
  ELEMENT_PROTOTYPE,
  'hasAttribute',
)!;
const elementClosest = prototypeMethod<(this: Element, selectors: string) => Element | null>(
  ELEMENT_PROTOTYPE,
  'closest',
)!;
/** Missing before Chrome 105 and Firefox 106. */
const elementCheckVisibility = prototypeMethod<Element['checkVisibility']>(
  ELEMENT_PROTOTYPE,
  'checkVisibility',
);

/** `node.parentNode`, even of a form with a control of that name. */
export function parentNodeOf(node: Node): ParentNode | null {
  return getParentNode.call(node);
}

/** `node.nextSibling`, even of a form with a control of that name. */
export function nextSiblingOf(node: Node): ChildNode | null {
  return getNextSibling.call(node);
}

/** `node.previousSibling`, even of a form with a control of that name. */
export function previousSiblingOf(node: Node): ChildNode | null {
  return getPreviousSibling.call(node);
}

/** `node.nodeType`, even of a form with a control of that name. */
export function nodeTypeOf(node: Node): number {
  return getNodeType.call(node);
}

/** `element.localName`, even of a form with a control of that name. */
export function localNameOf(element: Element): string {
  return getLocalName.call(element);
}

/** `node.ownerDocument`, even of a form with a control of that name. */
export function ownerDocumentOf(node: Node): Document | null {
  return getOwnerDocument.call(node);
}

/** `node.isConnected`, even of a form with a control of that name. */
export function isConnectedOf(node: Node): boolean {
  return getIsConnected.call(node);
}

/** `node.contains(other)`, even of a form with a control of that name. */
export function containsNode(node: Node, other: Node | null): boolean {
  return nodeContains.call(node, other);
}

/** `element.getAttribute(name)`, even of a form with a control of that name. */
function attributeOf(element: Element, name: string): string | null {
  return elementGetAttribute.call(element, name);
}

/** `element.closest(selectors)`, even of a form with a control of that name. */
export function closestOf(element: Element, selectors: string): Element | null {
  return elementClosest.call(element, selectors);
}

/** A piece of flowing text: non-whitespace runs joined by single spaces (see TextWalker.step). */
const FLOWING_PIECE = /[^ \t\n\f\r]+(?: [^ \t\n\f\r]+)*/g;
/** Where the next piece of flowing text starts. */
const NON_WHITESPACE = /[^ \t\n\f\r]/g;

const ASCII_WHITESPACE = (code: number) =>
  code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/**
 * Texts seen to be whitespace only. A page has thousands of such text nodes (the indentation
 * between elements) but few distinct ones, so one hash lookup answers for most of them, where a
 * search costs a call into the regular expression engine. Bounded: a page cannot grow it.
 */
const BLANK_TEXTS = new Set<string>();

function rememberBlank(data: string): void {
  if (data.length > 256) return;
  if (BLANK_TEXTS.size >= 512) BLANK_TEXTS.clear();
  BLANK_TEXTS.add(data);
}

/** What is owed before the next piece of text: nothing, a space, a line break (<br>), or a block
 * separator. One number for the CLI's pending newlines and pending space (see TextBuilder there). */
const OWE_NOTHING = 0;
const OWE_SPACE = 1;
const OWE_LINE = 2;
const OWE_BLOCK = 3;
const SEPARATORS = ['', ' ', '\n', BLOCK_SEPARATOR] as const;

/**
 * The text read and not yet taken, with its pieces, built with the CLI's whitespace and separator
 * rules (see TextBuilder there). TextWalker.step applies the same rules inline for whole text
 * nodes of flowing text and for element edges, the cases that run once per node of a page; the
 * methods here are for the rest. What is owed is written only before a piece, and only when text
 * is already held (`starts.length > 0`): a chunk never starts with a separator.
 */
class ChunkBuilder {
  parts: string[] = [];
  length = 0;
  owed = OWE_NOTHING;
  starts: number[] = [];
  ends: number[] = [];
  nodes: Text[] = [];
  offsets: number[] = [];
  /** Text length and piece count at the last block edge. */
  edgeLength = 0;
  edgePieces = 0;

  blockEdge(): void {
    this.owed = OWE_BLOCK;
    this.edgeLength = this.length;
    this.edgePieces = this.starts.length;
  }

  /** Flowing text, [from, to) of `data` (node.data), with a loop in script: for the portions of
   * a long text, where a search by the regular expression engine could run on past `to`, to the
   * end of the text, for every portion. Whitespace runs are one space, and a single space inside
   * a run of words stays in its piece. */
  flowing(node: Text, data: string, from: number, to: number): void {
    let i = from;
    while (i < to) {
      if (ASCII_WHITESPACE(data.charCodeAt(i))) {
        while (i < to && ASCII_WHITESPACE(data.charCodeAt(i))) i++;
        this.space();
        continue;
      }
      let end = i + 1;
      while (end < to) {
        const code = data.charCodeAt(end);
        if (!ASCII_WHITESPACE(code)) end++;
        else if (code === 32 && end + 1 < to && !ASCII_WHITESPACE(data.charCodeAt(end + 1)))
          end += 2;
        else break;
      }
      this.emit(node, i, data.slice(i, end));
      i = end;
    }
  }

  /** Preformatted text: spaces as written, each newline a line break, blank lines add nothing. */
  preformatted(node: Text, data: string, from: number, to: number): void {
    let lineStart = from;
    for (let i = from; i <= to; i++) {
      const code = i < to ? data.charCodeAt(i) : -1;
      if (code !== 10 && code !== 13 && code !== -1) continue;
      let hasText = false;
      for (let j = lineStart; j < i; j++) {
        if (!ASCII_WHITESPACE(data.charCodeAt(j))) {
          hasText = true;
          break;
        }
      }
      if (hasText) this.emit(node, lineStart, data.slice(lineStart, i));
      if (code === -1) break;
      if (code === 13 && data.charCodeAt(i + 1) === 10) i++;
      this.owed = this.owed >= OWE_LINE ? OWE_BLOCK : OWE_LINE; // a line break
      lineStart = i + 1;
    }
  }

  /** Everything up to the last block edge (or everything, when `all`); the rest stays. */
  take(all: boolean): TextChunk | null {
    const cutLength = all ? this.length : this.edgeLength;
    const cutPieces = all ? this.starts.length : this.edgePieces;
    if (cutPieces === 0) return null;
    const joined = this.parts.join('');
    if (cutPieces === this.starts.length) {
      // All of it (the usual case): the arrays are handed over, not copied.
      const chunk: TextChunk = {
        text: joined.slice(0, cutLength),
        starts: this.starts,
        ends: this.ends,
        nodes: this.nodes,
        offsets: this.offsets,
      };
      this.parts = [];
      this.length = 0;
      this.starts = [];
      this.ends = [];
      this.nodes = [];
      this.offsets = [];
      this.edgeLength = 0;
      this.edgePieces = 0;
      return chunk;
    }
    const chunk: TextChunk = {
      text: joined.slice(0, cutLength),
      starts: this.starts.slice(0, cutPieces),
      ends: this.ends.slice(0, cutPieces),
      nodes: this.nodes.slice(0, cutPieces),
      offsets: this.offsets.slice(0, cutPieces),
    };
    // Keep the text after the cut, re-based; it begins with the separator owed at the cut.
    const rest = joined.slice(cutLength);
    this.parts = [rest];
    this.length = rest.length;
    this.starts = this.starts.slice(cutPieces).map((start) => start - cutLength);
    this.ends = this.ends.slice(cutPieces).map((end) => end - cutLength);
    this.nodes = this.nodes.slice(cutPieces);
    this.offsets = this.offsets.slice(cutPieces);
    this.edgeLength = 0;
    this.edgePieces = 0;
    return chunk;
  }

  private space(): void {
    if (this.owed === OWE_NOTHING) this.owed = OWE_SPACE;
  }

  private emit(node: Text, from: number, piece: string): void {
    if (this.owed !== OWE_NOTHING) {
      if (this.starts.length > 0) {
        const separator = SEPARATORS[this.owed]!;
        this.parts.push(separator);
        this.length += separator.length;
      }
      this.owed = OWE_NOTHING;
    }
    this.starts.push(this.length);
    this.parts.push(piece);
    this.length += piece.length;
    this.ends.push(this.length);
    this.nodes.push(node);
    this.offsets.push(from);
  }
}

/** Whether a contenteditable attribute's value (null: none) makes its element editable: "",
 * "true" or "plaintext-only" ("false" and invalid values do not). */
function editableState(value: string | null): boolean {
  if (value === null) return false;
  const state = value.toLowerCase();
  return state === '' || state === 'true' || state === 'plaintext-only';
}

/** Whether a hidden attribute's value (null: none) leaves its element out: any value but
 * "until-found", which is findable and revealed by find-in-page, so page text. */
function hiddenState(value: string | null): boolean {
  return value !== null && value.trim().toLowerCase() !== 'until-found';
}

/**
 * Whether an element's own markup leaves it and its subtree out of the text: its name, its hidden
 * attribute, a closed <dialog>, or being editable (by its contenteditable attribute, or the whole
 * document in design mode). Not `isContentEditable`: Chromium answers that by walking up the tree
 * (after a style update), which made a walk over a 5,000-deep page quadratic. The walker never
 * enters an editable element, and the scanner checks every ancestor of a root it reads, so an
 * element's own attribute is all there is left to ask. Asked through the prototypes: the element
 * may be a form that shadows its properties.
 */
export function isSkippedElement(element: Element): boolean {
  const name = localNameOf(element);
  if (SKIPPED_ELEMENTS.has(name)) return true;
  if (hiddenState(attributeOf(element, 'hidden'))) return true;
  if (name === 'dialog' && !elementHasAttribute.call(element, 'open')) return true;
  if (editableState(attributeOf(element, 'contenteditable'))) return true;
  return ownerDocumentOf(element)?.designMode === 'on';
}

/** Asks checkVisibility for the computed visibility too (both names: the older one before Chrome 121). */
const VISIBLE_AND_RENDERED = { visibilityProperty: true, checkVisibilityCSS: true };

/** The computed style of an element (through the prototypes: it may be a form). */
function computedStyleOf(element: Element): CSSStyleDeclaration | undefined {
  return ownerDocumentOf(element)?.defaultView?.getComputedStyle(element);
}

/**
 * Whether an element is rendered (computed display is not "none") and whether its text is visible
 * (computed visibility, which is inherited). checkVisibility() answers the common case, rendered
 * and visible, without building a computed-style object: in Chromium that is 2-3x cheaper per
 * element on the corpus pages, and the walk asks it of every element. When it says no (display:
 * none, visibility: hidden, but also display: contents or a closed <details>, which are read), the
 * computed style decides, so the answer is exactly the computed style's.
 */
function renderedAs(element: Element): 'none' | 'invisible' | 'visible' {
  if (elementCheckVisibility?.call(element, VISIBLE_AND_RENDERED) === true) return 'visible';
  const style = computedStyleOf(element);
  if (style === undefined) return 'visible';
  if (style.display === 'none') return 'none';
  const visibility = style.visibility;
  return visibility === 'hidden' || visibility === 'collapse' ? 'invisible' : 'visible';
}

/** The element a text node's style comes from: its parent, or the host of the shadow root it is in. */
function styledElementOf(node: Node): Element | null {
  const parent = node.parentNode; // of a text node, whose properties are its own
  if (parent === null) return null;
  if (isShadowRoot(parent)) return parent.host;
  return nodeTypeOf(parent) === 1 ? (parent as Element) : null;
}

/** Whether an element and every ancestor (across shadow roots) has a computed display other than
 * "none"; if not, the outermost one that has "none". */
function outermostNotRendered(element: Element): Element | null {
  let found: Element | null = null;
  for (let node: Node | null = element; node !== null; node = parentNodeOf(node)) {
    if (isShadowRoot(node)) node = node.host;
    if (nodeTypeOf(node) !== 1) break;
    const current = node as Element;
    if (computedStyleOf(current)?.display === 'none') found = current;
  }
  return found;
}

/**
 * Whether the text of chunk.text[start, end) is shown, as a walk with style would have read it:
 * every piece in the span is in an element that is rendered (no display: none up to the root) and
 * visible (computed visibility). `notRendered` is the outermost element whose display: none hides
 * some of it, so its showing can be watched.
 */
export function textShown(
  chunk: TextChunk,
  start: number,
  end: number,
): { shown: boolean; notRendered: Element | null } {
  let first = pieceAt(chunk, start);
  if (first < 0) first = 0;
  let checked: Element | null = null;
  for (let i = first; i < chunk.nodes.length && chunk.starts[i]! < end; i++) {
    if (chunk.ends[i]! <= start) continue;
    const element = styledElementOf(chunk.nodes[i]!);
    if (element === null || element === checked) continue;
    checked = element;
    if (elementCheckVisibility?.call(element, VISIBLE_AND_RENDERED) === true) {
      continue; // rendered up to the root, and visible
    }
    const notRendered = outermostNotRendered(element);
    if (notRendered !== null) return { shown: false, notRendered };
    const visibility = computedStyleOf(element)?.visibility;
    if (visibility === 'hidden' || visibility === 'collapse') return { shown: false, notRendered };
    // Rendered and visible by style (display: contents, a closed <details>): read, as with style.
  }
  return { shown: true, notRendered: null };
}

/** What the walker does with an element, by its name (bits of a kind; see ELEMENT_KINDS). */
const SKIPPED = 1;
const BLOCK = 2;
const LINE_BREAK = 4;
const PREFORMATTED = 8;
/** It can host a shadow root: attachShadow() and declarative shadow DOM allow only these HTML
 * elements and custom elements, so no other element needs asking for one. */
const SHADOW_HOST = 16;
const SLOT = 32;
const DIALOG = 64;
/** On the walker's stack only: the element's text is invisible by style. */
const INVISIBLE = 128;
/** A <form>: its own properties may be its controls, so it is asked through the prototypes (see
 * prototypeGetter). Also on the walker's stack, for the climb back out of it. */
const FORM = 256;

const SHADOW_HOST_ELEMENTS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];

/** One lookup per element instead of one per list (core/blocks.ts keeps the lists). */
const ELEMENT_KINDS = new Map<string, number>();
for (const [names, kind] of [
  [SKIPPED_ELEMENTS, SKIPPED],
  [BLOCK_ELEMENTS, BLOCK],
  [LINE_BREAK_ELEMENTS, LINE_BREAK],
  [PREFORMATTED_ELEMENTS, PREFORMATTED],
  [SHADOW_HOST_ELEMENTS, SHADOW_HOST],
  [['slot'], SLOT],
  [['dialog'], DIALOG],
  [['form'], FORM],
] as const) {
  for (const name of names) ELEMENT_KINDS.set(name, (ELEMENT_KINDS.get(name) ?? 0) | kind);
}

/**
 * Walks the text of one subtree. Call step() until it returns true; take() returns the text read
 * so far up to the last block edge (all of it once the walk is done). If the DOM changes under a
 * paused walk so that it cannot continue, step() returns true early and `interrupted` is set: the
 * caller should walk the root again.
 */
export class TextWalker {
  readonly root: WalkRoot;
  interrupted = false;
  private readonly builder = new ChunkBuilder();
  private readonly options: WalkOptions;
  /** One entry per element entered and not yet left, innermost last: its BLOCK, PREFORMATTED,
   * INVISIBLE and SHADOW_HOST bits (numbers, not an object per element). */
  private readonly stack: number[] = [];
  /** The node of each stack entry (a shadow root for the root's host entry). */
  private readonly enteredNodes: Node[] = [];
  private next: Node | null;
  private done = false;
  /** Where reading resumes inside `next` when it is a text node left part-read (0: its start). */
  private textFrom = 0;
  /** Set after a cut inside a text node: the middle of the overlap, which the next chunk's
   * `from` is placed at. */
  private cutMiddle: { node: Text; position: number } | null = null;

  constructor(root: WalkRoot, options: WalkOptions = {}) {
    this.root = root;
    this.options = options;
    this.next = root;
  }

  /**
   * Reads nodes until `shouldStop()` (asked every few nodes) says to pause. True when finished.
   *
   * One loop, with the common cases written out inline and the text's length and owed separator
   * in local variables (written back to the builder before anything else reads them): it runs
   * once per node of the page, and on a page load it runs cold, in the interpreter, where every
   * call and every property access costs. In Chromium on the corpus pages, the walk it replaced
   * (a method per node, an object per element, a search per piece) took about twice as long warm
   * and one and a half times as long cold; most of what is left is the DOM's own accessors.
   */
  step(shouldStop: () => boolean): boolean {
    if (this.done) return true;
    const root = this.root;
    let node = this.next;
    // The root may be a form: asked through the prototypes (once a step, so always).
    if (node !== null && node !== root && !containsNode(root, node)) {
      this.interrupted = true;
      this.finish();
      return true;
    }
    const options = this.options;
    const shadowRootOf = options.shadowRootOf;
    const deferStyle = options.deferStyle === true;
    // Read once per step: no page script runs during one.
    const designMode = ownerDocumentOf(root)?.designMode === 'on';
    const stack = this.stack;
    const enteredNodes = this.enteredNodes;
    /** Entries from here up were entered in this step: the DOM has not changed under them. */
    const enteredBefore = stack.length;
    const out = this.builder;
    const { parts, starts, ends, nodes, offsets } = out;
    let length = out.length;
    let owed = out.owed;
    let count = 0;
    /** `node` may be a form (see FORM): asked through the prototypes. Set for each element and
     * each parent climbed to; left as it was for a text node (read after the start of a form, it
     * is asked through the prototypes too, which is slower, not wrong). */
    let form = false;
    while (node !== null) {
      if ((++count & 31) === 0) {
        out.length = length; // the caller may ask heldText
        if (shouldStop()) {
          out.owed = owed;
          this.next = node;
          return false;
        }
      }
      // Elements are told apart by their name (a text node has none), which saves asking the
      // type of each element. A form's name may be one of its controls (an object, not a
      // string), but it is never undefined: still an element.
      const name = (node as Partial<Element>).localName;
      const type = name !== undefined ? 1 : node.nodeType;
      if (type === 3) {
        const depth = stack.length;
        const parent = depth > 0 ? stack[depth - 1]! : INVISIBLE;
        if ((parent & INVISIBLE) === 0) {
          const text = node as Text;
          const data = text.data;
          const size = data.length;
          if (this.textFrom === 0 && size <= TEXT_PORTION && (parent & PREFORMATTED) === 0) {
            // A whole text node of flowing text. Its pieces are found by the regular expression
            // engine (native code, even cold, and several times faster per character than a
            // loop in script) with test() and lastIndex, which allocate nothing. Most text
            // nodes are whitespace only (the indentation between elements: one lookup, since a
            // page has few distinct ones) or one run of words (one to three searches).
            let start = 0;
            const first = data.charCodeAt(0); // NaN when empty
            if (
              first <= 32 &&
              (first === 32 || first === 10 || first === 9 || first === 13 || first === 12)
            ) {
              if (owed === OWE_NOTHING) owed = OWE_SPACE;
              if (BLANK_TEXTS.has(data)) {
                start = size;
              } else {
                NON_WHITESPACE.lastIndex = 0;
                if (NON_WHITESPACE.test(data)) {
                  start = NON_WHITESPACE.lastIndex - 1;
                } else {
                  rememberBlank(data);
                  start = size;
                }
              }
            }
            while (start < size) {
              FLOWING_PIECE.lastIndex = start;
              FLOWING_PIECE.test(data); // matches at `start`, which is not whitespace
              const end = FLOWING_PIECE.lastIndex;
              const piece = start === 0 && end === size ? data : data.slice(start, end);
              if (owed !== OWE_NOTHING) {
                if (starts.length > 0) {
                  const separator = SEPARATORS[owed]!;
                  parts.push(separator);
                  length += separator.length;
                }
                owed = OWE_NOTHING;
              }
              starts.push(length);
              parts.push(piece);
              length += piece.length;
              ends.push(length);
              nodes.push(text);
              offsets.push(start);
              if (end === size) break;
              owed = OWE_SPACE; // whitespace follows the piece
              NON_WHITESPACE.lastIndex = end;
              start = NON_WHITESPACE.test(data) ? NON_WHITESPACE.lastIndex - 1 : size;
            }
          } else {
            // Preformatted, or a long text read a portion at a time.
            const from = Math.min(this.textFrom, size);
            const to = size - from > TEXT_PORTION ? portionEnd(data, from + TEXT_PORTION) : size;
            out.length = length;
            out.owed = owed;
            if ((parent & PREFORMATTED) !== 0) out.preformatted(text, data, from, to);
            else out.flowing(text, data, from, to);
            length = out.length;
            owed = out.owed;
            if (to < size) {
              this.textFrom = to; // the rest of this node is read next
              if (shouldStop()) {
                this.next = node;
                return false; // after each portion of a long text
              }
              continue;
            }
          }
        }
        this.textFrom = 0;
      } else if (type === 1) {
        const element = node as Element;
        // A custom element's name has a hyphen; any other unlisted element is plain inline. A
        // name that is not a string is a form's control: only forms have such names.
        const kind =
          typeof name === 'string'
            ? (ELEMENT_KINDS.get(name) ?? (name.includes('-') ? SHADOW_HOST : 0))
            : (ELEMENT_KINDS.get(localNameOf(element)) ?? 0) | FORM;
        form = (kind & FORM) !== 0;
        /** What the element pushes on the stack, or -1 when it is left out with its subtree. */
        let flags = -1;
        if ((kind & SKIPPED) === 0 && !options.skip?.(element)) {
          let hidden: boolean;
          if (form) {
            hidden = isSkippedElement(element);
          } else {
            // isSkippedElement, written out. An HTML element's `hidden` property is false exactly
            // when it has no hidden attribute: a cheaper question than the attribute, and the
            // answer for nearly every element (others have no such property: asked the
            // attribute).
            hidden =
              ((element as Partial<HTMLElement>).hidden !== false &&
                hiddenState(element.getAttribute('hidden'))) ||
              ((kind & DIALOG) !== 0 && !element.hasAttribute('open')) ||
              designMode;
            if (!hidden) hidden = editableState(element.getAttribute('contenteditable'));
          }
          const shown = hidden ? 'none' : deferStyle ? 'visible' : renderedAs(element);
          if (shown === 'none') {
            options.onHidden?.(element); // left out, but reported, since that can change
          } else if ((kind & LINE_BREAK) !== 0) {
            owed = owed >= OWE_LINE ? OWE_BLOCK : OWE_LINE;
          } else if (
            (kind & SLOT) === 0 ||
            !((element as HTMLSlotElement).assignedNodes?.().length > 0)
          ) {
            // (A slot's own children are fallback content, shown only when nothing is assigned
            // to it: what is assigned is read where it stands, in the host's children.)
            const preformatted =
              (kind & PREFORMATTED) !== 0 ||
              (stack.length === 0
                ? closestOf(element, 'pre,listing,xmp,plaintext') !== null
                : (stack[stack.length - 1]! & PREFORMATTED) !== 0);
            flags =
              (kind & (BLOCK | SHADOW_HOST | FORM)) |
              (preformatted ? PREFORMATTED : 0) |
              // Computed visibility is inherited: it already says what holds for the text.
              (shown === 'invisible' ? INVISIBLE : 0);
          }
        }
        if (flags >= 0) {
          stack.push(flags);
          enteredNodes.push(element);
          if ((flags & BLOCK) !== 0) {
            owed = OWE_BLOCK;
            out.edgeLength = length;
            out.edgePieces = starts.length;
          }
          // A shadow host shows its shadow tree (read apart) and, through slots, its children;
          // with no slot in the tree, its children are not rendered at all.
          let shadow: ShadowRoot | null = null;
          if ((flags & SHADOW_HOST) !== 0) {
            shadow = shadowRootOf !== undefined ? shadowRootOf(element) : element.shadowRoot;
            if (shadow !== null) options.onShadowRoot?.(shadow);
          }
          const first =
            shadow !== null && shadow.querySelector('slot') === null
              ? null
              : form
                ? getFirstChild.call(element)
                : element.firstChild;
          if (first !== null) {
            node = first;
            continue;
          }
          stack.pop();
          enteredNodes.pop();
          if ((flags & BLOCK) !== 0) {
            owed = OWE_BLOCK;
            out.edgeLength = length;
            out.edgePieces = starts.length;
          }
        }
      } else if (node === root && isShadowRoot(node)) {
        out.length = length;
        out.owed = owed;
        node = this.enterShadowRoot(node);
        length = out.length;
        owed = out.owed;
        continue;
      }
      // Past `node` and its subtree (comments and other nodes hold no page text): to its next
      // sibling, or to that of the nearest ancestor that has one, leaving the elements climbed
      // out of.
      while (true) {
        if (node === root) {
          enteredNodes.pop();
          if (stack.length > 0 && (stack.pop()! & BLOCK) !== 0) {
            owed = OWE_BLOCK;
            out.edgeLength = length;
            out.edgePieces = starts.length;
          }
          node = null;
          break;
        }
        const sibling: Node | null = form ? getNextSibling.call(node) : node.nextSibling;
        if (sibling !== null) {
          node = sibling;
          break;
        }
        // The parent is the element entered last, when that was in this step (one DOM call less
        // per element); entered before a pause, it may have moved since: asked.
        const entered = stack.length > enteredBefore;
        const parent: Node | null = entered
          ? enteredNodes[stack.length - 1]!
          : form
            ? getParentNode.call(node)
            : node.parentNode;
        if (parent === null || stack.length === 0) {
          node = null;
          break;
        }
        enteredNodes.pop();
        const left = stack.pop()!;
        if ((left & BLOCK) !== 0) {
          owed = OWE_BLOCK;
          out.edgeLength = length;
          out.edgePieces = starts.length;
        }
        node = parent;
        // A parent that was asked for may be any element, a form too (its stack entry is that of
        // the element entered there before the pause): asked through the prototypes as well.
        form = !entered || (left & FORM) !== 0;
      }
    }
    out.length = length;
    out.owed = owed;
    this.finish();
    return true;
  }

  take(): TextChunk | null {
    const node = this.next;
    const cutInText = !this.done && this.textFrom > 0 && node !== null && node.nodeType === 3;
    const chunk = this.builder.take(this.done || cutInText);
    if (chunk !== null && this.cutMiddle !== null) {
      chunk.from = offsetIn(chunk, this.cutMiddle.node, this.cutMiddle.position);
      this.cutMiddle = null;
    }
    if (cutInText) {
      // Cut inside a long text node: the next chunk starts TEXT_OVERLAP characters back, and the
      // middle of the overlap divides the matches between the two.
      const text = node as Text;
      const middle = this.textFrom - TEXT_OVERLAP / 2;
      if (chunk !== null) chunk.to = offsetIn(chunk, text, middle);
      this.cutMiddle = { node: text, position: middle };
      this.textFrom -= TEXT_OVERLAP;
    }
    return chunk;
  }

  /** Characters read and not yet taken. */
  get heldText(): number {
    return this.builder.length;
  }

  private finish(): void {
    while (this.stack.length > 0) this.leave();
    this.done = true;
    this.next = null;
    this.textFrom = 0;
  }

  /** A walk of a shadow tree starts as a block with its host's visibility and white-space.
   * Returns the node to read next. */
  private enterShadowRoot(root: ShadowRoot): Node | null {
    const host = root.host;
    const style = host.ownerDocument.defaultView?.getComputedStyle(host);
    const visibility = style?.visibility;
    const invisible = visibility === 'hidden' || visibility === 'collapse';
    const preformatted =
      PREFORMATTED_ELEMENTS.has(host.localName) ||
      host.closest('pre,listing,xmp,plaintext') !== null;
    this.stack.push(BLOCK | (invisible ? INVISIBLE : 0) | (preformatted ? PREFORMATTED : 0));
    this.enteredNodes.push(root);
    this.builder.blockEdge();
    if (root.firstChild !== null) return root.firstChild;
    this.leave();
    return null;
  }

  private leave(): void {
    this.enteredNodes.pop();
    const left = this.stack.pop();
    if (left !== undefined && (left & BLOCK) !== 0) this.builder.blockEdge();
  }
}

/** Where a portion of a long text that should end near `at` ends: at the start of the next run of
 * whitespace (so a word, and a "\r\n", stays whole), or at `at` in a text without any. */
function portionEnd(data: string, at: number): number {
  const limit = Math.min(data.length, at + 256);
  for (let i = at; i < limit; i++) {
    if (!ASCII_WHITESPACE(data.charCodeAt(i))) continue;
    let start = i;
    while (start > at - 256 && ASCII_WHITESPACE(data.charCodeAt(start - 1))) start--;
    if (data.charCodeAt(start - 1) === 13 && data.charCodeAt(start) === 10) start--;
    return start;
  }
  return at;
}

/** The offset in `chunk.text` of `position` in `node` (the next piece's start if it falls between
 * pieces, the text's end if no piece reaches it). */
function offsetIn(chunk: TextChunk, node: Text, position: number): number {
  for (let i = 0; i < chunk.nodes.length; i++) {
    if (chunk.nodes[i] !== node) continue;
    const end = chunk.offsets[i]! + chunk.ends[i]! - chunk.starts[i]!;
    if (position < end) return chunk.starts[i]! + Math.max(0, position - chunk.offsets[i]!);
  }
  return chunk.text.length;
}

/** Reads a whole subtree at once (tests, small roots). */
export function readText(root: WalkRoot, options: WalkOptions = {}): TextChunk {
  const walker = new TextWalker(root, options);
  walker.step(() => false);
  return walker.take() ?? { text: '', starts: [], ends: [], nodes: [], offsets: [] };
}

/** Index of the last piece starting at or before `offset`, or -1. */
function pieceAt(chunk: TextChunk, offset: number): number {
  let low = 0;
  let high = chunk.starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (chunk.starts[mid]! <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * The DOM Range of text.slice(start, end). An end that falls on a separator is pulled back to the
 * end of the text before it, a start on a separator moves to the text after it. Null when the span
 * holds no page text.
 */
export function rangeOf(chunk: TextChunk, start: number, end: number): Range | null {
  if (end <= start) return null;
  let first = pieceAt(chunk, start);
  if (first < 0 || start >= chunk.ends[first]!) first += 1; // start on a separator
  const last = pieceAt(chunk, end - 1);
  if (first >= chunk.starts.length || last < first) return null;
  const startNode = chunk.nodes[first]!;
  const endNode = chunk.nodes[last]!;
  const startOffset = chunk.offsets[first]! + Math.max(0, start - chunk.starts[first]!);
  const endOffset = chunk.offsets[last]! + Math.min(end, chunk.ends[last]!) - chunk.starts[last]!;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}
