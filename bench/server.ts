// The benchmark's web server: the pages of one folder under /pages/, and the compiled matcher specs
// (JSON, as the background would send them) under /spec/NAME.json, on 127.0.0.1 only. Every response
// is cross-origin isolated (COOP same-origin + COEP require-corp), which gives performance.now() a
// 5 µs resolution instead of 100 µs; the floor is about 0.3 ms per page, so this matters. The
// pages' third-party resources are blocked by the browser context anyway (see run.ts).

import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cache-control': 'no-store',
};

export interface BenchServer {
  origin: string;
  pageUrl(name: string): string;
  specUrl(name: string): string;
  close(): Promise<void>;
}

export async function startBenchServer(
  pagesDir: string,
  specs: ReadonlyMap<string, string>,
): Promise<BenchServer> {
  const root = path.resolve(pagesDir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, ...ISOLATION });
      response.end(body);
    };
    const spec = /^\/spec\/([\w-]+)\.json$/.exec(url.pathname);
    if (spec !== null) {
      const json = specs.get(spec[1]!);
      if (json !== undefined) return send(200, 'application/json', json);
    }
    if (url.pathname.startsWith('/pages/')) {
      const file = path.resolve(root, decodeURIComponent(url.pathname.slice('/pages/'.length)));
      const type = TYPES[path.extname(file).toLowerCase()];
      if (
        file.startsWith(root + path.sep) &&
        type !== undefined &&
        statSync(file, { throwIfNoEntry: false })?.isFile()
      ) {
        return send(200, type, readFileSync(file));
      }
    }
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pageUrl: (name) => `${origin}/pages/${encodeURIComponent(name)}`,
    specUrl: (name) => `${origin}/spec/${name}.json`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
