// Which main-thread work in a page came from the extension, and how long each piece took: a
// Chromium timeline trace (CDP Tracing, devtools.timeline), keeping the script evaluations,
// function calls, timers and idle callbacks whose script is the extension's content script.

import type { BrowserContext, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { url?: string; scriptName?: string; stackTrace?: { url?: string }[] } };
}

export interface ScriptTrace {
  /** Durations (ms) of the extension's top-level pieces of work, longest first. */
  extensionTasksMs: number[];
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'FireIdleCallback', 'v8.compile']);

export async function startTrace(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<() => Promise<ScriptTrace>> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (payload: { value: TraceEvent[] }) => {
    for (const event of payload.value) events.push(event);
  });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const prefix = `chrome-extension://${extensionId}/`;
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
    const durations = events
      .filter((event) => event.ph === 'X' && SCRIPT_EVENTS.has(event.name))
      .filter((event) => {
        const data = event.args?.data;
        const url = data?.url ?? data?.scriptName ?? data?.stackTrace?.[0]?.url ?? '';
        return url.startsWith(prefix);
      })
      .map((event) => (event.dur ?? 0) / 1000)
      .sort((a, b) => b - a);
    return { extensionTasksMs: durations };
  };
}
