import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { launch, startServer, waitForReport } from './harness';
it('probe', async () => {
  const server = await startServer();
  const a = await launch({ extension: false, allowedOrigin: server.origin, deterministic: true });
  const b = await launch({ extension: true, allowedOrigin: server.origin, deterministic: true });
  for (const name of ['lazy-image-2.html']) {
    const url = `${server.origin}/corpus/${name}`;
    for (const [label, s] of [['a', a], ['b', b], ['c', a]] as const) {
      const p = await s.context.newPage(); await p.goto(url, { waitUntil: 'networkidle' });
      if (s.worker) await waitForReport(s.worker, url);
      await p.waitForTimeout(1500);
      writeFileSync(`/tmp/h6/${name}.${label}`, await p.evaluate(() => document.documentElement.outerHTML));
      await p.close();
    }
  }
  await a.close(); await b.close(); await server.close();
}, 120000);
