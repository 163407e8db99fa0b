// Open pages follow pack changes. The background writes the active spec's id to storage.local when
// a pack is installed or removed; content scripts watch that key (storage.onChanged reaches every
// tab, with no tabs permission and no message to each tab) and, when the id is not that of the
// spec they scan with, fetch the new spec and read the page again.

import { browser } from 'wxt/browser';

const ACTIVE_SPEC_KEY = 'activeSpecId';

/** Tells open pages that the active spec is now `specId`. */
export async function announceActiveSpec(specId: string): Promise<void> {
  await browser.storage.local.set({ [ACTIVE_SPEC_KEY]: specId });
}

/** Calls `onChange` with the new id whenever the background announces one; returns a function
 * that stops watching. */
export function watchActiveSpec(onChange: (specId: string) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const specId = changes[ACTIVE_SPEC_KEY]?.newValue;
    if (area === 'local' && typeof specId === 'string') onChange(specId);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
