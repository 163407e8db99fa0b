// Pattern syntax and breadth are the matcher compiler's business (core/compile.ts), so the same
// rules refuse a pack in `pack validate`, in the extension, and at compile time: this runs the real
// compiler over one pack and reports its errors as pack errors.

import { compilePacks } from '../core/compile';
import type { Pack } from '../core/pack';
import type { PackError } from './errors';
import { ROOT_PATH } from './errors';

/** Every pattern problem the compiler finds, with paths such as "facts[3].matchers[0].pattern". */
export function checkPack(pack: Pack): PackError[] {
  try {
    return compilePacks([pack]).errors.map(({ path, message }) => ({ path, message }));
  } catch (error) {
    // The compiler promises to report, not throw; if it ever throws, refuse the pack, don't crash.
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path: ROOT_PATH, message: `the pattern compiler failed: ${reason}` }];
  }
}
