// The content script's end of the protocol (messaging/content-channel.ts) against the library the
// background and the popup use (@webext-core/messaging through messaging/protocol.ts), in both
// directions: requests and data arrive intact, results come back, a handler's error reaches the
// other side with its message (the page controller recognises "another matcher spec" by it), and
// messages of other types are left alone.
//
// The fake browser's message listeners answer only through sendResponse, as Chromium's do. The
// library runs here over the real webextension-polyfill, which adapts it to that: with no global
// `browser`, the polyfill wraps the fake `chrome`. (The build replaces the polyfill with
// messaging/polyfill-stand-in.ts, tested in polyfill-stand-in.test.ts; Node imports the library
// directly, so a vi.mock of its polyfill import would not reach it.)

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MatcherSpec } from '../../core/compile';
import type { ScanMatch } from '../../core/describe';
import * as content from '../../messaging/content-channel';
import * as library from '../../messaging/protocol';
import type { PageReport } from '../../messaging/protocol';

vi.hoisted(() => {
  // Before the polyfill loads (imports are hoisted above everything but this).
  (globalThis as { browser?: unknown }).browser = undefined;
});

beforeEach(() => fakeBrowser.reset());
afterEach(() => library.removeAllListeners());

const REPORT: PageReport = {
  url: 'https://news.example/story',
  status: 'active',
  specId: 'spec1 cecot-2025@1.0.0',
  claims: [
    {
      text: '238 Venezuelans',
      raw: {
        start: 0,
        end: 15,
        fact: 3,
        pattern: 0,
        number: null,
      } as unknown as PageReport['claims'][number]['raw'],
    },
  ],
};

describe('content script → background', () => {
  it('gets the handler’s result, for a request without data', async () => {
    const spec = { specVersion: 2, facts: [] } as unknown as MatcherSpec;
    library.onMessage('getMatcherSpec', () => ({ spec, specId: 'spec1 a@1.0.0' }));
    expect(await content.sendMessage('getMatcherSpec')).toEqual({
      spec,
      specId: 'spec1 a@1.0.0',
    });
  });

  it('delivers the data and gets the handler’s (async) result', async () => {
    const received: unknown[] = [];
    const described = [{ factId: 'deported-238' } as unknown as ScanMatch];
    library.onMessage('reportPage', async ({ data }) => {
      received.push(data);
      return described;
    });
    expect(await content.sendMessage('reportPage', REPORT)).toEqual(described);
    expect(received).toEqual([REPORT]);
  });

  it('rejects with the handler’s error message', async () => {
    // The background's handlers are async: a failure is a rejected promise.
    library.onMessage('reportPage', async () => {
      throw new Error('this report was made with another matcher spec');
    });
    const failure = await content.sendMessage('reportPage', REPORT).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain('another matcher spec');
  });

  it('rejects when nothing answers', async () => {
    library.onMessage('getPackStatus', () => ({ packs: [], problems: [] }));
    await expect(content.sendMessage('getMatcherSpec')).rejects.toThrow();
  });
});

describe('popup → content script', () => {
  it('delivers the data and returns the handler’s result, sync or async', async () => {
    const indices: number[] = [];
    content.onMessage('revealClaim', ({ data }) => {
      indices.push(data.index);
      return data.index < 3;
    });
    expect(await library.sendMessage('revealClaim', { index: 2 })).toBe(true);
    expect(await library.sendMessage('revealClaim', { index: 7 })).toBe(false);
    expect(indices).toEqual([2, 7]);
  });

  it('sends a failing handler’s error back to the sender', async () => {
    content.onMessage('revealClaim', async () => {
      throw new Error('no such claim');
    });
    await expect(library.sendMessage('revealClaim', { index: 0 })).rejects.toThrow('no such claim');
  });

  it('leaves messages of other types alone, and stops answering once removed', async () => {
    let calls = 0;
    const stop = content.onMessage('revealClaim', () => {
      calls++;
      return true;
    });
    // Only the content script listens: a request it does not handle gets no answer from it.
    await expect(library.sendMessage('getPackStatus')).rejects.toThrow();
    expect(calls).toBe(0);
    stop();
    await expect(library.sendMessage('revealClaim', { index: 0 })).rejects.toThrow();
    expect(calls).toBe(0);
  });
});
