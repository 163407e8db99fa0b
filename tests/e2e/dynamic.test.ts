// Content that changes after load: appended paragraphs (live blogs, infinite scroll), edited text,
// removed claims, content that is shown later, and single-page-app navigation. New claims must be
// highlighted within a second (checked by polling, not by sleeping).

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { highlightState, launch, pollUntil, startServer, waitForReport, squash } from './harness';
import type { HighlightState, Session, StaticServer } from './harness';

const has = (state: HighlightState, text: string) => state.texts.some((t) => squash(t) === text);

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

describe('a page whose content changes', () => {
  let page: Page;
  let url: string;

  beforeEach(async () => {
    page = await session.context.newPage();
    url = `${server.origin}/pages/live.html`;
    await page.goto(url);
    await waitForReport(
      session.worker!,
      url,
      (r) => r.status === 'active' && r.matches.length === 1,
    );
    expect((await highlightState(page)).texts.map(squash)).toEqual([
      'ordered the flights turned around',
    ]);
  });
  afterEach(async () => {
    await page.close();
  });

  it('highlights an appended paragraph within a second', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent =
        'Two hundred and thirty-eight Venezuelans were deported to El Salvador in March.';
      document.getElementById('feed')!.append(p);
    });
    const result = await pollUntil(
      () => highlightState(page),
      (state) =>
        has(state, 'Two hundred and thirty-eight Venezuelans were deported to El Salvador'),
      1000,
    );
    expect(result.ok, `highlighted after ${result.elapsedMs} ms`).toBe(true);
  });

  it('highlights claims in a large batch of appended content (infinite scroll) within a second', async () => {
    await page.evaluate(() => {
      const feed = document.getElementById('feed')!;
      for (let i = 0; i < 400; i++) {
        const p = document.createElement('p');
        p.textContent =
          i % 100 === 50
            ? `Update ${i}: officials confirmed they paid El Salvador $4.76 million.`
            : `Update ${i}: the hearing continues with routine procedural questions and answers.`;
        feed.append(p);
      }
    });
    const result = await pollUntil(
      () => highlightState(page),
      (state) =>
        state.texts.filter((t) => squash(t) === 'paid El Salvador $4.76 million').length === 4,
      1000,
    );
    expect(result.ok, `all four highlighted after ${result.elapsedMs} ms`).toBe(true);
  });

  it('highlights a claim typed into existing text, and drops one whose text is removed', async () => {
    await page.evaluate(() => {
      document.getElementById('editable')!.firstChild!.textContent =
        'A witness said the men were held incommunicado in CECOT for months.';
      document.getElementById('removable')!.remove();
    });
    const result = await pollUntil(
      () => highlightState(page),
      (state) =>
        has(state, 'held incommunicado in CECOT') &&
        !has(state, 'ordered the flights turned around'),
      1000,
    );
    expect(result.ok, `updated after ${result.elapsedMs} ms`).toBe(true);
    expect(result.value.ranges).toBe(1);
  });

  it('highlights content that was hidden when it is shown', async () => {
    await page.evaluate(() => document.getElementById('later')!.removeAttribute('hidden'));
    const result = await pollUntil(
      () => highlightState(page),
      (state) => has(state, 'paid El Salvador $6 million'),
      1000,
    );
    expect(result.ok, `highlighted after ${result.elapsedMs} ms`).toBe(true);
  });

  it('reports the new claims to the background (badge and popup)', async () => {
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Officials paid El Salvador $6 million.';
      document.getElementById('feed')!.append(p);
    });
    const { report } = await waitForReport(session.worker!, url, (r) => r.matches.length === 2);
    expect(report.matches.map((m) => m.factId).sort()).toEqual([
      'court-order-flights-defied',
      'money-payment-to-el-salvador',
    ]);
  });
});

describe('a single-page app', () => {
  it('reads the new page after a pushState navigation, and the old one after going back', async () => {
    const page = await session.context.newPage();
    try {
      const first = `${server.origin}/spa/one`;
      await page.goto(first);
      await waitForReport(session.worker!, first, (r) => r.matches.length === 1);
      expect((await highlightState(page)).texts.map(squash)).toEqual([
        'ordered the flights turned around',
      ]);

      await page.click('#to-two');
      const second = `${server.origin}/spa/two`;
      const result = await pollUntil(
        () => highlightState(page),
        (state) => state.ranges === 1 && has(state, 'paid El Salvador $6 million'),
        1000,
      );
      expect(result.ok, `rescanned after ${result.elapsedMs} ms`).toBe(true);
      const { report } = await waitForReport(
        session.worker!,
        second,
        (r) => r.matches.length === 1,
      );
      expect(report.matches[0]!.factId).toBe('money-payment-to-el-salvador');

      await page.goBack();
      const back = await pollUntil(
        () => highlightState(page),
        (state) => state.ranges === 1 && has(state, 'ordered the flights turned around'),
        1000,
      );
      expect(back.ok, `rescanned after ${back.elapsedMs} ms`).toBe(true);
    } finally {
      await page.close();
    }
  });
});
