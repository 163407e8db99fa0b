// The one way a pack gets into ClaimLens, whether bundled, from a file, from an https address or
// from storage: size and depth limits, JSON syntax, migration from older schema versions, the zod
// schema, cross-field rules, and pattern compilation. A pack that fails any of them is refused
// with every problem found (up to MAX_REPORTED_ERRORS), each naming the bad field by its path.

import type { Pack } from '../core/pack';
import { checkPack } from './check';
import { crossCheckPack } from './crosscheck';
import type { PackError } from './errors';
import { capErrors } from './errors';
import { parseJsonText } from './json-text';
import { migrateToCurrent } from './migrate';
import { checkStructure, checkTextSize } from './precheck';
import { packSchema } from './schema';
import { describeIssues } from './schema-errors';

export type { PackError } from './errors';
export { formatPackError } from './errors';

export type LoadResult =
  { ok: true; pack: Pack; warnings: string[] } | { ok: false; errors: PackError[] };

function refuse(errors: readonly PackError[]): LoadResult {
  return { ok: false, errors: capErrors(errors) };
}

/**
 * Validates a pack. A string is JSON text (a leading byte-order mark is ignored); anything else is
 * taken as an already-parsed value (e.g. from IndexedDB or a message) and is never modified.
 */
export function loadPack(input: unknown): LoadResult {
  let value = input;
  if (typeof input === 'string') {
    const sizeProblem = checkTextSize(input);
    if (sizeProblem) return refuse([sizeProblem]);
    const parsed = parseJsonText(input);
    if (!parsed.ok) return refuse([parsed.error]);
    value = parsed.value;
  }
  const structureProblem = checkStructure(value, typeof input !== 'string');
  if (structureProblem) return refuse([structureProblem]);

  const migrated = migrateToCurrent(value);
  if (!migrated.ok) return refuse([migrated.error]);

  const result = packSchema.safeParse(migrated.value, { reportInput: true });
  if (!result.success) return refuse(describeIssues(result.error.issues, packSchema));
  const pack: Pack = result.data;

  const cross = crossCheckPack(pack);
  const patternErrors = checkPack(pack);
  if (cross.errors.length > 0 || patternErrors.length > 0) {
    return refuse([...cross.errors, ...patternErrors]);
  }
  return { ok: true, pack, warnings: [...migrated.warnings, ...cross.warnings] };
}
