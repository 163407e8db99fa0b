// The claim card and everything the reader does with claims (entrypoints/content/
// claim-interactions.ts): hover, click and keyboard, the card in its shadow root, Preact and the
// card's styles. The content script imports this module when a page first has claims, so a page
// without claims never loads it and the script that runs on every page stays small
// (docs/EXTENSION.md, "What loads when").
//
// wxt.config.ts builds this entrypoint as an ES module and lists it as a web-accessible resource
// (Chromium: reachable only at the per-session dynamic URL). WXT's unlisted-script wrapper exports
// what `main` returns as the module's default export: here, the function that starts the
// interactions.

import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ClaimInteractions } from './content/claim-interactions';
import type { CreateClaimInteractions } from './content/claim-interactions';

export default defineUnlistedScript({
  main: (): CreateClaimInteractions => (options) => new ClaimInteractions(options),
});
