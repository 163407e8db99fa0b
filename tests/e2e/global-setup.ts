// Builds the extension once before the end-to-end tests, for Chromium and for Firefox, and checks
// that both browsers are there. CLAIMLENS_E2E_NO_BUILD=1 reuses existing builds in .output/ (e.g.
// right after `npm run build` and `npm run build:firefox`).

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../scripts/chromium';
import { FIREFOX, FIREFOX_SPANISH } from '../../scripts/firefox';
import { EXTENSION_DIR, FIREFOX_EXTENSION_DIR, REPO } from './harness';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  if (!existsSync(FIREFOX) || !existsSync(FIREFOX_SPANISH)) {
    throw new Error(
      `${FIREFOX} or its Spanish language pack is missing: apt-get install firefox-esr firefox-esr-l10n-es-es`,
    );
  }
  const reuse = process.env.CLAIMLENS_E2E_NO_BUILD === '1';
  for (const [dir, args] of [
    [EXTENSION_DIR, ['wxt', 'build']],
    [FIREFOX_EXTENSION_DIR, ['wxt', 'build', '-b', 'firefox']],
  ] as const) {
    if (reuse && existsSync(dir)) continue;
    // A production build, as users get it (vitest sets NODE_ENV=test, which would give dev JSX).
    execFileSync('npx', args, {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
