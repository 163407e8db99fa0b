// Which claim is under a point of the viewport. Highlights are not elements, so the pointer cannot
// target them: CSS.highlights.highlightsFromPoint(x, y) answers where the browser has it (Chromium);
// elsewhere the caret position under the point narrows the claims to those in that text node, and
// their client rects decide; with wrapper elements, the element under the point does.

import type { Paintable, Painter } from './highlights';

interface HighlightHit {
  highlight?: unknown;
  ranges?: readonly AbstractRange[];
}

interface RegistryWithHitTest {
  highlightsFromPoint?(x: number, y: number): readonly (HighlightHit | object)[];
}

interface CaretDocument {
  caretPositionFromPoint?(x: number, y: number): { offsetNode: Node } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

function containsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of Array.from(range.getClientRects())) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

function nodeAtPoint(doc: Document, x: number, y: number): Node | null {
  const caret = doc as Document & CaretDocument;
  if (typeof caret.caretPositionFromPoint === 'function') {
    return caret.caretPositionFromPoint(x, y)?.offsetNode ?? null;
  }
  if (typeof caret.caretRangeFromPoint === 'function') {
    return caret.caretRangeFromPoint(x, y)?.startContainer ?? null;
  }
  return null;
}

/**
 * The claim painted at viewport point (x, y), if any. `byRange` maps each claim's Range to the
 * claim (the ranges highlightsFromPoint returns are the very Range objects that were painted).
 */
export function claimAtPoint<C extends Paintable>(
  doc: Document,
  x: number,
  y: number,
  claims: readonly C[],
  byRange: ReadonlyMap<AbstractRange, C>,
  painter: Pick<Painter, 'claimAtElement'>,
): C | undefined {
  if (claims.length === 0) return undefined;
  if (painter.claimAtElement !== undefined) {
    const element = doc.elementFromPoint(x, y);
    return element === null ? undefined : (painter.claimAtElement(element) as C | undefined);
  }
  const registry = doc.defaultView?.CSS?.highlights as RegistryWithHitTest | undefined;
  if (typeof registry?.highlightsFromPoint === 'function') {
    const hits = registry.highlightsFromPoint(x, y);
    let sawRanges = false;
    for (const hit of hits) {
      const ranges = (hit as HighlightHit).ranges;
      if (ranges === undefined) continue;
      sawRanges = true;
      for (const range of ranges) {
        const claim = byRange.get(range);
        if (claim !== undefined) return claim;
      }
    }
    // Hits that name ranges are a complete answer; older versions give only the highlights.
    if (sawRanges || hits.length === 0) return undefined;
  }
  const node = nodeAtPoint(doc, x, y);
  const candidates =
    node === null ? claims : claims.filter((claim) => claim.range.intersectsNode(node));
  return candidates.find((claim) => containsPoint(claim.range, x, y));
}
