// The in-page half of `npm run bench`: bundled by bench/run.ts (esbuild, one IIFE) and injected into
// each corpus page with page.addScriptTag. It exposes `window.claimLensBench`, whose methods each do
// one measurement synchronously (or, for the real scheduler, until settled) and return plain data.
//
// ClaimLens is measured with the project's own modules, the way the content script
// (entrypoints/content/page-controller.ts) uses them: the matcher spec arrives as JSON and is parsed
// and turned into a matcher (core/matcher.ts createMatcher), the real Scanner (dom/scanner.ts) walks
// the page with the real TextWalker, scans each chunk, maps matches to Ranges and registers them in
// CSS.highlights through the real CustomHighlightPainter. The only difference is WHEN slices run:
// `DrainScheduler` runs the scanner's idle slices back to back (each still limited to SLICE_MS, so
// the work is cut into chunks exactly as on a live page), so a scan's cost is measured without the
// idle gaps between slices.

import Mark from 'mark.js';
import findAndReplaceDOMText from 'findandreplacedomtext';
import { createMatcher } from '../core/matcher';
import type { Matcher, MatcherSpec } from '../core/matcher';
import type { RawMatch } from '../core/types';
import { CustomHighlightPainter, pageHighlightHost } from '../dom/highlights';
import { Scanner } from '../dom/scanner';
import type { Claim } from '../dom/scanner';
import { SLICE_MS, browserScheduler } from '../dom/schedule';
import type { Scheduler } from '../dom/schedule';
import { rangeOf, readText } from '../dom/text-index';
import { WARMUP_RUNS } from './warmup';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const now = () => performance.now();

/** Runs the scanner's idle slices one after another when drained; timers stay real timers (the
 * mutation batch delay), though a full scan never needs them. */
class DrainScheduler implements Scheduler {
  private tasks: ((budgetMs: number) => void)[] = [];
  slices = 0;
  longestSliceMs = 0;

  idle(task: (budgetMs: number) => void): () => void {
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((queued) => queued !== task);
    };
  }

  later(ms: number, task: () => void): () => void {
    const id = setTimeout(task, ms);
    return () => clearTimeout(id);
  }

  now(): number {
    return now();
  }

  /** Runs queued slices (and any they queue) until none is left. */
  drain(): void {
    for (let task = this.tasks.shift(); task !== undefined; task = this.tasks.shift()) {
      const start = now();
      task(SLICE_MS);
      const took = now() - start;
      this.slices++;
      this.longestSliceMs = Math.max(this.longestSliceMs, took);
    }
  }
}

/** The live page's scheduler with every task it runs timed: what the reader's main thread feels. */
class TimedScheduler implements Scheduler {
  private readonly inner = browserScheduler(window);
  /** Durations of tasks run since the last reset (idle slices and mutation batches). */
  tasks: number[] = [];

  idle(task: (budgetMs: number) => void): () => void {
    return this.inner.idle((budget) => this.time(() => task(budget)));
  }

  later(ms: number, task: () => void): () => void {
    return this.inner.later(ms, () => this.time(task));
  }

  now(): number {
    return now();
  }

  private time(task: () => void): void {
    const start = now();
    try {
      task();
    } finally {
      this.tasks.push(now() - start);
    }
  }
}

interface PackState {
  specJson: string;
  spec: MatcherSpec | null;
  matcher: Matcher | null;
}

/** A scan in progress or done: the objects the content script keeps alive for the page. */
interface Session {
  spec: MatcherSpec;
  matcher: Matcher;
  painter: CustomHighlightPainter;
  scanner: Scanner;
  /** As PageController.claimsChanged keeps it: claims by range, for hit-testing. */
  byRange: Map<AbstractRange, Claim>;
}

const packs = new Map<string, PackState>();
/** The last session per pack, kept alive so heap readings include it. */
const kept = new Map<string, Session>();

function packState(name: string): PackState {
  const state = packs.get(name);
  if (state === undefined) throw new Error(`no spec loaded for ${name}`);
  return state;
}

function newPainter(): CustomHighlightPainter {
  const host = pageHighlightHost(document);
  if (host === null) throw new Error('this browser has no CSS Custom Highlight API');
  return new CustomHighlightPainter(host);
}

function newSession(
  spec: MatcherSpec,
  matcher: Matcher,
  painter: CustomHighlightPainter,
  scheduler: Scheduler,
  onSettled?: () => void,
): Session {
  const session: Session = {
    spec,
    matcher,
    painter,
    byRange: new Map(),
    scanner: new Scanner({
      document,
      scan: (text: string) => matcher.scan(text),
      kindOf: (fact: number) => spec.facts[fact]!.kind,
      painter,
      scheduler,
      isOwnElement: () => false,
      onChange: (claims) => {
        session.byRange = new Map(claims.map((claim) => [claim.range, claim]));
      },
      onSettled,
    }),
  };
  return session;
}

/** Stops the scanner (its highlights go) and removes the painter's stylesheet too. */
function endSession(session: Session): void {
  session.scanner.stop();
  session.painter.clear();
}

/** Distinct ranges in the page's claimlens* highlights: what a reader sees highlighted. */
function highlightedRanges(): number {
  const seen = new Set<AbstractRange>();
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('claimlens')) continue;
    for (const range of highlight) seen.add(range);
  }
  return seen.size;
}

export interface FloorResult {
  ms: number;
  runs: number[];
  textNodes: number;
  chars: number;
}

export interface ScanResult {
  ms: number;
  claims: number;
  highlighted: number;
  slices: number;
  longestSliceMs: number;
}

export interface ColdResult extends ScanResult {
  parseMs: number;
  createMatcherMs: number;
  scanMs: number;
}

export interface WarmResult {
  ms: number;
  runs: number[];
  claims: number;
  highlighted: number;
}

export interface PhaseResult {
  /** Reading the page into text and node map (TextWalker over body, one piece). */
  walkMs: number;
  /** matcher.scan over that text. */
  matchMs: number;
  /** Matches to Ranges and registration in CSS.highlights. */
  paintMs: number;
  textChars: number;
  matches: number;
}

export interface PeerResult {
  /** Median of the timed runs; the one run's time when it ran over budget. */
  ms: number;
  runs: number[];
  /** The untimed-for-the-median first run: where the renderer first meets the regular
   * expression, its compilation. */
  firstMs: number;
  marks: number;
  timedOut: boolean;
}

export interface LiveResult {
  /** createMatcher from the spec: one task in the content script (the message callback). */
  createMatcherMs: number;
  /** The first scan on the live scheduler: its tasks, and wall time to settled. */
  firstScan: { tasks: number; workMs: number; longestTaskMs: number; wallMs: number };
  /** Each batch of appended paragraphs: main-thread work, longest task, time until highlighted. */
  batches: {
    workMs: number;
    longestTaskMs: number;
    latencyMs: number;
    claimsAdded: number;
    tasks: number;
  }[];
}

function timePeer(
  runs: number,
  budgetMs: number,
  run: () => { ms: number; marks: number },
): PeerResult {
  const first = run();
  for (let i = 1; i < WARMUP_RUNS; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms } = run();
    if (ms > budgetMs) {
      return { ms, runs: [ms], firstMs: first.ms, marks: first.marks, timedOut: true };
    }
    times.push(ms);
  }
  return { ms: median(times), runs: times, firstMs: first.ms, marks: first.marks, timedOut: false };
}

const api = {
  /** Whether performance.now() has fine resolution here (cross-origin isolated: 5 µs). */
  clock(): { crossOriginIsolated: boolean; highlightsApi: boolean } {
    return {
      crossOriginIsolated: self.crossOriginIsolated,
      highlightsApi: typeof CSS !== 'undefined' && 'highlights' in CSS,
    };
  },

  /** Stores a pack's spec as the JSON the background would send; parsed only when measured. */
  async loadSpec(name: string, url: string): Promise<number> {
    const response = await fetch(url);
    const specJson = await response.text();
    packs.set(name, { specJson, spec: null, matcher: null });
    return specJson.length;
  },

  /** Resolves after two animation frames: the page has been styled, laid out and painted. */
  settle(): Promise<void> {
    return new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    );
  },

  /** The floor: every text node under body, reading .data, nothing more (WARMUP_RUNS untimed,
   * then the median of `runs`). */
  floor(runs: number): FloorResult {
    const times: number[] = [];
    let textNodes = 0;
    let chars = 0;
    for (let run = 1 - WARMUP_RUNS; run <= runs; run++) {
      const start = now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let nodes = 0;
      let length = 0;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        length += (node as Text).data.length;
        nodes++;
      }
      const took = now() - start;
      if (run > 0) times.push(took); // runs up to 0 warm up
      textNodes = nodes;
      chars = length;
    }
    return { ms: median(times), runs: times, textNodes, chars };
  },

  /** The first scan on a fresh page: parse the spec, create the matcher, scan, highlight. */
  cold(name: string): ColdResult {
    const state = packState(name);
    const scheduler = new DrainScheduler();
    const start = now();
    const spec = JSON.parse(state.specJson) as MatcherSpec;
    const parsed = now();
    const matcher = createMatcher(spec);
    const created = now();
    const session = newSession(spec, matcher, newPainter(), scheduler);
    session.scanner.start();
    scheduler.drain();
    const end = now();
    state.spec = spec;
    state.matcher = matcher;
    const previous = kept.get(name);
    if (previous !== undefined) endSession(previous);
    kept.set(name, session);
    return {
      ms: end - start,
      parseMs: parsed - start,
      createMatcherMs: created - parsed,
      scanMs: end - created,
      claims: session.scanner.claims.length,
      highlighted: highlightedRanges(),
      slices: scheduler.slices,
      longestSliceMs: scheduler.longestSliceMs,
    };
  },

  /** Repeat scans with the matcher already made, as a rescan of the page (a single-page app's
   * navigation) does them: WARMUP_RUNS untimed, then `runs` timed. Each run's highlights are
   * removed (untimed) after it by stopping its scanner; the painter, and so its stylesheet, stays,
   * as it stays on a live page (removing and re-adding the stylesheet would make the browser
   * restyle the whole page in the next run). */
  warm(name: string, runs: number): WarmResult {
    const state = packState(name);
    if (state.spec === null || state.matcher === null) throw new Error(`cold(${name}) first`);
    const previous = kept.get(name);
    previous?.scanner.stop();
    kept.delete(name);
    const painter = previous?.painter ?? newPainter();
    const times: number[] = [];
    let claims = 0;
    let highlighted = 0;
    for (let run = 1 - WARMUP_RUNS; run <= runs; run++) {
      const scheduler = new DrainScheduler();
      const start = now();
      const session = newSession(state.spec, state.matcher, painter, scheduler);
      session.scanner.start();
      scheduler.drain();
      const took = now() - start;
      if (run > 0) times.push(took);
      claims = session.scanner.claims.length;
      highlighted = highlightedRanges();
      session.scanner.stop();
    }
    painter.clear();
    return { ms: median(times), runs: times, claims, highlighted };
  },

  /** Where a warm scan's time goes: the same three steps as the Scanner, done once each over the
   * whole body (median of `runs` after WARMUP_RUNS untimed). */
  phases(name: string, runs: number): PhaseResult {
    const state = packState(name);
    if (state.spec === null || state.matcher === null) throw new Error(`cold(${name}) first`);
    const { spec, matcher } = state;
    const painter = newPainter();
    const walk: number[] = [];
    const match: number[] = [];
    const paint: number[] = [];
    let textChars = 0;
    let matches = 0;
    for (let run = 1 - WARMUP_RUNS; run <= runs; run++) {
      const t0 = now();
      const chunk = readText(document.body);
      const t1 = now();
      const raws: RawMatch[] = matcher.scan(chunk.text);
      const t2 = now();
      const claims = [];
      for (const raw of raws) {
        const range = rangeOf(chunk, raw.start, raw.end);
        if (range !== null) claims.push({ range, kind: spec.facts[raw.fact]!.kind });
      }
      painter.add(claims);
      const t3 = now();
      painter.remove(claims);
      // The warm-up's first highlight installed the painter's stylesheet: let the page's style be
      // brought up to date now, untimed, as a live page does in its next frame.
      if (run === 1 - WARMUP_RUNS) readText(document.body);
      if (run > 0) {
        walk.push(t1 - t0);
        match.push(t2 - t1);
        paint.push(t3 - t2);
      }
      textChars = chunk.text.length;
      matches = raws.length;
    }
    painter.clear();
    return {
      walkMs: median(walk),
      matchMs: median(match),
      paintMs: median(paint),
      textChars,
      matches,
    };
  },

  /** mark.js markRegExp over body, marks removed (untimed) after each run: a first run (it
   * includes compiling the regular expression, where this renderer has not compiled it before),
   * more untimed ones up to WARMUP_RUNS, then `runs` timed ones. A timed run slower than
   * `budgetMs` ends the measurement: that run's time is reported, flagged as timed out. */
  markjs(source: string, flags: string, runs: number, budgetMs: number): PeerResult {
    const regex = new RegExp(source, flags);
    return timePeer(runs, budgetMs, () => {
      const instance = new Mark(document.body);
      let marks = -1;
      const start = now();
      instance.markRegExp(regex, {
        done: (total: number) => {
          marks = total;
        },
      });
      const ms = now() - start;
      if (marks < 0) throw new Error('mark.js did not finish synchronously');
      instance.unmark();
      return { ms, marks };
    });
  },

  /** findAndReplaceDOMText over body (preset "prose": no matches in scripts or across blocks),
   * wrapping each match in <mark>, reverted (untimed) after each run. Runs as for mark.js. */
  findAndReplace(source: string, flags: string, runs: number, budgetMs: number): PeerResult {
    const regex = new RegExp(source, flags);
    return timePeer(runs, budgetMs, () => {
      let marks = 0;
      const start = now();
      const finder = findAndReplaceDOMText(document.body, {
        find: regex,
        preset: 'prose',
        // What `wrap: 'mark'` does, counting matches (portions are numbered from 0 in each match).
        replace: (portion) => {
          if (portion.index === 0) marks++;
          const mark = document.createElement('mark');
          mark.textContent = portion.text;
          return mark;
        },
      });
      const ms = now() - start;
      finder.revert();
      return { ms, marks };
    });
  },

  /** The content script's real scheduling: createMatcher, then the first scan in idle slices; then
   * `batches` times, `count` paragraphs (copies of the page's own paragraph texts, as infinite
   * scroll brings more of the same) are appended to body, and the time until the scanner has
   * read and highlighted them is taken, with the main-thread work that took. */
  async live(name: string, count: number, batches: number, timeoutMs: number): Promise<LiveResult> {
    const state = packState(name);
    const scheduler = new TimedScheduler();
    const spec = JSON.parse(state.specJson) as MatcherSpec;
    const t0 = now();
    const matcher = createMatcher(spec);
    const createMatcherMs = now() - t0;
    let settled: (() => void) | null = null;
    const session = newSession(spec, matcher, newPainter(), scheduler, () => settled?.());
    const scanner = session.scanner;
    const untilSettled = () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        settled = () => {
          clearTimeout(timer);
          settled = null;
          resolve(true);
        };
      });

    const summarize = (tasks: number[]) => ({
      tasks: tasks.length,
      workMs: tasks.reduce((sum, ms) => sum + ms, 0),
      longestTaskMs: tasks.reduce((max, ms) => Math.max(max, ms), 0),
    });

    scheduler.tasks = [];
    let start = now();
    const first = untilSettled();
    scanner.start();
    if (!(await first)) throw new Error('the first scan did not settle');
    const firstScan = { ...summarize(scheduler.tasks), wallMs: now() - start };

    const texts = [...document.querySelectorAll('p')]
      .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text.length >= 40);
    if (texts.length === 0) {
      // No paragraphs: use the page's longest text nodes instead.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const parent = node.parentElement?.localName;
        if (parent === 'script' || parent === 'style') continue;
        const text = (node as Text).data.replace(/\s+/g, ' ').trim();
        if (text.length >= 40) texts.push(text);
      }
    }
    if (texts.length === 0) texts.push(document.title || 'no text');

    const results: LiveResult['batches'] = [];
    for (let batch = 0; batch < batches; batch++) {
      const container = document.createElement('div');
      for (let i = 0; i < count; i++) {
        const paragraph = document.createElement('p');
        paragraph.textContent = texts[(batch * count + i) % texts.length]!;
        container.appendChild(paragraph);
      }
      const before = scanner.claims.length;
      scheduler.tasks = [];
      const done = untilSettled();
      start = now();
      document.body.appendChild(container);
      if (!(await done)) throw new Error(`appended batch ${batch + 1} did not settle`);
      results.push({
        ...summarize(scheduler.tasks),
        latencyMs: now() - start,
        claimsAdded: scanner.claims.length - before,
      });
    }
    endSession(session);
    return { createMatcherMs, firstScan, batches: results };
  },

  /** Drops every session this script keeps (before a heap reading of the bare page). */
  release(): void {
    for (const session of kept.values()) endSession(session);
    kept.clear();
  },
};

export type BenchApi = typeof api;

(window as unknown as { claimLensBench: BenchApi }).claimLensBench = api;
