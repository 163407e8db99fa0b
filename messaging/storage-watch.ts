// Following one key of storage.local: how content scripts learn of changes made elsewhere
// (settings by the popup and options page, the active spec by the background).

import { browser } from 'wxt/browser';

/** Calls `onChange` with the new value (undefined once removed) whenever `key` changes in
 * storage.local; returns a function that stops watching. */
export function watchLocalKey(key: string, onChange: (value: unknown) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[key];
    if (area === 'local' && change !== undefined) onChange(change.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
