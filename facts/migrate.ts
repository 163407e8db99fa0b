// Older pack formats are upgraded one schemaVersion at a time, before validation, so a pack written
// for any version this ClaimLens knows is read as the current one. MIGRATIONS[n] turns a version-n
// pack into a version-(n+1) pack. Migrations run on UNVALIDATED data: they change only what has the
// shape they expect and leave everything else for the schema to report, and they copy rather than
// modify the caller's value. Formats are described in docs/PACK-FORMAT.md.

import { PACK_SCHEMA_VERSION } from '../core/pack';
import type { PackError } from './errors';

type PlainObject = Record<string, unknown>;

export interface MigrationStep {
  pack: PlainObject;
  /** What the step changed, for the reader of `pack validate`. */
  warnings: string[];
}

export type Migration = (pack: PlainObject) => MigrationStep;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Version 0, the draft format: a figure may leave out `qualifier` (it means "exact"), and a matcher
 * may leave out `lang` or be a bare pattern string (it is in the pack's first language).
 */
function migrate0to1(pack: PlainObject): MigrationStep {
  const languages = pack['languages'];
  const firstLanguage =
    Array.isArray(languages) && typeof languages[0] === 'string' ? languages[0] : undefined;
  let qualifiersAdded = 0;
  let languagesAdded = 0;

  const migrateFigure = (figure: unknown): unknown => {
    if (!isPlainObject(figure) || Object.hasOwn(figure, 'qualifier')) return figure;
    qualifiersAdded++;
    return { ...figure, qualifier: 'exact' };
  };
  const migrateMatcher = (matcher: unknown): unknown => {
    if (firstLanguage === undefined) return matcher;
    if (typeof matcher === 'string') {
      languagesAdded++;
      return { lang: firstLanguage, pattern: matcher };
    }
    if (!isPlainObject(matcher) || Object.hasOwn(matcher, 'lang')) return matcher;
    languagesAdded++;
    return { lang: firstLanguage, ...matcher };
  };
  const migrateFact = (fact: unknown): unknown => {
    if (!isPlainObject(fact)) return fact;
    const copy: PlainObject = { ...fact };
    if (Array.isArray(fact['figures'])) copy['figures'] = fact['figures'].map(migrateFigure);
    if (Array.isArray(fact['matchers'])) copy['matchers'] = fact['matchers'].map(migrateMatcher);
    return copy;
  };

  const facts = pack['facts'];
  const migrated: PlainObject = {
    ...pack,
    schemaVersion: 1,
    ...(Array.isArray(facts) ? { facts: facts.map(migrateFact) } : {}),
  };
  const changes: string[] = [];
  if (qualifiersAdded > 0) {
    changes.push(`${qualifiersAdded} figure(s) without a qualifier read as "exact"`);
  }
  if (languagesAdded > 0) {
    changes.push(`${languagesAdded} matcher(s) without a lang read as "${firstLanguage}"`);
  }
  const summary = changes.length > 0 ? `: ${changes.join('; ')}` : '';
  return { pack: migrated, warnings: [`upgraded from schemaVersion 0 to 1${summary}`] };
}

/** MIGRATIONS[n] upgrades schemaVersion n to n + 1. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 0: migrate0to1 };

/** The oldest schemaVersion from which `migrations` reach `target` one step at a time. */
export function oldestVersion(
  migrations: Readonly<Record<number, Migration>>,
  target: number,
): number {
  let version = target;
  while (migrations[version - 1]) version--;
  return version;
}

export type MigrationResult =
  { ok: true; value: unknown; warnings: string[] } | { ok: false; error: PackError };

/**
 * Brings a parsed pack to schemaVersion `target` through `migrations`. Values that are not objects,
 * or whose schemaVersion is missing or not a number, pass through unchanged for the schema to
 * describe.
 */
export function migrate(
  value: unknown,
  migrations: Readonly<Record<number, Migration>>,
  target: number,
): MigrationResult {
  if (!isPlainObject(value)) return { ok: true, value, warnings: [] };
  const version = value['schemaVersion'];
  if (typeof version !== 'number' || version === target) return { ok: true, value, warnings: [] };
  if (version > target && Number.isInteger(version)) {
    return {
      ok: false,
      error: {
        path: 'schemaVersion',
        message: `schemaVersion ${version} is newer than this ClaimLens supports (${target}); update the extension`,
      },
    };
  }
  const oldest = oldestVersion(migrations, target);
  if (!Number.isInteger(version) || version < oldest) {
    return {
      ok: false,
      error: {
        path: 'schemaVersion',
        message: `unknown schemaVersion ${version}: this ClaimLens reads ${oldest} to ${target}`,
      },
    };
  }
  let pack = value;
  const warnings: string[] = [];
  for (let from = version; from < target; from++) {
    const step = (migrations[from] as Migration)(pack); // present: version >= oldest
    pack = step.pack;
    warnings.push(...step.warnings);
  }
  return { ok: true, value: pack, warnings };
}

/** Brings a parsed pack to PACK_SCHEMA_VERSION. */
export function migrateToCurrent(value: unknown): MigrationResult {
  return migrate(value, MIGRATIONS, PACK_SCHEMA_VERSION);
}
