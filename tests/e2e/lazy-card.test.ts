// What loads when, in Chromium (docs/EXTENSION.md, "What loads when"): every page gets the content
// script alone, under 60 kB; claim-card.js (the card, what the reader does with claims, Preact) is
// imported only on a page that has claims, once, from the extension's per-session address, which
// the page itself cannot load; and it loads on a page whose Content-Security-Policy forbids every
// script.

import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTICLES_DIR, EXTENSION_DIR, UI_HOST, launch, waitForReport } from './harness';
import type { Session } from './harness';

/** Issue 4: the script that runs on every page stays under 60 kB minified. */
const CONTENT_SCRIPT_BUDGET = 60_000;
/** A policy that allows no script at all, from any source, and no inline script. */
const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

let origin: string;
let closeServer: () => Promise<void>;
let session: Session;

beforeAll(async () => {
  // The fixture articles; under /strict/ with STRICT_CSP.
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/(articles|strict)\/([\w.-]+\.html)$/.exec(url.pathname);
    if (match === null) {
      response.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (match[1] === 'strict') headers['content-security-policy'] = STRICT_CSP;
    response.writeHead(200, headers).end(readFileSync(path.join(ARTICLES_DIR, match[2]!)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeServer = () => new Promise((resolve) => server.close(() => resolve()));
  session = await launch({ extension: true, allowedOrigin: origin });
});

afterAll(async () => {
  await session?.close();
  await closeServer?.();
});

interface Opened {
  page: Page;
  /** Requests for claim-card.js made for this page, in order. */
  cardLoads: string[];
  errors: string[];
  matches: number;
}

async function open(pathname: string): Promise<Opened> {
  const page = await session.context.newPage();
  const cardLoads: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    // Chromium serves the per-session address by an internal redirect: count the request made.
    if (request.url().endsWith('/claim-card.js') && request.redirectedFrom() === null) {
      cardLoads.push(request.url());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const url = `${origin}${pathname}`;
  await page.goto(url);
  const { report } = await waitForReport(session.worker!, url, (r) => r.status === 'active');
  return { page, cardLoads, errors, matches: report.matches.length };
}

/** Clicks the first claim in document order; resolves when its card shows. */
async function openFirstCard(page: Page): Promise<string> {
  const point = await page.evaluate(() => {
    const ranges: Range[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (name.startsWith('claimlens')) for (const range of highlight) ranges.push(range as Range);
    }
    ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    ranges[0]!.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const rect = ranges[0]!.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
  const card = page.locator(UI_HOST).locator('[role="dialog"]');
  await card.waitFor({ timeout: 5000 });
  return (await card.textContent()) ?? '';
}

describe('the card’s code', () => {
  it('is a bundle of its own, so the content script stays under 60 kB', () => {
    const contentScript = statSync(path.join(EXTENSION_DIR, 'content-scripts/content.js')).size;
    expect(contentScript).toBeLessThan(CONTENT_SCRIPT_BUDGET);
    expect(statSync(path.join(EXTENSION_DIR, 'claim-card.js')).size).toBeGreaterThan(0);
  });

  it('is never loaded on a page without claims', async () => {
    const { page, cardLoads, errors, matches } = await open('/articles/neg-company-238.html');
    try {
      expect(matches).toBe(0);
      // The page keeps being watched for late content; give a late load time to show itself.
      await page.waitForTimeout(500);
      expect(cardLoads).toEqual([]);
      expect(await page.locator(UI_HOST).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is loaded once on a page with claims, from the per-session address, before they are reported', async () => {
    const { page, cardLoads, errors, matches } = await open('/articles/demo-article.html');
    try {
      expect(matches).toBeGreaterThan(0);
      expect(cardLoads).toHaveLength(1);
      const loaded = new URL(cardLoads[0]!);
      expect(loaded.protocol).toBe('chrome-extension:');
      expect(loaded.host).not.toBe(session.extensionId);
      // Loading it does not add anything to the page: the UI host comes with the first card.
      expect(await page.locator(UI_HOST).count()).toBe(0);
      expect(await openFirstCard(page)).toContain('CECOT');
      expect(cardLoads).toHaveLength(1);
      // The page cannot load it from the extension's fixed address: no probing for ClaimLens.
      const probe = await page.evaluate(
        (url) =>
          fetch(url).then(
            (response) => `loaded (${response.status})`,
            () => 'refused',
          ),
        `chrome-extension://${session.extensionId}/claim-card.js`,
      );
      expect(probe).toBe('refused');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('loads on a page whose Content-Security-Policy forbids every script', async () => {
    const { page, cardLoads, errors, matches } = await open('/strict/demo-article.html');
    try {
      // The policy is in force: the article's own inline script did not run.
      expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);
      expect(matches).toBeGreaterThan(0);
      expect(await openFirstCard(page)).toContain('CECOT');
      expect(cardLoads).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
