// What the scanner's DOM tests share: the bundled pack compiled once, as the background does it, a
// scanner over the test document with it, a painter that records, and a way to let a
// MutationObserver deliver its records.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compilePacks } from '../../core/compile';
import type { MatcherSpec } from '../../core/compile';
import { createMatcher } from '../../core/matcher';
import type { Pack } from '../../core/pack';
import type { RawMatch } from '../../core/types';
import type { Paintable, Painter } from '../../dom/highlights';
import { Scanner } from '../../dom/scanner';
import type { ScannerOptions } from '../../dom/scanner';

const BUNDLED_PACK = path.resolve(__dirname, '../../facts/packs/cecot-2025.json');

export interface Bundled {
  spec: MatcherSpec;
  scan: (text: string) => RawMatch[];
}

/** The bundled pack's spec and a scan with its matcher; throws if the pack does not compile
 * cleanly. */
export function compileBundled(): Bundled {
  const pack = JSON.parse(readFileSync(BUNDLED_PACK, 'utf8')) as Pack;
  const { spec, errors } = compilePacks([pack]);
  if (errors.length > 0) throw new Error(`the bundled pack: ${JSON.stringify(errors)}`);
  const matcher = createMatcher(spec);
  return { spec, scan: (text) => matcher.scan(text) };
}

/** Lets the MutationObserver deliver its records. */
export const observed = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));

/** A painter that keeps the set of claims painted, and touches no DOM. */
export class RecordingPainter implements Painter {
  readonly mutatesDom = false;
  readonly painted = new Set<Paintable>();
  add(claims: readonly Paintable[]) {
    for (const claim of claims) this.painted.add(claim);
  }
  remove(claims: readonly Paintable[]) {
    for (const claim of claims) this.painted.delete(claim);
  }
  setActive() {}
  setStyle() {}
  clear() {
    this.painted.clear();
  }
}

/** A scanner of the test document with the bundled pack: no element is the extension's own and no
 * change is listened to, unless `options` says otherwise. */
export function bundledScanner(
  { spec, scan }: Bundled,
  options: Pick<ScannerOptions, 'painter' | 'scheduler'> &
    Partial<Omit<ScannerOptions, 'document' | 'scan' | 'kindOf'>>,
): Scanner {
  return new Scanner({
    document,
    scan,
    kindOf: (fact) => spec.facts[fact]!.kind,
    isOwnElement: () => false,
    onChange: () => {},
    ...options,
  });
}
