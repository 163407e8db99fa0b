// The reader's settings in storage: defaults, tolerance of bad stored values, hostnames, pausing a
// site (and its subdomains) and resuming it, and live change notifications.

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  SETTINGS_KEY,
  isSitePaused,
  normalizeHostname,
  parseSettings,
  readSettings,
  setSitePaused,
  updateSettings,
  watchSettings,
} from '../../messaging/settings';
import type { Settings } from '../../messaging/settings';

beforeEach(() => fakeBrowser.reset());

describe('stored values', () => {
  it('are all defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('take the default for each missing or malformed field, keeping the good ones', () => {
    expect(
      parseSettings({
        enabled: 'yes',
        pausedSites: ['Example.COM', 42, 'not a host!', 'example.com', 'https://news.site.org/a'],
        highlightStyle: 'blink',
        highlightColor: 'green',
      }),
    ).toEqual({
      enabled: true,
      pausedSites: ['example.com', 'news.site.org'],
      highlightStyle: 'background',
      highlightColor: 'green',
    });
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ highlightColor: 'toString' }).highlightColor).toBe('yellow');
  });
});

describe('hostnames', () => {
  it('are normalised from what a reader types or a page address', () => {
    expect(normalizeHostname('News.Example.COM')).toBe('news.example.com');
    expect(normalizeHostname(' https://news.example.com/a/b?c ')).toBe('news.example.com');
    expect(normalizeHostname('example.com.')).toBe('example.com');
    expect(normalizeHostname('localhost')).toBe('localhost');
    expect(normalizeHostname('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(normalizeHostname('')).toBeNull();
    expect(normalizeHostname('two words')).toBeNull();
    expect(normalizeHostname('file:///home/me/page.html')).toBeNull();
  });

  it('a paused site covers its subdomains, not its parent or look-alikes', () => {
    const settings = { pausedSites: ['example.com'] };
    expect(isSitePaused(settings, 'example.com')).toBe(true);
    expect(isSitePaused(settings, 'news.example.com')).toBe(true);
    expect(isSitePaused(settings, 'badexample.com')).toBe(false);
    expect(isSitePaused({ pausedSites: ['news.example.com'] }, 'example.com')).toBe(false);
  });
});

describe('changing settings', () => {
  it('pauses and resumes a site; resuming also lifts a paused parent domain', async () => {
    await setSitePaused('https://www.example.com/article', true);
    expect((await readSettings()).pausedSites).toEqual(['www.example.com']);
    await updateSettings(() => ({ pausedSites: ['example.com', 'other.org'] }));
    await setSitePaused('www.example.com', false);
    expect((await readSettings()).pausedSites).toEqual(['other.org']);
    await expect(setSitePaused('not a site', true)).rejects.toThrow('not a site');
  });

  it('stores checked values only', async () => {
    await updateSettings(() => ({ highlightStyle: 'bold' as never, enabled: false }));
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings;
    expect(stored).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('tells watchers about each change until they stop watching', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((settings) => seen.push(settings));
    await updateSettings(() => ({ enabled: false }));
    await updateSettings(() => ({ highlightColor: 'pink' }));
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    stop();
    await updateSettings(() => ({ enabled: true }));
    expect(seen.map((settings) => [settings.enabled, settings.highlightColor])).toEqual([
      [false, 'yellow'],
      [false, 'pink'],
    ]);
  });
});
