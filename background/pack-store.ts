// Installed packs in IndexedDB (database "claimlens", store "packs"), through idb. Only the
// background opens this database. Schema changes go through MIGRATIONS: one step per database
// version, run in order from the version a browser has to DB_VERSION, so an installed extension
// upgrading from any earlier release keeps its packs.
//
// Packs installed from files are records of the same store with origin "file": the store is keyed
// by pack id and its "origin" index takes any value, so they needed no new database version, and a
// database written before file packs existed is read as it is.

import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Pack } from '../core/pack';

export const DB_NAME = 'claimlens';

/** Where an installed pack came from: shipped with the extension, or chosen by the reader as a
 * file on the options page. https and policy packs will keep their origin here too. */
export type PackOrigin = 'bundled' | 'file';

export interface StoredPack {
  /** The pack's id: one installed version per pack id. */
  id: string;
  version: string;
  origin: PackOrigin;
  /** Validated by facts/load.ts before it was stored. */
  pack: Pack;
  /** Date.now() when this version was stored. */
  installedAt: number;
  /** For origin "file": the name of the file it was installed from (absent in older records). */
  fileName?: string;
}

export interface ClaimLensDb extends DBSchema {
  packs: { key: string; value: StoredPack; indexes: { origin: PackOrigin } };
}

type UpgradeTransaction = IDBPTransaction<ClaimLensDb, StoreNames<ClaimLensDb>[], 'versionchange'>;

/** MIGRATIONS[n] upgrades a database at version n to version n + 1. */
const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<ClaimLensDb>, tx: UpgradeTransaction) => void> = [
  // 0 → 1: the packs store, keyed by pack id, indexed by origin (to list bundled vs. user packs).
  (db) => {
    const packs = db.createObjectStore('packs', { keyPath: 'id' });
    packs.createIndex('origin', 'origin');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function openPackDb(name: string = DB_NAME): Promise<IDBPDatabase<ClaimLensDb>> {
  return openDB<ClaimLensDb>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < DB_VERSION; version++) {
        MIGRATIONS[version]!(db, tx);
      }
    },
  });
}

export function listStoredPacks(db: IDBPDatabase<ClaimLensDb>): Promise<StoredPack[]> {
  return db.getAll('packs');
}

export function getStoredPack(
  db: IDBPDatabase<ClaimLensDb>,
  id: string,
): Promise<StoredPack | undefined> {
  return db.get('packs', id);
}

/** The record a pack is stored as (not yet written). */
export function packRecord(
  pack: Pack,
  origin: PackOrigin,
  details: { now?: number; fileName?: string } = {},
): StoredPack {
  const record: StoredPack = {
    id: pack.id,
    version: pack.version,
    origin,
    pack,
    installedAt: details.now ?? Date.now(),
  };
  if (details.fileName !== undefined) record.fileName = details.fileName;
  return record;
}

export async function putStoredPack(
  db: IDBPDatabase<ClaimLensDb>,
  pack: Pack,
  origin: PackOrigin,
  now: number = Date.now(),
): Promise<StoredPack> {
  const record = packRecord(pack, origin, { now });
  await db.put('packs', record);
  return record;
}

/** Writes a record as it is (replacing the stored version of the same pack id). */
export async function putPackRecord(
  db: IDBPDatabase<ClaimLensDb>,
  record: StoredPack,
): Promise<void> {
  await db.put('packs', record);
}

export function deleteStoredPack(db: IDBPDatabase<ClaimLensDb>, id: string): Promise<void> {
  return db.delete('packs', id);
}
