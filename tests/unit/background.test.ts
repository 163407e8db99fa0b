// The background: packs installed into IndexedDB (fake-indexeddb) and compiled once, upgrades
// and refused packs, what content scripts may report, who may ask for what, per-tab claims that
// survive the service worker being stopped, and the badge.

import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeText } from '../../background/badge';
import type { BadgeApi } from '../../background/badge';
import {
  DB_VERSION,
  getStoredPack,
  listStoredPacks,
  openPackDb,
} from '../../background/pack-store';
import { createPackService } from '../../background/packs';
import { checkPageReport } from '../../background/report';
import { createHandlers } from '../../background/service';
import type { Sender } from '../../background/service';
import { createTabResults } from '../../background/tab-results';
import type { SessionArea } from '../../background/tab-results';
import { createMatcher } from '../../core/matcher';
import type { Pack } from '../../core/pack';
import type { PageReport } from '../../messaging/protocol';

const BUNDLED: Pack = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../facts/packs/cecot-2025.json'), 'utf8'),
);
const withVersion = (version: string): Pack => ({ ...structuredClone(BUNDLED), version });

let dbCount = 0;
let dbName: string;
beforeEach(() => {
  dbName = `claimlens-test-${++dbCount}`;
});
const openDb = () => openPackDb(dbName);

describe('pack store', () => {
  it('creates the packs store, keyed by pack id and indexed by origin', async () => {
    const db = await openDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(['packs']);
    const tx = db.transaction('packs');
    expect(tx.store.keyPath).toBe('id');
    expect([...tx.store.indexNames]).toEqual(['origin']);
    db.close();
  });
});

describe('the pack service', () => {
  it('validates, stores and compiles the bundled pack on first run', async () => {
    const active = await createPackService({ bundled: BUNDLED, openDb }).active();
    expect(active.status.problems).toEqual([]);
    expect(active.status.packs).toEqual([
      expect.objectContaining({
        id: 'cecot-2025',
        version: BUNDLED.version,
        origin: 'bundled',
        factCount: BUNDLED.facts.length,
      }),
    ]);
    expect(active.specId).toBe(`spec${active.spec.specVersion} cecot-2025@${BUNDLED.version}`);
    const db = await openDb();
    expect((await getStoredPack(db, 'cecot-2025'))?.version).toBe(BUNDLED.version);
    db.close();
    // The spec is ready to use, and matches describe into full records.
    const [raw] = createMatcher(active.spec).scan('Officials paid El Salvador $6 million.');
    const match = active.describe('Officials paid El Salvador $6 million.', raw!);
    expect(match.factId).toBe('money-payment-to-el-salvador');
    expect(match.sources.length).toBeGreaterThan(0);
  });

  it('compiles once per background lifetime', async () => {
    const service = createPackService({ bundled: BUNDLED, openDb });
    const [a, b] = await Promise.all([service.active(), service.active()]);
    expect(a).toBe(b);
    expect(await service.active()).toBe(a);
  });

  it('keeps the stored pack when the same version starts again', async () => {
    await createPackService({ bundled: BUNDLED, openDb }).active();
    let db = await openDb();
    const first = (await getStoredPack(db, 'cecot-2025'))!.installedAt;
    db.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createPackService({ bundled: BUNDLED, openDb }).active();
    db = await openDb();
    expect((await getStoredPack(db, 'cecot-2025'))!.installedAt).toBe(first);
    db.close();
  });

  it('upgrades to a newer bundled version, never down to an older one', async () => {
    await createPackService({ bundled: withVersion('1.5.0'), openDb }).active();
    const older = await createPackService({ bundled: withVersion('1.2.0'), openDb }).active();
    expect(older.status.packs[0]!.version).toBe('1.5.0');
    const newer = await createPackService({ bundled: withVersion('2.0.0'), openDb }).active();
    expect(newer.status.packs[0]!.version).toBe('2.0.0');
    const db = await openDb();
    expect((await listStoredPacks(db)).map((record) => record.version)).toEqual(['2.0.0']);
    db.close();
  });

  it('refuses an invalid new version with its errors, and keeps the previous one active', async () => {
    await createPackService({ bundled: BUNDLED, openDb }).active();
    const broken = withVersion('9.0.0') as unknown as { facts: { context: unknown }[] };
    broken.facts[2]!.context = 42;
    const active = await createPackService({ bundled: broken, openDb }).active();
    expect(active.status.packs[0]!.version).toBe(BUNDLED.version);
    expect(active.status.problems).toEqual([
      'cecot-2025 9.0.0: facts[2].context: expected a string, got number',
    ]);
  });

  it('uses the bundled pack from memory when storage cannot be opened', async () => {
    const active = await createPackService({
      bundled: BUNDLED,
      openDb: () => Promise.reject(new Error('IndexedDB is disabled')),
    }).active();
    expect(active.status.packs).toHaveLength(1);
    expect(active.status.problems[0]).toContain('IndexedDB is disabled');
  });
});

describe('page reports from content scripts', () => {
  let facts: Awaited<ReturnType<ReturnType<typeof createPackService>['active']>>['spec']['facts'];
  let valid: PageReport;

  beforeEach(async () => {
    const active = await createPackService({ bundled: BUNDLED, openDb }).active();
    facts = active.spec.facts;
    const text = 'paid El Salvador $6 million';
    const [raw] = createMatcher(active.spec).scan(text);
    valid = {
      url: 'https://news.example/a',
      status: 'active',
      specId: active.specId,
      claims: [{ text, raw: raw! }],
    };
  });

  it('accepts a well-formed report and copies only the known fields', () => {
    const hostile = structuredClone(valid) as PageReport & { extra?: unknown };
    hostile.extra = 'ignored';
    (hostile.claims[0]!.raw as unknown as Record<string, unknown>).injected = '<b>';
    const checked = checkPageReport(hostile, facts);
    expect(checked).toEqual(valid);
    expect('extra' in checked).toBe(false);
    expect('injected' in checked.claims[0]!.raw).toBe(false);
  });

  const broken: [string, (report: PageReport) => void, string][] = [
    ['a fact outside the spec', (r) => void (r.claims[0]!.raw.fact = 10_000), 'claims[0].raw.fact'],
    [
      'a span not re-based to its text',
      (r) => void (r.claims[0]!.raw.start = 3),
      'claims[0].raw.start',
    ],
    [
      'a figure index that does not exist',
      (r) => void (r.claims[0]!.raw.comparison.agreesWith = [99]),
      'agreesWith',
    ],
    [
      'a number outside the text',
      (r) => void (r.claims[0]!.raw.number!.end = 500),
      'claims[0].raw.number.end',
    ],
    [
      'a currency that is not a code',
      (r) => void (r.claims[0]!.raw.number!.currency = '<script>'),
      'currency',
    ],
    ['an unknown status', (r) => void ((r as { status: string }).status = 'hacked'), 'status'],
    [
      'claims from a paused page',
      (r) => void (r.status = 'paused'),
      'a paused page reports no claims',
    ],
    ['empty claim text', (r) => void (r.claims[0]!.text = ''), 'claims[0].text'],
    [
      'too many claims',
      (r) => void (r.claims = Array(2001).fill(r.claims[0])),
      'claims is not a list',
    ],
  ];
  it.each(broken)('refuses %s', (_name, breakIt, message) => {
    const report = structuredClone(valid);
    breakIt(report);
    expect(() => checkPageReport(report, facts)).toThrow(message);
  });

  it('refuses things that are not reports at all', () => {
    expect(() => checkPageReport(null, facts)).toThrow('report is not an object');
    expect(() => checkPageReport([], facts)).toThrow('report is not an object');
    expect(() => checkPageReport({ ...valid, url: 7 }, facts)).toThrow('url');
  });
});

describe('message handlers', () => {
  const ORIGIN = 'chrome-extension://abc/';
  const pageSender = (url = 'https://news.example/story'): Sender => ({
    tab: { id: 7 },
    frameId: 0,
    url,
  });
  const popupSender: Sender = { url: `${ORIGIN}popup.html` };

  function setup() {
    const badges: { tabId?: number; text: string }[] = [];
    const action: BadgeApi = {
      setBadgeText: async (details) => void badges.push(details),
      setBadgeBackgroundColor: async () => {},
    };
    const packs = createPackService({ bundled: BUNDLED, openDb });
    const handlers = createHandlers({
      packs,
      tabResults: createTabResults(),
      action,
      extensionOrigin: ORIGIN,
      announceSpec: async () => {},
    });
    return { handlers, badges, packs };
  }

  async function reportFrom(
    handlers: ReturnType<typeof setup>['handlers'],
    sender: Sender,
    url: string,
  ) {
    const response = (await handlers.getMatcherSpec())!;
    const text = 'paid El Salvador $6 million';
    const [raw] = createMatcher(response.spec).scan(text);
    return handlers.reportPage(
      { url, status: 'active', specId: response.specId, claims: [{ text, raw }] },
      sender,
    );
  }

  it('describes a page report, keeps it for the popup and sets the badge', async () => {
    const { handlers, badges } = setup();
    const matches = await reportFrom(handlers, pageSender(), 'https://news.example/story#part-2');
    expect(matches.map((match) => match.factId)).toEqual(['money-payment-to-el-salvador']);
    expect(badges).toEqual([{ tabId: 7, text: '1' }]);
    const claims = await handlers.getTabClaims({ tabId: 7 }, popupSender);
    expect(claims).toMatchObject({
      url: 'https://news.example/story#part-2',
      hostname: 'news.example',
      status: 'active',
    });
    expect(claims!.matches).toEqual(matches);
    await handlers.forgetTab(7);
    expect(await handlers.getTabClaims({ tabId: 7 }, popupSender)).toBeNull();
    expect(badges.at(-1)).toEqual({ tabId: 7, text: '' });
  });

  it('keeps the loaded address when a page claims another origin', async () => {
    const { handlers } = setup();
    await reportFrom(handlers, pageSender(), 'https://bank.example/');
    expect((await handlers.getTabClaims({ tabId: 7 }, popupSender))!.url).toBe(
      'https://news.example/story',
    );
  });

  it('takes reports only from a tab’s top-frame content script', async () => {
    const { handlers } = setup();
    await expect(
      reportFrom(handlers, { ...pageSender(), frameId: 3 }, 'https://news.example/'),
    ).rejects.toThrow('top-frame');
    await expect(
      reportFrom(handlers, { url: 'https://news.example/' }, 'https://news.example/'),
    ).rejects.toThrow('top-frame');
    await expect(
      reportFrom(handlers, pageSender(`${ORIGIN}popup.html`), `${ORIGIN}popup.html`),
    ).rejects.toThrow('extension pages');
  });

  it('gives tab claims and pack status to extension pages only', async () => {
    const { handlers } = setup();
    await expect(handlers.getTabClaims({ tabId: 7 }, pageSender())).rejects.toThrow(
      'only extension pages',
    );
    await expect(handlers.getPackStatus(pageSender())).rejects.toThrow('only extension pages');
    await expect(handlers.getTabClaims({ tabId: 'x' }, popupSender)).rejects.toThrow('tabId');
    expect((await handlers.getPackStatus(popupSender)).packs).toHaveLength(1);
  });

  it('refuses a report made with another spec, so the page fetches the new one', async () => {
    const { handlers } = setup();
    const response = (await handlers.getMatcherSpec())!;
    const text = 'paid El Salvador $6 million';
    const [raw] = createMatcher(response.spec).scan(text);
    await expect(
      handlers.reportPage(
        {
          url: 'https://news.example/',
          status: 'active',
          specId: 'spec0 old@0.1.0',
          claims: [{ text, raw }],
        },
        pageSender(),
      ),
    ).rejects.toThrow('another matcher spec');
  });
});

describe('per-tab claims', () => {
  it('survive the service worker being stopped, through session storage', async () => {
    const stored = new Map<string, unknown>();
    const session: SessionArea = {
      get: async (key) => (stored.has(key) ? { [key]: stored.get(key) } : {}),
      set: async (items) =>
        void Object.entries(items).forEach(([key, value]) => stored.set(key, value)),
      remove: async (key) => void stored.delete(key),
    };
    const claims = {
      url: 'https://a.example/',
      hostname: 'a.example',
      status: 'active' as const,
      matches: [],
      updatedAt: 1,
    };
    await createTabResults(session).set(3, claims);
    const restarted = createTabResults(session);
    expect(await restarted.get(3)).toEqual(claims);
    await restarted.remove(3);
    expect(await createTabResults(session).get(3)).toBeNull();
  });
});

describe('the badge', () => {
  it('shows the number of claims, blank for none', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(15)).toBe('15');
    expect(badgeText(1200)).toBe('999+');
  });
});
