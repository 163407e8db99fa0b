// Every real news page in ../shared/corpus, loaded with and without the extension: the extension
// must find no claims there (none of the pages is about the expulsions), cause no page errors,
// leave the page's DOM byte-for-byte as it was, and never run a main-thread task over 50 ms.

import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CORPUS_DIR, highlightState, launch, pollUntil, startServer, waitForReport } from './harness';
import type { HighlightState, Session, StaticServer } from './harness';
import { startTrace } from './trace';
import type { ExtensionTask } from './trace';

const PAGES = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.html'))
  .sort();

/** Longest task the extension may cause (DESIGN.md: never a task longer than 50 ms). */
const LONG_TASK_MS = 50;

interface Visit {
  html: string;
  errors: string[];
  highlights: HighlightState;
}

let server: StaticServer;
let plain: Session;
let extended: Session;
let stopTrace: () => Promise<ExtensionTask[]>;

beforeAll(async () => {
  server = await startServer();
  [plain, extended] = await Promise.all([
    launch({ extension: false, allowedOrigin: server.origin }),
    launch({ extension: true, allowedOrigin: server.origin }),
  ]);
  // One trace over every page loaded with the extension (tracing is browser-wide).
  const tracer = await extended.context.newPage();
  stopTrace = await startTrace(extended.context, tracer, extended.extensionId!);
});

afterAll(async () => {
  await Promise.all([plain?.close(), extended?.close()]);
  await server?.close();
});

/** The serialized DOM once it has stopped changing (read until two reads 250 ms apart agree). */
async function settledHtml(page: Page): Promise<string> {
  let previous = '';
  const { value } = await pollUntil(
    async () => {
      await page.waitForTimeout(250);
      const html = await page.evaluate(() => document.documentElement.outerHTML);
      const stable = html === previous;
      previous = html;
      return { html, stable };
    },
    (read) => read.stable,
    10_000,
  );
  return value.html;
}

async function visit(session: Session, url: string): Promise<Visit> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    // With the extension: its scan is over once the page has reported to the background.
    if (session.worker !== null) await waitForReport(session.worker, url, (r) => r.status === 'active');
    const html = await settledHtml(page);
    const highlights = await highlightState(page);
    return { html, errors, highlights };
  } finally {
    await page.close();
  }
}

/** Where two serializations first differ, with some context, for a readable failure. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at ${i}: without «${a.slice(Math.max(0, i - 80), i + 120)}» with «${b.slice(Math.max(0, i - 80), i + 120)}»`;
}

describe.concurrent('corpus pages, with and without the extension', () => {
  it.each(PAGES)('%s', async (name) => {
    const url = `${server.origin}/corpus/${name}`;
    const [without, withExtension] = await Promise.all([visit(plain, url), visit(extended, url)]);

    expect(withExtension.highlights.ranges, 'claimlens highlights').toBe(0);
    const newErrors = withExtension.errors.filter((error) => !without.errors.includes(error));
    expect(newErrors, 'errors seen only with the extension').toEqual([]);
    if (withExtension.html !== without.html) {
      expect.fail(`DOM differs ${firstDifference(without.html, withExtension.html)}`);
    }
  });
});

describe('main-thread work on the corpus pages', () => {
  it(`has no extension task over ${LONG_TASK_MS} ms`, async () => {
    const tasks = await stopTrace();
    console.log(
      `extension tasks on ${PAGES.length} pages: ${tasks.length}; longest: ${tasks
        .slice(0, 12)
        .map((task) => `${task.name} ${task.where} ${task.ms.toFixed(1)} ms (wall ${task.wallMs.toFixed(1)})`)
        .join(', ')}`,
    );
    expect(tasks.length, 'the trace saw the extension work').toBeGreaterThan(0);
    expect(tasks.filter((task) => task.ms > LONG_TASK_MS)).toEqual([]);
  });
});
