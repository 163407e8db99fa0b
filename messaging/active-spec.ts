// Open pages follow pack changes. The background writes the active spec's id to storage.local when
// a pack is installed or removed; content scripts watch that key (storage.onChanged reaches every
// tab, with no tabs permission and no message to each tab) and, when the id is not that of the
// spec they scan with, fetch the new spec and read the page again.

import { browser } from 'wxt/browser';
import { watchLocalKey } from './storage-watch';

const ACTIVE_SPEC_KEY = 'activeSpecId';

/** Tells open pages that the active spec is now `specId`. */
export async function announceActiveSpec(specId: string): Promise<void> {
  await browser.storage.local.set({ [ACTIVE_SPEC_KEY]: specId });
}

/** Calls `onChange` with the new id whenever the background announces one; returns a function
 * that stops watching. */
export function watchActiveSpec(onChange: (specId: string) => void): () => void {
  return watchLocalKey(ACTIVE_SPEC_KEY, (specId) => {
    if (typeof specId === 'string') onChange(specId);
  });
}
