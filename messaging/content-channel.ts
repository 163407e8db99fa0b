// The content script's end of the protocol (messaging/protocol.ts): the same ProtocolMap and the
// same messages on the wire as @webext-core/messaging, which the background and the extension's
// pages use, without the library. The library and what it brings (webextension-polyfill's
// stand-in, serialize-error) are about 5 kB of the 60 kB the content script may weigh, for two
// requests and one listener.
//
// On the wire (@webext-core/messaging 2): a request is { id, type, data, timestamp }; the answer is
// { res } or, when the handler failed, { err } with the error's name and message.
// tests/unit/content-channel.test.ts runs this file against the library in both directions, so an
// upgrade that changes the format fails there.

import { browser, type Browser } from 'wxt/browser';
import type { GetDataType, GetReturnType, Message } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/** Requests the content script sends to the background. */
export type ToBackground = 'getMatcherSpec' | 'reportPage';
/** Requests the content script answers (from the popup, through tabs.sendMessage). */
export type ToContentScript = 'revealClaim';

type Data<K extends keyof ProtocolMap> = GetDataType<ProtocolMap[K]>;
type Result<K extends keyof ProtocolMap> = GetReturnType<ProtocolMap[K]>;

/** An answer on the wire. */
interface Reply {
  res?: unknown;
  err?: { name?: unknown; message?: unknown } | null;
}

// The library numbers requests from a random start, for tracing; so do we.
let nextId = Math.floor(Math.random() * 10_000);

/** Sends a request to the background; resolves to its handler's result, or rejects with its
 * handler's error. */
export async function sendMessage<K extends ToBackground>(
  type: K,
  ...[data]: Data<K> extends undefined ? [data?: undefined] : [data: Data<K>]
): Promise<Result<K>> {
  const request: Message<ProtocolMap, K> = {
    id: nextId++,
    type,
    data: data as Data<K>,
    timestamp: Date.now(),
  };
  const reply = (await browser.runtime.sendMessage(request)) as Reply | undefined;
  if (reply == null) throw new Error('No response');
  if (reply.err != null) throw errorFrom(reply.err);
  return reply.res as Result<K>;
}

/** Answers requests of one type with `handler` (a value or a promise of one); returns a function
 * that stops answering. */
export function onMessage<K extends ToContentScript>(
  type: K,
  handler: (message: Message<ProtocolMap, K>) => Result<K> | Promise<Result<K>>,
): () => void {
  const listener = (
    message: unknown,
    _sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply) => void,
  ): boolean => {
    if (!isRequest(message, type)) return false; // not ours to answer
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (res) => sendResponse({ res }),
        (error: unknown) => sendResponse({ err: errorFields(error) }),
      );
    return true; // the answer comes later
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

function isRequest<K extends ToContentScript>(
  message: unknown,
  type: K,
): message is Message<ProtocolMap, K> {
  if (typeof message !== 'object' || message === null) return false;
  const request = message as Partial<Message<ProtocolMap, K>>;
  return request.type === type && typeof request.timestamp === 'number';
}

function errorFrom(fields: { name?: unknown; message?: unknown }): Error {
  const error = new Error(typeof fields.message === 'string' ? fields.message : 'Unknown error');
  if (typeof fields.name === 'string') error.name = fields.name;
  return error;
}

function errorFields(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
