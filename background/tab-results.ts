// The claims each tab's page reported, for the popup. Kept in memory and mirrored to
// storage.session where the browser has it, because an MV3 service worker is stopped when idle
// and would otherwise forget every tab's claims. Session storage is not reachable from content
// scripts (Chrome's default access level), so one page cannot read another tab's claims.

import type { TabClaims } from '../messaging/protocol';

/** The part of a storage area this store uses (browser.storage.session). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface TabResults {
  set(tabId: number, claims: TabClaims): Promise<void>;
  get(tabId: number): Promise<TabClaims | null>;
  remove(tabId: number): Promise<void>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;

export function createTabResults(session?: SessionArea): TabResults {
  const memory = new Map<number, TabClaims>();
  return {
    async set(tabId, claims) {
      memory.set(tabId, claims);
      await session?.set({ [keyOf(tabId)]: claims });
    },
    async get(tabId) {
      const known = memory.get(tabId);
      if (known !== undefined || session === undefined) return known ?? null;
      const stored = (await session.get(keyOf(tabId)))[keyOf(tabId)];
      if (stored === undefined) return null;
      memory.set(tabId, stored as TabClaims);
      return stored as TabClaims;
    },
    async remove(tabId) {
      memory.delete(tabId);
      await session?.remove(keyOf(tabId));
    },
  };
}
