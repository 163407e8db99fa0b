import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchActiveSpec } from '../../messaging/active-spec';
import { readSettings, watchSettings } from '../../messaging/settings';
import { browserTranslate } from '../../ui/browser-i18n';
import { PageController, isReadablePage } from './page-controller';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // Otherwise WXT announces each start with window.postMessage, which every page script can see.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    if (!isReadablePage(document, location)) return;
    const controller = new PageController(ctx, browserTranslate());
    ctx.onInvalidated(watchSettings((settings) => controller.apply(settings)));
    ctx.onInvalidated(watchActiveSpec((specId) => controller.specChanged(specId)));
    controller.apply(await readSettings());
  },
});
