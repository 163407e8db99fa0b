// Installing packs from files in the background: a refused pack changes nothing (same packs, same
// spec, same specId), a valid one is stored in IndexedDB (fake-indexeddb) and compiled with the
// bundled pack into the one active spec, versions only go up, the bundled pack's id is not for
// files, removal, restarts, concurrent requests, and who may ask.

import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { getStoredPack, listStoredPacks, openPackDb } from '../../background/pack-store';
import { createPackService } from '../../background/packs';
import type { ActivePacks } from '../../background/packs';
import { createHandlers } from '../../background/service';
import type { Sender } from '../../background/service';
import { createTabResults } from '../../background/tab-results';
import { MAX_TOTAL_SYMBOLS } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { Pack } from '../../core/pack';
import { readFixture } from './pack-test-helpers';

const BUNDLED: Pack = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../facts/packs/cecot-2025.json'), 'utf8'),
);

/**
 * tests/fixtures/packs/valid.json ("test-cecot") in a given version, as file text, with its first
 * pattern written in the source's words so that the pack finds a claim the bundled pack does not.
 */
function filePack(version = '0.1.0', change: (pack: Record<string, unknown>) => void = () => {}) {
  const pack = JSON.parse(readFixture('valid.json')) as Record<string, unknown>;
  pack.version = version;
  const facts = pack.facts as { matchers: { pattern: string }[] }[];
  facts[0]!.matchers[0]!.pattern = 'unlawfully expelled {count} (individuals|people|venezuelans)';
  change(pack);
  return JSON.stringify(pack, null, 2);
}

/** Found only by the file pack. */
const FILE_PACK_TEXT = 'On 16 March 2025, the US government unlawfully expelled 238 individuals.';
/** Found only by the bundled pack. */
const BUNDLED_TEXT = 'Officials paid El Salvador $6 million.';

let dbCount = 0;
let dbName: string;
beforeEach(() => {
  dbName = `claimlens-install-test-${++dbCount}`;
});
const openDb = () => openPackDb(dbName);
const newService = () => createPackService({ bundled: BUNDLED, openDb });

/** The packs and facts a text's matches come from, as "pack@version/fact". */
function foundIn(active: ActivePacks, text: string): string[] {
  return createMatcher(active.spec)
    .scan(text)
    .map((raw) => {
      const fact = active.spec.facts[raw.fact]!;
      return `${fact.pack}@${fact.packVersion}/${fact.id}`;
    });
}

async function storedVersions(): Promise<Record<string, string>> {
  const db = await openDb();
  const records = await listStoredPacks(db);
  db.close();
  return Object.fromEntries(records.map((record) => [record.id, record.version]));
}

describe('installing a pack from a file', () => {
  it('stores a valid pack, compiles it with the bundled pack, and finds its claims', async () => {
    const service = newService();
    const before = await service.active();
    expect(foundIn(before, FILE_PACK_TEXT)).toEqual([]);

    const result = await service.install(filePack(), 'newsroom.json');
    expect(result).toEqual({
      ok: true,
      pack: expect.objectContaining({
        id: 'test-cecot',
        version: '0.1.0',
        factCount: 2,
        sourceCount: 3,
        origin: 'file',
        fileName: 'newsroom.json',
      }),
      replacedVersion: null,
      // valid.json lists a source that no fact cites: accepted, with a warning.
      warnings: expect.any(Array),
    });

    const after = await service.active();
    expect(after.specId).toBe(
      `spec${after.spec.specVersion} cecot-2025@${BUNDLED.version} test-cecot@0.1.0`,
    );
    expect(after.status.packs.map((pack) => [pack.id, pack.origin])).toEqual([
      ['cecot-2025', 'bundled'],
      ['test-cecot', 'file'],
    ]);
    expect(foundIn(after, FILE_PACK_TEXT)).toEqual(['test-cecot@0.1.0/expelled-2025-03-16']);
    expect(foundIn(after, BUNDLED_TEXT)).toEqual([
      `cecot-2025@${BUNDLED.version}/money-payment-to-el-salvador`,
    ]);
    // The background describes the new pack's matches for cards and the popup.
    const [raw] = createMatcher(after.spec).scan(FILE_PACK_TEXT);
    const described = after.describe(FILE_PACK_TEXT, raw!);
    expect(described).toMatchObject({ pack: 'test-cecot', comparison: 'agrees' });
    expect(await storedVersions()).toEqual({
      'cecot-2025': BUNDLED.version,
      'test-cecot': '0.1.0',
    });
  });

  it('refuses an invalid pack with every error, and keeps the active packs and spec as they were', async () => {
    const service = newService();
    await service.install(filePack('0.1.0'), 'good.json');
    const before = await service.active();

    // Same pack id, higher versions, every kind of problem (tests/fixtures/packs/hostile-*.json).
    const everything = await service.install(readFixture('hostile-everything.json'), 'h1.json');
    expect(everything).toEqual({
      ok: false,
      reason: 'invalid',
      id: null,
      version: null,
      installedVersion: null,
      errors: [
        {
          path: 'sources[0].url',
          message: 'only https: and http: addresses are allowed, got a javascript: address',
        },
        {
          path: 'sources[1].url',
          message: 'only https: and http: addresses are allowed, got a data: address',
        },
        { path: 'sources[2].url', message: 'must not contain a user name or password' },
        { path: 'facts[0].figures[0].value', message: 'expected a number, got string' },
        {
          path: '__proto__',
          message: expect.stringMatching(/^unknown key \(allowed here: schemaVersion, id,/),
        },
      ],
    });
    const patterns = await service.install(readFixture('hostile-patterns.json'), 'h2.json');
    expect(
      patterns.ok ? [] : patterns.errors.map((error) => `${error.path}: ${error.message}`),
    ).toEqual([
      'facts[1].id: duplicate fact id "expelled-2025-03-16" (first used at facts[0].id)',
      'facts[0].matchers[0].pattern: too many expansions: 1024 (at most 256; each {number} counts as 4, one per sort)',
      'facts[0].matchers[1].pattern: brackets nested more than 8 deep at 8',
      'facts[0]: skipped: none of its matchers compiles',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const after = await service.active();
    expect(after).toBe(before);
    expect(after.specId).toBe(before.specId);
    expect(after.spec.facts).toEqual(before.spec.facts);
    expect(foundIn(after, FILE_PACK_TEXT)).toEqual(['test-cecot@0.1.0/expelled-2025-03-16']);
    expect(await storedVersions()).toEqual({
      'cecot-2025': BUNDLED.version,
      'test-cecot': '0.1.0',
    });
  });

  it('refuses text that is not a pack at all, naming the problem', async () => {
    const service = newService();
    const before = await service.active();
    const cases: [string, string][] = [
      ['', '(json): line 1, column 1: unexpected end of text'],
      ['{"id": "x",}', '(json): line 1, column 12: expected'],
      ['['.repeat(100_000) + ']'.repeat(100_000), 'nested too deeply'],
      ['null', '(pack): expected an object, got null'],
    ];
    for (const [json, message] of cases) {
      const result = await service.install(json, 'x.json');
      expect(result.ok).toBe(false);
      const shown = result.ok ? '' : `${result.errors[0]!.path}: ${result.errors[0]!.message}`;
      expect(shown).toContain(message);
    }
    expect(await service.active()).toBe(before);
  });

  it('replaces an installed pack with a higher version only', async () => {
    const service = newService();
    await service.install(filePack('1.2.0'), 'v1.2.json');
    const installed = await service.active();

    for (const version of ['1.2.0', '1.1.9', '1.2.0+build.7', '1.2.0-rc.1', '0.9.0']) {
      const result = await service.install(filePack(version), 'old.json');
      expect(result).toEqual({
        ok: false,
        reason: 'not-newer',
        id: 'test-cecot',
        version,
        installedVersion: '1.2.0',
        errors: [
          {
            path: 'version',
            message: `version ${version} is not higher than the installed version 1.2.0; only a higher version replaces an installed pack`,
          },
        ],
      });
    }
    expect(await service.active()).toBe(installed);

    const newer = await service.install(filePack('1.10.0'), 'v1.10.json');
    expect(newer).toMatchObject({ ok: true, replacedVersion: '1.2.0' });
    const active = await service.active();
    expect(active.specId).toContain('test-cecot@1.10.0');
    expect(active.specId).not.toContain('test-cecot@1.2.0');
    expect(foundIn(active, FILE_PACK_TEXT)).toEqual(['test-cecot@1.10.0/expelled-2025-03-16']);
    expect(await storedVersions()).toEqual({
      'cecot-2025': BUNDLED.version,
      'test-cecot': '1.10.0',
    });
  });

  it('never lets a file replace the bundled pack, whatever its version', async () => {
    const service = newService();
    const before = await service.active();
    const impostor = JSON.stringify({ ...structuredClone(BUNDLED), version: '999.0.0' });
    const result = await service.install(impostor, 'cecot-2025.json');
    expect(result).toMatchObject({
      ok: false,
      reason: 'bundled-id',
      id: 'cecot-2025',
      version: '999.0.0',
      errors: [{ path: 'id', message: expect.stringContaining('bundled with ClaimLens') }],
    });
    expect(await service.active()).toBe(before);
    expect(await storedVersions()).toEqual({ 'cecot-2025': BUNDLED.version });
  });

  it('refuses a pack whose patterns, with the installed ones, are over the compiler budget', async () => {
    // Each pattern: 256 expansions of 24 tokens. A pack of 9 such facts × 32 matchers holds
    // 1,769,472 symbols: it compiles alone and with the bundled pack, but a second such pack
    // would take the total over MAX_TOTAL_SYMBOLS.
    const widePack = (id: string) =>
      filePack('1.0.0', (pack) => {
        pack.id = id;
        const template = (pack.facts as Record<string, unknown>[])[1]!;
        pack.facts = Array.from({ length: 9 }, (_, f) => ({
          ...template,
          id: `wide-${f}`,
          matchers: Array.from({ length: 32 }, (_, m) => ({
            lang: 'en',
            pattern: `(ka|kb|kc|kd)(la|lb|lc|ld)(ma|mb|mc|md)(na|nb|nc|nd) x${f}y${m} ${Array.from({ length: 19 }, (_, i) => `w${i}`).join(' ')}`,
          })),
        }));
      });
    const service = newService();
    const first = await service.install(widePack('wide-one'), 'wide-one.json');
    expect(first).toMatchObject({ ok: true });
    const before = await service.active();
    const symbols = 9 * 32 * 256 * 24;
    expect(symbols).toBeLessThan(MAX_TOTAL_SYMBOLS);
    expect(2 * symbols).toBeGreaterThan(MAX_TOTAL_SYMBOLS);

    const second = await service.install(widePack('wide-two'), 'wide-two.json');
    expect(second.ok).toBe(false);
    expect(!second.ok && second.reason).toBe('too-much-together');
    expect(!second.ok && second.errors[0]!.message).toMatch(
      /too many to compile together .*\(in pack wide-two\)$/,
    );
    expect(await service.active()).toBe(before);
    expect(Object.keys(await storedVersions()).sort()).toEqual(['cecot-2025', 'wide-one']);
  }, 60_000); // compiling two million symbols twice takes seconds on a busy machine

  it('changes nothing when the pack cannot be stored', async () => {
    let opened = 0;
    const service = createPackService({
      bundled: BUNDLED,
      openDb: () => (++opened === 1 ? openDb() : Promise.reject(new Error('disk full'))),
    });
    const before = await service.active();
    await expect(service.install(filePack(), 'newsroom.json')).rejects.toThrow(
      'pack storage is unavailable (Error: disk full)',
    );
    expect(await service.active()).toBe(before);
  });

  it('handles requests one at a time, each against what the previous one left', async () => {
    const service = newService();
    const [a, b, c] = await Promise.all([
      service.install(filePack('0.2.0'), 'a.json'),
      service.install(filePack('0.3.0'), 'b.json'),
      service.install(filePack('0.2.5'), 'c.json'),
    ]);
    expect(a).toMatchObject({ ok: true, replacedVersion: null });
    expect(b).toMatchObject({ ok: true, replacedVersion: '0.2.0' });
    expect(c).toMatchObject({ ok: false, reason: 'not-newer', installedVersion: '0.3.0' });
    expect((await service.active()).specId).toContain('test-cecot@0.3.0');
  });
});

describe('removing a pack', () => {
  it('removes a pack installed from a file, from storage and from the spec', async () => {
    const service = newService();
    await service.install(filePack(), 'newsroom.json');
    const result = await service.remove('test-cecot');
    expect(result).toMatchObject({
      ok: true,
      removed: { id: 'test-cecot', version: '0.1.0', origin: 'file' },
    });
    const active = await service.active();
    expect(active.status.packs.map((pack) => pack.id)).toEqual(['cecot-2025']);
    expect(active.specId).toBe(`spec${active.spec.specVersion} cecot-2025@${BUNDLED.version}`);
    expect(foundIn(active, FILE_PACK_TEXT)).toEqual([]);
    expect(await storedVersions()).toEqual({ 'cecot-2025': BUNDLED.version });
    // Installing it again afterwards is a fresh install.
    expect(await service.install(filePack(), 'newsroom.json')).toMatchObject({
      ok: true,
      replacedVersion: null,
    });
  });

  it('refuses to remove the bundled pack or a pack that is not installed', async () => {
    const service = newService();
    const before = await service.active();
    expect(await service.remove('cecot-2025')).toEqual({
      ok: false,
      reason: 'bundled',
      id: 'cecot-2025',
    });
    expect(await service.remove('nothing-here')).toEqual({
      ok: false,
      reason: 'not-installed',
      id: 'nothing-here',
    });
    expect(await service.active()).toBe(before);
  });
});

describe('installed packs across restarts', () => {
  it('are read back from IndexedDB by a new service worker, with their origin and file', async () => {
    await newService().install(filePack('2.0.0'), 'newsroom-2.json');
    // A stopped and restarted worker: a new service over the same database.
    const restarted = await newService().active();
    expect(restarted.status.problems).toEqual([]);
    expect(restarted.status.packs).toEqual([
      expect.objectContaining({ id: 'cecot-2025', origin: 'bundled' }),
      expect.objectContaining({
        id: 'test-cecot',
        version: '2.0.0',
        origin: 'file',
        fileName: 'newsroom-2.json',
      }),
    ]);
    expect(foundIn(restarted, FILE_PACK_TEXT)).toEqual(['test-cecot@2.0.0/expelled-2025-03-16']);
    const db = await openDb();
    expect((await getStoredPack(db, 'test-cecot'))?.pack.facts).toHaveLength(2);
    db.close();
  });

  it('keep the file pack when a newer bundled pack arrives with an extension update', async () => {
    await newService().install(filePack('2.0.0'), 'newsroom-2.json');
    const updated = await createPackService({
      bundled: { ...structuredClone(BUNDLED), version: '99.0.0' },
      openDb,
    }).active();
    expect(updated.status.packs.map((pack) => `${pack.id}@${pack.version}`)).toEqual([
      'cecot-2025@99.0.0',
      'test-cecot@2.0.0',
    ]);
  });
});

describe('install and remove messages', () => {
  const ORIGIN = 'chrome-extension://abc/';
  const optionsPage: Sender = { url: `${ORIGIN}options.html` };
  const contentScript: Sender = { tab: { id: 4 }, frameId: 0, url: 'https://news.example/' };

  /** Spec ids announced to open pages, in order. */
  let announced: string[] = [];

  function handlers() {
    announced = [];
    return createHandlers({
      packs: newService(),
      tabResults: createTabResults(),
      action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
      extensionOrigin: ORIGIN,
      announceSpec: async (specId) => void announced.push(specId),
    });
  }

  it('installs and removes for the extension’s own pages, and the spec follows', async () => {
    const background = handlers();
    const before = (await background.getMatcherSpec())!;
    const installed = await background.installPack(
      { json: filePack(), fileName: '  newsroom.json ' },
      optionsPage,
    );
    expect(installed).toMatchObject({ ok: true, pack: { fileName: 'newsroom.json' } });
    const after = (await background.getMatcherSpec())!;
    expect(after.specId).not.toBe(before.specId);
    expect((await background.getPackStatus(optionsPage)).packs).toHaveLength(2);
    expect(await background.removePack({ id: 'test-cecot' }, optionsPage)).toMatchObject({
      ok: true,
    });
    expect((await background.getMatcherSpec())!.specId).toBe(before.specId);
    // Open pages were told of each new spec, so they read themselves again with it.
    expect(announced).toEqual([after.specId, before.specId]);
  });

  it('tells open pages nothing when an install or a removal is refused', async () => {
    const background = handlers();
    const refused = await background.installPack(
      { json: '{"id": 1}', fileName: 'x.json' },
      optionsPage,
    );
    expect(refused.ok).toBe(false);
    expect(await background.removePack({ id: 'not-there' }, optionsPage)).toMatchObject({
      ok: false,
    });
    expect(announced).toEqual([]);
  });

  it('refuses both to content scripts, which share a renderer with their page', async () => {
    const background = handlers();
    await expect(
      background.installPack({ json: filePack(), fileName: 'x.json' }, contentScript),
    ).rejects.toThrow('only extension pages');
    await expect(background.removePack({ id: 'test-cecot' }, contentScript)).rejects.toThrow(
      'only extension pages',
    );
    await expect(
      background.installPack({ json: filePack(), fileName: 'x.json' }, { url: undefined }),
    ).rejects.toThrow('only extension pages');
    expect((await background.getPackStatus(optionsPage)).packs).toHaveLength(1);
  });

  it('checks the request’s fields', async () => {
    const background = handlers();
    await expect(
      background.installPack({ json: { id: 'x' }, fileName: 'x.json' }, optionsPage),
    ).rejects.toThrow('json must be the pack as JSON text');
    await expect(background.installPack({ json: '{}' }, optionsPage)).rejects.toThrow(
      'fileName must be a string',
    );
    await expect(background.installPack(null, optionsPage)).rejects.toThrow('json');
    await expect(background.removePack({ id: 7 }, optionsPage)).rejects.toThrow(
      'id must be a string',
    );
    const long = await background.installPack(
      { json: filePack(), fileName: `${'n'.repeat(1000)}.json` },
      optionsPage,
    );
    expect(long.ok && long.pack.fileName).toHaveLength(255);
  });
});
