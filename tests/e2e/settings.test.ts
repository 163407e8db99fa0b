// Settings through the popup, as a reader changes them: pausing a site removes its highlights at
// once and keeps them off after a reload; switching ClaimLens off everywhere does the same; the
// toolbar badge follows; resuming brings the highlights back; the highlight style applies live.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { highlightState, launch, pollUntil, startServer, waitForReport } from './harness';
import type { Session, StaticServer } from './harness';

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

function badge(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          chrome: { action: { getBadgeText(details: { tabId: number }): Promise<string> } };
        }
      ).chrome.action.getBadgeText({ tabId: id }),
    tabId,
  );
}

async function rangesWithin(page: Page, accept: (ranges: number) => boolean): Promise<number> {
  const result = await pollUntil(async () => (await highlightState(page)).ranges, accept, 2000);
  return result.value;
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}

describe('settings from the popup', () => {
  it('pausing a site removes its highlights, keeps them off after reload, and resuming restores them', async () => {
    const page = await session.context.newPage();
    const url = `${server.origin}/articles/demo-article.html`;
    await page.goto(url);
    const { tabId, report } = await waitForReport(
      session.worker!,
      url,
      (r) => r.status === 'active',
    );
    const count = report.matches.length;
    expect(count).toBeGreaterThan(0);
    expect(await highlightState(page)).toMatchObject({ ranges: count });
    expect(await badge(session.worker!, tabId)).toBe(String(count));

    // Open a card (this adds the extension's UI host to the page), then pause: everything the
    // extension added goes, and the page's DOM is exactly what it was before.
    const untouched = await page.evaluate(() => document.documentElement.outerHTML);
    await page.keyboard.press('Alt+Shift+KeyJ');
    await page.locator('claimlens-ui').locator('[role="dialog"]').waitFor();
    const popup = await openPopup(tabId);
    await popup.getByRole('button', { name: 'Pause on 127.0.0.1' }).click();
    expect(await rangesWithin(page, (n) => n === 0)).toBe(0);
    await expect.poll(() => badge(session.worker!, tabId)).toBe('');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(untouched);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);

    await page.reload();
    // The reloaded page says it is paused (so the popup can offer "resume") and paints nothing.
    await waitForReport(session.worker!, url, (r) => r.status === 'paused');
    expect((await highlightState(page)).ranges).toBe(0);
    expect(await page.locator('claimlens-ui').count()).toBe(0);

    await popup.reload();
    await popup.getByRole('button', { name: 'Resume on 127.0.0.1' }).click();
    expect(await rangesWithin(page, (n) => n === count)).toBe(count);
    await popup.close();
    await page.close();
  });

  it('switching ClaimLens off everywhere removes highlights, also after reload; on again restores them', async () => {
    const page = await session.context.newPage();
    const url = `${server.origin}/articles/en-wire-report.html`;
    await page.goto(url);
    const { tabId, report } = await waitForReport(
      session.worker!,
      url,
      (r) => r.status === 'active',
    );
    const count = report.matches.length;

    const popup = await openPopup(tabId);
    const everywhere = popup.getByRole('switch', { name: 'On everywhere' });
    await everywhere.uncheck();
    expect(await rangesWithin(page, (n) => n === 0)).toBe(0);

    await page.reload();
    await waitForReport(session.worker!, url, (r) => r.status === 'disabled');
    expect((await highlightState(page)).ranges).toBe(0);

    await everywhere.check();
    expect(await rangesWithin(page, (n) => n === count)).toBe(count);
    await popup.close();
    await page.close();
  });

  it('applies a new highlight style to open pages without reloading them', async () => {
    const page = await session.context.newPage();
    const url = `${server.origin}/articles/demo-article.html`;
    await page.goto(url);
    await waitForReport(session.worker!, url, (r) => r.status === 'active');
    const rules = () =>
      page.evaluate(() =>
        document.adoptedStyleSheets
          .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
          .filter((text) => text.includes('::highlight(claimlens-count)'))
          .join('\n'),
      );
    expect(await rules()).toContain('background-color');

    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByRole('radio', { name: 'an underline only' }).check();
    await expect.poll(rules, { timeout: 2000 }).toMatch(/text-decoration[^;]*underline/);
    expect(await rules()).not.toContain('background-color');
    await options.getByRole('radio', { name: 'a coloured background' }).check();
    await expect.poll(rules, { timeout: 2000 }).toContain('background-color');
    await options.close();
    await page.close();
  });
});
