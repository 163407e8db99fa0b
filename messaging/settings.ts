// The reader's settings, kept in browser.storage.local under one key. The popup and options page
// write them; content scripts read them at start and follow storage.onChanged, so a change applies
// to open pages at once. Stored values are checked field by field: a missing or malformed field
// falls back to its default instead of breaking the extension.

import { browser } from 'wxt/browser';
import { watchLocalKey } from './storage-watch';

export type HighlightStyle = 'background' | 'underline';
export type HighlightColor = 'yellow' | 'blue' | 'green' | 'pink';

export interface Settings {
  /** Global on/off. */
  enabled: boolean;
  /** Hostnames where ClaimLens does nothing; an entry also covers its subdomains. */
  pausedSites: string[];
  highlightStyle: HighlightStyle;
  highlightColor: HighlightColor;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  pausedSites: [],
  highlightStyle: 'background',
  highlightColor: 'yellow',
});

export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['background', 'underline'];

/** Colours a highlight can take. `background` is painted behind claim text, which is then drawn in
 * `text` (contrast at least 12:1, on any page background); `underline` is the line colour of the
 * underline style (at least 4.5:1 against white). */
export const HIGHLIGHT_PALETTE: Readonly<
  Record<HighlightColor, { background: string; text: string; underline: string }>
> = Object.freeze({
  yellow: { background: '#fff1a8', text: '#111111', underline: '#8a5a00' },
  blue: { background: '#d3e5ff', text: '#111111', underline: '#0b57d0' },
  green: { background: '#cdf3d4', text: '#111111', underline: '#146c2e' },
  pink: { background: '#ffd9e8', text: '#111111', underline: '#b0245f' },
});

const MAX_PAUSED_SITES = 1000;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/**
 * A hostname as settings store it, from what a reader typed or a page's location: "News.Example.COM",
 * "https://news.example.com/a/b" and "news.example.com." all give "news.example.com". Null when it is
 * not a hostname (file pages, "not a site"). IP addresses and "localhost" are hostnames too.
 */
export function normalizeHostname(input: string): string | null {
  let host = input.trim().toLowerCase();
  if (host.includes('/') || host.includes(':')) {
    try {
      host = new URL(host.includes('://') ? host : `http://${host}`).hostname;
    } catch {
      return null;
    }
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') && host.endsWith(']')) return host; // IPv6 literal from URL.hostname
  return HOSTNAME.test(host) ? host : null;
}

/** Whether ClaimLens is paused on `hostname`: listed itself, or a subdomain of a listed site. */
export function isSitePaused(settings: Pick<Settings, 'pausedSites'>, hostname: string): boolean {
  const host = hostname.toLowerCase();
  return settings.pausedSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** Settings from whatever storage holds; each bad or missing field takes its default. */
export function parseSettings(value: unknown): Settings {
  const stored =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const sites = Array.isArray(stored.pausedSites) ? stored.pausedSites : [];
  const pausedSites: string[] = [];
  for (const site of sites) {
    if (pausedSites.length >= MAX_PAUSED_SITES) break;
    const host = typeof site === 'string' ? normalizeHostname(site) : null;
    if (host !== null && !pausedSites.includes(host)) pausedSites.push(host);
  }
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULT_SETTINGS.enabled,
    pausedSites,
    highlightStyle: HIGHLIGHT_STYLES.includes(stored.highlightStyle as HighlightStyle)
      ? (stored.highlightStyle as HighlightStyle)
      : DEFAULT_SETTINGS.highlightStyle,
    highlightColor: Object.hasOwn(HIGHLIGHT_PALETTE, String(stored.highlightColor))
      ? (stored.highlightColor as HighlightColor)
      : DEFAULT_SETTINGS.highlightColor,
  };
}

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

/** Applies `change` to the current settings and stores the result (checked like stored values). */
export async function updateSettings(
  change: (current: Settings) => Partial<Settings>,
): Promise<Settings> {
  const current = await readSettings();
  const next = parseSettings({ ...current, ...change(current) });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Pauses or resumes ClaimLens on a site (a hostname or an address). Resuming removes the entry
 * and any listed parent domain that would keep the site paused. */
export async function setSitePaused(site: string, paused: boolean): Promise<Settings> {
  const host = normalizeHostname(site);
  if (host === null) throw new Error(`not a site: ${site}`);
  return updateSettings(({ pausedSites }) => ({
    pausedSites: paused
      ? [...pausedSites.filter((entry) => entry !== host), host]
      : pausedSites.filter((entry) => !isSitePaused({ pausedSites: [entry] }, host)),
  }));
}

/** Calls `onChange` with the new settings whenever they change in storage; returns a function
 * that stops watching. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return watchLocalKey(SETTINGS_KEY, (value) => onChange(parseSettings(value)));
}
