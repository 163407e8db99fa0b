// The longest main-thread task the BUILT extension causes on a page: the page is loaded in a
// Chromium with the extension installed, under a CDP trace (devtools.timeline), until the content
// script has reported its claims to the background. A task is the extension's when script of the
// content script runs in it (its evaluation, or a function call into it: idle callbacks, timers,
// listeners, message replies); its length is that of the whole task (RunTask), so style and
// layout work the script forces inside it count too.

import type { BrowserContext, Page, Worker } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: without the time the thread waited for a CPU. */
  tdur?: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

export interface ExtensionTasks {
  /** Longest task with content-script code in it, ms (wall time). */
  maxTaskMs: number;
  /** The same task's thread time: its wall time less any time another process had the CPU. */
  maxTaskCpuMs: number;
  /** How many such tasks, and their total length. */
  tasks: number;
  totalMs: number;
  /** The longest task's script entry (event name and function), for the report. */
  longest: string;
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'FireIdleCallback']);

/** Whether the event's script is the extension's (its URL is under the extension's origin). */
function isExtensionScript(event: TraceEvent, prefix: string): boolean {
  const data = event.args?.data as
    { url?: string; scriptName?: string; stackTrace?: { url?: string }[] } | undefined;
  const url = data?.url ?? data?.scriptName ?? data?.stackTrace?.[0]?.url ?? '';
  return url.startsWith(prefix);
}

/** The extension's tasks among trace events: each extension script event's enclosing RunTask. */
export function extensionTasks(events: readonly TraceEvent[], extensionId: string): ExtensionTasks {
  const prefix = `chrome-extension://${extensionId}/`;
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.name !== 'RunTask' || event.ph !== 'X') continue;
    const key = `${event.pid}:${event.tid}`;
    const list = tasksByThread.get(key) ?? [];
    list.push(event);
    tasksByThread.set(key, list);
  }
  const found = new Map<TraceEvent, string>();
  for (const event of events) {
    if (event.ph !== 'X' || !SCRIPT_EVENTS.has(event.name) || !isExtensionScript(event, prefix)) {
      continue;
    }
    const end = event.ts + (event.dur ?? 0);
    const task = tasksByThread
      .get(`${event.pid}:${event.tid}`)
      ?.find((candidate) => candidate.ts <= event.ts && candidate.ts + (candidate.dur ?? 0) >= end);
    // A script event outside any RunTask (rare) counts as a task of its own length.
    const key = task ?? event;
    const data = event.args?.data as { functionName?: string } | undefined;
    if (!found.has(key)) found.set(key, `${event.name} ${data?.functionName ?? ''}`.trim());
  }
  let maxTaskMs = 0;
  let maxTaskCpuMs = 0;
  let totalMs = 0;
  let longest = '';
  for (const [task, entry] of found) {
    const ms = (task.dur ?? 0) / 1000;
    totalMs += ms;
    if (ms > maxTaskMs) {
      maxTaskMs = ms;
      maxTaskCpuMs = (task.tdur ?? task.dur ?? 0) / 1000;
      longest = entry;
    }
  }
  return { maxTaskMs, maxTaskCpuMs, tasks: found.size, totalMs, longest };
}

/** Waits until the background holds an 'active' report from the page at `url` (the content
 * script's first scan is over), or `timeoutMs` passes. */
async function waitForReport(worker: Worker, url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const stored = (await worker.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
      };
      return chrome.storage.session.get(null);
    })) as Record<string, { url?: string; status?: string }>;
    if (Object.values(stored).some((report) => report.url === url && report.status === 'active')) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Loads `url` in a new tab under a trace and returns the extension's tasks on it. `tracer` is a
 * page kept open only to hold the CDP session (tracing is browser-wide). */
export async function traceExtensionOnPage(
  context: BrowserContext,
  tracer: Page,
  worker: Worker,
  extensionId: string,
  url: string,
): Promise<ExtensionTasks & { reported: boolean }> {
  const cdp = await context.newCDPSession(tracer);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (payload) => {
    for (const event of payload.value as unknown as TraceEvent[]) {
      if (event.ph === 'X' && (event.name === 'RunTask' || SCRIPT_EVENTS.has(event.name))) {
        events.push(event);
      }
    }
  });
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  const page = await context.newPage();
  let reported = false;
  try {
    await page.goto(url, { waitUntil: 'load' });
    reported = await waitForReport(worker, url, 15_000);
    // Let the scanner's last idle slices and the report's reply run under the trace.
    await page.waitForTimeout(300);
  } finally {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
    await page.close();
  }
  return { ...extensionTasks(events, extensionId), reported };
}
