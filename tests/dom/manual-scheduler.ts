import type { Scheduler } from '../../dom/schedule';

/** For scanner tests: a clock that moves only when asked, and queues of idle tasks and timers run
 * by hand. */
export class ManualScheduler implements Scheduler {
  time = 0;
  /** How far the clock moves each time it is read (ms): work "takes time". */
  constructor(private readonly tick = 0) {}
  private idleTasks: ((budget: number) => void)[] = [];
  private timers: { at: number; task: () => void }[] = [];
  idle(task: (budget: number) => void) {
    this.idleTasks.push(task);
    return () => {
      this.idleTasks = this.idleTasks.filter((queued) => queued !== task);
    };
  }
  later(ms: number, task: () => void) {
    const timer = { at: this.time + ms, task };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((queued) => queued !== timer);
    };
  }
  now() {
    this.time += this.tick;
    return this.time;
  }
  /** Runs idle tasks until none are left; returns how many ran. */
  runIdle(): number {
    let ran = 0;
    while (this.idleTasks.length > 0) {
      this.idleTasks.shift()!(8);
      ran++;
      if (ran > 10_000) throw new Error('idle work never ends');
    }
    return ran;
  }
  /** Lets `ms` pass, running the timers that come due (and the idle work they start). */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.task();
    this.runIdle();
  }
}
