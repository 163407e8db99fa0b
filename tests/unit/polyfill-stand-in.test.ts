// messaging/polyfill-stand-in.ts, which the build puts where @webext-core/messaging imports
// webextension-polyfill: a listener that answers by returning a promise is answered through
// sendResponse, which is all Chromium (and the fake browser here) understands.

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import standIn from '../../messaging/polyfill-stand-in';

beforeEach(() => fakeBrowser.reset());

describe('runtime.onMessage through the stand-in', () => {
  it('answers with what a listener’s promise resolves to', async () => {
    standIn.runtime.onMessage.addListener(async (message) => ({ echo: message }));
    expect(await standIn.runtime.sendMessage('ping')).toEqual({ echo: 'ping' });
  });

  it('is needed: the same listener added directly answers nothing', async () => {
    fakeBrowser.runtime.onMessage.addListener((async (message: unknown) => ({
      echo: message,
    })) as never);
    expect(await fakeBrowser.runtime.sendMessage('ping')).toBeUndefined();
  });

  it('leaves a message alone when the listener returns no promise', async () => {
    const seen: unknown[] = [];
    standIn.runtime.onMessage.addListener((message) => {
      seen.push(message);
      return undefined;
    });
    expect(await standIn.runtime.sendMessage('not mine')).toBeUndefined();
    expect(seen).toEqual(['not mine']);
  });

  it('answers nothing, without hanging, when the listener rejects or throws', async () => {
    standIn.runtime.onMessage.addListener((message) => {
      if (message === 'throw') throw new Error('sync');
      return Promise.reject(new Error('async'));
    });
    expect(await standIn.runtime.sendMessage('throw')).toBeUndefined();
    expect(await standIn.runtime.sendMessage('reject')).toBeUndefined();
  });

  it('removes the listener it was given', async () => {
    const listener = async () => 'answer';
    standIn.runtime.onMessage.addListener(listener);
    expect(await standIn.runtime.sendMessage('ping')).toBe('answer');
    standIn.runtime.onMessage.removeListener(listener);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});
