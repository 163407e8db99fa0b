import { it } from 'vitest';
import { launch, startServer, waitForReport } from './harness';
import { startTrace } from './trace';
it('probe', async () => {
  const server = await startServer();
  const s = await launch({ extension: true, allowedOrigin: server.origin });
  const tracer = await s.context.newPage();
  for (const name of ['bug-1255978.html', 'wikipedia-2.html']) {
    const stop = await startTrace(s.context, tracer, s.extensionId!);
    const page = await s.context.newPage(); page.on('console', (m) => m.text().startsWith('CLPROF') && console.log(name, m.text()));
    const url = `${server.origin}/corpus/${name}`;
    await page.goto(url);
    await waitForReport(s.worker!, url);
    await page.waitForTimeout(300);
    const tasks = await stop();
    console.log(name, tasks.slice(0, 8).map((t) => `${t.name} ${t.where} ${t.ms.toFixed(1)}`).join(' | '));
    await page.close();
  }
  await s.close(); await server.close();
}, 120000);
