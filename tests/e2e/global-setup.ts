// Builds the extension once before the end-to-end tests, and checks that the browser is there.
// CLAIMLENS_E2E_NO_BUILD=1 reuses an existing .output/chrome-mv3 (e.g. right after `npm run build`).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../scripts/chromium';
import { EXTENSION_DIR, REPO } from './harness';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  if (process.env.CLAIMLENS_E2E_NO_BUILD === '1' && existsSync(EXTENSION_DIR)) return;
  // A production build, as users get it (vitest sets NODE_ENV=test, which would give dev JSX).
  execFileSync('npx', ['wxt', 'build'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
