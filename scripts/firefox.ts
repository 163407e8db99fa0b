// How the tests launch Debian's Firefox ESR (see ../shared/TOOLCHAIN.md): never a downloaded
// browser; driven over WebDriver BiDi by puppeteer-core, the built extension installed as a
// temporary add-on.

import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';
/** Debian's Spanish language pack for it (firefox-esr-l10n-es-es): Firefox's interface, and so
 * the extension's (browser.i18n), can then be Spanish. */
export const FIREFOX_SPANISH =
  '/usr/lib/firefox-esr/browser/extensions/langpack-es-ES@firefox-esr.mozilla.org.xpi';

/** Firefox ESR, headless, in a fresh profile, with the unpacked build in `extensionDir` installed;
 * its interface in `locale` (en-US unless said). */
export async function launchFirefox(
  extensionDir: string,
  locale: 'en-US' | 'es-ES' = 'en-US',
): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: { 'intl.locale.requested': locale, 'intl.accept_languages': locale },
  });
  await browser.installExtension(extensionDir);
  return browser;
}
