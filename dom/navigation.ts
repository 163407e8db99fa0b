// Keyboard navigation between claims and where the card goes. Pure functions of their inputs.

/** Alt+Shift+J / Alt+Shift+K: next / previous claim. Chosen because browsers and the common
 * screen readers (NVDA, JAWS, VoiceOver, Orca) give these no meaning, and they are matched by
 * physical key (event.code), so they work on any keyboard layout and with macOS's Option
 * producing other characters. */
export const NEXT_CLAIM = { code: 'KeyJ', altKey: true, shiftKey: true } as const;
export const PREVIOUS_CLAIM = { code: 'KeyK', altKey: true, shiftKey: true } as const;

export type Step = 1 | -1;

interface KeyLike {
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Which way a key event moves between claims, or null if it is not one of the shortcuts. */
export function navigationStep(event: KeyLike): Step | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === NEXT_CLAIM.code) return 1;
  if (event.code === PREVIOUS_CLAIM.code) return -1;
  return null;
}

/** The claim to move to from `current` (-1: none yet), wrapping around at either end. */
export function nextIndex(current: number, count: number, step: Step): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a card of `size` goes beside an anchor box, in viewport coordinates: below it if it fits,
 * else above it if it fits, else on the side with more room; always inside the viewport. */
export function placeCard(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  gap = 8,
): { left: number; top: number } {
  const margin = 8;
  const below = viewport.height - anchor.bottom - gap - margin;
  const above = anchor.top - gap - margin;
  let top: number;
  if (size.height <= below || below >= above) top = anchor.bottom + gap;
  else top = anchor.top - gap - size.height;
  top = Math.max(margin, Math.min(top, viewport.height - size.height - margin));
  const left = Math.max(margin, Math.min(anchor.left, viewport.width - size.width - margin));
  return { left, top };
}

/** Whether a keyboard event's target is somewhere the reader types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as (Element & { isContentEditable?: boolean }) | null;
  if (element === null || typeof element.localName !== 'string') return false;
  if (element.isContentEditable === true) return true;
  return ['input', 'textarea', 'select'].includes(element.localName);
}
