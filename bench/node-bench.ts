// `npm run bench:node`: how fast the engine is in Node, on the real pages of ../shared/corpus.
// A synthetic pack of 10,000 facts (bench/synthetic-pack.ts) is compiled (time, spec size), then
// every corpus page is extracted and scanned (median of 5 warm runs per page), with that pack and
// with the bundled pack; heap use is read before and after. Prints a table and writes
// bench/results/node-bench.json. A measurement, not a test: nothing here passes or fails.

import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { extractText } from '../cli/extract-html';
import { BUNDLED_PACK_PATH } from '../cli/scan';
import { compilePacks } from '../core/compile';
import { createMatcher } from '../core/matcher';
import type { Pack } from '../core/pack';
import { loadPack } from '../facts/load';
import { syntheticPack } from './synthetic-pack';

const FACTS = 10_000;
const RUNS = 5;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.resolve(repo, '../shared/corpus');
const resultsFile = path.join(repo, 'bench/results/node-bench.json');

// A full collection before each heap reading, so the figures are live data, not garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function heapUsedMB(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` once to warm up, then RUNS times; the median duration in ms and the last result. */
function timed<T>(work: () => T): { ms: number; result: T } {
  let result = work();
  const durations: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = work();
    durations.push(performance.now() - start);
  }
  return { ms: median(durations), result };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const heapAtStart = heapUsedMB();

// 1. The synthetic pack: generate, validate (as the extension would), compile.
let start = performance.now();
const synthetic = syntheticPack({ facts: FACTS, seed: 1 });
const generateMs = performance.now() - start;
start = performance.now();
const validated = loadPack(synthetic);
const validateMs = performance.now() - start;
if (!validated.ok) {
  console.error(
    `the synthetic pack does not validate: ${JSON.stringify(validated.errors.slice(0, 5))}`,
  );
}
start = performance.now();
const firstCompile = compilePacks([synthetic]);
const compileColdMs = performance.now() - start;
const compile = timed(() => compilePacks([synthetic]));
const spec = compile.result.spec;
const specJson = JSON.stringify(spec);
const specBytes = Buffer.byteLength(specJson);
// What a content script pays: build a matcher from a spec that arrived as a structured clone.
const matcherCreateRuns: number[] = [];
for (let i = 0; i <= RUNS; i++) {
  const received = JSON.parse(specJson) as typeof spec;
  const begin = performance.now();
  createMatcher(received);
  if (i > 0) matcherCreateRuns.push(performance.now() - begin);
}
const matcherCreate = { ms: median(matcherCreateRuns) };
const syntheticMatcher = createMatcher(spec);
const heapAfterCompile = heapUsedMB();

const bundledLoad = loadPack(readFileSync(BUNDLED_PACK_PATH, 'utf8'));
const bundledPacks: Pack[] = bundledLoad.ok ? [bundledLoad.pack] : [];
const bundledMatcher = bundledLoad.ok ? createMatcher(compilePacks(bundledPacks).spec) : null;

// 2. Every corpus page: extract, then scan with each pack.
const pages = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.html'))
  .sort();
const rows = pages.map((name) => {
  const html = readFileSync(path.join(corpusDir, name), 'utf8');
  const extract = timed(() => extractText(html));
  const text = extract.result;
  const scanSynthetic = timed(() => syntheticMatcher.scan(text));
  const scanBundled = bundledMatcher ? timed(() => bundledMatcher.scan(text)) : null;
  return {
    page: name,
    htmlKB: round(Buffer.byteLength(html) / 1024, 1),
    textChars: text.length,
    extractMs: round(extract.ms),
    scanSyntheticMs: round(scanSynthetic.ms, 3),
    syntheticMatches: scanSynthetic.result.length,
    scanBundledMs: scanBundled ? round(scanBundled.ms, 3) : null,
    bundledMatches: scanBundled ? scanBundled.result.length : null,
  };
});
const heapAfterScan = heapUsedMB();

const sum = (pick: (row: (typeof rows)[number]) => number | null) =>
  rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
const totals = {
  pages: rows.length,
  htmlKB: round(
    sum((row) => row.htmlKB),
    1,
  ),
  textChars: sum((row) => row.textChars),
  extractMs: round(sum((row) => row.extractMs)),
  scanSyntheticMs: round(
    sum((row) => row.scanSyntheticMs),
    3,
  ),
  syntheticMatches: sum((row) => row.syntheticMatches),
  scanBundledMs: bundledMatcher
    ? round(
        sum((row) => row.scanBundledMs),
        3,
      )
    : null,
  bundledMatches: bundledMatcher ? sum((row) => row.bundledMatches) : null,
};
const scanCharsPerMs = totals.textChars / totals.scanSyntheticMs;

const report = {
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    // Other work on the machine inflates timings; the 1-minute load average says how much.
    loadAverage1m: round(os.loadavg()[0] ?? 0),
  },
  method: `median of ${RUNS} warm runs after one warm-up run; heap after two forced collections`,
  syntheticPack: {
    facts: FACTS,
    matchers: synthetic.facts.reduce((n, fact) => n + fact.matchers.length, 0),
    generateMs: round(generateMs),
    validateMs: round(validateMs),
    validationErrors: validated.ok ? 0 : validated.errors.length,
    compileColdMs: round(compileColdMs),
    compileWarmMs: round(compile.ms),
    compileErrors: firstCompile.errors.length,
    specJsonBytes: specBytes,
    createMatcherFromJsonMs: round(matcherCreate.ms),
  },
  bundledPack: bundledLoad.ok
    ? {
        id: bundledLoad.pack.id,
        version: bundledLoad.pack.version,
        facts: bundledLoad.pack.facts.length,
      }
    : { errors: bundledLoad.errors.length },
  heapMB: {
    start: round(heapAtStart, 1),
    afterCompile: round(heapAfterCompile, 1),
    afterScan: round(heapAfterScan, 1),
  },
  totals: { ...totals, scanSyntheticCharsPerMs: Math.round(scanCharsPerMs) },
  pages: rows,
};

mkdirSync(path.dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);

const s = report.syntheticPack;
console.log(
  `Node ${process.version}, ${report.machine.cpu} (${report.machine.cores} cores, ` +
    `load average ${report.machine.loadAverage1m})`,
);
console.log(`${report.method}\n`);
console.log(
  `Synthetic pack: ${s.facts} facts, ${s.matchers} patterns; generated in ${s.generateMs} ms, ` +
    `validated (loadPack, includes a compile) in ${s.validateMs} ms`,
);
console.log(
  `Compile: ${s.compileColdMs} ms cold, ${s.compileWarmMs} ms warm; ${s.compileErrors} pattern ` +
    `errors; spec JSON ${(s.specJsonBytes / 1024).toFixed(0)} KiB; createMatcher from a ` +
    `received spec ${s.createMatcherFromJsonMs} ms`,
);
console.log(
  `Heap used: ${report.heapMB.start} MB at start, ${report.heapMB.afterCompile} MB with the ` +
    `compiled spec, ${report.heapMB.afterScan} MB after scanning\n`,
);
console.table(
  [...rows, { page: 'TOTAL', ...totals }].map((row) => ({
    page: row.page,
    'HTML KB': row.htmlKB,
    'text chars': row.textChars,
    'extract ms': row.extractMs,
    'scan 10k ms': row.scanSyntheticMs,
    'matches 10k': row.syntheticMatches,
    'scan bundled ms': row.scanBundledMs,
    'matches bundled': row.bundledMatches,
  })),
);
console.log(
  `\nScan with ${FACTS} facts: ${Math.round(scanCharsPerMs).toLocaleString('en')} chars/ms ` +
    `(${(scanCharsPerMs / 1000).toFixed(1)} M chars/s). ` +
    `Written to ${path.relative(repo, resultsFile)}`,
);
