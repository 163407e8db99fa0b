// Wires one page: settings → start or stop; the background's matcher spec → the scanner; claims →
// highlights, the background (badge, popup) and the card; pointer and keyboard → cards and
// navigation. Everything it adds (listeners, timers, the UI host, highlights) is removed when the
// reader pauses the site, turns ClaimLens off, or the extension is reloaded (ctx invalidated).

import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ScanMatch } from '../../core/describe';
import { createMatcher } from '../../core/matcher';
import type { MatcherSpec } from '../../core/compile';
import { claimAtPoint } from '../../dom/hit-test';
import { CustomHighlightPainter, WrapperPainter, pageHighlightHost } from '../../dom/highlights';
import type { Painter } from '../../dom/highlights';
import { isTypingTarget, navigationStep, nextIndex } from '../../dom/navigation';
import type { Step } from '../../dom/navigation';
import { browserScheduler } from '../../dom/schedule';
import { Scanner } from '../../dom/scanner';
import type { Claim } from '../../dom/scanner';
import { onMessage, sendMessage } from '../../messaging/protocol';
import type { PageStatus } from '../../messaging/protocol';
import { isSitePaused } from '../../messaging/settings';
import type { Settings } from '../../messaging/settings';
import type { Translate } from '../../ui/i18n';
import { ClaimUi } from './claim-ui';

/** A card opens when the pointer rests on a claim this long, and a hover card closes this long
 * after the pointer left both claim and card. */
const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 400;
/** How long a claim revealed from the popup stays marked. */
const FLASH_MS = 2000;
/** Reports to the background wait this long after the scanner settles, to merge bursts. */
const REPORT_DELAY_MS = 50;

interface ActiveSpec {
  specId: string;
  spec: MatcherSpec;
  scan: (text: string) => ReturnType<ReturnType<typeof createMatcher>['scan']>;
}

type Status = PageStatus | 'starting';

export class PageController {
  private readonly ctx: ContentScriptContext;
  private readonly t: Translate;
  private readonly painter: Painter;
  private readonly scheduler = browserScheduler(window);
  private status: Status | null = null;
  /** Bumped on every start/stop, so an async start that was overtaken gives up. */
  private generation = 0;
  private spec: ActiveSpec | null = null;
  private scanner: Scanner | null = null;
  private byRange = new Map<AbstractRange, Claim>();
  /** Claims in the order of the last report: the popup's indices refer to this list. */
  private reported: Claim[] = [];
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private reporting: Promise<void> | null = null;
  private ui: ClaimUi | null = null;
  private uiLoading: Promise<ClaimUi> | null = null;
  private openClaim: Claim | null = null;
  private pinned = false;
  private activeClaim: Claim | null = null;
  private restoreFocusTo: Element | null = null;
  private hoverClaim: Claim | null = null;
  private hoverOpenTimer: ReturnType<typeof setTimeout> | undefined;
  private hoverCloseTimer: ReturnType<typeof setTimeout> | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private pointer: { x: number; y: number; path: EventTarget[] } | null = null;
  private pointerFrame = 0;
  private placeFrame = 0;
  private restoreFrame = 0;
  /** Removes the page listeners of the current activation. */
  private listeners: AbortController | null = null;

  constructor(ctx: ContentScriptContext, t: Translate) {
    this.ctx = ctx;
    this.t = t;
    const host = pageHighlightHost(document);
    this.painter =
      host !== null
        ? new CustomHighlightPainter(host, { stylesOnCommit: true })
        : new WrapperPainter(document);
    ctx.onInvalidated(
      onMessage('revealClaim', ({ data }) =>
        Number.isInteger(data?.index) ? this.reveal(data.index) : false,
      ),
    );
    // Single-page apps: a new "page" without a new document. Read everything again.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.closeCard(false);
      this.activeClaim = null;
      this.scanner?.rescanAll();
    });
    ctx.onInvalidated(() => this.stop(null));
  }

  /** Applies the reader's settings: starts, stops, or restyles. */
  apply(settings: Settings): void {
    this.painter.setStyle(settings.highlightStyle, settings.highlightColor);
    const wanted: PageStatus = !settings.enabled
      ? 'disabled'
      : isSitePaused(settings, location.hostname)
        ? 'paused'
        : 'active';
    const current = this.status === 'starting' ? 'active' : this.status;
    if (wanted === current) return;
    if (wanted === 'active') {
      quietly(this.start());
      return;
    }
    this.stop(wanted);
    // Clears the badge, and tells the popup why nothing is highlighted (it offers "resume").
    this.reportStatus(wanted);
  }

  // -------------------------------------------------------------------------------------------
  // Starting and stopping

  private async start(): Promise<void> {
    const generation = ++this.generation;
    this.status = 'starting';
    await waitForText(this.ctx);
    const spec = this.spec ?? (await this.fetchSpec());
    if (generation !== this.generation || this.ctx.isInvalid) return;
    this.status = 'active';
    if (spec === null) return; // no usable pack: nothing to find
    this.scanner = new Scanner({
      document,
      scan: spec.scan,
      kindOf: (fact) => spec.spec.facts[fact]!.kind,
      painter: this.painter,
      scheduler: this.scheduler,
      isOwnElement: (element) => element === this.ui?.host,
      shadowRootOf,
      onChange: (claims) => this.claimsChanged(claims),
      onSettled: () => this.scheduleReport(),
    });
    this.listen();
    this.scanner.start();
  }

  private stop(status: PageStatus | null): void {
    this.generation++;
    this.status = status;
    this.listeners?.abort();
    this.listeners = null;
    this.closeCard(false);
    this.scanner?.stop();
    this.scanner = null;
    this.painter.clear();
    this.byRange.clear();
    this.reported = [];
    this.activeClaim = null;
    clearTimeout(this.reportTimer);
    clearTimeout(this.flashTimer);
    this.ui?.dispose();
    this.ui = null;
    this.uiLoading = null;
  }

  private async fetchSpec(): Promise<ActiveSpec | null> {
    const response = await sendMessage('getMatcherSpec');
    if (response === null) return null;
    const matcher = createMatcher(response.spec);
    this.spec = {
      specId: response.specId,
      spec: response.spec,
      scan: (text) => matcher.scan(text),
    };
    return this.spec;
  }

  // -------------------------------------------------------------------------------------------
  // Claims and reports

  private claimsChanged(claims: readonly Claim[]): void {
    this.byRange = new Map(claims.map((claim) => [claim.range, claim]));
    if (this.activeClaim !== null && !this.byRange.has(this.activeClaim.range)) {
      this.activeClaim = null;
    }
    if (this.openClaim !== null && !this.byRange.has(this.openClaim.range)) this.closeCard(false);
  }

  private scheduleReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => void this.report(), REPORT_DELAY_MS);
  }

  /** Sends every claim to the background, which describes them, keeps them for the popup and
   * sets the badge; the descriptions come back for the cards. */
  private report(): Promise<void> {
    const scanner = this.scanner;
    const spec = this.spec;
    if (scanner === null || spec === null) return Promise.resolve();
    const snapshot = [...scanner.claims];
    const generation = this.generation;
    const sent = sendMessage('reportPage', {
      url: location.href,
      status: 'active',
      specId: spec.specId,
      claims: snapshot.map((claim) => ({ text: claim.text, raw: claim.raw })),
    })
      .then((matches) => {
        if (generation !== this.generation) return;
        snapshot.forEach((claim, i) => {
          claim.match = matches[i];
        });
        this.reported = snapshot;
      })
      .catch((error: unknown) => {
        if (generation !== this.generation || this.ctx.isInvalid) return;
        // The packs changed since this page fetched its spec: fetch it again and rescan.
        if (String(error).includes('another matcher spec')) {
          this.spec = null;
          this.stop('active');
          quietly(this.start());
        }
      })
      .finally(() => {
        if (this.reporting === sent) this.reporting = null;
      });
    this.reporting = sent;
    return sent;
  }

  private reportStatus(status: PageStatus): void {
    sendMessage('reportPage', { url: location.href, status, specId: null, claims: [] }).catch(
      () => {},
    );
  }

  /** The claim's description, asking the background now if it has not answered yet. */
  private async described(claim: Claim): Promise<ScanMatch | undefined> {
    if (claim.match === undefined) {
      clearTimeout(this.reportTimer);
      await (this.reporting ?? this.report());
      if (claim.match === undefined) await this.report();
    }
    return claim.match;
  }

  // -------------------------------------------------------------------------------------------
  // The card

  private getUi(): Promise<ClaimUi> {
    this.uiLoading ??= ClaimUi.create(this.ctx, this.t, () => this.closeCard(true)).then((ui) => {
      this.ui = ui;
      return ui;
    });
    return this.uiLoading;
  }

  private async openCard(claim: Claim, how: { focus: boolean; pinned: boolean }): Promise<void> {
    const generation = this.generation;
    // A host created for this card was just inserted: putting it back again would insert twice.
    const created = this.ui === null;
    const match = await this.described(claim);
    const ui = await this.getUi();
    if (
      match === undefined ||
      generation !== this.generation ||
      !claim.range.startContainer.isConnected
    )
      return;
    if (how.focus && this.restoreFocusTo === null && !ui.hasFocus) {
      this.restoreFocusTo = document.activeElement;
    }
    this.openClaim = claim;
    this.pinned = how.pinned || (this.pinned && this.openClaim === claim);
    if (!created) ui.reattach(); // once per card opened, if the page took the host out
    ui.open({ match, anchor: () => claim.range.getBoundingClientRect(), focus: how.focus });
  }

  private closeCard(restoreFocus: boolean): void {
    clearTimeout(this.hoverOpenTimer);
    clearTimeout(this.hoverCloseTimer);
    this.hoverCloseTimer = undefined;
    if (this.openClaim === null) return;
    this.openClaim = null;
    this.pinned = false;
    this.ui?.close();
    this.painter.setActive(null);
    const target = this.restoreFocusTo;
    this.restoreFocusTo = null;
    if (restoreFocus && target instanceof HTMLElement && target.isConnected) {
      target.focus({ preventScroll: true });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Navigation

  private move(step: Step): void {
    const claims = this.scanner?.claims ?? [];
    if (claims.length === 0) return;
    const current = this.activeClaim === null ? -1 : claims.indexOf(this.activeClaim);
    const index = nextIndex(current, claims.length, step);
    const claim = claims[index]!;
    this.activate(claim);
    scrollToClaim(claim);
    const position = [String(index + 1), String(claims.length), claim.text];
    quietly(this.getUi().then((ui) => ui.announce(this.t('claim_position', position))));
    quietly(this.openCard(claim, { focus: true, pinned: true }));
  }

  private activate(claim: Claim): void {
    clearTimeout(this.flashTimer);
    this.activeClaim = claim;
    this.painter.setActive(claim);
  }

  /** Popup → page: scroll to a claim, mark it for a moment and open its card. */
  private reveal(index: number): boolean {
    const claim = this.reported[index];
    if (claim === undefined || !claim.range.startContainer.isConnected) return false;
    this.activate(claim);
    scrollToClaim(claim);
    this.flashTimer = setTimeout(() => {
      if (this.openClaim !== claim) this.painter.setActive(null);
    }, FLASH_MS);
    quietly(this.openCard(claim, { focus: false, pinned: true }));
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Events

  /** Page listeners, only while active: a paused or disabled page gets none. */
  private listen(): void {
    this.listeners?.abort();
    this.listeners = new AbortController();
    const { signal } = this.listeners;
    window.addEventListener('keydown', (event) => this.onKeyDown(event), { capture: true, signal });
    document.addEventListener('mousemove', (event) => this.onPointer(event), {
      passive: true,
      signal,
    });
    window.addEventListener('click', (event) => this.onClick(event), { capture: true, signal });
    const replace = () => {
      this.schedulePlace();
      this.scheduleRestore();
    };
    window.addEventListener('scroll', replace, { passive: true, capture: true, signal });
    window.addEventListener('resize', replace, { passive: true, signal });
  }

  private inOurUi(event: Event): boolean {
    return this.ui !== null && event.composedPath().includes(this.ui.host);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.scanner === null) return;
    const step = navigationStep(event);
    if (step !== null) {
      if (isTypingTarget(event.target) && !this.inOurUi(event)) return;
      if (this.scanner.claims.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      this.move(step);
      return;
    }
    // Escape inside the card is the card's own (it calls onClose); elsewhere it closes the card.
    if (event.key === 'Escape' && this.openClaim !== null && !this.inOurUi(event)) {
      this.closeCard(true);
    }
  }

  private onPointer(event: MouseEvent): void {
    if (this.scanner === null || this.byRange.size === 0) return;
    this.pointer = { x: event.clientX, y: event.clientY, path: event.composedPath() };
    if (this.pointerFrame === 0) {
      this.pointerFrame = this.ctx.requestAnimationFrame(() => {
        this.pointerFrame = 0;
        this.painter.restore?.();
        this.hover();
      });
    }
  }

  /** When the reader scrolls: puts back highlights the page took away (once per frame). */
  private scheduleRestore(): void {
    if (this.restoreFrame !== 0 || this.byRange.size === 0) return;
    this.restoreFrame = this.ctx.requestAnimationFrame(() => {
      this.restoreFrame = 0;
      this.painter.restore?.();
    });
  }

  private claimAt(x: number, y: number): Claim | undefined {
    const claims = this.scanner?.claims ?? [];
    return claimAtPoint(document, x, y, claims, this.byRange, this.painter);
  }

  private hover(): void {
    const pointer = this.pointer;
    if (pointer === null) return;
    if (this.ui !== null && pointer.path.includes(this.ui.host)) {
      clearTimeout(this.hoverCloseTimer); // over the card: keep it
      this.hoverCloseTimer = undefined;
      return;
    }
    const claim = this.claimAt(pointer.x, pointer.y) ?? null;
    if (claim !== null) {
      clearTimeout(this.hoverCloseTimer);
      this.hoverCloseTimer = undefined;
      if (claim !== this.hoverClaim) {
        this.hoverClaim = claim;
        clearTimeout(this.hoverOpenTimer);
        if (this.openClaim !== claim && !this.pinned) {
          this.hoverOpenTimer = setTimeout(() => {
            quietly(this.openCard(claim, { focus: false, pinned: false }));
          }, HOVER_OPEN_MS);
        }
      }
      return;
    }
    this.hoverClaim = null;
    clearTimeout(this.hoverOpenTimer);
    if (this.openClaim !== null && !this.pinned && this.hoverCloseTimer === undefined) {
      this.hoverCloseTimer = setTimeout(() => {
        this.hoverCloseTimer = undefined;
        if (!this.pinned) this.closeCard(false);
      }, HOVER_CLOSE_MS);
    }
  }

  private onClick(event: MouseEvent): void {
    if (this.scanner === null || this.inOurUi(event)) return;
    const selection = document.getSelection();
    if (selection !== null && !selection.isCollapsed) return; // the reader is selecting text
    const claim = this.claimAt(event.clientX, event.clientY);
    if (claim !== undefined) {
      this.activate(claim);
      quietly(this.openCard(claim, { focus: true, pinned: true }));
    } else if (this.openClaim !== null) {
      this.closeCard(false);
    }
  }

  private schedulePlace(): void {
    if (this.openClaim === null || this.placeFrame !== 0) return;
    this.placeFrame = this.ctx.requestAnimationFrame(() => {
      this.placeFrame = 0;
      this.ui?.place();
    });
  }
}

/**
 * An element's shadow root, closed ones of custom elements included. A closed root keeps the
 * page's own scripts out, not the reader: its text is on screen, find-in-page searches it, and an
 * extension may read it (Chrome: chrome.dom.openOrClosedShadowRoot; Firefox:
 * Element.openOrClosedShadowRoot). Only custom elements (names with a "-", where web components
 * keep closed roots) are asked: the API costs about 1 µs a call, which asked of every div and span
 * was a tenth of the scan of a 200,000-node page. A closed root on a plain element is not read.
 */
function shadowRootOf(element: Element): ShadowRoot | null {
  const open = element.shadowRoot;
  if (open !== null || !element.localName.includes('-')) return open;
  const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null })
    .openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  return browser.dom?.openOrClosedShadowRoot?.(element as HTMLElement) ?? null;
}

/** Runs `work` in the background of an event; a failure is logged, never thrown into the page. */
function quietly(work: Promise<unknown>): void {
  work.catch((error: unknown) => console.warn('ClaimLens:', error));
}

/** Scrolls the claim to the middle of the viewport (its scroll containers first). */
function scrollToClaim(claim: Claim): void {
  const element = claim.range.startContainer.parentElement;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = claim.range.getBoundingClientRect();
  window.scrollBy({
    top: rect.top + rect.height / 2 - window.innerHeight / 2,
    behavior: smooth ? 'smooth' : 'auto',
  });
}

/** Whether the page shows any text at all (outside scripts, styles and the like). */
export function pageHasText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (root === null) return false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript' || parent === 'template')
      continue;
    if (/\S/.test((node as Text).data)) return true;
  }
  return false;
}

/** Resolves once the page has text; a page that starts empty (an app still loading) is watched
 * until it has some. */
function waitForText(ctx: ContentScriptContext): Promise<void> {
  if (pageHasText(document)) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!pageHasText(document)) return;
        observer.disconnect();
        resolve();
      }, 200);
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => {
      clearTimeout(timer);
      observer.disconnect();
    });
  });
}

/** Pages ClaimLens reads: web pages and local files, as HTML or plain text. Extension pages, the
 * browser's own pages, PDFs and images are left alone. */
export function isReadablePage(doc: Document, url: Location): boolean {
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return false;
  return ['text/html', 'application/xhtml+xml', 'text/plain'].includes(doc.contentType);
}
