// Painting claims on the page. The CSS Custom Highlight API styles Ranges without touching the
// page's DOM: each kind of claim is one Highlight registered in CSS.highlights as "claimlens-<kind>",
// the focused claim is "claimlens-active", and the ::highlight() rules live in a constructed
// stylesheet adopted by the document (document.adoptedStyleSheets is not part of the serialized DOM,
// so the page's markup stays byte-for-byte the same). Where the API is missing, claims are wrapped
// in <mark data-claimlens> elements, which are removed again cleanly: the text nodes split to wrap
// them are merged back.

import { SKIPPED_ELEMENTS } from '../core/blocks';
import { FACT_KINDS, type FactKind } from '../core/pack';
import type { HighlightColor, HighlightStyle } from '../messaging/settings';
import { HIGHLIGHT_PALETTE } from '../messaging/settings';
import { closestOf, isShadowRoot } from './text-index';

export const HIGHLIGHT_PREFIX = 'claimlens';
export const ACTIVE_HIGHLIGHT = `${HIGHLIGHT_PREFIX}-active`;
/** Background and text of the focused claim: white on dark blue, 9.9:1. */
export const ACTIVE_COLORS = { background: '#1f3f9e', text: '#ffffff' };

export function highlightName(kind: FactKind): string {
  return `${HIGHLIGHT_PREFIX}-${kind}`;
}

/** What a painter needs of a claim. */
export interface Paintable {
  range: Range;
  kind: FactKind;
}

export interface Painter {
  /** True when painting changes the page's DOM (the wrapper fallback). */
  readonly mutatesDom: boolean;
  add(claims: readonly Paintable[]): void;
  remove(claims: readonly Paintable[]): void;
  /** Marks one claim as the focused one (null: none). */
  setActive(claim: Paintable | null): void;
  setStyle(style: HighlightStyle, color: HighlightColor): void;
  /** Removes every highlight and style this painter added. */
  clear(): void;
  /** The claim painted at a mark element (wrapper fallback only). */
  claimAtElement?(element: Element): Paintable | undefined;
  /** Makes visible what add() registered, where that is a step of its own (the highlight
   * painter's stylesheet, when it waits for a scan to settle). */
  commit?(): void;
  /** Puts back what the page took away (its highlights or their stylesheet); true when something
   * was put back. Highlights only: a page that removes wrapper marks removes page text with them,
   * which the scanner sees as any other change. */
  restore?(): boolean;
}

/** The stylesheet rules for a highlight style, over the given selector per kind. */
export function highlightRules(
  style: HighlightStyle,
  color: HighlightColor,
  selector: (name: string) => string,
): string {
  const palette = HIGHLIGHT_PALETTE[color];
  const look =
    style === 'background'
      ? `background-color: ${palette.background}; color: ${palette.text};`
      : `text-decoration-line: underline; text-decoration-style: solid; text-decoration-color: ${palette.underline}; text-decoration-thickness: 2px;`;
  const kinds = FACT_KINDS.map((kind) => `${selector(highlightName(kind))} { ${look} }`);
  const active = `${selector(ACTIVE_HIGHLIGHT)} { background-color: ${ACTIVE_COLORS.background}; color: ${ACTIVE_COLORS.text}; }`;
  return [...kinds, active].join('\n');
}

// ---------------------------------------------------------------------------------------------
// CSS Custom Highlight API

/** The part of the Highlight interface the painter uses. */
export interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): boolean;
  clear(): void;
  priority: number;
  readonly size: number;
}

/** Where highlights and their styles go: the page's CSS.highlights and adopted stylesheets, or a
 * stand-in in tests. */
export interface HighlightHost {
  registry: {
    set(name: string, highlight: HighlightLike): unknown;
    delete(name: string): unknown;
    /** What the registry holds under `name` (a page script may have deleted or replaced it). */
    get?(name: string): unknown;
  };
  createHighlight(): HighlightLike;
  /** Installs or replaces this painter's stylesheet (adopting it again if the page dropped it);
   * null removes it. */
  setStyles(css: string | null): void;
  /** Whether the stylesheet is still adopted (a page script may reassign adoptedStyleSheets). */
  stylesInPlace?(): boolean;
  /** Adopts the stylesheet into a shadow root too: ::highlight() rules apply only to elements in
   * the tree of the stylesheet that holds them, and claims can be in shadow trees. */
  styleShadowRoot?(root: ShadowRoot): void;
}

/** The page's highlight registry and adopted stylesheets, or null where the API is missing. */
export function pageHighlightHost(doc: Document): HighlightHost | null {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const registry = view?.CSS?.highlights;
  const HighlightCtor = view?.Highlight;
  if (registry === undefined || HighlightCtor === undefined || !('adoptedStyleSheets' in doc)) {
    return null;
  }
  let sheet: CSSStyleSheet | null = null;
  /** Shadow roots holding claims: the sheet is adopted there as well. */
  const shadowRoots = new Set<ShadowRoot>();
  const scopes = (): (Document | ShadowRoot)[] => {
    for (const root of shadowRoots) if (!root.isConnected) shadowRoots.delete(root);
    return [doc, ...shadowRoots];
  };
  const adopt = (scope: Document | ShadowRoot, ours: CSSStyleSheet) => {
    if (!scope.adoptedStyleSheets.includes(ours)) {
      scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, ours];
    }
  };
  return {
    registry,
    createHighlight: () => new HighlightCtor(),
    setStyles(css) {
      if (css === null) {
        if (sheet !== null) {
          const ours = sheet;
          for (const scope of scopes()) {
            scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((s) => s !== ours);
          }
          sheet = null;
        }
        shadowRoots.clear();
        return;
      }
      sheet ??= new view!.CSSStyleSheet();
      for (const scope of scopes()) adopt(scope, sheet);
      sheet.replaceSync(css);
    },
    stylesInPlace: () =>
      sheet !== null && scopes().every((scope) => scope.adoptedStyleSheets.includes(sheet!)),
    styleShadowRoot(root) {
      shadowRoots.add(root);
      if (sheet !== null) adopt(root, sheet);
    },
  };
}

export interface CustomHighlightOptions {
  /**
   * Adopt the ::highlight() stylesheet on commit() (the scanner commits when its reading settles)
   * rather than with the first claim. Adopting a stylesheet makes Chromium restyle every element
   * of the page, about 1.5 µs each here (300 ms on a 200,000-node page): inside a reading slice,
   * the slice's next style query would pay for it; after the slices, the next frame does, once.
   */
  stylesOnCommit?: boolean;
}

export class CustomHighlightPainter implements Painter {
  readonly mutatesDom = false;
  private readonly host: HighlightHost;
  private readonly stylesOnCommit: boolean;
  private readonly byKind = new Map<FactKind, HighlightLike>();
  private active: HighlightLike | null = null;
  private style: HighlightStyle = 'background';
  private color: HighlightColor = 'yellow';
  private installed = false;

  constructor(host: HighlightHost, options: CustomHighlightOptions = {}) {
    this.host = host;
    this.stylesOnCommit = options.stylesOnCommit ?? false;
  }

  add(claims: readonly Paintable[]): void {
    if (claims.length === 0) return;
    if (!this.stylesOnCommit) this.install();
    this.restore();
    for (const claim of claims) {
      const root = claim.range.startContainer.getRootNode();
      if (isShadowRoot(root)) this.host.styleShadowRoot?.(root);
      let highlight = this.byKind.get(claim.kind);
      if (highlight === undefined) {
        highlight = this.host.createHighlight();
        this.byKind.set(claim.kind, highlight);
        this.host.registry.set(highlightName(claim.kind), highlight);
      }
      highlight.add(claim.range);
    }
  }

  remove(claims: readonly Paintable[]): void {
    for (const claim of claims) {
      this.byKind.get(claim.kind)?.delete(claim.range);
      this.active?.delete(claim.range);
    }
  }

  commit(): void {
    for (const highlight of this.byKind.values()) {
      if (highlight.size === 0) continue;
      this.install();
      return;
    }
  }

  setActive(claim: Paintable | null): void {
    if (claim === null) {
      this.active?.clear();
      return;
    }
    this.install();
    this.restore();
    if (this.active === null) {
      this.active = this.host.createHighlight();
      this.active.priority = 1; // painted over the kind highlights
      this.host.registry.set(ACTIVE_HIGHLIGHT, this.active);
    }
    this.active.clear();
    this.active.add(claim.range);
  }

  setStyle(style: HighlightStyle, color: HighlightColor): void {
    this.style = style;
    this.color = color;
    if (this.installed) this.host.setStyles(this.rules());
  }

  clear(): void {
    for (const kind of this.byKind.keys()) this.host.registry.delete(highlightName(kind));
    this.byKind.clear();
    if (this.active !== null) this.host.registry.delete(ACTIVE_HIGHLIGHT);
    this.active = null;
    if (this.installed) this.host.setStyles(null);
    this.installed = false;
  }

  /**
   * CSS.highlights and adoptedStyleSheets belong to the page too: a page script may clear the
   * registry (a naive highlighter of its own resetting) or reassign the stylesheets. Called when
   * painting and when the reader acts, never on a timer, so a page that keeps removing them wins
   * without a fight.
   */
  restore(): boolean {
    if (!this.installed) return false;
    const registry = this.host.registry;
    let restored = false;
    if (registry.get !== undefined) {
      const named: [string, HighlightLike][] = [...this.byKind].map(([kind, highlight]) => [
        highlightName(kind),
        highlight,
      ]);
      if (this.active !== null) named.push([ACTIVE_HIGHLIGHT, this.active]);
      for (const [name, highlight] of named) {
        if (registry.get(name) === highlight) continue;
        registry.set(name, highlight);
        restored = true;
      }
    }
    if (this.host.stylesInPlace?.() === false) {
      this.host.setStyles(this.rules());
      restored = true;
    }
    return restored;
  }

  private rules(): string {
    return highlightRules(this.style, this.color, (name) => `::highlight(${name})`);
  }

  /** Styles are added with the first claim, so pages without claims are left entirely alone. */
  private install(): void {
    if (this.installed) return;
    this.host.setStyles(this.rules());
    this.installed = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Fallback: wrapper elements

export const WRAPPER_ATTRIBUTE = 'data-claimlens';

interface Wrapped {
  claim: Paintable;
  marks: HTMLElement[];
}

/** Text nodes of `range` with the part of each that the range covers. */
function textPieces(range: Range): { node: Text; from: number; to: number }[] {
  const pieces: { node: Text; from: number; to: number }[] = [];
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  const root = range.commonAncestorContainer;
  const addPiece = (node: Text) => {
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.data.length;
    const parent = node.parentElement;
    if (parent !== null && SKIPPED_ELEMENTS.has(parent.localName)) return; // e.g. a <script> inside
    if (to > from && node.data.slice(from, to).trim() !== '') pieces.push({ node, from, to });
  };
  if (root.nodeType === 3) {
    addPiece(root as Text);
    return pieces;
  }
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (range.intersectsNode(node)) addPiece(node as Text);
  }
  return pieces;
}

export class WrapperPainter implements Painter {
  readonly mutatesDom = true;
  private readonly doc: Document;
  private readonly wrapped = new Map<Paintable, Wrapped>();
  private readonly byMark = new WeakMap<Element, Paintable>();
  /** Text nodes this painter split off; merged back into their left neighbour when unwrapped. */
  private readonly splitOff = new Set<Text>();
  private active: Paintable | null = null;
  private style: HighlightStyle = 'background';
  private color: HighlightColor = 'yellow';

  constructor(doc: Document) {
    this.doc = doc;
  }

  add(claims: readonly Paintable[]): void {
    // Every piece is located before anything is split, and each text node is cut from its end
    // backwards, so the offsets still to be cut stay valid (whatever the DOM does to live ranges).
    const pieces = new Map<Text, { claim: Paintable; from: number; to: number }[]>();
    for (const claim of claims) {
      if (this.wrapped.has(claim)) continue;
      this.wrapped.set(claim, { claim, marks: [] });
      for (const { node, from, to } of textPieces(claim.range)) {
        const inNode = pieces.get(node) ?? [];
        inNode.push({ claim, from, to });
        pieces.set(node, inNode);
      }
    }
    for (const [node, inNode] of pieces) {
      inNode.sort((a, b) => b.from - a.from);
      for (const { claim, from, to } of inNode) {
        if (to < node.data.length) this.splitOff.add(node.splitText(to));
        const middle = from > 0 ? node.splitText(from) : node;
        if (from > 0) this.splitOff.add(middle);
        const mark = this.doc.createElement('mark');
        mark.setAttribute(WRAPPER_ATTRIBUTE, claim.kind);
        // Through the text and the mark, never their parent: it may be a form whose controls
        // shadow its methods (a control named "insertBefore"; dom/text-index.ts).
        middle.before(mark);
        mark.appendChild(middle);
        this.byMark.set(mark, claim);
        this.paint(mark, claim === this.active);
        this.wrapped.get(claim)!.marks.push(mark);
      }
    }
    // Moving text into a mark moves (and can collapse) live ranges that pointed into it: make
    // each claim's range span its marks, which stay put while the claim is painted.
    for (const claim of claims) {
      const marks = this.wrapped.get(claim)?.marks ?? [];
      marks.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      const first = marks[0];
      const last = marks[marks.length - 1];
      if (first === undefined || last === undefined) continue;
      claim.range.setStart(first, 0);
      claim.range.setEnd(last, last.childNodes.length);
    }
  }

  remove(claims: readonly Paintable[]): void {
    let removed = false;
    for (const claim of claims) {
      const wrapped = this.wrapped.get(claim);
      if (wrapped === undefined) continue;
      for (const mark of wrapped.marks) {
        if (mark.parentNode !== null) {
          while (mark.firstChild !== null) mark.before(mark.firstChild);
          mark.remove();
        }
      }
      this.wrapped.delete(claim);
      if (this.active === claim) this.active = null;
      removed = true;
    }
    if (removed) this.mergeSplitText();
  }

  setActive(claim: Paintable | null): void {
    const previous = this.active;
    this.active = claim;
    for (const changed of [previous, claim]) {
      if (changed === null) continue;
      for (const mark of this.wrapped.get(changed)?.marks ?? [])
        this.paint(mark, changed === claim);
    }
  }

  setStyle(style: HighlightStyle, color: HighlightColor): void {
    this.style = style;
    this.color = color;
    for (const { claim, marks } of this.wrapped.values()) {
      for (const mark of marks) this.paint(mark, claim === this.active);
    }
  }

  clear(): void {
    this.remove([...this.wrapped.keys()]);
  }

  claimAtElement(element: Element): Paintable | undefined {
    // The element under the pointer may be a form that shadows `closest`.
    const mark = closestOf(element, `mark[${WRAPPER_ATTRIBUTE}]`);
    return mark === null ? undefined : this.byMark.get(mark);
  }

  private paint(mark: HTMLElement, active: boolean): void {
    const palette = HIGHLIGHT_PALETTE[this.color];
    const style = mark.style;
    if (active) {
      style.backgroundColor = ACTIVE_COLORS.background;
      style.color = ACTIVE_COLORS.text;
      style.textDecoration = '';
    } else if (this.style === 'background') {
      style.backgroundColor = palette.background;
      style.color = palette.text;
      style.textDecoration = '';
    } else {
      style.backgroundColor = 'transparent';
      style.color = 'inherit';
      style.textDecoration = `underline solid ${palette.underline} 2px`;
    }
  }

  /** Joins each split-off text node back onto the text it was split from, once nothing of ours
   * stands between them. */
  private mergeSplitText(): void {
    for (const node of this.splitOff) {
      if (!node.isConnected) {
        this.splitOff.delete(node);
        continue;
      }
      const previous = node.previousSibling;
      if (previous !== null && previous.nodeType === 3) {
        (previous as Text).appendData(node.data);
        node.remove();
        this.splitOff.delete(node);
      }
    }
  }
}
