/** Runs `work` in the background of an event; a failure is logged, never thrown into the page. */
export function quietly(work: Promise<unknown>): void {
  work.catch((error: unknown) => console.warn('ClaimLens:', error));
}
