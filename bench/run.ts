// `npm run bench [-- --json] [DIR]`: ClaimLens in Debian's Chromium on real news pages (by default
// ../shared/corpus), against the floor (reading every text node) and against mark.js and
// findAndReplaceDOMText, all in one run. A measurement, not a test: nothing here passes or fails;
// the targets of issue 4 are compared and reported. Method and latest results: docs/BENCHMARK.md.
//
// Per page, in a browser WITHOUT the extension (the code under test is injected, see page-bench.ts):
//   - cold: RUNS fresh loads per pack, each timing spec parse + createMatcher + the full scan;
//   - warm: on the first load, RUNS repeat scans after 3 untimed ones, plus the floor and a breakdown
//     (text index / match / highlight registration), plus the JS heap the scan keeps (CDP, after GC);
//   - peers: a fresh load, mark.js markRegExp and findAndReplaceDOMText with the 5,000-fact phrases;
//   - live: a fresh load, the real idle-time scheduler, then 100 paragraphs appended RUNS times.
// Then, in a browser WITH the built extension: the longest main-thread task it causes (CDP trace).
// Progress goes to stderr; stdout gets the table, or with --json only the JSON. The JSON is also
// written to bench/results/browser-bench.json.

import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { BUNDLED_PACK_PATH } from '../cli/scan';
import { compilePacks } from '../core/compile';
import type { Pack } from '../core/pack';
import { loadPack } from '../facts/load';
import { traceExtensionOnPage } from './extension-tasks';
import type { ExtensionTasks } from './extension-tasks';
import type {
  BenchApi,
  ColdResult,
  LiveResult,
  PeerResult,
  PhaseResult,
  WarmResult,
} from './page-bench';
import { peerRegex } from './peer-regex';
import type { PeerRegex } from './peer-regex';
import { startBenchServer } from './server';
import { syntheticPack } from './synthetic-pack';
import { WARMUP_RUNS } from './warmup';
import { CHROMIUM, chromiumArgs } from '../scripts/chromium';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(REPO, 'bench/results/browser-bench.json');
const PACKS = ['bundled', 'facts1000', 'facts5000'] as const;
type PackName = (typeof PACKS)[number];
/** The pack the peers and the live (incremental) measurement use: the largest. */
const PEER_PACK: PackName = 'facts5000';
const APPENDED_PARAGRAPHS = 100;
/** The longest main-thread task the extension may cause (issue 4, DESIGN.md). */
const LONG_TASK_MS = 50;

const USAGE = `Usage: npm run --silent bench -- [--json] [--runs N] [--peer-budget MS] [--pages A,B]
                                [--no-build] [--no-extension] [DIR]
  DIR             folder of .html/.htm/.txt pages (default ../shared/corpus)
  --json          print only the JSON result on stdout
  --runs N        runs per median (default 5)
  --peer-budget   ms one peer run may take before the peer is reported as timed out (default 2000)
  --pages A,B     only pages whose file name contains one of these
  --no-build      measure the existing .output/chrome-mv3 instead of building the extension
  --no-extension  skip the built extension (no longest task, no bundle size)`;

interface Options {
  json: boolean;
  dir: string;
  runs: number;
  peerBudgetMs: number;
  pages: string[] | null;
  build: boolean;
  extension: boolean;
}

function parseOptions(): Options {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      'peer-budget': { type: 'string', default: '2000' },
      pages: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'no-extension': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const runs = Number(values.runs);
  const peerBudgetMs = Number(values['peer-budget']);
  if (!Number.isInteger(runs) || runs < 1 || !(peerBudgetMs > 0) || positionals.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const dir = path.resolve(positionals[0] ?? path.join(REPO, '../shared/corpus'));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`not a folder: ${dir}\n${USAGE}`);
    process.exit(2);
  }
  return {
    json: values.json,
    dir,
    runs,
    peerBudgetMs,
    pages: values.pages?.split(',').filter((part) => part !== '') ?? null,
    build: !values['no-build'],
    extension: !values['no-extension'],
  };
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

// ------------------------------------------------------------------------------------------------
// Node side: packs, compile time, specs, peer phrases

interface PackInput {
  name: PackName;
  pack: Pack;
  facts: number;
  validateMs: number;
  compileFirstMs: number;
  compileMs: number;
  compileErrors: number;
  specJson: string;
}

function preparePacks(runs: number): PackInput[] {
  const bundledLoad = loadPack(readFileSync(BUNDLED_PACK_PATH, 'utf8'));
  if (!bundledLoad.ok) {
    throw new Error(`the bundled pack does not load: ${JSON.stringify(bundledLoad.errors[0])}`);
  }
  const sources: Record<PackName, unknown> = {
    bundled: JSON.parse(readFileSync(BUNDLED_PACK_PATH, 'utf8')),
    facts1000: syntheticPack({ facts: 1000, seed: 1 }),
    facts5000: syntheticPack({ facts: 5000, seed: 1 }),
  };
  return PACKS.map((name) => {
    let start = performance.now();
    const loaded = loadPack(sources[name]);
    const validateMs = performance.now() - start;
    if (!loaded.ok)
      throw new Error(`pack ${name} does not validate: ${JSON.stringify(loaded.errors[0])}`);
    const pack = loaded.pack;
    start = performance.now();
    let compiled = compilePacks([pack]);
    const compileFirstMs = performance.now() - start;
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      start = performance.now();
      compiled = compilePacks([pack]);
      times.push(performance.now() - start);
    }
    return {
      name,
      pack,
      facts: pack.facts.length,
      validateMs,
      compileFirstMs,
      compileMs: median(times),
      compileErrors: compiled.errors.length,
      specJson: JSON.stringify(compiled.spec),
    };
  });
}

// ------------------------------------------------------------------------------------------------
// Builds

async function bundlePageBench(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO, 'bench/page-bench.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Builds the extension into a private folder (or reuses .output/chrome-mv3 with --no-build). */
function buildExtension(options: Options): { dir: string; cleanup: () => void } {
  if (!options.build) {
    const dir = path.join(REPO, '.output/chrome-mv3');
    if (!existsSync(dir))
      throw new Error(`${dir} is missing: run npx wxt build, or drop --no-build`);
    return { dir, cleanup: () => {} };
  }
  const out = mkdtempSync(path.join(os.tmpdir(), 'claimlens-bench-build-'));
  progress(`building the extension (npx wxt build) into ${out}`);
  execFileSync('npx', ['wxt', 'build', '-c', 'bench/wxt.bench.config.ts'], {
    cwd: REPO,
    env: { ...process.env, CLAIMLENS_BENCH_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    dir: path.join(out, 'chrome-mv3'),
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}

// ------------------------------------------------------------------------------------------------
// Browser

async function launch(
  origin: string,
  extensionDir: string | null,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'claimlens-bench-profile-'));
  const args = chromiumArgs(extensionDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  // Only our server (and the extension itself) may be reached: the pages reference third parties.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('chrome-extension://'))
      return route.continue();
    return route.abort('blockedbyclient');
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

type Api = BenchApi;

/** Calls window.claimLensBench[method](...args) in the page. */
function call<K extends keyof Api>(
  page: Page,
  method: K,
  ...args: Parameters<Api[K]>
): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    ({ method, args }) => {
      const bench = (
        window as unknown as { claimLensBench: Record<string, (...a: unknown[]) => unknown> }
      ).claimLensBench;
      return bench[method]!(...args);
    },
    { method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}

class PageDriver {
  private page: Page | null = null;
  private cdp: CDPSession | null = null;

  constructor(
    private readonly context: BrowserContext,
    private readonly bundle: string,
    private readonly specUrl: (name: string) => string,
  ) {}

  /** A fresh load of `url` in a new tab, with the bench script and the given specs in it. */
  async open(url: string, specs: readonly PackName[]): Promise<Page> {
    await this.close();
    const page = await this.context.newPage();
    this.page = page;
    page.setDefaultTimeout(120_000);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.addScriptTag({ content: this.bundle });
    for (const name of specs) await call(page, 'loadSpec', name, this.specUrl(name));
    await call(page, 'settle');
    this.cdp = await this.context.newCDPSession(page);
    return page;
  }

  /** JS heap in use after a full collection (bytes). */
  async heapUsed(): Promise<number> {
    const cdp = this.cdp!;
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  async close(): Promise<void> {
    await this.cdp?.detach().catch(() => {});
    this.cdp = null;
    await this.page?.close().catch(() => {});
    this.page = null;
  }
}

/**
 * The tab the peers run in. Unlike ClaimLens's fresh loads, it navigates from page to page, so the
 * renderer keeps the peers' regular expression compiled (V8 caches it by source): compiling an
 * alternation of thousands of phrases takes seconds, once, and is reported as the first run on the
 * first page. A call that runs past its limit is stopped (CDP Runtime.terminateExecution).
 */
class PeerTab {
  private page: Page | null = null;
  private cdp: CDPSession | null = null;

  constructor(
    private readonly context: BrowserContext,
    private readonly bundle: string,
  ) {}

  async load(url: string): Promise<Page> {
    if (this.page === null) {
      this.page = await this.context.newPage();
      this.page.setDefaultTimeout(0);
      this.cdp = await this.context.newCDPSession(this.page);
    }
    await this.page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await this.page.addScriptTag({ content: this.bundle });
    await call(this.page, 'settle');
    return this.page;
  }

  /** Runs a peer; null when it ran past `limitMs` and was stopped. */
  async run(
    method: 'markjs' | 'findAndReplace',
    regex: PeerRegex,
    runs: number,
    budgetMs: number,
    limitMs: number,
  ): Promise<PeerResult | null> {
    const page = this.page!;
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      void this.cdp?.send('Runtime.terminateExecution').catch(() => {});
    }, limitMs);
    try {
      return await call(page, method, regex.source, regex.flags, runs, budgetMs);
    } catch (error) {
      if (stopped) return null;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.cdp?.detach().catch(() => {});
    await this.page?.close().catch(() => {});
    this.page = null;
    this.cdp = null;
  }
}

/** How long a peer call may take in all: its first run (which may compile the expression) gets
 * FIRST_PEER_RUN_MS, each timed run the per-run budget. */
const FIRST_PEER_RUN_MS = 60_000;

// ------------------------------------------------------------------------------------------------
// Per page

interface PackRow {
  coldMs: number;
  coldRuns: number[];
  /** Median of the cold runs' parts. */
  parseMs: number;
  createMatcherMs: number;
  coldScanMs: number;
  warmMs: number;
  warmRuns: number[];
  claims: number;
  highlighted: number;
  /** Heap the cold scan keeps (spec, matcher, claims, highlights), KB after full collections. */
  heapKB: number;
  phases: PhaseResult;
}

interface PageRow {
  page: string;
  /** ClaimLens could not be measured on the page (it is left out of the sums). */
  error?: string;
  /** The peers could not be measured on the page (left out of their sums). */
  peerError?: string;
  textNodes: number;
  textChars: number;
  floorMs: number;
  floorRuns: number[];
  claimlens: Partial<Record<PackName, PackRow>>;
  markjs?: PeerResult;
  findAndReplaceDOMText?: PeerResult;
  live?: LiveResult;
  /** How many times the live measurement ran (see measureClaimLens). */
  liveAttempts?: number;
  extension?: ExtensionTasks & { reported: boolean };
}

function emptyRow(page: string): PageRow {
  return { page, textNodes: 0, textChars: 0, floorMs: 0, floorRuns: [], claimlens: {} };
}

/** mark.js and findAndReplaceDOMText with the PEER_PACK phrases, in the peers' tab. */
async function measurePeers(
  peers: PeerTab,
  url: string,
  row: PageRow,
  options: Options,
  regex: PeerRegex,
): Promise<void> {
  const limitMs = FIRST_PEER_RUN_MS + options.runs * options.peerBudgetMs;
  const stoppedAt = (ms: number): PeerResult => ({
    ms,
    runs: [],
    firstMs: ms,
    marks: 0,
    timedOut: true,
  });
  await peers.load(url);
  const mark = await peers.run('markjs', regex, options.runs, options.peerBudgetMs, limitMs);
  row.markjs = mark ?? stoppedAt(limitMs);
  if (mark === null) await peers.load(url); // stopped half-way: its marks are still in the page
  const far = await peers.run('findAndReplace', regex, options.runs, options.peerBudgetMs, limitMs);
  row.findAndReplaceDOMText = far ?? stoppedAt(limitMs);
}

/** ClaimLens on one page: cold, warm, breakdown, heap, floor, and the live scheduler. */
async function measureClaimLens(
  driver: PageDriver,
  url: string,
  row: PageRow,
  options: Options,
): Promise<void> {
  const colds = new Map<PackName, ColdResult[]>(PACKS.map((pack) => [pack, []]));
  const firsts = new Map<PackName, { warm: WarmResult; phases: PhaseResult; heapKB: number }>();
  for (let run = 0; run < options.runs; run++) {
    for (const pack of PACKS) {
      const page = await driver.open(url, [pack]);
      // A full collection before every cold scan, so none of them starts with the page's garbage.
      const heapBefore = await driver.heapUsed();
      colds.get(pack)!.push(await call(page, 'cold', pack));
      if (run > 0) continue;
      const heapKB = ((await driver.heapUsed()) - heapBefore) / 1024;
      const warm = await call(page, 'warm', pack, options.runs);
      const phases = await call(page, 'phases', pack, options.runs);
      firsts.set(pack, { warm, phases, heapKB });
      if (pack === 'bundled') {
        const floor = await call(page, 'floor', options.runs);
        row.floorMs = floor.ms;
        row.floorRuns = floor.runs;
        row.textNodes = floor.textNodes;
        row.textChars = floor.chars;
      }
    }
  }
  for (const pack of PACKS) {
    const runs = colds.get(pack)!;
    const first = firsts.get(pack)!;
    row.claimlens[pack] = {
      coldMs: median(runs.map((r) => r.ms)),
      coldRuns: runs.map((r) => r.ms),
      parseMs: median(runs.map((r) => r.parseMs)),
      createMatcherMs: median(runs.map((r) => r.createMatcherMs)),
      coldScanMs: median(runs.map((r) => r.scanMs)),
      warmMs: first.warm.ms,
      warmRuns: first.warm.runs,
      claims: first.warm.claims,
      highlighted: first.warm.highlighted,
      heapKB: first.heapKB,
      phases: first.phases,
    };
  }
  // The real scheduler and appended content. A task over LONG_TASK_MS may be the machine's doing
  // (another process had the CPU): such a page is measured twice more and the run with the
  // median longest task is kept, so one preemption does not stand for the extension.
  const lives: LiveResult[] = [];
  const longest = (live: LiveResult) =>
    Math.max(
      live.createMatcherMs,
      live.firstScan.longestTaskMs,
      ...live.batches.map((b) => b.longestTaskMs),
    );
  for (let attempt = 0; attempt < 3; attempt++) {
    const page = await driver.open(url, [PEER_PACK]);
    lives.push(await call(page, 'live', PEER_PACK, APPENDED_PARAGRAPHS, options.runs, 15_000));
    if (attempt === 0 && longest(lives[0]!) <= LONG_TASK_MS) break;
  }
  lives.sort((a, b) => longest(a) - longest(b));
  row.live = lives[lives.length >> 1];
  row.liveAttempts = lives.length;
  await driver.close();
}

// ------------------------------------------------------------------------------------------------
// Report

function sum(rows: readonly PageRow[], pick: (row: PageRow) => number | undefined): number {
  return rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
}

function summarize(
  rows: PageRow[],
  packs: PackInput[],
  regex: PeerRegex,
  options: Options,
  extra: {
    chromium: string;
    contentScriptBytes: number | null;
    contentScriptGzipBytes: number | null;
    /** claim-card.js, which the content script imports when a page first has claims. */
    contentScriptLazyBytes: number | null;
    contentScriptLazyGzipBytes: number | null;
    crossOriginIsolated: boolean;
    loadAtStart: number;
  },
) {
  const ok = rows.filter((row) => row.error === undefined);
  const floorWarm = sum(ok, (row) => row.floorMs);
  const pack = (name: PackName) => {
    const cold = ok.map((row) => row.claimlens[name]!.coldMs);
    const heaviest = ok.reduce(
      (best, row) =>
        row.claimlens[name]!.coldMs > best.ms
          ? { ms: row.claimlens[name]!.coldMs, page: row.page }
          : best,
      { ms: 0, page: '' },
    );
    const input = packs.find((p) => p.name === name)!;
    return {
      facts: input.facts,
      warmMs: round(sum(ok, (row) => row.claimlens[name]!.warmMs)),
      coldMs: round(sum(ok, (row) => row.claimlens[name]!.coldMs)),
      coldMedianPageMs: round(median(cold)),
      coldMaxPageMs: round(heaviest.ms),
      coldMaxPage: heaviest.page,
      coldParts: {
        parseMs: round(sum(ok, (row) => row.claimlens[name]!.parseMs)),
        createMatcherMs: round(sum(ok, (row) => row.claimlens[name]!.createMatcherMs)),
        scanMs: round(sum(ok, (row) => row.claimlens[name]!.coldScanMs)),
      },
      warmPhases: {
        walkMs: round(sum(ok, (row) => row.claimlens[name]!.phases.walkMs)),
        matchMs: round(sum(ok, (row) => row.claimlens[name]!.phases.matchMs)),
        paintMs: round(sum(ok, (row) => row.claimlens[name]!.phases.paintMs)),
      },
      claims: sum(ok, (row) => row.claimlens[name]!.claims),
      heapKB: {
        medianPage: round(median(ok.map((row) => row.claimlens[name]!.heapKB)), 1),
        maxPage: round(Math.max(...ok.map((row) => row.claimlens[name]!.heapKB)), 1),
      },
      compile: {
        validateMs: round(input.validateMs, 1),
        firstMs: round(input.compileFirstMs, 1),
        medianMs: round(input.compileMs, 1),
        errors: input.compileErrors,
        specJsonBytes: Buffer.byteLength(input.specJson),
      },
      warmToFloor: round(sum(ok, (row) => row.claimlens[name]!.warmMs) / floorWarm, 2),
    };
  };
  const claimlens = {
    bundled: pack('bundled'),
    facts1000: pack('facts1000'),
    facts5000: pack('facts5000'),
  };
  // Peers are compared on the pages where both they and ClaimLens were measured (all, normally).
  const compared = ok.filter((row) => row.markjs && row.findAndReplaceDOMText);
  const peer = (pick: (row: PageRow) => PeerResult | undefined) => ({
    warmMs: round(sum(compared, (row) => pick(row)?.ms)),
    pages: compared.length,
    /** The first run on each page; on the first page it includes compiling the expression. */
    firstRunMs: round(sum(compared, (row) => pick(row)?.firstMs)),
    firstRunMaxMs: round(Math.max(0, ...compared.map((row) => pick(row)?.firstMs ?? 0))),
    timedOutPages: compared.filter((row) => pick(row)?.timedOut).map((row) => row.page),
    marks: sum(compared, (row) => pick(row)?.marks),
    phrases: regex.phrases,
    regexChars: regex.source.length,
  });
  const markjs = peer((row) => row.markjs);
  const far = peer((row) => row.findAndReplaceDOMText);
  const cl5000 = sum(compared, (row) => row.claimlens.facts5000!.warmMs);
  const floorCompared = sum(compared, (row) => row.floorMs);

  const withExtension = ok.filter((row) => row.extension !== undefined);
  const worstBy = (pick: (tasks: ExtensionTasks) => number) =>
    withExtension.reduce(
      (best, row) =>
        pick(row.extension!) > pick(best.tasks) ? { tasks: row.extension!, page: row.page } : best,
      {
        tasks: {
          maxTaskMs: 0,
          maxTaskCpuMs: 0,
          tasks: 0,
          totalMs: 0,
          longest: '',
        } as ExtensionTasks,
        page: '',
      },
    );
  // Wall time is what a reader feels; thread time is the extension's own work, without the time
  // the thread waited while other processes had the CPU (this machine is shared).
  const worst = worstBy((tasks) => tasks.maxTaskMs);
  const worstCpu = worstBy((tasks) => tasks.maxTaskCpuMs);
  const liveLongest = ok
    .filter((row) => row.live !== undefined)
    .map((row) => ({
      page: row.page,
      ms: Math.max(
        row.live!.createMatcherMs,
        row.live!.firstScan.longestTaskMs,
        ...row.live!.batches.map((b) => b.longestTaskMs),
      ),
    }))
    .sort((a, b) => a.ms - b.ms);
  const liveWorst = liveLongest[liveLongest.length - 1] ?? { page: '', ms: 0 };
  const batches = ok.flatMap((row) => row.live?.batches ?? []);
  const live = {
    pack: PEER_PACK,
    paragraphs: APPENDED_PARAGRAPHS,
    createMatcherMaxMs: round(Math.max(0, ...ok.map((row) => row.live?.createMatcherMs ?? 0))),
    firstScanLongestTaskMs: round(
      Math.max(0, ...ok.map((row) => row.live?.firstScan.longestTaskMs ?? 0)),
    ),
    firstScanWorkMs: round(sum(ok, (row) => row.live?.firstScan.workMs)),
    appendWorkMedianMs: round(
      median(ok.map((row) => median(row.live?.batches.map((b) => b.workMs) ?? [0]))),
    ),
    appendWorkMaxMs: round(Math.max(0, ...batches.map((b) => b.workMs))),
    appendLongestTaskMs: round(Math.max(0, ...batches.map((b) => b.longestTaskMs))),
    appendLatencyMedianMs: round(median(batches.map((b) => b.latencyMs))),
    appendLatencyMaxMs: round(Math.max(0, ...batches.map((b) => b.latencyMs))),
    claimsAddedPerBatch: round(median(batches.map((b) => b.claimsAdded)), 1),
    longestTaskMaxMs: round(liveWorst.ms),
    longestTaskMaxPage: liveWorst.page,
    longestTaskMedianPageMs: round(median(liveLongest.map((entry) => entry.ms))),
  };

  const targets = [
    {
      target: 'full scan, 5,000 facts, warm: at most 3x the floor',
      measured: `${claimlens.facts5000.warmToFloor}x`,
      met: claimlens.facts5000.warmToFloor <= 3,
    },
    {
      target: 'full scan, 5,000 facts, warm: at least 10x faster than mark.js markRegExp',
      measured: `${round(markjs.warmMs / cl5000, 1)}x${markjs.timedOutPages.length > 0 ? ` (mark.js timed out on ${markjs.timedOutPages.length} pages: a lower bound)` : ''}`,
      met: markjs.warmMs / cl5000 >= 10,
    },
    ...(['bundled', 'facts5000'] as const).flatMap((name) => [
      {
        target: `cold (${name}): at most 10 ms on the median page`,
        measured: `${claimlens[name].coldMedianPageMs} ms`,
        met: claimlens[name].coldMedianPageMs <= 10,
      },
      {
        target: `cold (${name}): at most 30 ms on the heaviest page`,
        measured: `${claimlens[name].coldMaxPageMs} ms (${claimlens[name].coldMaxPage})`,
        met: claimlens[name].coldMaxPageMs <= 30,
      },
    ]),
    ...(withExtension.length > 0
      ? [
          {
            target:
              'no main-thread task over 50 ms caused by the extension (built, bundled pack; thread time)',
            measured:
              `${round(worstCpu.tasks.maxTaskCpuMs, 1)} ms of thread time (${worstCpu.page}: ` +
              `${worstCpu.tasks.longest}); longest in wall time ${round(worst.tasks.maxTaskMs, 1)} ms ` +
              `(${worst.page}, ${round(worst.tasks.maxTaskCpuMs, 1)} ms of it on the CPU)`,
            met: worstCpu.tasks.maxTaskCpuMs <= LONG_TASK_MS,
          },
        ]
      : []),
    {
      target: `no scanner task over 50 ms with the real scheduler (${PEER_PACK}, incl. createMatcher and 100 appended paragraphs)`,
      measured: `${live.longestTaskMaxMs} ms (${live.longestTaskMaxPage}); ${live.longestTaskMedianPageMs} ms on the median page`,
      met: live.longestTaskMaxMs <= LONG_TASK_MS,
    },
    ...(extra.contentScriptBytes !== null
      ? [
          {
            target: 'content-script bundle under 60 kB minified',
            measured: `${round(extra.contentScriptBytes / 1000, 1)} kB`,
            met: extra.contentScriptBytes < 60_000,
          },
        ]
      : []),
  ];

  return {
    pages: ok.length,
    failedPages: rows
      .filter((row) => row.error !== undefined)
      .map((row) => ({ page: row.page, error: row.error })),
    dir: options.dir,
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      node: process.version,
      /** Load average (1 min) when the run started and ended: other processes compete for CPU. */
      loadAverage: [round(extra.loadAtStart, 2), round(os.loadavg()[0]!, 2)],
    },
    chromium: extra.chromium,
    method: {
      runs: options.runs,
      median: `median of ${options.runs}: cold over ${options.runs} fresh page loads, warm over ${options.runs} repeat scans after ${WARMUP_RUNS} untimed ones`,
      clockResolution: extra.crossOriginIsolated ? '5 us (cross-origin isolated)' : '100 us',
      peerBudgetMs: options.peerBudgetMs,
    },
    floor: {
      warmMs: round(floorWarm),
      textNodes: sum(ok, (row) => row.textNodes),
      chars: sum(ok, (row) => row.textChars),
    },
    claimlens,
    markjs: { facts5000: markjs },
    findAndReplaceDOMText: { facts5000: far },
    ratios: {
      claimlens5000WarmToFloor: claimlens.facts5000.warmToFloor,
      markjsToClaimlens5000: round(markjs.warmMs / cl5000, 2),
      findAndReplaceToClaimlens5000: round(far.warmMs / cl5000, 2),
      markjsToFloor: round(markjs.warmMs / floorCompared, 2),
      findAndReplaceToFloor: round(far.warmMs / floorCompared, 2),
    },
    maxTaskMs: round(worst.tasks.maxTaskMs),
    maxTaskPage: worst.page,
    maxTaskEntry: worst.tasks.longest,
    maxTaskCpuMs: round(worstCpu.tasks.maxTaskCpuMs),
    maxTaskCpuPage: worstCpu.page,
    contentScriptBytes: extra.contentScriptBytes,
    contentScriptGzipBytes: extra.contentScriptGzipBytes,
    contentScriptLazyBytes: extra.contentScriptLazyBytes,
    contentScriptLazyGzipBytes: extra.contentScriptLazyGzipBytes,
    incremental: live,
    targets,
    perPage: rows.map((row) => ({
      page: row.page,
      ...(row.error !== undefined ? { error: row.error } : {}),
      ...(row.peerError !== undefined ? { peerError: row.peerError } : {}),
      textNodes: row.textNodes,
      textChars: row.textChars,
      floor: { warmMs: round(row.floorMs) },
      claimlens: Object.fromEntries(
        Object.entries(row.claimlens).map(([name, r]) => [
          name,
          {
            warmMs: round(r.warmMs),
            coldMs: round(r.coldMs),
            parseMs: round(r.parseMs),
            createMatcherMs: round(r.createMatcherMs),
            coldScanMs: round(r.coldScanMs),
            walkMs: round(r.phases.walkMs),
            matchMs: round(r.phases.matchMs),
            paintMs: round(r.phases.paintMs),
            claims: r.claims,
            highlighted: r.highlighted,
            heapKB: round(r.heapKB, 1),
          },
        ]),
      ),
      markjs: row.markjs && {
        facts5000: {
          warmMs: round(row.markjs.ms),
          firstRunMs: round(row.markjs.firstMs),
          marks: row.markjs.marks,
          timedOut: row.markjs.timedOut,
        },
      },
      findAndReplaceDOMText: row.findAndReplaceDOMText && {
        facts5000: {
          warmMs: round(row.findAndReplaceDOMText.ms),
          firstRunMs: round(row.findAndReplaceDOMText.firstMs),
          marks: row.findAndReplaceDOMText.marks,
          timedOut: row.findAndReplaceDOMText.timedOut,
        },
      },
      maxTaskMs: row.extension ? round(row.extension.maxTaskMs) : null,
      extensionTasks: row.extension
        ? {
            maxTaskCpuMs: round(row.extension.maxTaskCpuMs),
            tasks: row.extension.tasks,
            totalMs: round(row.extension.totalMs),
            longest: row.extension.longest,
            reported: row.extension.reported,
          }
        : null,
      incremental: row.live && {
        attempts: row.liveAttempts,
        createMatcherMs: round(row.live.createMatcherMs),
        firstScan: {
          tasks: row.live.firstScan.tasks,
          workMs: round(row.live.firstScan.workMs),
          longestTaskMs: round(row.live.firstScan.longestTaskMs),
          wallMs: round(row.live.firstScan.wallMs, 1),
        },
        appendWorkMs: round(median(row.live.batches.map((b) => b.workMs))),
        appendLongestTaskMs: round(Math.max(...row.live.batches.map((b) => b.longestTaskMs))),
        appendLatencyMs: round(median(row.live.batches.map((b) => b.latencyMs)), 1),
        claimsAdded: median(row.live.batches.map((b) => b.claimsAdded)),
      },
    })),
  };
}

type Summary = ReturnType<typeof summarize>;

function printTable(summary: Summary): void {
  const fmt = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined ? '-' : value.toFixed(digits);
  const rows = summary.perPage.map((row) => {
    const cl = row.claimlens as Record<string, { warmMs: number; coldMs: number } | undefined>;
    const b = cl.bundled;
    const f1 = cl.facts1000;
    const f5 = cl.facts5000;
    return {
      page: row.page,
      chars: row.textChars,
      floor: fmt(row.floor.warmMs),
      'bundled warm': fmt(b?.warmMs),
      'bundled cold': fmt(b?.coldMs),
      '1k warm': fmt(f1?.warmMs),
      '1k cold': fmt(f1?.coldMs),
      '5k warm': fmt(f5?.warmMs),
      '5k cold': fmt(f5?.coldMs),
      '5k/floor': f5 && row.floor.warmMs > 0 ? fmt(f5.warmMs / row.floor.warmMs, 1) : '-',
      'mark.js 5k': row.markjs
        ? `${fmt(row.markjs.facts5000.warmMs)}${row.markjs.facts5000.timedOut ? ' T/O' : ''}`
        : '-',
      'fAR 5k': row.findAndReplaceDOMText
        ? `${fmt(row.findAndReplaceDOMText.facts5000.warmMs)}${row.findAndReplaceDOMText.facts5000.timedOut ? ' T/O' : ''}`
        : '-',
      'max task': fmt(row.maxTaskMs, 1),
      '+100 p': row.incremental ? fmt(row.incremental.appendWorkMs) : '-',
      error: row.error ?? '',
    };
  });
  const c = summary.claimlens;
  rows.push({
    page: `TOTAL (${summary.pages})`,
    chars: summary.floor.chars,
    floor: fmt(summary.floor.warmMs),
    'bundled warm': fmt(c.bundled.warmMs),
    'bundled cold': fmt(c.bundled.coldMs),
    '1k warm': fmt(c.facts1000.warmMs),
    '1k cold': fmt(c.facts1000.coldMs),
    '5k warm': fmt(c.facts5000.warmMs),
    '5k cold': fmt(c.facts5000.coldMs),
    '5k/floor': fmt(c.facts5000.warmToFloor, 1),
    'mark.js 5k': fmt(summary.markjs.facts5000.warmMs),
    'fAR 5k': fmt(summary.findAndReplaceDOMText.facts5000.warmMs),
    'max task': fmt(summary.maxTaskMs, 1),
    '+100 p': fmt(summary.incremental.appendWorkMedianMs),
    error: '',
  });
  console.log(
    `ClaimLens browser benchmark: ${summary.pages} pages from ${summary.dir}\n` +
      `Chromium ${summary.chromium}; ${summary.machine.cpu}, ${summary.machine.cores} cores; ` +
      `load average ${summary.machine.loadAverage.join(' -> ')}; ` +
      `${summary.method.median}; clock ${summary.method.clockResolution}. Times in ms.\n`,
  );
  console.table(rows);
  const r = summary.ratios;
  console.log(
    `\nHeadline (warm, summed over pages): ClaimLens with 5,000 facts = ${r.claimlens5000WarmToFloor}x the floor; ` +
      `mark.js markRegExp = ${r.markjsToClaimlens5000}x ClaimLens (${r.markjsToFloor}x the floor); ` +
      `findAndReplaceDOMText = ${r.findAndReplaceToClaimlens5000}x ClaimLens.`,
  );
  const p = c.facts5000.warmPhases;
  console.log(
    `Where a warm 5,000-fact scan goes (summed): text index ${fmt(p.walkMs)} ms, match ${fmt(p.matchMs)} ms, ` +
      `highlight registration ${fmt(p.paintMs)} ms. Cold parts: spec parse ${fmt(c.facts5000.coldParts.parseMs)} ms, ` +
      `createMatcher ${fmt(c.facts5000.coldParts.createMatcherMs)} ms, first scan ${fmt(c.facts5000.coldParts.scanMs)} ms.`,
  );
  console.log(
    `Compile in Node (median): bundled ${c.bundled.compile.medianMs} ms, 1,000 facts ${c.facts1000.compile.medianMs} ms, ` +
      `5,000 facts ${c.facts5000.compile.medianMs} ms (spec ${fmt(c.facts5000.compile.specJsonBytes / 1024, 0)} KiB). ` +
      `Heap kept by a scan (median page): bundled ${c.bundled.heapKB.medianPage} KB, 5,000 facts ${c.facts5000.heapKB.medianPage} KB.`,
  );
  const i = summary.incremental;
  console.log(
    `Incremental (${i.paragraphs} paragraphs appended, ${i.pack}): ${i.appendWorkMedianMs} ms of work on the median page ` +
      `(max ${i.appendWorkMaxMs}), longest task ${i.appendLongestTaskMs} ms, highlighted ${i.appendLatencyMedianMs} ms after ` +
      `the append (median; includes the ${100} ms batching delay).`,
  );
  if (summary.contentScriptBytes !== null) {
    console.log(
      `Content script: ${summary.contentScriptBytes} bytes minified (${summary.contentScriptGzipBytes} gzipped); ` +
        `claim-card.js, loaded when a page has claims: ${summary.contentScriptLazyBytes} bytes ` +
        `(${summary.contentScriptLazyGzipBytes} gzipped).`,
    );
  }
  console.log('\nTargets (issue 4):');
  for (const target of summary.targets) {
    console.log(`  ${target.met ? 'met   ' : 'MISSED'}  ${target.target}: ${target.measured}`);
  }
  console.log(`\nJSON: ${path.relative(REPO, RESULTS_FILE)}`);
}

// ------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = parseOptions();
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  const pages = readdirSync(options.dir)
    .filter((name) => /\.(html?|txt)$/i.test(name))
    .filter((name) => options.pages === null || options.pages.some((part) => name.includes(part)))
    .sort();
  if (pages.length === 0) {
    console.error(`no .html/.htm/.txt pages in ${options.dir}`);
    process.exit(2);
  }

  progress('compiling packs in Node');
  const packs = preparePacks(options.runs);
  const regex = peerRegex([packs.find((p) => p.name === PEER_PACK)!.pack]);
  const bundle = await bundlePageBench();
  const extension = options.extension ? buildExtension(options) : null;
  let contentScriptBytes: number | null = null;
  let contentScriptGzipBytes: number | null = null;
  let contentScriptLazyBytes: number | null = null;
  let contentScriptLazyGzipBytes: number | null = null;
  if (extension !== null) {
    const content = readFileSync(path.join(extension.dir, 'content-scripts/content.js'));
    contentScriptBytes = content.length;
    contentScriptGzipBytes = gzipSync(content, { level: 9 }).length;
    const lazy = readFileSync(path.join(extension.dir, 'claim-card.js'));
    contentScriptLazyBytes = lazy.length;
    contentScriptLazyGzipBytes = gzipSync(lazy, { level: 9 }).length;
  }

  const server = await startBenchServer(
    options.dir,
    new Map(packs.map((p) => [p.name, p.specJson])),
  );
  const rows = new Map(pages.map((name) => [name, emptyRow(name)]));
  let chromiumVersion = '';
  let crossOriginIsolated = false;
  const plain = await launch(server.origin, null);
  try {
    const driver = new PageDriver(plain.context, bundle, server.specUrl);
    const peers = new PeerTab(plain.context, bundle);
    const probe = await driver.open(server.pageUrl(pages[0]!), []);
    const clock = await call(probe, 'clock');
    crossOriginIsolated = clock.crossOriginIsolated;
    if (!clock.highlightsApi) throw new Error('this Chromium has no CSS Custom Highlight API');
    const cdp = await plain.context.newCDPSession(probe);
    chromiumVersion = (await cdp.send('Browser.getVersion')).product;
    await cdp.detach();
    const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
    // Peers first, all pages in one tab, so their expression stays compiled from page to page.
    progress('mark.js and findAndReplaceDOMText, one tab going from page to page');
    for (const [index, name] of pages.entries()) {
      const begun = Date.now();
      const row = rows.get(name)!;
      try {
        await measurePeers(peers, server.pageUrl(name), row, options, regex);
      } catch (error) {
        await peers.close();
        row.peerError = String(error).split('\n')[0];
      }
      progress(
        `[${index + 1}/${pages.length}] ${name}: ` +
          (row.peerError ??
            `mark.js ${row.markjs?.ms.toFixed(1)} ms (first run ${row.markjs?.firstMs.toFixed(0)}), ` +
              `findAndReplaceDOMText ${row.findAndReplaceDOMText?.ms.toFixed(1)} ms`) +
          ` (${seconds(begun)})`,
      );
    }
    await peers.close();
    progress('ClaimLens: fresh loads per pack for cold, repeat scans for warm, the live scheduler');
    for (const [index, name] of pages.entries()) {
      const begun = Date.now();
      const row = rows.get(name)!;
      try {
        await measureClaimLens(driver, server.pageUrl(name), row, options);
      } catch (error) {
        await driver.close();
        row.error = String(error).split('\n')[0];
      }
      const f5 = row.claimlens.facts5000;
      progress(
        `[${index + 1}/${pages.length}] ${name}: ` +
          (row.error ??
            `floor ${row.floorMs.toFixed(2)} ms, 5,000 facts warm ${f5?.warmMs.toFixed(2)} ms, ` +
              `cold ${f5?.coldMs.toFixed(2)} ms`) +
          ` (${seconds(begun)})`,
      );
    }
    await driver.close();
    await peers.close();
  } finally {
    await plain.close();
  }

  if (extension !== null) {
    progress('loading the built extension on each page under a trace');
    const withExtension = await launch(server.origin, extension.dir);
    try {
      const { context } = withExtension;
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      const tracer = await context.newPage();
      for (const row of rows.values()) {
        if (row.error !== undefined) continue;
        try {
          row.extension = await traceExtensionOnPage(
            context,
            tracer,
            worker,
            extensionId,
            server.pageUrl(row.page),
          );
        } catch (error) {
          progress(`  ${row.page}: trace failed: ${String(error).split('\n')[0]}`);
        }
      }
    } finally {
      await withExtension.close();
      extension.cleanup();
    }
  }
  await server.close();

  const summary = summarize([...rows.values()], packs, regex, options, {
    chromium: chromiumVersion,
    contentScriptBytes,
    contentScriptGzipBytes,
    contentScriptLazyBytes,
    contentScriptLazyGzipBytes,
    crossOriginIsolated,
    loadAtStart,
  });
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printTable(summary);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
