// Wires one page: settings → start or stop; the background's matcher spec → the scanner; claims →
// highlights and the background (badge, popup). What the reader does with the claims (cards,
// hover, click, keyboard, reveal from the popup) is in claim-card.js, which this file imports when
// the page first has claims (loadClaimCard below); it refers to that code by type only, so a page
// without claims never loads it. Everything added to the page (listeners, timers, the UI host,
// highlights) is removed when the reader pauses the site, turns ClaimLens off, or the extension is
// reloaded (ctx invalidated).

import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ScanMatch } from '../../core/describe';
import { createMatcher } from '../../core/matcher';
import type { MatcherSpec } from '../../core/compile';
import { CustomHighlightPainter, WrapperPainter, pageHighlightHost } from '../../dom/highlights';
import type { Painter } from '../../dom/highlights';
import { browserScheduler } from '../../dom/schedule';
import { Scanner } from '../../dom/scanner';
import type { Claim } from '../../dom/scanner';
import { onMessage, sendMessage } from '../../messaging/content-channel';
import type { PageStatus } from '../../messaging/protocol';
import { isSitePaused } from '../../messaging/settings';
import type { Settings } from '../../messaging/settings';
import type { Translate } from '../../ui/i18n';
import type { ClaimInteractions, CreateClaimInteractions, PageClaims } from './claim-interactions';
import { quietly } from './quietly';

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
  /** Bumped on every start/stop, so async work that was overtaken gives up. */
  private generation = 0;
  private spec: ActiveSpec | null = null;
  private scanner: Scanner | null = null;
  private byRange = new Map<AbstractRange, Claim>();
  /** Claims in the order of the last report: the popup's indices refer to this list. */
  private reported: Claim[] = [];
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private reporting: Promise<void> | null = null;
  /** Cards, hover, click and keyboard: loaded with the first claims of each activation. */
  private interactions: ClaimInteractions | null = null;
  private interactionsLoading: Promise<void> | null = null;
  /** What the interactions read from this page. */
  private readonly pageClaims: PageClaims = {
    claims: () => this.scanner?.claims ?? [],
    byRange: () => this.byRange,
    reported: () => this.reported,
    describe: (claim) => this.described(claim),
  };

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
        Number.isInteger(data?.index) ? (this.interactions?.reveal(data.index) ?? false) : false,
      ),
    );
    // Single-page apps: a new "page" without a new document. Read everything again.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      this.interactions?.locationChanged();
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

  /** The background announced another active spec (a pack was installed or removed). */
  specChanged(specId: string): void {
    if (this.spec === null || this.spec.specId === specId) return;
    if (this.status === 'active' || this.status === 'starting') this.restartWithNewSpec();
    else this.spec = null; // paused or off: the next start fetches it
  }

  // -------------------------------------------------------------------------------------------
  // Starting and stopping

  private restartWithNewSpec(): void {
    this.spec = null;
    this.stop('active');
    quietly(this.start());
  }

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
      isOwnElement: (element) => this.interactions?.owns(element) ?? false,
      shadowRootOf,
      onChange: (claims) => this.claimsChanged(claims),
      onSettled: () => this.scheduleReport(),
    });
    this.scanner.start();
  }

  private stop(status: PageStatus | null): void {
    this.generation++;
    this.status = status;
    this.interactions?.dispose();
    this.interactions = null;
    this.interactionsLoading = null;
    this.scanner?.stop();
    this.scanner = null;
    this.painter.clear();
    this.byRange.clear();
    this.reported = [];
    clearTimeout(this.reportTimer);
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

  /** Loads claim-card.js and starts the interactions, once per activation. A page that fails to
   * load it (the extension was updated meanwhile) keeps its highlights, without cards. */
  private loadInteractions(): Promise<void> {
    if (this.interactionsLoading !== null) return this.interactionsLoading;
    const generation = this.generation;
    this.interactionsLoading = loadClaimCard().then(
      (create) => {
        if (generation !== this.generation) return; // stopped meanwhile
        this.interactions = create({
          ctx: this.ctx,
          t: this.t,
          painter: this.painter,
          page: this.pageClaims,
        });
      },
      (error: unknown) => console.warn('ClaimLens: the claim card could not be loaded', error),
    );
    return this.interactionsLoading;
  }

  // -------------------------------------------------------------------------------------------
  // Claims and reports

  private claimsChanged(claims: readonly Claim[]): void {
    this.byRange = new Map(claims.map((claim) => [claim.range, claim]));
    if (claims.length > 0) void this.loadInteractions(); // never rejects: failures are logged
    this.interactions?.claimsChanged();
  }

  private scheduleReport(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => void this.report(), REPORT_DELAY_MS);
  }

  /** Sends every claim to the background, which describes them, keeps them for the popup and
   * sets the badge; the descriptions come back for the cards. Claims are reported once the
   * reader can use them: after claim-card.js has loaded, when the page has any. */
  private report(): Promise<void> {
    const scanner = this.scanner;
    const spec = this.spec;
    if (scanner === null || spec === null) return Promise.resolve();
    const snapshot = [...scanner.claims];
    const generation = this.generation;
    const sent = (this.interactionsLoading ?? Promise.resolve())
      .then(() => {
        if (generation !== this.generation) return null; // stopped: its status was reported
        return sendMessage('reportPage', {
          url: location.href,
          status: 'active',
          specId: spec.specId,
          claims: snapshot.map((claim) => ({ text: claim.text, raw: claim.raw })),
        });
      })
      .then((matches) => {
        if (matches === null || generation !== this.generation) return;
        snapshot.forEach((claim, i) => {
          claim.match = matches[i];
        });
        this.reported = snapshot;
      })
      .catch((error: unknown) => {
        if (generation !== this.generation || this.ctx.isInvalid) return;
        // The packs changed since this page fetched its spec: fetch it again and rescan.
        if (String(error).includes('another matcher spec')) this.restartWithNewSpec();
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

/** The claim card and interactions: claim-card.js (entrypoints/claim-card.ts), at the extension's
 * per-session address. The browser imports it once per page; later calls get the same module. */
async function loadClaimCard(): Promise<CreateClaimInteractions> {
  const url = browser.runtime.getURL('/claim-card.js');
  const module = (await import(/* @vite-ignore */ url)) as { default: CreateClaimInteractions };
  return module.default;
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
