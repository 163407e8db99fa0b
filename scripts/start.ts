// `npm start`: builds the extension and opens Debian's Chromium with it loaded on the bundled demo
// article (tests/fixtures/articles/demo-article.html, served from 127.0.0.1). With a display the
// browser stays open until you close it. Without one (no DISPLAY) it runs headless, saves
// docs/screenshots/page.png (the highlighted article) and docs/screenshots/card.png (a claim's
// card, opened with the keyboard shortcut), prints the claims found, and exits.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Worker } from 'playwright-core';
import type { TabClaims } from '../messaging/protocol';
import { CHROMIUM, chromiumArgs } from './chromium';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = path.join(REPO, '.output/chrome-mv3');
const DEMO = path.join(REPO, 'tests/fixtures/articles/demo-article.html');
const SCREENSHOTS = path.join(REPO, 'docs/screenshots');

function serveDemo(): Promise<{ url: string; close(): void }> {
  const server = createServer((request, response) => {
    if (request.url === '/demo-article.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(readFileSync(DEMO));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/demo-article.html`, close: () => server.close() });
    }),
  );
}

/** The page's report to the background (what the popup shows), once its scan is done. */
async function claimsOf(worker: Worker, url: string): Promise<TabClaims> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const stored = (await worker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.session.get(null),
    )) as Record<string, TabClaims>;
    const report = Object.values(stored).find((entry) => entry.url === url);
    if (report?.status === 'active') return report;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo article did not report its claims within 15 s');
}

function printClaims(report: TabClaims): void {
  console.log(`${report.matches.length} claims on ${report.url}:`);
  for (const match of report.matches) {
    const text = match.text.replace(/\s+/g, ' ');
    console.log(`  “${text}”  → ${match.factId} (${match.comparison})`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
  console.log('Building the extension…');
  execFileSync('npx', ['wxt', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });

  const headless = !process.env.DISPLAY;
  const demo = await serveDemo();
  const profile = mkdtempSync(path.join(tmpdir(), 'claimlens-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: headless ? { width: 1280, height: 900 } : null,
    args: chromiumArgs(EXTENSION),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(demo.url);
    const report = await claimsOf(worker, demo.url);
    printClaims(report);

    if (!headless) {
      console.log('Chromium is open with ClaimLens. Close the browser window to stop.');
      await new Promise<void>((resolve) => context.on('close', () => resolve()));
      return;
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page.png') });
    // Open the first claim's card the way a keyboard user does.
    await page.keyboard.press('Alt+Shift+KeyJ');
    const card = page.locator('claimlens-ui').locator('[role="dialog"]');
    await card.waitFor({ state: 'visible', timeout: 5000 });
    await page.waitForTimeout(300); // let the smooth scroll to the claim finish
    await page.screenshot({ path: path.join(SCREENSHOTS, 'card.png') });
    console.log(`Saved ${path.relative(REPO, SCREENSHOTS)}/page.png and card.png`);
  } finally {
    await context.close().catch(() => {});
    demo.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
