// Fact packs installed from files, in Chromium, through the options page as a reader does it: a
// small valid pack is installed with the file field and its claims are highlighted on a page next
// to the bundled pack's; then two hostile packs (same id, higher versions) are refused with every
// error listed as text on the options page, and the page's highlights still come from the valid
// pack after a reload; a lower version is refused; a higher version and the pack's removal reach
// the page that is already open, without a reload.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REPO, highlightState, launch, startServer, waitForReport } from './harness';
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

const PACKS = path.join(REPO, 'tests/fixtures/packs');
const fixture = (name: string) => readFileSync(path.join(PACKS, name), 'utf8');

/** tests/fixtures/packs/valid.json ("test-cecot"), with its first pattern in the words of its
 * source's quote, so that it finds a claim the bundled pack does not. */
function newsroomPack(version: string): string {
  const pack = JSON.parse(fixture('valid.json')) as {
    version: string;
    facts: { matchers: { pattern: string }[] }[];
  };
  pack.version = version;
  pack.facts[0]!.matchers[0]!.pattern =
    'unlawfully expelled {count} (individuals|people|venezuelans)';
  return JSON.stringify(pack, null, 2);
}

const FILE_PACK_CLAIM = 'unlawfully expelled 238 individuals';
const BUNDLED_CLAIM = 'paid El Salvador $6 million';

/** The article the tests read, served at an address on the test server. */
async function openArticle(): Promise<{ page: Page; url: string; pageErrors: string[] }> {
  const page = await session.context.newPage();
  const url = `${server.origin}/packs-test/article.html`;
  // Page routes come before the harness's context route, which would let this through to a 404.
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body:
        '<!doctype html><html lang="en"><head><title>Expelled</title></head><body><article>' +
        `<p>On 16 March 2025, the US government ${FILE_PACK_CLAIM}.</p>` +
        `<p>Officials ${BUNDLED_CLAIM}.</p></article></body></html>`,
    }),
  );
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  // A script from a pack that ran would most likely call alert().
  page.on('dialog', (dialog) => {
    pageErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, url, pageErrors };
}

async function openOptions(): Promise<Page> {
  const options = await session.context.newPage();
  options.on('dialog', (dialog) => {
    throw new Error(`the options page opened a dialog: ${dialog.message()}`);
  });
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  return options;
}

async function chooseFile(options: Page, name: string, json: string): Promise<string> {
  await options.getByLabel('Pack file (.json)').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(json, 'utf8'),
  });
  const outcome = options.locator('.cl-install-outcome');
  await expect.poll(async () => (await outcome.textContent()) ?? '').not.toMatch(/^Checking|^$/);
  return ((await outcome.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function packRows(options: Page): Promise<string[][]> {
  return options
    .locator('.cl-pack-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((cell) =>
          (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
      ),
    );
}

/** Which pack and version each claim on the page was reported from, by matched text, in the
 * first report made after `since` (Date.now() before the page was loaded) that `accept` takes. */
async function claimsFrom(
  url: string,
  since: number,
  accept: (found: string[]) => boolean,
): Promise<string[]> {
  const { report } = await waitForReport(
    session.worker!,
    url,
    (candidate) =>
      candidate.updatedAt >= since &&
      accept(candidate.matches.map((m) => `${m.pack}@${m.packVersion}: ${m.text}`)),
  );
  return report.matches.map((m) => `${m.pack}@${m.packVersion}: ${m.text}`).sort();
}

describe('installing packs from files on the options page', () => {
  it('uses a valid pack at once on the next page load, and keeps it when hostile packs are refused', async () => {
    const options = await openOptions();
    expect(await chooseFile(options, 'newsroom.json', newsroomPack('0.1.0'))).toMatch(
      /^Installed pack “ClaimLens test pack” version 0\.1\.0, 2 facts\./,
    );
    const rows = await packRows(options);
    expect(rows.map((row) => row.slice(1, 3).concat(row.slice(5)))).toEqual([
      [expect.any(String), expect.any(String), 'Bundled with ClaimLens', ''],
      ['0.1.0', '2', 'From the file “newsroom.json”', 'Remove'],
    ]);

    let since = Date.now();
    const { page, url, pageErrors } = await openArticle();
    const bundledVersion = rows[0]![1]!;
    const expected = [
      `cecot-2025@${bundledVersion}: ${BUNDLED_CLAIM}`,
      `test-cecot@0.1.0: ${FILE_PACK_CLAIM}`,
    ];
    expect(await claimsFrom(url, since, (found) => found.length === 2)).toEqual(expected);
    expect((await highlightState(page)).texts.sort()).toEqual([BUNDLED_CLAIM, FILE_PACK_CLAIM]);

    // Hostile versions of the same pack: every problem is listed, as text, and nothing changes.
    const everything = await chooseFile(
      options,
      'hostile-everything.json',
      fixture('hostile-everything.json'),
    );
    expect(everything).toContain(
      '“hostile-everything.json” was not installed: it is not a valid fact pack. Problems found: 5.',
    );
    const listed = () => options.locator('.cl-install-outcome .cl-problems li').allTextContents();
    expect(await listed()).toEqual([
      'sources[0].url: only https: and http: addresses are allowed, got a javascript: address',
      'sources[1].url: only https: and http: addresses are allowed, got a data: address',
      'sources[2].url: must not contain a user name or password',
      'facts[0].figures[0].value: expected a number, got string',
      expect.stringMatching(/^__proto__: unknown key \(allowed here: schemaVersion, id, /),
    ]);
    expect(everything).toContain('Nothing was changed: the packs you had are still in use.');

    expect(
      await chooseFile(options, 'hostile-patterns.json', fixture('hostile-patterns.json')),
    ).toContain('Problems found: 4.');
    expect(await listed()).toEqual([
      'facts[1].id: duplicate fact id "expelled-2025-03-16" (first used at facts[0].id)',
      'facts[0].matchers[0].pattern: too many expansions: 1024 (at most 256; each {number} counts as 4, one per sort)',
      'facts[0].matchers[1].pattern: brackets nested more than 8 deep at 8',
      'facts[0]: skipped: none of its matchers compiles',
    ]);
    // The markup in the hostile packs' text never became an element on the options page.
    expect(await options.locator('.cl-options img, .cl-options script').count()).toBe(0);

    expect(await chooseFile(options, 'older.json', newsroomPack('0.0.9'))).toContain(
      'pack test-cecot is already installed in version 0.1.0, and only a higher version can replace it (this file has version 0.0.9).',
    );
    expect((await packRows(options))[1]!.slice(1, 3)).toEqual(['0.1.0', '2']);

    // The page, loaded again, still gets its claims from the valid pack, and its card says so.
    since = Date.now();
    await page.reload();
    expect(await claimsFrom(url, since, (found) => found.length === 2)).toEqual(expected);
    expect((await highlightState(page)).texts.sort()).toEqual([BUNDLED_CLAIM, FILE_PACK_CLAIM]);
    await page.keyboard.press('Alt+Shift+KeyJ');
    const card = page.locator('claimlens-ui').locator('[role="dialog"]');
    await expect
      .poll(async () => (await card.textContent()) ?? '')
      .toContain(
        'Amnesty International says 238 individuals were expelled to the CECOT prison on 16 March 2025.',
      );
    expect(await card.textContent()).toContain('From the fact pack test-cecot, version 0.1.0');
    expect(pageErrors).toEqual([]);

    // A higher valid version replaces it, on the page that is open, without a reload.
    since = Date.now();
    expect(await chooseFile(options, 'newsroom-2.json', newsroomPack('0.2.0'))).toMatch(
      /version 0\.2\.0, 2 facts\. It replaces version 0\.1\.0\./,
    );
    const newer = [expected[0], `test-cecot@0.2.0: ${FILE_PACK_CLAIM}`];
    expect(await claimsFrom(url, since, (found) => found.sort().join() === newer.join())).toEqual(
      newer,
    );

    // Removing it: gone from the table, and from the open page, again without a reload.
    since = Date.now();
    await options
      .getByRole('button', { name: 'Remove pack “ClaimLens test pack” version 0.2.0' })
      .click();
    await expect
      .poll(async () => (await options.locator('.cl-install-outcome').textContent()) ?? '')
      .toMatch(/^Removed pack “ClaimLens test pack” version 0\.2\.0\./);
    await expect.poll(async () => (await packRows(options)).length).toBe(1);
    expect(await claimsFrom(url, since, (found) => found.length === 1)).toEqual([expected[0]]);
    await expect.poll(async () => (await highlightState(page)).texts).toEqual([BUNDLED_CLAIM]);
    expect(pageErrors).toEqual([]);
    await page.close();
    await options.close();
  });
});
