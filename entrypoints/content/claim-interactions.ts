// What the reader does with the claims on a page: hover or click one for its card, move between
// them with Alt+Shift+J / Alt+Shift+K, or reveal one from the popup; and the highlights put back
// when the page took them away. Part of claim-card.js (entrypoints/claim-card.ts), which the
// content script loads when a page first has claims: a page without claims never gets these
// listeners, the card's code or Preact. Everything it adds is removed by dispose().

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ScanMatch } from '../../core/describe';
import { claimAtPoint } from '../../dom/hit-test';
import type { Painter } from '../../dom/highlights';
import { isTypingTarget, navigationStep, nextIndex } from '../../dom/navigation';
import type { Step } from '../../dom/navigation';
import type { Claim } from '../../dom/scanner';
import type { Translate } from '../../ui/i18n';
import { ClaimUi } from './claim-ui';
import { quietly } from './quietly';

/** A card opens when the pointer rests on a claim this long, and a hover card closes this long
 * after the pointer left both claim and card. */
const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 400;
/** How long a claim revealed from the popup stays marked. */
const FLASH_MS = 2000;

/** What the interactions read from the page's controller (entrypoints/content/page-controller.ts). */
export interface PageClaims {
  /** Every claim now on the page, in document order. */
  claims(): readonly Claim[];
  /** The claim of each painted range (hit tests answer with ranges). */
  byRange(): ReadonlyMap<AbstractRange, Claim>;
  /** Claims in the order of the last report: the popup's indices refer to this list. */
  reported(): readonly Claim[];
  /** The background's description of a claim, asking it now if it has not answered yet. */
  describe(claim: Claim): Promise<ScanMatch | undefined>;
}

export interface ClaimInteractionsOptions {
  ctx: ContentScriptContext;
  t: Translate;
  painter: Painter;
  page: PageClaims;
}

/** What claim-card.js gives the content script. */
export type CreateClaimInteractions = (options: ClaimInteractionsOptions) => ClaimInteractions;

export class ClaimInteractions {
  private readonly ctx: ContentScriptContext;
  private readonly t: Translate;
  private readonly painter: Painter;
  private readonly page: PageClaims;
  private disposed = false;
  private ui: ClaimUi | null = null;
  private uiCreating: Promise<ClaimUi> | null = null;
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
  private readonly listeners = new AbortController();

  /** Starts listening to the page at once. */
  constructor(options: ClaimInteractionsOptions) {
    this.ctx = options.ctx;
    this.t = options.t;
    this.painter = options.painter;
    this.page = options.page;
    this.listen();
  }

  /** Whether `element` is ours (the UI host), which the scanner must not read. */
  owns(element: Element): boolean {
    return element === this.ui?.host;
  }

  /** The claims changed: forget the current claim, and close its card, if it is gone. */
  claimsChanged(): void {
    const byRange = this.page.byRange();
    if (this.activeClaim !== null && !byRange.has(this.activeClaim.range)) {
      this.activeClaim = null;
    }
    if (this.openClaim !== null && !byRange.has(this.openClaim.range)) this.closeCard(false);
  }

  /** A single-page app moved to a new "page": no card, no current claim. */
  locationChanged(): void {
    this.closeCard(false);
    this.activeClaim = null;
  }

  /** Popup → page: scroll to a claim, mark it for a moment and open its card. */
  reveal(index: number): boolean {
    const claim = this.page.reported()[index];
    if (claim === undefined || !claim.range.startContainer.isConnected) return false;
    this.activate(claim);
    scrollToClaim(claim);
    this.flashTimer = setTimeout(() => {
      if (this.openClaim !== claim) this.painter.setActive(null);
    }, FLASH_MS);
    quietly(this.openCard(claim, { focus: false, pinned: true }));
    return true;
  }

  /** Removes the listeners, timers and UI host. */
  dispose(): void {
    if (this.disposed) return;
    this.listeners.abort();
    this.closeCard(false);
    this.disposed = true;
    clearTimeout(this.flashTimer);
    this.ui?.dispose();
    this.ui = null;
  }

  // -------------------------------------------------------------------------------------------
  // The card

  /** The UI host, mounted the first time a card or an announcement needs it. */
  private getUi(): Promise<ClaimUi> {
    this.uiCreating ??= ClaimUi.create(this.ctx, this.t, () => this.closeCard(true)).then((ui) => {
      if (this.disposed) ui.dispose();
      else this.ui = ui;
      return ui;
    });
    return this.uiCreating;
  }

  private async openCard(claim: Claim, how: { focus: boolean; pinned: boolean }): Promise<void> {
    // A host created for this card was just inserted: putting it back again would insert twice.
    const created = this.ui === null;
    const match = await this.page.describe(claim);
    const ui = await this.getUi();
    if (match === undefined || this.disposed || !claim.range.startContainer.isConnected) return;
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
    // Asked of the document and the prototype: a form's own `isConnected` and `focus` may be
    // its controls, when they are named so (docs/EXTENSION.md, "Hostile pages").
    if (restoreFocus && target instanceof HTMLElement && document.contains(target)) {
      HTMLElement.prototype.focus.call(target, { preventScroll: true });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Navigation

  private move(step: Step): void {
    const claims = this.page.claims();
    if (claims.length === 0) return;
    const current = this.activeClaim === null ? -1 : claims.indexOf(this.activeClaim);
    const index = nextIndex(current, claims.length, step);
    const claim = claims[index]!;
    this.activate(claim);
    scrollToClaim(claim);
    const position = [String(index + 1), String(claims.length), claim.text];
    quietly(
      this.getUi().then((ui) => {
        if (!this.disposed) ui.announce(this.t('claim_position', position));
      }),
    );
    quietly(this.openCard(claim, { focus: true, pinned: true }));
  }

  private activate(claim: Claim): void {
    clearTimeout(this.flashTimer);
    this.activeClaim = claim;
    this.painter.setActive(claim);
  }

  // -------------------------------------------------------------------------------------------
  // Events

  private listen(): void {
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
    const step = navigationStep(event);
    if (step !== null) {
      if (isTypingTarget(event.target) && !this.inOurUi(event)) return;
      if (this.page.claims().length === 0) return;
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
    if (this.page.byRange().size === 0) return;
    this.pointer = { x: event.clientX, y: event.clientY, path: event.composedPath() };
    if (this.pointerFrame === 0) {
      this.pointerFrame = this.ctx.requestAnimationFrame(() => {
        this.pointerFrame = 0;
        if (this.disposed) return;
        this.painter.restore?.();
        this.hover();
      });
    }
  }

  /** When the reader scrolls: puts back highlights the page took away (once per frame). */
  private scheduleRestore(): void {
    if (this.restoreFrame !== 0 || this.page.byRange().size === 0) return;
    this.restoreFrame = this.ctx.requestAnimationFrame(() => {
      this.restoreFrame = 0;
      if (!this.disposed) this.painter.restore?.();
    });
  }

  private claimAt(x: number, y: number): Claim | undefined {
    return claimAtPoint(document, x, y, this.page.claims(), this.page.byRange(), this.painter);
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
    if (this.inOurUi(event)) return;
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
      if (!this.disposed) this.ui?.place();
    });
  }
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
