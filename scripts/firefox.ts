// How the tests launch Debian's Firefox ESR (see ../shared/TOOLCHAIN.md): never a downloaded
// browser; driven over WebDriver BiDi by puppeteer-core, the built extension installed as a
// temporary add-on.

import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';

/** Firefox ESR, headless, in a fresh profile, with the unpacked build in `extensionDir` installed. */
export async function launchFirefox(extensionDir: string): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
  });
  await browser.installExtension(extensionDir);
  return browser;
}
