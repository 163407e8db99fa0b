import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** The card's code, imported by the content script when a page first needs a card
 * (entrypoints/claim-card.ts). */
const CLAIM_CARD_ENTRYPOINT = 'claim-card';

export default defineConfig({
  srcDir: '.',
  modulesDir: 'wxt-modules',
  // Explicit imports keep module boundaries visible to lint and to readers.
  imports: false,
  // Manifest V3 for Firefox too (WXT's default there is V2): one manifest shape, one set of rules.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    // The card is import()ed from a dynamic-URL resource, which content scripts can do from 132 on.
    ...(browser === 'chrome' ? { minimum_chrome_version: '132' } : {}),
    // A content script can import() only what pages could load too. Chromium serves it only at
    // the per-session dynamic URL (runtime.getURL gives it), so a page cannot probe a fixed
    // address to learn that ClaimLens is installed. Firefox's addresses are per-install already.
    web_accessible_resources: [
      {
        resources: [`${CLAIM_CARD_ENTRYPOINT}.js`],
        matches: ['<all_urls>'],
        use_dynamic_url: true,
      },
    ],
    browser_specific_settings: {
      gecko: {
        id: 'claimlens@claimlens.invalid',
        data_collection_permissions: { required: ['none'] },
      },
    },
  }),
  vite: () => ({
    plugins: [preact()],
    resolve: {
      alias: {
        // @webext-core/messaging 2 imports the polyfill; the browsers' own API does the same job
        // (see the file).
        'webextension-polyfill': fileURLToPath(
          new URL('./messaging/polyfill-stand-in.ts', import.meta.url),
        ),
      },
    },
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entrypoint) => entrypoint.name === CLAIM_CARD_ENTRYPOINT)) return;
      // WXT builds unlisted scripts as classic scripts; the card is import()ed, so it must be an
      // ES module (its default export is what its main returns).
      if (config.build?.lib) config.build.lib.formats = ['es'];
      // Vite keeps the whitespace of ES libraries for the bundlers that consume them; this module
      // is loaded as it is, so it is minified like every other script.
      const output = config.build?.rollupOptions?.output;
      if (output !== undefined && !Array.isArray(output)) output.minify = true;
    },
  },
});
