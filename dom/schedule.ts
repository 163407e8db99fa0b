// When scanning work runs: in short slices while the page is idle, so that reading a page never
// blocks it (DESIGN.md: no task over 50 ms). A slice gets at most SLICE_MS; requestIdleCallback's
// timeout makes sure work still happens on a busy page, and setTimeout stands in where there is no
// requestIdleCallback.

/** Longest stretch of scanning work in one task. */
export const SLICE_MS = 8;
/** How long idle work may wait on a busy page before it runs anyway. */
export const IDLE_TIMEOUT_MS = 200;

export interface Scheduler {
  /** Runs `task` soon, preferably when idle, with the time it may take (ms); returns a canceller. */
  idle(task: (budgetMs: number) => void): () => void;
  /** Runs `task` after `ms`; returns a canceller. */
  later(ms: number, task: () => void): () => void;
  now(): number;
}

export function browserScheduler(win: Window & typeof globalThis): Scheduler {
  const now = () => win.performance.now();
  return {
    idle(task) {
      if (typeof win.requestIdleCallback === 'function') {
        const id = win.requestIdleCallback(
          (deadline) => {
            const remaining = deadline.timeRemaining();
            // A callback run by its timeout has no idle time left; give it a normal slice.
            task(remaining > 1 ? Math.min(SLICE_MS, remaining) : SLICE_MS);
          },
          { timeout: IDLE_TIMEOUT_MS },
        );
        return () => win.cancelIdleCallback(id);
      }
      const id = win.setTimeout(() => task(SLICE_MS), 0);
      return () => win.clearTimeout(id);
    },
    later(ms, task) {
      const id = win.setTimeout(task, ms);
      return () => win.clearTimeout(id);
    },
    now,
  };
}
