// The background's message handlers and tab bookkeeping. Only extension contexts can send on the
// protocol; on top of that, each handler checks WHICH context asked: page reports must come from a
// content script in a tab's top frame; per-tab claims, pack status, and installing or removing
// packs are for extension pages only (a content script shares a renderer with its page).

import { browser } from 'wxt/browser';
import type { ScanMatch } from '../core/describe';
import { onMessage } from '../messaging/protocol';
import type {
  InstallPackResult,
  MatcherSpecResponse,
  PackStatus,
  RemovePackResult,
  TabClaims,
} from '../messaging/protocol';
import type { BadgeApi } from './badge';
import { BADGE_COLOR, showClaimCount } from './badge';
import type { PackService } from './packs';
import { checkPageReport } from './report';
import type { TabResults } from './tab-results';

export interface BackgroundDeps {
  packs: PackService;
  tabResults: TabResults;
  action: BadgeApi;
  /** The extension's own origin (its pages are under it), e.g. "chrome-extension://ID/". */
  extensionOrigin: string;
  /** Tells open pages the id of the spec now active, after a pack was installed or removed. */
  announceSpec(specId: string): Promise<void>;
}

/** What the handlers need to know about who sent a message (runtime.MessageSender). */
export interface Sender {
  tab?: { id?: number };
  frameId?: number;
  url?: string;
}

export interface Handlers {
  getMatcherSpec(): Promise<MatcherSpecResponse | null>;
  reportPage(data: unknown, sender: Sender): Promise<ScanMatch[]>;
  getTabClaims(data: unknown, sender: Sender): Promise<TabClaims | null>;
  getPackStatus(sender: Sender): Promise<PackStatus>;
  installPack(data: unknown, sender: Sender): Promise<InstallPackResult>;
  removePack(data: unknown, sender: Sender): Promise<RemovePackResult>;
  /** A tab closed or started loading a new document: forget its claims and clear its badge. */
  forgetTab(tabId: number): Promise<void>;
}

function requireExtensionPage(sender: Sender, origin: string): void {
  if (sender.url === undefined || !sender.url.startsWith(origin)) {
    throw new Error('only extension pages may ask this');
  }
}

/** Longest file name kept with an installed pack (most file systems allow 255). */
export const MAX_FILE_NAME = 255;

/** The install request's fields, checked: JSON text and the chosen file's name. */
function checkInstallRequest(data: unknown): { json: string; fileName: string } {
  const { json, fileName } = (data ?? {}) as { json?: unknown; fileName?: unknown };
  if (typeof json !== 'string') throw new Error('json must be the pack as JSON text');
  if (typeof fileName !== 'string') throw new Error('fileName must be a string');
  return { json, fileName: fileName.trim().slice(0, MAX_FILE_NAME) };
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

/** The address a page reports, when it is on the origin its document was loaded from (a
 * single-page app changes path, query and fragment, never origin); else the loaded address. */
function currentAddress(reported: string, loaded: URL): URL {
  try {
    const url = new URL(reported);
    if (url.origin === loaded.origin) return url;
  } catch {
    // not an address: use the loaded one
  }
  return loaded;
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const { packs, tabResults, action, extensionOrigin, announceSpec } = deps;
  /** After an install or a removal: open pages hear of the new active spec when it took effect. */
  const announced = async <R extends { ok: boolean }>(result: R): Promise<R> => {
    if (result.ok) await announceSpec((await packs.active()).specId);
    return result;
  };
  return {
    async getMatcherSpec() {
      const active = await packs.active();
      return active.packs.length === 0 ? null : { spec: active.spec, specId: active.specId };
    },

    async reportPage(data, sender) {
      const { tabId, url } = requirePageScript(sender, extensionOrigin);
      const active = await packs.active();
      const report = checkPageReport(data, active.spec.facts);
      if (report.claims.length > 0 && report.specId !== active.specId) {
        throw new Error('report made with another matcher spec; fetch the spec again');
      }
      const matches = report.claims.map((claim) => active.describe(claim.text, claim.raw));
      const page = currentAddress(report.url, url);
      await tabResults.set(tabId, {
        url: page.href,
        hostname: page.hostname,
        status: report.status,
        matches,
        updatedAt: Date.now(),
      });
      await showClaimCount(action, tabId, matches.length);
      return matches;
    },

    async getTabClaims(data, sender) {
      requireExtensionPage(sender, extensionOrigin);
      const tabId = (data as { tabId?: unknown } | null)?.tabId;
      if (typeof tabId !== 'number' || !Number.isInteger(tabId)) {
        throw new Error('tabId must be an integer');
      }
      return tabResults.get(tabId);
    },

    async getPackStatus(sender) {
      requireExtensionPage(sender, extensionOrigin);
      return (await packs.active()).status;
    },

    async installPack(data, sender) {
      requireExtensionPage(sender, extensionOrigin);
      const { json, fileName } = checkInstallRequest(data);
      return announced(await packs.install(json, fileName));
    },

    async removePack(data, sender) {
      requireExtensionPage(sender, extensionOrigin);
      const id = (data as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') throw new Error('id must be a string');
      return announced(await packs.remove(id));
    },

    async forgetTab(tabId) {
      await tabResults.remove(tabId);
      await showClaimCount(action, tabId, 0);
    },
  };
}

/** Wires the handlers to the protocol and the tab events. */
export function startBackground(deps: BackgroundDeps): void {
  const handlers = createHandlers(deps);
  // Load, validate, store and compile now, so the first page does not wait for it.
  deps.packs
    .active()
    .catch((error: unknown) => console.error('ClaimLens: packs failed to load', error));
  deps.action.setBadgeBackgroundColor({ color: BADGE_COLOR }).catch(() => {});

  onMessage('getMatcherSpec', () => handlers.getMatcherSpec());
  onMessage('reportPage', ({ data, sender }) => handlers.reportPage(data, sender));
  onMessage('getTabClaims', ({ data, sender }) => handlers.getTabClaims(data, sender));
  onMessage('getPackStatus', ({ sender }) => handlers.getPackStatus(sender));
  // A new pack set gets a new specId. Open pages keep the spec they fetched until their next load,
  // or until they report claims made with it: the report is refused and they fetch the new one.
  onMessage('installPack', ({ data, sender }) => handlers.installPack(data, sender));
  onMessage('removePack', ({ data, sender }) => handlers.removePack(data, sender));

  browser.tabs.onRemoved.addListener((tabId) => {
    deps.tabResults.remove(tabId).catch(() => {});
  });
  // A new document is loading in the tab: its page will report its own claims when scanned.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') handlers.forgetTab(tabId).catch(() => {});
  });
}
