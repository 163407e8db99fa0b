// The fixture articles in real Chromium with the built extension: exactly the expected claims are
// highlighted, their cards open on hover, click and keyboard with the right fact's context and
// sources, Escape closes and gives focus back, and the popup lists the claims and reveals them.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { TabClaims } from '../../messaging/protocol';
import {
  BUNDLED_PACK,
  EXPECTED_CLAIMS,
  UI_HOST,
  claimPointInPage,
  highlightState,
  launch,
  startServer,
  waitForReport,
  squash,
  sorted,
} from './harness';
import type { Session, StaticServer } from './harness';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Whitespace as a reader sees it: the DOM keeps line breaks and runs of spaces that the
 * extension's text (and expected.json) collapse. */
let server: StaticServer;
let session: Session;

beforeAll(async () => {
  server = await startServer();
  session = await launch({ extension: true, allowedOrigin: server.origin });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Page errors (uncaught exceptions, content script included) per page. */
const pageErrors = new WeakMap<Page, string[]>();

async function openArticle(
  file: string,
): Promise<{ page: Page; tabId: number; report: TabClaims }> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  const url = `${server.origin}/articles/${file}`;
  await page.goto(url);
  const { tabId, report } = await waitForReport(session.worker!, url, (r) => r.status === 'active');
  return { page, tabId, report };
}

describe('fixture articles', () => {
  for (const [file, expected] of Object.entries(EXPECTED_CLAIMS)) {
    it(`${file}: highlights exactly the ${expected.length} expected claims`, async () => {
      const { page, report } = await openArticle(file);
      try {
        const highlights = await highlightState(page);
        expect(highlights.ranges).toBe(expected.length);
        expect(sorted(highlights.texts.map(squash))).toEqual(
          sorted(expected.map((claim) => squash(claim.text))),
        );
        // What the background described, as the popup shows it: same facts and comparisons.
        const found = report.matches.map(
          (m) => `${squash(m.text)} | ${m.factId} | ${m.comparison}`,
        );
        expect(sorted(found)).toEqual(
          sorted(expected.map((e) => `${squash(e.text)} | ${e.factId} | ${e.comparison}`)),
        );
        for (const match of report.matches) {
          expect(match.context.length).toBeGreaterThan(0);
          expect(match.sources[0]?.quote.length ?? 0).toBeGreaterThan(0);
        }
        expect(pageErrors.get(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});

function claimPoint(page: Page, index: number): Promise<{ x: number; y: number; text: string }> {
  return page.evaluate(claimPointInPage, index);
}

function activeClaimText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = CSS.highlights.get('claimlens-active');
    const [range] = active ? [...active] : [];
    return range instanceof Range ? range.toString() : null;
  });
}

const card = (page: Page): Locator => page.locator(UI_HOST).locator('[role="dialog"]');

/** The fact of report entry `index`, from the bundled pack. */
function factOf(report: TabClaims, index: number) {
  const fact = BUNDLED_PACK.facts.find(
    (candidate) => candidate.id === report.matches[index]!.factId,
  )!;
  return { fact, quote: fact.citations[0]!.quote };
}

async function expectCardFor(page: Page, report: TabClaims, index: number): Promise<void> {
  const { fact, quote } = factOf(report, index);
  await expect
    .poll(async () => squash((await card(page).textContent()) ?? ''), { timeout: 5000 })
    .toContain(squash(fact.context));
  expect(squash((await card(page).textContent()) ?? '')).toContain(squash(quote));
}

describe('cards and navigation on the demo article', () => {
  let page: Page;
  let tabId: number;
  let report: TabClaims;

  // A fresh load for each test: which claim is current carries over from one action to the next.
  beforeEach(async () => {
    ({ page, tabId, report } = await openArticle('demo-article.html'));
  });
  afterEach(async () => {
    expect(pageErrors.get(page)).toEqual([]);
    await page?.close();
  });

  it('opens the card of a claim the pointer rests on, and closes it when the pointer leaves', async () => {
    const point = await claimPoint(page, 0);
    await page.mouse.move(point.x, point.y);
    await expectCardFor(page, report, 0);
    await page.mouse.move(2, 2);
    await expect.poll(() => card(page).count(), { timeout: 3000 }).toBe(0);
  });

  it('opens a card on click with focus in it; Escape closes it', async () => {
    const point = await claimPoint(page, 2);
    await page.mouse.click(point.x, point.y);
    await expectCardFor(page, report, 2);
    await expect
      .poll(() =>
        card(page).evaluate(
          (dialog) =>
            dialog.getRootNode() instanceof ShadowRoot &&
            (dialog.getRootNode() as ShadowRoot).activeElement === dialog,
        ),
      )
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).count(), { timeout: 3000 }).toBe(0);
  });

  it('moves between claims with Alt+Shift+J / Alt+Shift+K, announces them, and Escape returns focus', async () => {
    await page.locator('nav a').first().focus();
    const count = report.matches.length;

    await page.keyboard.press('Alt+Shift+KeyJ');
    await expectCardFor(page, report, 0);
    expect(squash((await activeClaimText(page)) ?? '')).toBe(squash(report.matches[0]!.text));
    const live = page.locator(UI_HOST).locator('[role="status"]');
    await expect
      .poll(async () => squash((await live.textContent()) ?? ''), { timeout: 3000 })
      .toBe(`Claim 1 of ${count}: ${squash(report.matches[0]!.text)}`);

    await page.keyboard.press('Alt+Shift+KeyJ');
    await expectCardFor(page, report, 1);
    expect(squash((await activeClaimText(page)) ?? '')).toBe(squash(report.matches[1]!.text));

    // Backwards from the first claim wraps to the last one, which is scrolled into view.
    await page.keyboard.press('Alt+Shift+KeyK');
    await page.keyboard.press('Alt+Shift+KeyK');
    await expectCardFor(page, report, count - 1);
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const [range] = [...(CSS.highlights.get('claimlens-active') ?? [])] as Range[];
            const rect = range!.getBoundingClientRect();
            return rect.top >= 0 && rect.bottom <= window.innerHeight;
          }),
        { timeout: 3000 },
      )
      .toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).count(), { timeout: 3000 }).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('nav') !== null)).toBe(true);
  });

  it('has no accessibility violations in the open card (axe-core)', async () => {
    const point = await claimPoint(page, 5);
    await page.mouse.click(point.x, point.y);
    await expectCardFor(page, report, 5);
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async (host) => {
      const axe = (
        window as unknown as {
          axe: {
            run(context: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run({ include: [[[host, '[role="dialog"]']]] });
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
    }, UI_HOST);
    expect(violations).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('lists the claims in the popup, and reveals one on the page when clicked', async () => {
    const popup = await session.context.newPage();
    try {
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
      await expect
        .poll(() => popup.locator('body').textContent(), { timeout: 5000 })
        .toContain(`Claims on this page: ${report.matches.length}`);
      const target = report.matches[3]!;
      await popup.getByRole('button', { name: `Show “${target.text}” on the page` }).click();
      await expect
        .poll(async () => squash((await activeClaimText(page)) ?? ''), { timeout: 3000 })
        .toBe(squash(target.text));
      await expectCardFor(page, report, 3);
    } finally {
      await popup.close();
    }
  });
});
