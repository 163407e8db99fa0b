// Which main-thread work came from the extension, and how long each piece took: a Chromium
// timeline trace (CDP Tracing, devtools.timeline; browser-wide, so one at a time), keeping the
// script evaluations, function calls, timers, idle and observer callbacks whose script is the
// extension's content script.

import type { BrowserContext, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  /** Wall time (µs). */
  dur?: number;
  /** Time the thread actually ran (µs): what the task cost, without the time the machine gave
   * to other processes. */
  tdur?: number;
  args?: {
    data?: {
      url?: string;
      scriptName?: string;
      functionName?: string;
      lineNumber?: number;
      columnNumber?: number;
      stackTrace?: { url?: string }[];
    };
  };
}

export interface ExtensionTask {
  /** Trace event name: EvaluateScript, FunctionCall, TimerFire, FireIdleCallback, v8.compile… */
  name: string;
  /** The function, where the trace names it ("name@line:column" in the minified script). */
  where: string;
  /** CPU time of the task on the main thread (falls back to wall time where not traced). */
  ms: number;
  wallMs: number;
}

const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'FireIdleCallback',
  'v8.compile',
  'v8.run',
]);

/** Starts tracing the whole browser through `page`'s CDP session; the returned function stops it
 * and gives the extension's tasks, longest first. */
export async function startTrace(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<() => Promise<ExtensionTask[]>> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (payload) => {
    for (const event of payload.value as unknown as TraceEvent[]) {
      if (event.ph === 'X' && SCRIPT_EVENTS.has(event.name)) events.push(event);
    }
  });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8',
    transferMode: 'ReportEvents',
  });
  const prefix = `chrome-extension://${extensionId}/`;
  return async () => {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
    return events
      .filter((event) => {
        const data = event.args?.data;
        const url = data?.url ?? data?.scriptName ?? data?.stackTrace?.[0]?.url ?? '';
        return url.startsWith(prefix);
      })
      .map((event) => {
        const data = event.args?.data;
        const where = data?.functionName
          ? `${data.functionName}@${data.lineNumber ?? 0}:${data.columnNumber ?? 0}`
          : '';
        const wallMs = (event.dur ?? 0) / 1000;
        return { name: event.name, where, ms: (event.tdur ?? event.dur ?? 0) / 1000, wallMs };
      })
      .sort((a, b) => b.ms - a.ms);
  };
}
