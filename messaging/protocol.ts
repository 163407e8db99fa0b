// The one typed protocol between the extension's own contexts: background, content scripts, popup
// and options page. Web pages cannot send on it (runtime messages reach an extension only from its
// own contexts; there is no externally_connectable), and the background still checks every
// payload and sender, because a content script lives in a renderer that a hostile page shares.
//
// Who sends what:
//   content script → background: getMatcherSpec, reportPage
//   popup / options → background: getTabClaims, getPackStatus
//   options → background: installPack, removePack
//   popup → content script (sendMessage(type, data, tabId)): revealClaim
// Settings are not messages: they live in browser.storage.local (messaging/settings.ts), and every
// context reacts to storage.onChanged.
// The content script sends and answers its three through messaging/content-channel.ts (same map,
// same messages on the wire, without the library's weight in the script every page runs).

import { defineExtensionMessaging } from '@webext-core/messaging';
import type { MatcherSpec } from '../core/compile';
import type { ScanMatch } from '../core/describe';
import type { RawMatch } from '../core/types';

/** An installed pack, as the popup and options page list it. */
export interface PackSummary {
  id: string;
  version: string;
  title: string;
  publisher: string;
  /** ISO date the pack was published. */
  published: string;
  languages: string[];
  factCount: number;
  sourceCount: number;
  /** Where the pack came from: bundled with the extension, or installed from a file. */
  origin: 'bundled' | 'file';
  /** For a pack installed from a file: the file's name as the reader chose it. */
  fileName?: string;
}

export interface PackStatus {
  packs: PackSummary[];
  /** Problems found while loading or compiling packs ("facts[3].matchers[0].pattern: …"). */
  problems: string[];
}

/** One problem with a pack, as `pack validate` reports it: where ("facts[3].matchers[0].pattern",
 * "(pack)" for the whole pack, "(json)" for a syntax error) and what. */
export interface PackProblem {
  path: string;
  message: string;
}

/**
 * Why a pack from a file was not installed:
 * - `invalid`: the pack fails validation (facts/load.ts); `errors` has every problem found;
 * - `bundled-id`: it has the id of the pack bundled with ClaimLens, which a file cannot replace;
 * - `not-newer`: a pack with its id is installed in the same or a higher version;
 * - `too-much-together`: valid alone, but with the installed packs its patterns are more than the
 *   matcher compiler's budgets allow (core/compile.ts).
 */
export type InstallRefusal = 'invalid' | 'bundled-id' | 'not-newer' | 'too-much-together';

export type InstallPackResult =
  | {
      ok: true;
      pack: PackSummary;
      /** The version it replaced, or null when no pack with its id was installed. */
      replacedVersion: string | null;
      /** What the loader noticed but accepted (sources nothing cites, languages listed twice…). */
      warnings: string[];
    }
  | {
      ok: false;
      reason: InstallRefusal;
      /** Every problem (for `invalid`, up to 100 and then a count of the rest); never empty. */
      errors: PackProblem[];
      /** The pack's id and version as the file gives them, when it could be read. */
      id: string | null;
      version: string | null;
      /** For `not-newer`: the installed version. */
      installedVersion: string | null;
    };

export type RemovePackResult =
  | { ok: true; removed: PackSummary }
  | { ok: false; reason: 'not-installed' | 'bundled'; id: string };

export interface MatcherSpecResponse {
  spec: MatcherSpec;
  /** Names this compiled spec; a report made with another spec is refused (fact indices differ). */
  specId: string;
}

/** A claim the content script found: the matched text, and the raw match re-based to that text
 * (start 0, end text.length; the number's offsets likewise). */
export interface FoundClaim {
  text: string;
  raw: RawMatch;
}

/** What the content script is doing on a page. */
export type PageStatus = 'active' | 'paused' | 'disabled';

export interface PageReport {
  /** The page's address now (location.href): after a single-page app's pushState it differs from
   * the address the document loaded with. The background accepts it only on the same origin. */
  url: string;
  status: PageStatus;
  specId: string | null;
  /** Every claim on the page, in document order. Empty unless status is 'active'. */
  claims: FoundClaim[];
}

/** The claims on one tab's page, for the popup. matches[i] is claim i in document order, the
 * index revealClaim takes. */
export interface TabClaims {
  url: string;
  hostname: string;
  status: PageStatus;
  matches: ScanMatch[];
  /** Date.now() of the report. */
  updatedAt: number;
}

export interface ProtocolMap {
  /** The compiled matcher for the installed packs; null when no pack could be loaded. */
  getMatcherSpec(): MatcherSpecResponse | null;
  /** The page's claims (replacing any earlier report from that tab); returns their descriptions in
   * the same order. Sets the toolbar badge to the number of claims. */
  reportPage(report: PageReport): ScanMatch[];
  /** The last report from a tab's page, or null when its page has reported nothing. */
  getTabClaims(data: { tabId: number }): TabClaims | null;
  getPackStatus(): PackStatus;
  /** Validates a pack given as JSON text (from a file the reader chose on the options page) and,
   * when it is valid and may replace what is installed, stores it and makes it active at once;
   * otherwise nothing changes. Extension pages only. */
  installPack(data: { json: string; fileName: string }): InstallPackResult;
  /** Removes a pack installed from a file (never the bundled pack). Extension pages only. */
  removePack(data: { id: string }): RemovePackResult;
  /** Scrolls the page to claim `index`, flashes it and opens its card. False when there is no such
   * claim. */
  revealClaim(data: { index: number }): boolean;
}

export const { sendMessage, onMessage, removeAllListeners } =
  defineExtensionMessaging<ProtocolMap>();
