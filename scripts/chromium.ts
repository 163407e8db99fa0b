// How the tests, the benchmark and `npm start` launch Debian's Chromium (see ../shared/TOOLCHAIN.md):
// never a downloaded browser, and without the background networking that a closed network refuses.

export const CHROMIUM = '/usr/bin/chromium';

/** Command-line switches for a headless run, loading the unpacked extension in `extensionDir`. */
export function chromiumArgs(extensionDir: string | null): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (extensionDir !== null) {
    args.unshift(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  return args;
}
