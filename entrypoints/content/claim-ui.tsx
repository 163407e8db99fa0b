// The extension's only element in a page: one host whose shadow root holds the claim card and an
// aria-live region. It is created with the first card or announcement, never on pages without
// claims. Page CSS cannot reach inside the shadow root and ours cannot leak out.
// Part of claim-card.js (entrypoints/claim-card.ts), with Preact and the card components: the
// content script loads it when a page first has claims.

import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ClaimCard } from '../../components/ClaimCard';
import { CARD_CSS } from '../../components/styles';
import type { ScanMatch } from '../../core/describe';
import { placeCard } from '../../dom/navigation';
import type { Box } from '../../dom/navigation';
import type { Translate } from '../../ui/i18n';

export const UI_HOST_NAME = 'claimlens-ui';

// The host is a zero-size fixed box on top of the page; the card inside is placed beside its claim.
const LAYER_CSS = `
:host {
  position: fixed !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important;
  z-index: 2147483647 !important;
}
.cl-card-slot { position: fixed; top: 0; left: 0; }
`;

/** Announcements wait this long after the live region is created, so screen readers notice it. */
const ANNOUNCE_DELAY_MS = 100;

export interface OpenCard {
  match: ScanMatch;
  /** Where the claim is now, in viewport coordinates. */
  anchor: () => Box | null;
  /** Move keyboard focus into the card. */
  focus: boolean;
}

export class ClaimUi {
  readonly host: HTMLElement;
  private readonly container: HTMLElement;
  private readonly t: Translate;
  private readonly onClose: () => void;
  private readonly mount: () => void;
  private readonly remove: () => void;
  private card: OpenCard | null = null;
  private announcement = '';
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    parts: { host: HTMLElement; container: HTMLElement; mount: () => void; remove: () => void },
    t: Translate,
    onClose: () => void,
  ) {
    this.host = parts.host;
    this.container = parts.container;
    this.mount = parts.mount;
    this.remove = parts.remove;
    this.t = t;
    this.onClose = onClose;
  }

  /** Mounts the UI host at the end of <body>. `onClose` runs when the reader closes the card. */
  static async create(
    ctx: ContentScriptContext,
    t: Translate,
    onClose: () => void,
  ): Promise<ClaimUi> {
    const ui = await createShadowRootUi(ctx, {
      name: UI_HOST_NAME,
      position: 'inline',
      anchor: () => document.body ?? document.documentElement,
      css: `${CARD_CSS}\n${LAYER_CSS}`,
      // Keys pressed in the card (Escape, Tab) are ours, not the page's shortcuts.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: () => undefined,
      onRemove: () => render(null, ui.uiContainer),
    });
    ui.mount();
    return new ClaimUi(
      {
        host: ui.shadowHost,
        container: ui.uiContainer,
        mount: () => ui.mount(),
        remove: () => ui.remove(),
      },
      t,
      onClose,
    );
  }

  /**
   * Puts the host back at the end of <body> if the page took it out (a framework re-rendering
   * <body>, or a page removing what it did not make). Called when the reader asks for a card, so
   * a page that keeps removing it gets one host per reader action, never a loop.
   */
  reattach(): void {
    if (!this.host.isConnected) this.mount();
  }

  get openMatch(): ScanMatch | null {
    return this.card?.match ?? null;
  }

  /** Whether focus is inside the card. */
  get hasFocus(): boolean {
    return this.host.shadowRoot?.activeElement != null || document.activeElement === this.host;
  }

  open(card: OpenCard): void {
    this.card = card;
    this.draw();
    this.place();
  }

  close(): void {
    if (this.card === null) return;
    this.card = null;
    this.draw();
  }

  /** Says `text` through the live region (role=status: read when the reader is idle). */
  announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = text;
      this.draw();
    }, ANNOUNCE_DELAY_MS);
  }

  /** Keeps the card beside its claim as the page scrolls or resizes. */
  place(): void {
    const slot = this.container.querySelector<HTMLElement>('.cl-card-slot');
    const anchor = this.card?.anchor() ?? null;
    if (slot === null || anchor === null) return;
    const size = slot.getBoundingClientRect();
    const { left, top } = placeCard(
      anchor,
      { width: size.width, height: size.height },
      { width: window.innerWidth, height: window.innerHeight },
    );
    slot.style.left = `${left}px`;
    slot.style.top = `${top}px`;
  }

  dispose(): void {
    clearTimeout(this.announceTimer);
    this.remove();
  }

  private draw(): void {
    const card = this.card;
    render(
      <div class="cl-layer">
        <div class="cl-visually-hidden" role="status" aria-live="polite">
          {this.announcement}
        </div>
        {card !== null && (
          <div class="cl-card-slot">
            <ClaimCard
              match={card.match}
              t={this.t}
              onClose={this.onClose}
              focusOnOpen={card.focus}
            />
          </div>
        )}
      </div>,
      this.container,
    );
  }
}
