// The packs the extension uses, loaded once per background lifetime: the bundled pack is
// validated and stored on first run or when the extension ships a newer version, every stored pack
// is read back, and all are compiled ONCE into the matcher spec that content scripts fetch. A pack
// that fails validation is refused with its errors, and the version already stored stays active.

import { gt as semverGt, valid as validSemver } from 'semver';
import { compilePacks } from '../core/compile';
import type { MatcherSpec } from '../core/compile';
import { createDescriber } from '../core/describe';
import type { Describer } from '../core/describe';
import type { Pack } from '../core/pack';
import { formatPackError, loadPack } from '../facts/load';
import type { PackStatus, PackSummary } from '../messaging/protocol';
import { listStoredPacks, putStoredPack } from './pack-store';
import type { ClaimLensDb, StoredPack } from './pack-store';
import type { IDBPDatabase } from 'idb';

export interface ActivePacks {
  packs: Pack[];
  spec: MatcherSpec;
  /** Names this spec: the packs' ids and versions and the spec format. */
  specId: string;
  describe: Describer;
  status: PackStatus;
}

export interface PackServiceOptions {
  /** The bundled pack as parsed JSON (not yet validated). */
  bundled: unknown;
  openDb: () => Promise<IDBPDatabase<ClaimLensDb>>;
}

export interface PackService {
  /** The active packs and their compiled spec; loads and compiles on the first call only. */
  active(): Promise<ActivePacks>;
}

function summarize(record: StoredPack): PackSummary {
  const { pack } = record;
  return {
    id: pack.id,
    version: pack.version,
    title: pack.title,
    publisher: pack.publisher,
    published: pack.published,
    languages: [...pack.languages],
    factCount: pack.facts.length,
    sourceCount: pack.sources.length,
    origin: record.origin,
  };
}

/** The id and version a not-yet-validated pack claims, to decide whether it needs installing. */
function claimedIdentity(value: unknown): { id: string; version: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, version } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof version !== 'string' || validSemver(version) === null) {
    return null;
  }
  return { id, version };
}

/**
 * The stored packs with the bundled pack installed or upgraded among them. `db` null means storage
 * is unavailable (some private modes): the bundled pack is then used from memory.
 */
async function installBundled(
  db: IDBPDatabase<ClaimLensDb> | null,
  bundled: unknown,
  problems: string[],
): Promise<StoredPack[]> {
  const records = db === null ? [] : await listStoredPacks(db);
  const claimed = claimedIdentity(bundled);
  const installed = claimed && records.find((record) => record.id === claimed.id);
  // The same or a newer version is already stored (and was validated when it was stored).
  if (installed && claimed && !semverGt(claimed.version, installed.version)) return records;

  const loaded = loadPack(bundled);
  if (!loaded.ok) {
    const name = claimed ? `${claimed.id} ${claimed.version}` : 'the bundled pack';
    problems.push(...loaded.errors.map((error) => `${name}: ${formatPackError(error)}`));
    return records;
  }
  const record =
    db === null
      ? {
          id: loaded.pack.id,
          version: loaded.pack.version,
          origin: 'bundled' as const,
          pack: loaded.pack,
          installedAt: Date.now(),
        }
      : await putStoredPack(db, loaded.pack, 'bundled');
  return [...records.filter((stored) => stored.id !== record.id), record];
}

async function loadActivePacks(options: PackServiceOptions): Promise<ActivePacks> {
  const problems: string[] = [];
  let db: IDBPDatabase<ClaimLensDb> | null = null;
  try {
    db = await options.openDb();
  } catch (error) {
    problems.push(`pack storage is unavailable (${String(error)}); using the bundled pack`);
  }
  const records = (await installBundled(db, options.bundled, problems)).sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  db?.close();
  const packs = records.map((record) => record.pack);
  const compiled = compilePacks(packs);
  for (const error of compiled.errors) {
    problems.push(`${error.packId}: ${error.path}: ${error.message}`);
  }
  const specId = [
    `spec${compiled.spec.specVersion}`,
    ...packs.map((pack) => `${pack.id}@${pack.version}`),
  ].join(' ');
  return {
    packs,
    spec: compiled.spec,
    specId,
    describe: createDescriber(compiled.spec, packs),
    status: { packs: records.map(summarize), problems },
  };
}

export function createPackService(options: PackServiceOptions): PackService {
  let loading: Promise<ActivePacks> | undefined;
  return {
    active() {
      loading ??= loadActivePacks(options).catch((error: unknown) => {
        loading = undefined; // let the next request try again
        throw error;
      });
      return loading;
    },
  };
}
