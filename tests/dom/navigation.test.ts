// @vitest-environment happy-dom
// Keyboard shortcuts, moving between claims, where the card goes, and hit-testing a point
// against painted claims (with a stand-in for highlightsFromPoint, which happy-dom lacks).

import { afterEach, describe, expect, it } from 'vitest';
import { claimAtPoint } from '../../dom/hit-test';
import { WrapperPainter } from '../../dom/highlights';
import type { Paintable } from '../../dom/highlights';
import { isTypingTarget, navigationStep, nextIndex, placeCard } from '../../dom/navigation';

const key = (
  code: string,
  modifiers: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>,
) => ({
  code,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});

describe('shortcuts', () => {
  it('Alt+Shift+J is next and Alt+Shift+K previous, by physical key', () => {
    expect(navigationStep(key('KeyJ', { altKey: true, shiftKey: true }))).toBe(1);
    expect(navigationStep(key('KeyK', { altKey: true, shiftKey: true }))).toBe(-1);
  });

  it('other combinations are left to the page and the browser', () => {
    expect(navigationStep(key('KeyJ', { altKey: true }))).toBeNull();
    expect(navigationStep(key('KeyJ', { shiftKey: true }))).toBeNull();
    expect(navigationStep(key('KeyJ', { altKey: true, shiftKey: true, ctrlKey: true }))).toBeNull();
    expect(navigationStep(key('KeyJ', { altKey: true, shiftKey: true, metaKey: true }))).toBeNull();
    expect(navigationStep(key('KeyL', { altKey: true, shiftKey: true }))).toBeNull();
  });

  it('typing targets are recognised', () => {
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const div = document.createElement('div');
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(area)).toBe(true);
    expect(isTypingTarget(div)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(
      isTypingTarget({ localName: 'div', isContentEditable: true } as unknown as EventTarget),
    ).toBe(true);
  });
});

describe('moving between claims', () => {
  it('starts at the first (forwards) or last (backwards) claim and wraps around', () => {
    expect(nextIndex(-1, 5, 1)).toBe(0);
    expect(nextIndex(-1, 5, -1)).toBe(4);
    expect(nextIndex(0, 5, 1)).toBe(1);
    expect(nextIndex(4, 5, 1)).toBe(0);
    expect(nextIndex(0, 5, -1)).toBe(4);
    expect(nextIndex(2, 0, 1)).toBe(-1);
    expect(nextIndex(7, 5, 1)).toBe(0); // the current claim went away
  });
});

describe('placing the card', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 400, height: 300 };

  it('goes below the claim when it fits', () => {
    expect(placeCard({ left: 100, top: 100, right: 200, bottom: 120 }, size, viewport)).toEqual({
      left: 100,
      top: 128,
    });
  });

  it('goes above when there is no room below', () => {
    expect(placeCard({ left: 100, top: 600, right: 200, bottom: 620 }, size, viewport)).toEqual({
      left: 100,
      top: 292,
    });
  });

  it('stays inside the viewport', () => {
    const placed = placeCard({ left: 900, top: 10, right: 990, bottom: 30 }, size, viewport);
    expect(placed.left + size.width).toBeLessThanOrEqual(viewport.width - 8);
    const tall = placeCard(
      { left: 0, top: 390, right: 50, bottom: 410 },
      { width: 300, height: 900 },
      viewport,
    );
    expect(tall.top).toBe(8);
  });
});

describe('hit-testing', () => {
  afterEach(() => document.body.replaceChildren());

  function claimIn(text: string): Paintable {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
    const range = document.createRange();
    range.selectNodeContents(p.firstChild!);
    return { range, kind: 'count' };
  }

  it('asks highlightsFromPoint and maps the ranges it names back to claims', () => {
    const first = claimIn('238 Venezuelans');
    const second = claimIn('$6 million');
    const byRange = new Map([
      [first.range, first],
      [second.range, second],
    ]);
    const calls: [number, number][] = [];
    const registry = {
      highlightsFromPoint(x: number, y: number) {
        calls.push([x, y]);
        return x > 50 ? [{ highlight: {}, ranges: [second.range] }] : [];
      },
    };
    Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
    try {
      const noWrappers = {};
      expect(claimAtPoint(document, 60, 10, [first, second], byRange, noWrappers)).toBe(second);
      expect(claimAtPoint(document, 10, 10, [first, second], byRange, noWrappers)).toBeUndefined();
      expect(calls).toEqual([
        [60, 10],
        [10, 10],
      ]);
    } finally {
      Reflect.deleteProperty(window, 'CSS');
    }
  });

  it('with wrapper marks, uses the element under the point', () => {
    const claim = claimIn('paid El Salvador $6 million');
    const painter = new WrapperPainter(document);
    painter.add([claim]);
    const mark = document.querySelector('mark')!;
    const original = document.elementFromPoint;
    document.elementFromPoint = (x: number) => (x > 50 ? mark : document.body);
    try {
      expect(claimAtPoint(document, 60, 5, [claim], new Map(), painter)).toBe(claim);
      expect(claimAtPoint(document, 5, 5, [claim], new Map(), painter)).toBeUndefined();
    } finally {
      document.elementFromPoint = original;
    }
  });

  it('finds nothing when there are no claims', () => {
    expect(claimAtPoint(document, 5, 5, [], new Map(), {})).toBeUndefined();
  });
});
