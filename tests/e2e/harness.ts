// Shared machinery of the end-to-end tests: a static server on 127.0.0.1, Debian's Chromium with
// or without the built extension (launched as TOOLCHAIN.md prescribes, never downloaded), every
// request to any other address blocked, and helpers that read what the extension did.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Pack } from '../../core/pack';
import type { TabClaims } from '../../messaging/protocol';
import { CHROMIUM, chromiumArgs } from '../../scripts/chromium';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(REPO, '.output/chrome-mv3');
export const FIREFOX_EXTENSION_DIR = path.join(REPO, '.output/firefox-mv3');
export const CORPUS_DIR = path.resolve(REPO, '../shared/corpus');
export const ARTICLES_DIR = path.join(REPO, 'tests/fixtures/articles');
export const PAGES_DIR = path.join(REPO, 'tests/e2e/pages');

/** Whitespace as a reader sees it: the DOM keeps line breaks and runs of spaces that the
 * extension's text (and expected.json) collapse. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export const sorted = (items: string[]) => [...items].sort();

/** A claim a fixture article must show (tests/fixtures/articles/expected.json). */
export interface ExpectedClaim {
  text: string;
  factId: string;
  comparison: string;
}

/** Per fixture article, the claims it must show, in document order. */
export const EXPECTED_CLAIMS: Record<string, ExpectedClaim[]> = JSON.parse(
  readFileSync(path.join(ARTICLES_DIR, 'expected.json'), 'utf8'),
);
export const BUNDLED_PACK: Pack = JSON.parse(
  readFileSync(path.join(REPO, 'facts/packs/cecot-2025.json'), 'utf8'),
);

// ------------------------------------------------------------------------------------------------
// Static server

/** URL prefix → folder served under it. */
const MOUNTS: Record<string, string> = {
  '/corpus/': CORPUS_DIR,
  '/articles/': ARTICLES_DIR,
  '/pages/': PAGES_DIR,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the corpus, the fixture articles and tests/e2e/pages; every other path is a 404. A
 * path under /spa/ serves pages/spa.html, so a single-page app's addresses reload. */
export async function startServer(): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let file: string | null = null;
    if (url.pathname.startsWith('/spa/')) file = path.join(PAGES_DIR, 'spa.html');
    for (const [prefix, dir] of Object.entries(MOUNTS)) {
      if (file !== null || !url.pathname.startsWith(prefix)) continue;
      const candidate = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (candidate.startsWith(dir + path.sep)) file = candidate;
    }
    const type = file === null ? undefined : TYPES[path.extname(file).toLowerCase()];
    if (
      file === null ||
      type === undefined ||
      !statSync(file, { throwIfNoEntry: false })?.isFile()
    ) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ------------------------------------------------------------------------------------------------
// Browser

export interface Session {
  context: BrowserContext;
  /** The extension's service worker (only with the extension). */
  worker: Worker | null;
  extensionId: string | null;
  close(): Promise<void>;
}

/** Launches Chromium (a fresh profile) with or without the built extension. Requests to anything
 * but `allowedOrigin` (and the extension itself) are aborted, as the corpus pages reference
 * third-party scripts and no test may touch the network. */
export async function launch(options: {
  extension: boolean;
  allowedOrigin: string;
  /** Freeze the pages' clock and seed their Math.random (for comparing two loads of a page). */
  deterministic?: boolean;
}): Promise<Session> {
  const profile = mkdtempSync(path.join(tmpdir(), 'claimlens-e2e-'));
  const args = chromiumArgs(options.extension ? EXTENSION_DIR : null);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(options.allowedOrigin + '/') || url.startsWith('chrome-extension://')) {
      return route.continue();
    }
    return route.abort('blockedbyclient');
  });
  if (options.deterministic) {
    // Page scripts that write the time or random numbers into the DOM (cache busters, ad slots)
    // would make two loads of a page differ: give every page the same clock and random numbers.
    await context.clock.setFixedTime(new Date('2026-01-15T12:00:00Z'));
    await context.addInitScript(() => {
      let seed = 0x2f6b3a1d;
      Math.random = () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 4294967296;
      };
    });
  }
  let worker: Worker | null = null;
  let extensionId: string | null = null;
  if (options.extension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------------------------------------
// What the extension did

export interface HighlightState {
  /** Distinct ranges in claimlens* highlights (a range in two of them counts once). */
  ranges: number;
  /** Range count per highlight name. */
  byName: Record<string, number>;
  /** The text of each distinct range, in no particular order. */
  texts: string[];
  /** Highlight names that do not start with "claimlens" (the page's own). */
  others: string[];
}

/** In a page (for page.evaluate, with either driver): the claimlens* highlights. */
export function readHighlights(): HighlightState {
  const seen = new Set<AbstractRange>();
  const byName: Record<string, number> = {};
  const others: string[] = [];
  const texts: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('claimlens')) {
      others.push(name);
      continue;
    }
    byName[name] = highlight.size;
    for (const range of highlight) {
      if (seen.has(range)) continue;
      seen.add(range);
      // As read: a <br> inside a claim is a line break (Range.toString() would drop it).
      const fragment = range instanceof Range ? range.cloneContents() : null;
      fragment?.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
      texts.push(fragment?.textContent ?? '');
    }
  }
  return { ranges: seen.size, byName, texts, others };
}

export function highlightState(page: Page): Promise<HighlightState> {
  return page.evaluate(readHighlights);
}

/** In a page (for page.evaluate, with either driver): claim `wanted` (in document order) scrolled
 * into view, the viewport point in its middle, and its text. */
export function claimPointInPage(wanted: number): { x: number; y: number; text: string } {
  const ranges: Range[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('claimlens') || name === 'claimlens-active') continue;
    for (const range of highlight) ranges.push(range as Range);
  }
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[wanted]!;
  range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
  const rect = range.getClientRects()[0]!;
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: range.toString() };
}

/** Every tab's last report, as the background keeps them for the popup (storage.session). */
export async function tabReports(worker: Worker): Promise<Map<number, TabClaims>> {
  const stored = await worker.evaluate(() => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
    };
    return chrome.storage.session.get(null);
  });
  const reports = new Map<number, TabClaims>();
  for (const [key, value] of Object.entries(stored as Record<string, TabClaims>)) {
    const match = /^tab:(\d+)$/.exec(key);
    if (match !== null) reports.set(Number(match[1]), value);
  }
  return reports;
}

/** Waits until the page at `url` has reported to the background and `accept` holds for the
 * report; returns the tab id and the report. */
export async function waitForReport(
  worker: Worker,
  url: string,
  accept: (report: TabClaims) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<{ tabId: number; report: TabClaims }> {
  const deadline = Date.now() + timeoutMs;
  let last: TabClaims | undefined;
  while (Date.now() < deadline) {
    for (const [tabId, report] of await tabReports(worker)) {
      if (report.url !== url) continue;
      last = report;
      if (accept(report)) return { tabId, report };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `no matching report from ${url} within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 500)}`,
  );
}

/** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read and how
 * long it took. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
): Promise<{ value: T; elapsedMs: number; ok: boolean }> {
  const started = Date.now();
  let value = await read();
  while (!accept(value)) {
    if (Date.now() - started > timeoutMs)
      return { value, elapsedMs: Date.now() - started, ok: false };
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return { value, elapsedMs: Date.now() - started, ok: true };
}

/** The shadow root of the extension's UI host, as a locator scope. */
export const UI_HOST = 'claimlens-ui';
