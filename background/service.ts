// The background's message handlers and tab bookkeeping. Only extension contexts can send on the
// protocol; on top of that, each handler checks WHICH context asked: page reports must come from a
// content script in a tab's top frame, per-tab claims and pack status only go to extension pages.

import { browser } from 'wxt/browser';
import { onMessage } from '../messaging/protocol';
import type { BadgeApi } from './badge';
import { BADGE_COLOR, showClaimCount } from './badge';
import type { PackService } from './packs';
import { checkPageReport } from './report';
import type { TabResults } from './tab-results';

export interface BackgroundDeps {
  packs: PackService;
  tabResults: TabResults;
  action: BadgeApi;
  /** browser.runtime.getURL('/'): pages under it are the extension's own. */
  extensionOrigin: string;
}

interface Sender {
  tab?: { id?: number };
  frameId?: number;
  url?: string;
}

function requireExtensionPage(sender: Sender, origin: string): void {
  if (sender.url === undefined || !sender.url.startsWith(origin)) {
    throw new Error('only extension pages may ask this');
  }
}

/** The tab and page a content script's message came from, or an error for any other sender. */
function requirePageScript(sender: Sender, origin: string): { tabId: number; url: URL } {
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId !== 0 || sender.url === undefined) {
    throw new Error("only a page's top-frame content script may report");
  }
  if (sender.url.startsWith(origin)) throw new Error('extension pages do not report claims');
  return { tabId, url: new URL(sender.url) };
}

export function startBackground(deps: BackgroundDeps): void {
  const { packs, tabResults, action, extensionOrigin } = deps;
  // Load, validate, store and compile now, so the first page does not wait for it.
  packs.active().catch((error: unknown) => console.error('ClaimLens: packs failed to load', error));
  action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => {});

  onMessage('getMatcherSpec', async () => {
    const active = await packs.active();
    return active.packs.length === 0 ? null : { spec: active.spec, specId: active.specId };
  });

  onMessage('reportPage', async ({ data, sender }) => {
    const { tabId, url } = requirePageScript(sender, extensionOrigin);
    const active = await packs.active();
    const report = checkPageReport(data, active.spec.facts);
    if (report.claims.length > 0 && report.specId !== active.specId) {
      throw new Error('report made with another matcher spec; fetch the spec again');
    }
    const matches = report.claims.map((claim) => active.describe(claim.text, claim.raw));
    await tabResults.set(tabId, {
      url: url.href,
      hostname: url.hostname,
      status: report.status,
      matches,
      updatedAt: Date.now(),
    });
    await showClaimCount(action, tabId, matches.length);
    return matches;
  });

  onMessage('getTabClaims', async ({ data, sender }) => {
    requireExtensionPage(sender, extensionOrigin);
    if (!Number.isInteger(data?.tabId)) throw new Error('tabId must be an integer');
    return tabResults.get(data.tabId);
  });

  onMessage('getPackStatus', async ({ sender }) => {
    requireExtensionPage(sender, extensionOrigin);
    return (await packs.active()).status;
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    tabResults.remove(tabId).catch(() => {});
  });
  // A new document is loading in the tab: its page will report its own claims when scanned.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    tabResults.remove(tabId).catch(() => {});
    showClaimCount(action, tabId, 0).catch(() => {});
  });
}
