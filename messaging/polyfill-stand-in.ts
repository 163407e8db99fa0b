// Stands in for webextension-polyfill, which @webext-core/messaging 2 imports for three calls:
// runtime.sendMessage, tabs.sendMessage and runtime.onMessage. wxt.config.ts resolves the
// `webextension-polyfill` import to this file, so the polyfill (about 10 kB minified) is in no
// bundle: WXT's `browser` already is the browser's own promise-based API (`browser` in Firefox,
// `chrome` in Chromium). The one thing the library needs that Chromium lacks is a message listener
// that answers by returning a Promise; here such a listener answers through sendResponse, which
// every browser supports. The wire format stays the library's own, so every context still speaks
// the same protocol. Unit tests run the library with the real polyfill over WXT's fake browser;
// the end-to-end tests run this file in Chromium.
//
// @webext-core/messaging 4 no longer imports the polyfill: upgrading to it makes this file unneeded.

import { browser, type Browser } from 'wxt/browser';

type MessageSender = Browser.runtime.MessageSender;
/** A listener as the library writes it: it answers by returning a value or a Promise. */
type PromiseListener = (message: unknown, sender: MessageSender) => unknown;
/** A listener as every browser accepts it: it answers through sendResponse, returning true to say
 * the answer comes later. */
type CallbackListener = (
  message: unknown,
  sender: MessageSender,
  sendResponse: (response?: unknown) => void,
) => boolean;

const callbackListeners = new WeakMap<PromiseListener, CallbackListener>();

function callbackListener(listener: PromiseListener): CallbackListener {
  let wrapped = callbackListeners.get(listener);
  if (wrapped === undefined) {
    wrapped = (message, sender, sendResponse) => {
      let result: unknown;
      try {
        result = listener(message, sender);
      } catch {
        result = Promise.reject(new Error('the message listener failed'));
      }
      // Nothing to answer (a message of a type this context does not handle): let others answer.
      if (!isThenable(result)) return false;
      // The library turns a handler's failure into an answer; a listener that fails anyway (a
      // handler that throws before returning its promise) gets no answer, so the sender's promise
      // fails ("No response") instead of waiting forever.
      result.then(sendResponse, () => sendResponse());
      return true;
    };
    callbackListeners.set(listener, wrapped);
  }
  return wrapped;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export default {
  runtime: {
    sendMessage: (message: unknown): Promise<unknown> => browser.runtime.sendMessage(message),
    onMessage: {
      addListener(listener: PromiseListener): void {
        browser.runtime.onMessage.addListener(callbackListener(listener));
      },
      removeListener(listener: PromiseListener): void {
        const wrapped = callbackListeners.get(listener);
        if (wrapped !== undefined) browser.runtime.onMessage.removeListener(wrapped);
      },
    },
  },
  tabs: {
    sendMessage: (
      tabId: number,
      message: unknown,
      options?: Browser.tabs.MessageSendOptions,
    ): Promise<unknown> => browser.tabs.sendMessage(tabId, message, options),
  },
};
