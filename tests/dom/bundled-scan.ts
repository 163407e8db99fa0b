// What the scanner's DOM tests share: the bundled pack compiled once, as the background does it,
// and a way to let a MutationObserver deliver its records.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilePacks } from '../../core/compile';
import type { MatcherSpec } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { Pack } from '../../core/pack';
import type { RawMatch } from '../../core/types';

const BUNDLED_PACK = path.resolve(__dirname, '../../facts/packs/cecot-2025.json');

/** The bundled pack's spec and a scan with its matcher; throws if the pack does not compile
 * cleanly. */
export function compileBundled(): { spec: MatcherSpec; scan: (text: string) => RawMatch[] } {
  const pack = JSON.parse(readFileSync(BUNDLED_PACK, 'utf8')) as Pack;
  const { spec, errors } = compilePacks([pack]);
  if (errors.length > 0) throw new Error(`the bundled pack: ${JSON.stringify(errors)}`);
  const matcher = createMatcher(spec);
  return { spec, scan: (text) => matcher.scan(text) };
}

/** Lets the MutationObserver deliver its records. */
export const observed = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));
