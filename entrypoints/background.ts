import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import bundledPack from '../facts/packs/cecot-2025.json';
import { openPackDb } from '../background/pack-store';
import { createPackService } from '../background/packs';
import { startBackground } from '../background/service';
import { createTabResults } from '../background/tab-results';
import { announceActiveSpec } from '../messaging/active-spec';

export default defineBackground(() => {
  startBackground({
    packs: createPackService({ bundled: bundledPack, openDb: () => openPackDb() }),
    tabResults: createTabResults(browser.storage.session),
    action: browser.action,
    // The background runs at the extension's own origin: its pages are the ones under it.
    extensionOrigin: new URL('/', self.location.href).href,
    announceSpec: announceActiveSpec,
  });
});
