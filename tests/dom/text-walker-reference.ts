// The text walker as it was before it was rewritten for speed (dom/text-index.ts at the commit
// before): a straightforward walk, an object per element entered, a method per step. Kept here,
// unchanged but for names, as the reference the fast walker must match exactly: same text, same
// pieces, same chunks, same callbacks, on real pages and under changes while paused.

import {
  BLOCK_ELEMENTS,
  BLOCK_SEPARATOR,
  LINE_BREAK_ELEMENTS,
  PREFORMATTED_ELEMENTS,
  SKIPPED_ELEMENTS,
} from '../../core/blocks';
import { TEXT_OVERLAP, TEXT_PORTION, isShadowRoot } from '../../dom/text-index';
import type { TextChunk, WalkOptions, WalkRoot } from '../../dom/text-index';

/** A piece of flowing text: non-whitespace runs joined by single spaces (see ChunkBuilder.text). */
const FLOWING_PIECE = /[^ \t\n\f\r]+(?: [^ \t\n\f\r]+)*/g;

const ASCII_WHITESPACE = (code: number) =>
  code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/** Builds text and pieces with the CLI's whitespace and separator rules (see TextBuilder there). */
class ChunkBuilder {
  private parts: string[] = [];
  private length = 0;
  private empty = true;
  private pendingNewlines = 0;
  private pendingSpace = false;
  private starts: number[] = [];
  private ends: number[] = [];
  private nodes: Text[] = [];
  private offsets: number[] = [];
  /** Text length and piece count at the last block edge reached after some text. */
  private edgeLength = 0;
  private edgePieces = 0;

  /** Characters of text held (not yet taken). */
  get held(): number {
    return this.length;
  }

  blockEdge(): void {
    this.pendingNewlines = 2;
    this.pendingSpace = false;
    this.edgeLength = this.length;
    this.edgePieces = this.starts.length;
  }

  lineBreak(): void {
    this.pendingNewlines = Math.min(2, this.pendingNewlines + 1);
    this.pendingSpace = false;
  }

  /** Flowing text: whitespace runs are one space, and a single space inside a run of words stays
   * in its piece, so a plain paragraph is one piece per text node. */
  text(node: Text, from = 0, to = node.length): void {
    const data = node.data;
    if (to === data.length) {
      // The same pieces as the loop below, found by the regular expression engine: several
      // times faster per character than a loop in script, and the walk reads every character.
      let i = from;
      FLOWING_PIECE.lastIndex = from;
      for (let piece = FLOWING_PIECE.exec(data); piece !== null; piece = FLOWING_PIECE.exec(data)) {
        if (piece.index > i) this.space();
        i = piece.index + piece[0].length;
        this.emit(node, piece.index, i, piece[0]);
      }
      if (i < to) this.space();
      return;
    }
    const n = to;
    let i = from;
    while (i < n) {
      if (ASCII_WHITESPACE(data.charCodeAt(i))) {
        while (i < n && ASCII_WHITESPACE(data.charCodeAt(i))) i++;
        this.space();
        continue;
      }
      let end = i + 1;
      while (end < n) {
        const code = data.charCodeAt(end);
        if (!ASCII_WHITESPACE(code)) end++;
        else if (code === 32 && end + 1 < n && !ASCII_WHITESPACE(data.charCodeAt(end + 1)))
          end += 2;
        else break;
      }
      this.emit(node, i, end);
      i = end;
    }
  }

  /** Preformatted text: spaces as written, each newline a line break, blank lines add nothing. */
  preformatted(node: Text, from = 0, to = node.length): void {
    const data = node.data;
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
      if (hasText) this.emit(node, lineStart, i);
      if (code === -1) break;
      if (code === 13 && data.charCodeAt(i + 1) === 10) i++;
      this.lineBreak();
      lineStart = i + 1;
    }
  }

  /** Everything up to the last block edge (or everything, when `all`); the rest stays. */
  take(all: boolean): TextChunk | null {
    const cutLength = all ? this.length : this.edgeLength;
    const cutPieces = all ? this.starts.length : this.edgePieces;
    if (cutPieces === 0) return null;
    const joined = this.parts.join('');
    const chunk: TextChunk = {
      text: joined.slice(0, cutLength),
      starts: this.starts.slice(0, cutPieces),
      ends: this.ends.slice(0, cutPieces),
      nodes: this.nodes.slice(0, cutPieces),
      offsets: this.offsets.slice(0, cutPieces),
    };
    // Keep the text after the cut, re-based; it begins with the separator owed at the cut.
    const rest = joined.slice(cutLength);
    this.parts = rest === '' ? [] : [rest];
    this.length = rest.length;
    this.starts = this.starts.slice(cutPieces).map((start) => start - cutLength);
    this.ends = this.ends.slice(cutPieces).map((end) => end - cutLength);
    this.nodes = this.nodes.slice(cutPieces);
    this.offsets = this.offsets.slice(cutPieces);
    this.edgeLength = 0;
    this.edgePieces = 0;
    if (this.starts.length === 0) {
      // Nothing kept: what is owed at the cut is owed at the start of the next chunk, where
      // separators are dropped anyway.
      this.parts = [];
      this.length = 0;
      this.empty = true;
    }
    return chunk;
  }

  private space(): void {
    if (!this.empty && this.pendingNewlines === 0) this.pendingSpace = true;
  }

  private emit(node: Text, from: number, to: number, piece = node.data.slice(from, to)): void {
    if (!this.empty) {
      if (this.pendingNewlines > 0) this.push(this.pendingNewlines === 2 ? BLOCK_SEPARATOR : '\n');
      else if (this.pendingSpace) this.push(' ');
    }
    this.pendingNewlines = 0;
    this.pendingSpace = false;
    this.starts.push(this.length);
    this.push(piece);
    this.ends.push(this.length);
    this.nodes.push(node);
    this.offsets.push(from);
    this.empty = false;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }
}

/**
 * Whether an element is editable by its own markup (contenteditable "", "true" or
 * "plaintext-only"; "false" and invalid values are not), or the whole document is in design mode.
 * Not `isContentEditable`: Chromium answers that by walking up the tree (after a style update),
 * which made a walk over a 5,000-deep page quadratic. The walker never enters an editable
 * element, and the scanner checks every ancestor of a root it reads, so an element's own
 * attribute is all there is left to ask.
 */
function isEditable(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  if (value !== null) {
    const state = value.toLowerCase();
    if (state === '' || state === 'true' || state === 'plaintext-only') return true;
  }
  return element.ownerDocument.designMode === 'on';
}

/** Whether an element's own markup leaves it and its subtree out of the text. */
function isSkippedElement(element: Element): boolean {
  if (SKIPPED_ELEMENTS.has(element.localName)) return true;
  const hidden = element.getAttribute('hidden');
  // hidden="until-found" content is findable and revealed by find-in-page: it is page text.
  if (hidden !== null && hidden.trim().toLowerCase() !== 'until-found') return true;
  if (element.localName === 'dialog' && !element.hasAttribute('open')) return true;
  return isEditable(element);
}

/** Asks checkVisibility for the computed visibility too (both names: the older one before Chrome 121). */
const VISIBLE_AND_RENDERED = { visibilityProperty: true, checkVisibilityCSS: true };

/**
 * Whether an element is rendered (computed display is not "none") and whether its text is visible
 * (computed visibility, which is inherited). checkVisibility() answers the common case, rendered
 * and visible, without building a computed-style object: in Chromium that is 2-3x cheaper per
 * element on the corpus pages, and the walk asks it of every element. When it says no (display:
 * none, visibility: hidden, but also display: contents or a closed <details>, which are read), the
 * computed style decides, so the answer is exactly the computed style's.
 */
function renderedAs(element: Element): 'none' | 'invisible' | 'visible' {
  if (
    typeof element.checkVisibility === 'function' &&
    element.checkVisibility(VISIBLE_AND_RENDERED)
  )
    return 'visible';
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  if (style === undefined) return 'visible';
  if (style.display === 'none') return 'none';
  const visibility = style.visibility;
  return visibility === 'hidden' || visibility === 'collapse' ? 'invisible' : 'visible';
}

/** What the walker knows about an element it has entered. */
interface Entered {
  element: Element;
  block: boolean;
  invisible: boolean;
  preformatted: boolean;
}

/**
 * Walks the text of one subtree. Call step() until it returns true; take() returns the text read
 * so far up to the last block edge (all of it once the walk is done). If the DOM changes under a
 * paused walk so that it cannot continue, step() returns true early and `interrupted` is set: the
 * caller should walk the root again.
 */
export class ReferenceTextWalker {
  readonly root: WalkRoot;
  interrupted = false;
  private readonly builder = new ChunkBuilder();
  private readonly options: WalkOptions;
  private readonly stack: Entered[] = [];
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

  /** Reads nodes until `shouldStop()` (asked every few nodes) says to pause. True when finished. */
  step(shouldStop: () => boolean): boolean {
    if (this.done) return true;
    if (this.next !== null && this.next !== this.root && !this.root.contains(this.next)) {
      this.interrupted = true;
      this.finish();
      return true;
    }
    let count = 0;
    while (this.next !== null) {
      if ((++count & 31) === 0 && shouldStop()) return false;
      this.visit(this.next);
      if (this.textFrom > 0 && shouldStop()) return false; // after each portion of a long text
    }
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
    return this.builder.held;
  }

  private finish(): void {
    while (this.stack.length > 0) this.leave();
    this.done = true;
    this.next = null;
    this.textFrom = 0;
  }

  private visit(node: Node): void {
    if (node.nodeType === 3) {
      const text = node as Text;
      const parent = this.stack[this.stack.length - 1];
      if (parent !== undefined && !parent.invisible) {
        const length = text.length;
        const from = Math.min(this.textFrom, length);
        const to =
          length - from > TEXT_PORTION ? portionEnd(text.data, from + TEXT_PORTION) : length;
        if (parent.preformatted) this.builder.preformatted(text, from, to);
        else this.builder.text(text, from, to);
        if (to < length) {
          this.textFrom = to; // the rest of this node is read next
          return;
        }
      }
      this.textFrom = 0;
      this.advance(node);
      return;
    }
    if (node === this.root && isShadowRoot(node)) {
      this.enterShadowRoot(node);
      return;
    }
    if (node.nodeType !== 1) {
      this.advance(node); // comments, processing instructions: no page text
      return;
    }
    const element = node as Element;
    const entered = this.enter(element);
    if (entered === null) {
      this.advance(element);
      return;
    }
    this.stack.push(entered);
    if (entered.block) this.builder.blockEdge();
    // A shadow host shows its shadow tree (read apart) and, through slots, its children; with no
    // slot in the tree, its children are not rendered at all.
    const shadow = this.shadowRootOf(element);
    if (shadow !== null) this.options.onShadowRoot?.(shadow);
    const childrenShown = shadow === null || shadow.querySelector('slot') !== null;
    if (childrenShown && element.firstChild !== null) {
      this.next = element.firstChild;
    } else {
      this.leave();
      this.advance(element);
    }
  }

  private shadowRootOf(element: Element): ShadowRoot | null {
    const shadowRootOf = this.options.shadowRootOf;
    return shadowRootOf !== undefined ? shadowRootOf(element) : element.shadowRoot;
  }

  /** A walk of a shadow tree starts as a block with its host's visibility and white-space. */
  private enterShadowRoot(root: ShadowRoot): void {
    const host = root.host;
    const style = host.ownerDocument.defaultView?.getComputedStyle(host);
    const visibility = style?.visibility;
    this.stack.push({
      element: host,
      block: true,
      invisible: visibility === 'hidden' || visibility === 'collapse',
      preformatted:
        PREFORMATTED_ELEMENTS.has(host.localName) ||
        host.closest('pre,listing,xmp,plaintext') !== null,
    });
    this.builder.blockEdge();
    if (root.firstChild !== null) {
      this.next = root.firstChild;
    } else {
      this.leave();
      this.next = null;
    }
  }

  /** Decides how to read an element; null leaves it out with its subtree. */
  private enter(element: Element): Entered | null {
    const name = element.localName;
    if (SKIPPED_ELEMENTS.has(name) || this.options.skip?.(element)) return null;
    // Hidden by an attribute or by style: left out, but reported, since that can change.
    const shown = isSkippedElement(element)
      ? 'none'
      : this.options.deferStyle === true
        ? 'visible'
        : renderedAs(element);
    if (shown === 'none') {
      this.options.onHidden?.(element);
      return null;
    }
    if (LINE_BREAK_ELEMENTS.has(name)) {
      this.builder.lineBreak();
      return null;
    }
    // A slot's own children are fallback content, shown only when nothing is assigned to it (what
    // is assigned is read where it stands, in the host's children).
    if (name === 'slot' && (element as HTMLSlotElement).assignedNodes?.().length > 0) return null;
    const parent = this.stack[this.stack.length - 1];
    return {
      element,
      block: BLOCK_ELEMENTS.has(name),
      // Computed visibility is inherited, so it already says what holds for this element's text.
      invisible: shown === 'invisible',
      preformatted:
        PREFORMATTED_ELEMENTS.has(name) ||
        (parent === undefined
          ? element.closest('pre,listing,xmp,plaintext') !== null
          : parent.preformatted),
    };
  }

  /** Moves past `node` (and its subtree): to its next sibling, or up and out of finished parents. */
  private advance(node: Node): void {
    let current: Node = node;
    while (true) {
      if (current === this.root) {
        if (this.stack.length > 0) this.leave();
        this.next = null;
        return;
      }
      const sibling = current.nextSibling;
      if (sibling !== null) {
        this.next = sibling;
        return;
      }
      const parent = current.parentNode;
      if (parent === null || this.stack.length === 0) {
        this.next = null;
        return;
      }
      this.leave();
      current = parent;
    }
  }

  private leave(): void {
    const left = this.stack.pop();
    if (left?.block) this.builder.blockEdge();
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
export function referenceReadText(root: WalkRoot, options: WalkOptions = {}): TextChunk {
  const walker = new ReferenceTextWalker(root, options);
  walker.step(() => false);
  return walker.take() ?? { text: '', starts: [], ends: [], nodes: [], offsets: [] };
}
