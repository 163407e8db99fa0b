// The project's WXT config with another output folder, so `npm run bench` builds the extension it
// measures without touching .output/chrome-mv3, which other tools and people use at the same time.
// The folder comes from CLAIMLENS_BENCH_OUT (bench/run.ts sets a temporary one); else .output/bench.
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  outDir: process.env.CLAIMLENS_BENCH_OUT ?? '.output/bench',
});
