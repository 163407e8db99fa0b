// The translator the extension's pages use: the browser's i18n API over public/_locales.

import { browser, type Browser } from 'wxt/browser';
import { createBrowserTranslate, type Translate } from './i18n';

/** Interface strings in the browser's language (English where we have no translation). */
export function browserTranslate(): Translate {
  // WXT's generated typing of getMessage (a union of message names) does not reach `browser` in
  // this setup, so use the platform's own signature. Keys are checked against both messages.json
  // files by tests/dom/ui-i18n.test.ts.
  const i18n = browser.i18n as unknown as Pick<typeof Browser.i18n, 'getMessage'>;
  return createBrowserTranslate((key, subs) => i18n.getMessage(key, subs));
}
