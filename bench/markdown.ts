// Prints the result of `npm run bench` as Markdown tables, for docs/BENCHMARK.md and the README:
// `npx tsx bench/markdown.ts [--pages] [FILE]` (FILE: bench/results/browser-bench.json by default;
// --pages adds the per-page table). It only formats the JSON the benchmark wrote.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface PackSummary {
  facts: number;
  warmMs: number;
  coldMs: number;
  coldMedianPageMs: number;
  coldMaxPageMs: number;
  coldMaxPage: string;
  coldParts: { parseMs: number; createMatcherMs: number; scanMs: number };
  warmPhases: { walkMs: number; matchMs: number; paintMs: number };
  heapKB: { medianPage: number; maxPage: number };
  compile: { medianMs: number; specJsonBytes: number };
  warmToFloor: number;
}

interface PeerSummary {
  warmMs: number;
  firstRunMaxMs: number;
  timedOutPages: string[];
}

interface PagePack {
  warmMs: number;
  coldMs: number;
}

interface Result {
  pages: number;
  date: string;
  chromium: string;
  machine: { cpu: string; cores: number; loadAverage: number[] };
  floor: { warmMs: number };
  claimlens: Record<'bundled' | 'facts1000' | 'facts5000', PackSummary>;
  markjs: { facts5000: PeerSummary };
  findAndReplaceDOMText: { facts5000: PeerSummary };
  ratios: Record<string, number>;
  maxTaskMs: number;
  maxTaskPage: string;
  maxTaskCpuMs: number;
  maxTaskCpuPage: string;
  contentScriptBytes: number | null;
  incremental: {
    appendWorkMedianMs: number;
    appendLatencyMedianMs: number;
    longestTaskMaxMs: number;
    longestTaskMaxPage: string;
    longestTaskMedianPageMs: number;
  };
  targets: { target: string; measured: string; met: boolean }[];
  perPage: {
    page: string;
    error?: string;
    floor: { warmMs: number };
    claimlens: Partial<Record<'bundled' | 'facts1000' | 'facts5000', PagePack>>;
    markjs?: { facts5000: { warmMs: number; timedOut: boolean } };
    findAndReplaceDOMText?: { facts5000: { warmMs: number; timedOut: boolean } };
    maxTaskMs: number | null;
    incremental?: { appendWorkMs: number };
  }[];
}

const args = process.argv.slice(2);
const withPages = args.includes('--pages');
const file =
  args.find((arg) => !arg.startsWith('--')) ?? path.join(REPO, 'bench/results/browser-bench.json');
const result = JSON.parse(readFileSync(file, 'utf8')) as Result;
const ms = (value: number | undefined | null, digits = 1) =>
  value === undefined || value === null ? '–' : value.toFixed(digits);
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const c = result.claimlens;
const floor = result.floor.warmMs;
const lines: string[] = [];
lines.push(
  `Measured ${result.date.slice(0, 10)} on ${result.pages} pages, ${result.chromium}, ` +
    `${result.machine.cpu} (${result.machine.cores} cores, load average ` +
    `${result.machine.loadAverage.join(' → ')}). Times in ms, summed over the pages; ` +
    `cold is the sum of per-page medians of 5 fresh loads, warm of 5 repeat scans.`,
  '',
  row(['', 'warm', '× floor', 'cold', 'cold, median page', 'cold, heaviest page']),
  row(['---', '---:', '---:', '---:', '---:', '---:']),
  row(['floor (TreeWalker reading every text node)', ms(floor, 2), '1', '', '', '']),
);
for (const [name, label] of [
  ['bundled', 'ClaimLens, bundled pack (37 facts)'],
  ['facts1000', 'ClaimLens, 1,000 facts'],
  ['facts5000', 'ClaimLens, 5,000 facts'],
] as const) {
  const pack = c[name];
  lines.push(
    row([
      label,
      ms(pack.warmMs),
      ms(pack.warmMs / floor, 0),
      ms(pack.coldMs, 0),
      ms(pack.coldMedianPageMs),
      `${ms(pack.coldMaxPageMs)} (${pack.coldMaxPage})`,
    ]),
  );
}
for (const [label, peer] of [
  ['mark.js `markRegExp`, same 5,000-fact phrases', result.markjs.facts5000],
  ['findAndReplaceDOMText, same phrases', result.findAndReplaceDOMText.facts5000],
] as const) {
  const timedOut = peer.timedOutPages.length > 0 ? ` (${peer.timedOutPages.length} timed out)` : '';
  lines.push(row([label, `${ms(peer.warmMs)}${timedOut}`, ms(peer.warmMs / floor, 0), '', '', '']));
}
const p = c.facts5000.warmPhases;
const parts = c.facts5000.coldParts;
lines.push(
  '',
  `Headline: ClaimLens with 5,000 facts is **${ms(result.ratios.claimlens5000WarmToFloor)}× the ` +
    `floor** warm, and mark.js is **${ms(result.ratios.markjsToClaimlens5000)}× slower** than ` +
    `ClaimLens (findAndReplaceDOMText ${ms(result.ratios.findAndReplaceToClaimlens5000)}×). ` +
    `A warm 5,000-fact scan: text index ${ms(p.walkMs)}, match ${ms(p.matchMs)}, highlight ` +
    `registration ${ms(p.paintMs)}. Cold: spec parse ${ms(parts.parseMs)}, createMatcher ` +
    `${ms(parts.createMatcherMs)}, first scan ${ms(parts.scanMs)}. Longest extension task ` +
    `(built extension, bundled pack): ${ms(result.maxTaskCpuMs)} ms of thread time ` +
    `(${result.maxTaskCpuPage}); ${ms(result.maxTaskMs)} ms wall (${result.maxTaskPage}). ` +
    `Real scheduler, 5,000 facts: longest task ${ms(result.incremental.longestTaskMaxMs)} ` +
    `(${result.incremental.longestTaskMaxPage}), ${ms(result.incremental.longestTaskMedianPageMs)} ` +
    `on the median page; 100 appended paragraphs cost ${ms(result.incremental.appendWorkMedianMs)} ` +
    `of work and are highlighted ${ms(result.incremental.appendLatencyMedianMs, 0)} ms later ` +
    `(median page). Content script: ${result.contentScriptBytes ?? '–'} bytes.`,
  '',
  row(['Target (issue 4)', 'Measured', 'Met']),
  row(['---', '---', '---']),
  ...result.targets.map((target) =>
    row([target.target, target.measured, target.met ? 'yes' : '**no**']),
  ),
);

if (withPages) {
  lines.push(
    '',
    row([
      'page',
      'floor',
      'bundled warm',
      'bundled cold',
      '1k warm',
      '1k cold',
      '5k warm',
      '5k cold',
      'mark.js',
      'fAR',
      'max task',
      '+100 ¶',
    ]),
    row(['---', ...Array.from({ length: 11 }, () => '---:')]),
  );
  for (const page of result.perPage) {
    const cl = page.claimlens;
    lines.push(
      row([
        page.page,
        ms(page.floor.warmMs, 2),
        ms(cl.bundled?.warmMs, 2),
        ms(cl.bundled?.coldMs),
        ms(cl.facts1000?.warmMs, 2),
        ms(cl.facts1000?.coldMs),
        ms(cl.facts5000?.warmMs, 2),
        ms(cl.facts5000?.coldMs),
        ms(page.markjs?.facts5000.warmMs),
        ms(page.findAndReplaceDOMText?.facts5000.warmMs),
        ms(page.maxTaskMs),
        ms(page.incremental?.appendWorkMs),
      ]),
    );
  }
}
console.log(lines.join('\n'));
