/** Untimed runs before the timed ones of every warm measurement (the floor, ClaimLens, the peers):
 * the page's DOM and our code (V8 optimises a function after it has run a few times) are then as
 * warm as a page's later scans see them. Shared by bench/run.ts and bench/page-bench.ts. */
export const WARMUP_RUNS = 3;
