// The packs the extension uses: the bundled pack is validated and stored on first run or when the
// extension ships a newer version, packs the reader installed from files are read back from
// IndexedDB, and all are compiled ONCE into the matcher spec that content scripts fetch. The same
// spec is used until a pack is installed or removed, which compiles the new set once and swaps it
// in. A pack that fails validation is refused with its errors, and what was active stays active:
// same packs, same spec, same specId.

import { gt as semverGt, valid as validSemver } from 'semver';
import { compilePacks } from '../core/compile';
import type { CompileError, MatcherSpec } from '../core/compile';
import { createDescriber } from '../core/describe';
import type { Describer } from '../core/describe';
import type { Pack } from '../core/pack';
import { capErrors } from '../facts/errors';
import { formatPackError, loadPack } from '../facts/load';
import type {
  InstallPackResult,
  InstallRefusal,
  PackProblem,
  PackStatus,
  PackSummary,
  RemovePackResult,
} from '../messaging/protocol';
import {
  deleteStoredPack,
  listStoredPacks,
  packRecord,
  putPackRecord,
  putStoredPack,
} from './pack-store';
import type { ClaimLensDb, StoredPack } from './pack-store';
import type { IDBPDatabase } from 'idb';

export interface ActivePacks {
  packs: Pack[];
  /** The stored records of `packs`, in the same order (by pack id). */
  records: StoredPack[];
  spec: MatcherSpec;
  /** Names this spec: the packs' ids and versions and the spec format. */
  specId: string;
  describe: Describer;
  status: PackStatus;
  /** What compiling these packs together reported (facts skipped over the compiler's budgets). */
  compileErrors: readonly CompileError[];
  /** Problems met while loading (storage unavailable, a bundled pack refused); kept across
   * installs and removals, as they stay true until the next start. */
  loadProblems: readonly string[];
}

export interface PackServiceOptions {
  /** The bundled pack as parsed JSON (not yet validated). */
  bundled: unknown;
  openDb: () => Promise<IDBPDatabase<ClaimLensDb>>;
}

export interface PackService {
  /** The active packs and their compiled spec; loads and compiles on the first call only. */
  active(): Promise<ActivePacks>;
  /** Validates, stores and activates a pack from a file's JSON text, or refuses it and changes
   * nothing. Rejects only when storage fails (nothing changes then either). */
  install(json: string, fileName: string): Promise<InstallPackResult>;
  /** Removes a pack installed from a file and recompiles the rest. */
  remove(id: string): Promise<RemovePackResult>;
}

function summarize(record: StoredPack): PackSummary {
  const { pack } = record;
  const summary: PackSummary = {
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
  if (record.fileName !== undefined) summary.fileName = record.fileName;
  return summary;
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
  now: number,
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
      ? packRecord(loaded.pack, 'bundled', { now })
      : await putStoredPack(db, loaded.pack, 'bundled', now);
  return [...records.filter((stored) => stored.id !== record.id), record];
}

const byId = (a: StoredPack, b: StoredPack): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Compiles `records` (all together, once) into the active set. */
function compileActive(
  records: readonly StoredPack[],
  loadProblems: readonly string[],
): ActivePacks {
  const sorted = [...records].sort(byId);
  const packs = sorted.map((record) => record.pack);
  const compiled = compilePacks(packs);
  const specId = [
    `spec${compiled.spec.specVersion}`,
    ...packs.map((pack) => `${pack.id}@${pack.version}`),
  ].join(' ');
  const problems = [
    ...loadProblems,
    ...compiled.errors.map((error) => `${error.packId}: ${error.path}: ${error.message}`),
  ];
  return {
    packs,
    records: sorted,
    spec: compiled.spec,
    specId,
    describe: createDescriber(compiled.spec, packs),
    status: { packs: sorted.map(summarize), problems },
    compileErrors: compiled.errors,
    loadProblems,
  };
}

async function loadActivePacks(options: PackServiceOptions, now: number): Promise<ActivePacks> {
  const problems: string[] = [];
  let db: IDBPDatabase<ClaimLensDb> | null = null;
  try {
    db = await options.openDb();
  } catch (error) {
    problems.push(`pack storage is unavailable (${String(error)}); using the bundled pack`);
  }
  try {
    const records = await installBundled(db, options.bundled, problems, now);
    return compileActive(records, problems);
  } finally {
    db?.close();
  }
}

/** Runs `task` with the pack database open, closing it afterwards. */
async function withDb<T>(
  options: PackServiceOptions,
  task: (db: IDBPDatabase<ClaimLensDb>) => Promise<T>,
): Promise<T> {
  let db: IDBPDatabase<ClaimLensDb>;
  try {
    db = await options.openDb();
  } catch (error) {
    throw new Error(`pack storage is unavailable (${String(error)})`);
  }
  try {
    return await task(db);
  } finally {
    db.close();
  }
}

const compileErrorKey = (error: CompileError): string =>
  `${error.packId}\u0000${error.path}\u0000${error.message}`;

function refusal(
  reason: InstallRefusal,
  errors: PackProblem[],
  details: { id?: string | null; version?: string | null; installedVersion?: string | null } = {},
): InstallPackResult {
  return {
    ok: false,
    reason,
    errors,
    id: details.id ?? null,
    version: details.version ?? null,
    installedVersion: details.installedVersion ?? null,
  };
}

export function createPackService(options: PackServiceOptions): PackService {
  const now = Date.now;
  let loading: Promise<ActivePacks> | undefined;
  // Installs and removals run one at a time, each against the set the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  const active = (): Promise<ActivePacks> => {
    loading ??= loadActivePacks(options, now()).catch((error: unknown) => {
      loading = undefined; // let the next request try again
      throw error;
    });
    return loading;
  };

  /** The ids a file pack may not take: the bundled pack's, whatever version is stored. */
  const bundledIds = (current: ActivePacks): Set<string> => {
    const ids = new Set(
      current.records.filter((record) => record.origin === 'bundled').map((record) => record.id),
    );
    const claimed = claimedIdentity(options.bundled);
    if (claimed !== null) ids.add(claimed.id);
    return ids;
  };

  const install = async (json: string, fileName: string): Promise<InstallPackResult> => {
    const current = await active();
    const loaded = loadPack(json);
    // Not even the id of a refused pack is read: its text may be anything.
    if (!loaded.ok) return refusal('invalid', loaded.errors);
    const { pack } = loaded;
    const identity = { id: pack.id, version: pack.version };
    if (bundledIds(current).has(pack.id)) {
      return refusal(
        'bundled-id',
        [
          {
            path: 'id',
            message: `"${pack.id}" is the id of the pack bundled with ClaimLens; a pack from a file cannot replace it (give your pack its own id)`,
          },
        ],
        identity,
      );
    }
    const installed = current.records.find((record) => record.id === pack.id);
    if (installed !== undefined && !semverGt(pack.version, installed.version)) {
      return refusal(
        'not-newer',
        [
          {
            path: 'version',
            message: `version ${pack.version} is not higher than the installed version ${installed.version}; only a higher version replaces an installed pack`,
          },
        ],
        { ...identity, installedVersion: installed.version },
      );
    }

    const record = packRecord(pack, 'file', { now: now(), fileName });
    const next = compileActive(
      [...current.records.filter((stored) => stored.id !== pack.id), record],
      current.loadProblems,
    );
    const known = new Set(current.compileErrors.map(compileErrorKey));
    const added = next.compileErrors.filter((error) => !known.has(compileErrorKey(error)));
    if (added.length > 0) {
      return refusal(
        'too-much-together',
        capErrors(
          added.map((error) => ({
            path: error.path,
            message: `${error.message} (in pack ${error.packId})`,
          })),
        ),
        identity,
      );
    }

    await withDb(options, (db) => putPackRecord(db, record));
    loading = Promise.resolve(next);
    return {
      ok: true,
      pack: summarize(record),
      replacedVersion: installed?.version ?? null,
      warnings: loaded.warnings,
    };
  };

  const remove = async (id: string): Promise<RemovePackResult> => {
    const current = await active();
    const record = current.records.find((stored) => stored.id === id);
    if (record === undefined) return { ok: false, reason: 'not-installed', id };
    if (record.origin === 'bundled') return { ok: false, reason: 'bundled', id };
    const next = compileActive(
      current.records.filter((stored) => stored.id !== id),
      current.loadProblems,
    );
    await withDb(options, (db) => deleteStoredPack(db, id));
    loading = Promise.resolve(next);
    return { ok: true, removed: summarize(record) };
  };

  return {
    active,
    install: (json, fileName) => serialized(() => install(json, fileName)),
    remove: (id) => serialized(() => remove(id)),
  };
}
