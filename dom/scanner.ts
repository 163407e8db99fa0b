// Finds claims in a live page and keeps them current. The first scan and every later change are
// the same kind of work: a queue of block elements to (re)read. Reading happens in slices of at
// most SLICE_MS (dom/schedule.ts), each slice walking text, scanning the chunks it completed and
// painting what it found. The MutationObserver callback only records; after a short batching delay
// the records are turned into the block elements they touched, and only those are read again (or
// only the blocks added, where that finds the same claims: see addedBlocks).

import { BLOCK_ELEMENTS } from '../core/blocks';
import type { ScanMatch } from '../core/describe';
import type { FactKind } from '../core/pack';
import type { RawMatch } from '../core/types';
import type { Painter } from './highlights';
import type { Scheduler } from './schedule';
import type { TextChunk, WalkRoot } from './text-index';
import {
  TextWalker,
  containsNode,
  isConnectedOf,
  isShadowRoot,
  isSkippedElement,
  localNameOf,
  nextSiblingOf,
  nodeTypeOf,
  ownerDocumentOf,
  parentNodeOf,
  previousSiblingOf,
  rangeOf,
  textShown,
} from './text-index';

/** One claim on the page. */
export interface Claim {
  range: Range;
  kind: FactKind;
  /** The matched text, as the matcher read it. */
  text: string;
  /** The raw match re-based to `text` (start 0, end text.length): what the background describes. */
  raw: RawMatch;
  /** The background's description, once it has answered. */
  match?: ScanMatch;
}

/** Mutations are collected for this long before they are read, so a burst is one batch. */
export const BATCH_DELAY_MS = 100;

/** Attributes whose change can show or hide content. */
const WATCHED_ATTRIBUTES = ['hidden', 'style', 'class', 'open', 'contenteditable'];

const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: WATCHED_ATTRIBUTES,
};

export interface ScannerOptions {
  document: Document;
  scan(text: string): RawMatch[];
  kindOf(fact: number): FactKind;
  painter: Painter;
  scheduler: Scheduler;
  /** The extension's own UI (its shadow host): never read, and its changes are not page changes. */
  isOwnElement(element: Element): boolean;
  /** The shadow root of an element, closed ones included where they can be reached; by default
   * `element.shadowRoot` (open ones). Shadow trees are read as roots of their own and observed. */
  shadowRootOf?: (element: Element) => ShadowRoot | null;
  /** Called after a slice that added or removed claims, with every claim in document order. */
  onChange(claims: readonly Claim[]): void;
  /** Called when all queued reading is done (after the first scan, and after each later batch). */
  onSettled?(claims: readonly Claim[]): void;
}

export interface ScannerStats {
  slices: number;
  /** Longest slice, in ms. */
  longestSliceMs: number;
  /** Block elements read (the first scan's root counts as one). */
  rootsRead: number;
  /** Characters of text read and scanned. */
  charactersRead: number;
}

function rebase(raw: RawMatch): RawMatch {
  const rebased: RawMatch = {
    start: 0,
    end: raw.end - raw.start,
    fact: raw.fact,
    comparison: {
      comparison: raw.comparison.comparison,
      agreesWith: [...raw.comparison.agreesWith],
    },
  };
  if (raw.number !== undefined) {
    rebased.number = {
      ...raw.number,
      start: raw.number.start - raw.start,
      end: raw.number.end - raw.start,
    };
  }
  return rebased;
}

// Elements met going up from a changed node may be forms whose controls shadow their properties
// (dom/text-index.ts): what is asked of them goes through the prototypes (parentNodeOf and the
// like), which costs nothing that matters here, once per change.

/** What to read again after a change to `node`: its nearest block ancestor-or-self, or the shadow
 * root it is in when there is no block between them. */
function blockOf(node: Node): WalkRoot | null {
  let current: Node | null =
    nodeTypeOf(node) === 1 || isShadowRoot(node) ? node : parentNodeOf(node);
  while (current !== null) {
    if (isShadowRoot(current)) return current;
    if (nodeTypeOf(current) !== 1) return null; // a document, or a fragment outside the page
    const element = current as Element;
    if (BLOCK_ELEMENTS.has(localNameOf(element))) return element;
    const parent: Node | null = parentNodeOf(element);
    if (parent === null || nodeTypeOf(parent) === 9) return element; // the document element
    current = parent;
  }
  return null;
}

/** Above this many elements added in one batch, the blocks they were added to are read instead
 * of the blocks added (and addedBlocks, whose sibling lookups are bounded per node, is not run). */
const MAX_ADDED_ROOTS = 64;

/** How far addedBlocks looks past siblings that hold no text for one that does. */
const SIBLING_LOOKUP_LIMIT = 64;

/** Whether a node adds nothing to the text, not even a space: a comment, or an element left out
 * with its subtree (a script, a hidden or editable element). */
function addsNothing(node: Node): boolean {
  const type = nodeTypeOf(node);
  return type === 8 || (type === 1 && isSkippedElement(node as Element));
}

function isBlockElement(node: Node): boolean {
  return nodeTypeOf(node) === 1 && BLOCK_ELEMENTS.has(localNameOf(node as Element));
}

function isBlankText(node: Node): boolean {
  return nodeTypeOf(node) === 3 && (node as Text).data.trim() === '';
}

/** Whether the text had a block edge on the `side` of `node` within its parent, a block, before
 * the nodes of this batch (`fresh`) were added: the nearest older sibling there that adds to the
 * text is a block element, or there is none (the parent's own edge). Null when that takes more
 * than SIBLING_LOOKUP_LIMIT steps to tell. */
function blockEdgeBeside(
  node: Node,
  side: 'before' | 'after',
  fresh: ReadonlySet<Node>,
): boolean | null {
  const next = side === 'before' ? previousSiblingOf : nextSiblingOf;
  let sibling = next(node);
  for (let steps = 0; sibling !== null; steps++) {
    if (steps === SIBLING_LOOKUP_LIMIT) return null;
    if (!fresh.has(sibling) && !addsNothing(sibling) && !isBlankText(sibling)) {
      return isBlockElement(sibling);
    }
    sibling = next(sibling);
  }
  return true;
}

/**
 * The blocks to read after a childList record, when reading them alone gives the claims reading
 * the record's target again would give; null when it does not (then the target is read).
 *
 * That holds when the record only added nodes, to a block element that hosts no shadow tree, and
 * each added node still there is a block element, or adds at most a space (blank text, a
 * comment, a script), with a block edge on one side of it that was there before the batch: two
 * blocks added side by side between two runs of inline text are each beside a block, yet split
 * the runs' paragraph. No claim crosses a block edge,
 * so the text of the target's other paragraphs, and their claims, stay as they were. Not when an
 * added node stands between two runs of inline text: a block there splits their paragraph, a
 * space joins or separates their words. Infinite scroll appends blocks to a list of blocks: with
 * this, each batch costs what it added, not the whole page again.
 */
function addedBlocks(
  record: MutationRecord,
  shadowRootOf: (element: Element) => ShadowRoot | null,
  fresh: ReadonlySet<Node>,
): Node[] | null {
  const target = record.target;
  if (record.removedNodes.length > 0 || !isBlockElement(target)) return null;
  if (shadowRootOf(target as Element) !== null) return null;
  const blocks: Node[] = [];
  for (const node of Array.from(record.addedNodes)) {
    if (parentNodeOf(node) !== target) {
      if (isConnectedOf(node)) return null; // moved on: where to is another record's
      continue; // gone again: its removal is recorded, and nothing of it was read
    }
    const block = isBlockElement(node);
    if (!block && !addsNothing(node) && !isBlankText(node)) return null;
    if (
      blockEdgeBeside(node, 'before', fresh) !== true &&
      blockEdgeBeside(node, 'after', fresh) !== true
    ) {
      return null;
    }
    if (block) blocks.push(node);
  }
  return blocks;
}

/** Whether an ancestor of `node` (within its tree: a shadow root is the top of its own) is in
 * one of the sets. */
function isInside(node: Node, ...sets: ReadonlySet<Node>[]): boolean {
  for (let at = parentNodeOf(node); at !== null; at = parentNodeOf(at)) {
    for (const set of sets) if (set.has(at)) return true;
  }
  return false;
}

function isRendered(element: Element): boolean {
  if (isSkippedElement(element)) return false;
  return ownerDocumentOf(element)?.defaultView?.getComputedStyle(element).display !== 'none';
}

/** `node` and the hosts of the shadow trees it is in, outermost host first. */
function hostPath(node: Node): Node[] {
  const path = [node];
  for (let root = node.getRootNode(); isShadowRoot(root); root = root.host.getRootNode()) {
    path.unshift(root.host);
  }
  return path;
}

/** Claims in the order a reader meets them: document order, with a shadow tree's text where its
 * host stands (before the host's own children). */
function byDocumentOrder(a: Claim, b: Claim): number {
  try {
    const aStart = a.range.startContainer;
    const bStart = b.range.startContainer;
    if (aStart.getRootNode() === bStart.getRootNode()) {
      return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
    }
    const aPath = hostPath(aStart);
    const bPath = hostPath(bStart);
    for (let i = 0; i < aPath.length && i < bPath.length; i++) {
      if (aPath[i] === bPath[i]) continue;
      const position = aPath[i]!.compareDocumentPosition(bPath[i]!);
      if (position & 8) return 1; // b's node contains a's: b's host comes first
      if (position & 16) return -1;
      return position & 4 ? -1 : 1;
    }
    return aPath.length - bPath.length;
  } catch {
    return 0; // a range in another tree: order does not matter, it is about to be pruned
  }
}

export class Scanner {
  private readonly options: ScannerOptions;
  private readonly shadowRootOf: (element: Element) => ShadowRoot | null;
  private readonly observer: MutationObserver;
  private claimList: Claim[] = [];
  /** Roots waiting to be read, in order, and the same as a set. */
  private queue: WalkRoot[] = [];
  private readonly queued = new Set<Node>();
  /** Shadow roots observed besides the document (an observer on the document does not see into
   * them); forgotten when they leave the page. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  private walker: TextWalker | null = null;
  private records: MutationRecord[] = [];
  private cancelSlice: (() => void) | null = null;
  private cancelBatch: (() => void) | null = null;
  /** Elements left out because they were not rendered: showing one means reading it. */
  private readonly hidden = new WeakSet<Element>();
  private running = false;
  /** Claims found in this slice, painted when it ends (see paintPending). */
  private unpainted: Claim[] = [];
  /** Measured cost of scanning and painting, per character of text (ms): a slice stops reading
   * early enough to scan what it read within its budget. Starts at a pessimistic guess. */
  private msPerChar = 0.001;
  readonly stats: ScannerStats = { slices: 0, longestSliceMs: 0, rootsRead: 0, charactersRead: 0 };

  constructor(options: ScannerOptions) {
    this.options = options;
    this.shadowRootOf = options.shadowRootOf ?? ((element) => element.shadowRoot);
    const view = options.document.defaultView!;
    // Only record here; the work happens in batches (see flush).
    this.observer = new view.MutationObserver((records) => this.record(records));
  }

  private record(records: readonly MutationRecord[]): void {
    if (records.length === 0) return;
    for (const record of records) this.records.push(record);
    this.cancelBatch ??= this.options.scheduler.later(BATCH_DELAY_MS, () => this.flush());
  }

  /** Every claim on the page, in document order. */
  get claims(): readonly Claim[] {
    return this.claimList;
  }

  /** Whether there is work queued or under way. */
  get busy(): boolean {
    return this.walker !== null || this.queue.length > 0 || this.cancelBatch !== null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.observe();
    this.rescanAll();
  }

  /** Reads the whole page again (after a single-page app navigates). */
  rescanAll(): void {
    if (!this.running) return;
    const doc = this.options.document;
    this.walker = null;
    this.queue = [];
    this.queued.clear();
    this.enqueue([doc.body ?? doc.documentElement]);
  }

  /** Stops observing, drops queued work and removes every highlight. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.observer.disconnect();
    this.shadowRoots.clear();
    this.records = [];
    this.cancelSlice?.();
    this.cancelBatch?.();
    this.cancelSlice = this.cancelBatch = null;
    this.walker = null;
    this.queue = [];
    this.queued.clear();
    this.unpainted = [];
    const removed = this.claimList;
    this.claimList = [];
    this.withoutObserving(() => this.options.painter.remove(removed));
    if (removed.length > 0) this.options.onChange(this.claimList);
  }

  /** Runs `change` to the DOM without treating it as a page change. */
  withoutObserving(change: () => void): void {
    if (!this.running || !this.options.painter.mutatesDom) {
      change();
      return;
    }
    this.record(this.observer.takeRecords());
    this.observer.disconnect();
    try {
      change();
    } finally {
      this.observe();
    }
  }

  private observe(): void {
    this.observer.observe(this.options.document, OBSERVED);
    for (const root of this.shadowRoots) {
      if (root.isConnected) this.observer.observe(root, OBSERVED);
      else this.shadowRoots.delete(root);
    }
  }

  /** A shadow root met while reading: read it as a root of its own, and watch it from now on. */
  private foundShadowRoot(root: ShadowRoot): void {
    if (!this.shadowRoots.has(root)) {
      this.shadowRoots.add(root);
      this.observer.observe(root, OBSERVED);
    }
    this.enqueue([root]);
  }

  /**
   * Queues roots to read. A root that is waiting already, or inside one that is (or inside another
   * of `roots`), is covered by that read; waiting roots inside a new one are covered by it. In time
   * linear in the roots and the queue (times their depth): a batch may add thousands of blocks.
   */
  private enqueue(roots: Iterable<WalkRoot>): void {
    const candidates = new Set<Node>(roots);
    const fresh = new Set<Node>();
    for (const root of candidates) {
      if (this.queued.has(root) || isInside(root, this.queued, candidates)) continue;
      fresh.add(root);
    }
    if (fresh.size === 0) return;
    if (this.queue.length > 0) {
      this.queue = this.queue.filter((waiting) => {
        if (!isInside(waiting, fresh)) return true;
        this.queued.delete(waiting);
        return false;
      });
    }
    for (const root of fresh) {
      this.queue.push(root as WalkRoot);
      this.queued.add(root);
    }
    this.cancelSlice ??= this.options.scheduler.idle((budget) => this.slice(budget));
  }

  private isOwn(node: Node): boolean {
    const element = nodeTypeOf(node) === 1 ? (node as Element) : node.parentElement;
    return element !== null && this.options.isOwnElement(element);
  }

  /** Turns the recorded mutations into block elements to read again. */
  private flush(): void {
    this.cancelBatch = null;
    const records = this.records;
    this.records = [];
    if (!this.running) return;
    const pruned = this.prune();
    const dirty = new Set<Node>();
    const attributeTargets = new Set<Element>();
    /** Every node added in this batch: no block edge beside an added node may come from one. */
    const fresh = new Set<Node>();
    let addedElements = 0;
    for (const record of records) {
      if (record.type !== 'childList') continue;
      for (const node of record.addedNodes) {
        fresh.add(node);
        if (nodeTypeOf(node) === 1) addedElements++;
      }
    }
    // Each root read has a fixed cost (a walk, its ancestors' style, the claims it may hold): past
    // a few dozen added elements, reading the blocks they joined costs less.
    const readAdded = addedElements <= MAX_ADDED_ROOTS;
    for (const record of records) {
      if (this.isOwn(record.target)) continue;
      if (record.type === 'childList') {
        const own = (nodes: NodeList) =>
          Array.prototype.every.call(nodes, (n: Node) => this.isOwn(n));
        if (own(record.addedNodes) && own(record.removedNodes)) continue;
        const blocks = readAdded ? addedBlocks(record, this.shadowRootOf, fresh) : null;
        if (blocks === null) dirty.add(record.target);
        else for (const block of blocks) dirty.add(block);
      } else if (record.type === 'characterData') {
        dirty.add(record.target);
      } else {
        attributeTargets.add(record.target as Element);
      }
    }
    for (const element of attributeTargets) {
      if (!isConnectedOf(element)) continue;
      // Shown: read it. Hidden while holding claims: read it so they go. Else nothing changed
      // for the text (most class and style changes are only looks).
      if (this.hidden.has(element)) {
        if (isRendered(element)) {
          this.hidden.delete(element);
          dirty.add(element);
        }
      } else if (
        this.claimList.some((claim) => containsNode(element, claim.range.startContainer))
      ) {
        if (!isRendered(element)) dirty.add(element);
      }
    }
    const blocks: WalkRoot[] = [];
    for (const node of dirty) {
      if (!isConnectedOf(node)) continue; // its removal is recorded on a parent that is still here
      const block = blockOf(node);
      if (block !== null) blocks.push(block);
    }
    this.enqueue(blocks);
    for (const root of this.shadowRoots) if (!root.isConnected) this.shadowRoots.delete(root);
    if (pruned) this.options.onChange(this.claimList);
    if (pruned && this.walker === null && this.queue.length === 0) {
      this.options.onSettled?.(this.claimList);
    }
  }

  /** Drops claims whose text left the page. */
  private prune(): boolean {
    const kept = this.claimList.filter(
      (claim) => claim.range.startContainer.isConnected && !claim.range.collapsed,
    );
    if (kept.length === this.claimList.length) return false;
    const gone = this.claimList.filter((claim) => !kept.includes(claim));
    this.claimList = kept;
    this.withoutObserving(() => this.options.painter.remove(gone));
    return true;
  }

  /** Whether `root` can hold page text: connected, rendered, and not inside skipped content (up
   * through the hosts of the shadow trees it is in). An element found not rendered is watched
   * (`hidden`), so that showing it reads it again: a block hidden while holding claims is read
   * here, its claims dropped, and would otherwise stay without them once shown. */
  private isReadable(root: WalkRoot): boolean {
    if (!isConnectedOf(root)) return false;
    for (let node: Node | null = root; node !== null;) {
      if (isShadowRoot(node)) {
        node = node.host;
        continue;
      }
      if (nodeTypeOf(node) !== 1) break;
      const element = node as Element;
      if (this.options.isOwnElement(element)) return false;
      if (!isRendered(element)) {
        this.hidden.add(element);
        return false;
      }
      node = parentNodeOf(element);
    }
    return true;
  }

  private removeWithin(root: WalkRoot): boolean {
    const inside = this.claimList.filter((claim) => containsNode(root, claim.range.startContainer));
    if (inside.length === 0) return false;
    this.claimList = this.claimList.filter((claim) => !inside.includes(claim));
    this.withoutObserving(() => this.options.painter.remove(inside));
    return true;
  }

  private slice(budgetMs: number): void {
    this.cancelSlice = null;
    if (!this.running) return;
    const { scheduler } = this.options;
    const started = scheduler.now();
    const deadline = started + budgetMs;
    const outOfTime = () => scheduler.now() >= deadline;
    // Reading stops when the text read so far would take the rest of the budget to scan.
    const shouldStop = () =>
      scheduler.now() + (this.walker?.heldText ?? 0) * this.msPerChar >= deadline;
    let changed = this.prune();
    while (!outOfTime()) {
      if (this.walker === null) {
        this.paintPending(); // before removeWithin may drop some of them
        const root = this.queue.shift();
        if (root === undefined) break;
        this.queued.delete(root);
        changed = this.removeWithin(root) || changed;
        if (!this.isReadable(root)) continue;
        this.stats.rootsRead++;
        this.walker = new TextWalker(root, {
          skip: (element) => this.options.isOwnElement(element),
          onHidden: (element) => this.hidden.add(element),
          onShadowRoot: (shadow) => this.foundShadowRoot(shadow),
          shadowRootOf: this.options.shadowRootOf,
          // Style is asked only about the text of matches (addClaims): a few queries instead of
          // one per element, which was most of a scan's time on real pages.
          deferStyle: true,
        });
      }
      const walker = this.walker;
      const done = walker.step(shouldStop);
      const chunk = walker.take();
      if (chunk !== null) {
        this.stats.charactersRead += chunk.text.length;
        const before = scheduler.now();
        changed = this.addClaims(chunk) || changed;
        this.learnCost(chunk.text.length, scheduler.now() - before);
      }
      if (done) {
        this.walker = null;
        if (walker.interrupted) this.enqueue([walker.root]);
      }
    }
    this.paintPending();
    if (changed) {
      this.claimList.sort(byDocumentOrder);
      this.options.onChange(this.claimList);
    }
    const took = scheduler.now() - started;
    this.stats.slices++;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, took);
    if (this.walker !== null || this.queue.length > 0) {
      this.cancelSlice ??= scheduler.idle((budget) => this.slice(budget));
    } else {
      this.options.painter.commit?.();
      this.options.onSettled?.(this.claimList);
    }
  }

  private learnCost(chars: number, ms: number): void {
    if (chars < 2000) return; // too short to time reliably
    this.msPerChar = 0.7 * this.msPerChar + 0.3 * (ms / chars);
  }

  private addClaims(chunk: TextChunk): boolean {
    const found: Claim[] = [];
    const from = chunk.from ?? 0;
    const to = chunk.to ?? chunk.text.length;
    for (const raw of this.options.scan(chunk.text)) {
      // A chunk cut inside a long text node shares text with its neighbour: each match is the
      // neighbour's or this chunk's, by where it starts (dom/text-index.ts).
      if (raw.start < from || raw.start >= to) continue;
      const range = rangeOf(chunk, raw.start, raw.end);
      if (range === null || !range.startContainer.isConnected) continue;
      // Text hidden by style was read (the walk defers style): not a claim, but watched, so that
      // showing it reads it again.
      const { shown, notRendered } = textShown(chunk, raw.start, raw.end);
      if (!shown) {
        if (notRendered !== null) this.hidden.add(notRendered);
        continue;
      }
      found.push({
        range,
        kind: this.options.kindOf(raw.fact),
        text: chunk.text.slice(raw.start, raw.end),
        raw: rebase(raw),
      });
    }
    if (found.length === 0) return false;
    for (const claim of found) {
      this.claimList.push(claim);
      this.unpainted.push(claim);
    }
    return true;
  }

  /**
   * Paints the claims found so far in this slice. Painting once, after the slice's style queries
   * (textShown), matters: the first highlight adds the highlight stylesheet, after which the page's
   * style is recomputed in full by the next style query, or else by the browser's next frame,
   * outside the scanner's slices.
   */
  private paintPending(): void {
    if (this.unpainted.length === 0) return;
    const claims = this.unpainted;
    this.unpainted = [];
    this.withoutObserving(() => this.options.painter.add(claims));
  }
}
