// Cheap checks that run BEFORE zod, so a hostile pack cannot make validation itself the attack:
// the text's size, and for the parsed value its nesting depth (and, when it did not come from
// text, an estimate of its serialised size). The walk is iterative with one frame per level of
// nesting, so a 100,000-deep array is refused at level MAX_NESTING_DEPTH + 1, in constant stack
// and memory, and a huge array is refused from its length before any element is visited.

import type { PackError } from './errors';
import { formatPath, ROOT_PATH } from './errors';
import { MAX_NESTING_DEPTH, MAX_PACK_BYTES } from './limits';

const MEGABYTE = 1024 * 1024;

/** UTF-8 length of a string without encoding it (a lone surrogate counts as its 3-byte U+FFFD). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The error for a pack over MAX_PACK_BYTES; `bytes` is null when only a lower bound is known. */
export function packTooBig(bytes: number | null): PackError {
  const limit = `${MAX_PACK_BYTES} bytes (${MAX_PACK_BYTES / MEGABYTE} MB)`;
  return {
    path: ROOT_PATH,
    message:
      bytes === null
        ? `pack too big: more than ${limit} as JSON`
        : `pack too big: ${bytes} bytes, at most ${limit} allowed`,
  };
}

/** Refuses JSON text over MAX_PACK_BYTES. UTF-8 takes 1 to 3 bytes per UTF-16 unit (4 per
 *  surrogate pair), so bytes are counted only when the length leaves the answer open. */
export function checkTextSize(text: string): PackError | null {
  if (text.length * 3 <= MAX_PACK_BYTES) return null;
  // Far over the limit, counting every byte of a huge string would itself be the slow part.
  if (text.length > 4 * MAX_PACK_BYTES) return packTooBig(null);
  const bytes = utf8ByteLength(text);
  return bytes > MAX_PACK_BYTES ? packTooBig(bytes) : null;
}

interface Frame {
  /** The key of this container in its parent (unused for the root). */
  key: PropertyKey;
  container: readonly unknown[] | Record<string, unknown>;
  /** Object keys, or null for arrays. */
  keys: string[] | null;
  next: number;
}

/** JSON size of a primitive, as JSON.stringify would write it (strings without escapes). */
function primitiveSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    default:
      return value === null ? 4 : 0;
  }
}

/**
 * Walks a parsed pack without recursion. Refuses nesting deeper than MAX_NESTING_DEPTH (the path
 * names where), and with `estimateSize` (a value that did not come from checked text) refuses one
 * whose JSON would exceed MAX_PACK_BYTES, counting one byte per character: a lower bound.
 */
export function checkStructure(value: unknown, estimateSize: boolean): PackError | null {
  if (typeof value !== 'object' || value === null) return null;
  let size = 0;
  const frames: Frame[] = [];

  const enter = (key: PropertyKey, container: object): PackError | null => {
    if (frames.length + 1 > MAX_NESTING_DEPTH) {
      return {
        path: formatPath([...frames.map((frame) => frame.key), key].slice(1)),
        message: `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of arrays and objects`,
      };
    }
    if (Array.isArray(container)) {
      size += 2 + Math.max(0, container.length - 1);
      frames.push({ key, container, keys: null, next: 0 });
    } else {
      const keys = Object.keys(container);
      size += 2 + Math.max(0, keys.length - 1);
      for (const name of keys) size += name.length + 3;
      frames.push({ key, container: container as Record<string, unknown>, keys, next: 0 });
    }
    return estimateSize && size > MAX_PACK_BYTES ? packTooBig(null) : null;
  };

  const refused = enter('', value);
  if (refused) return refused;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    const length = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.next >= length) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const key: PropertyKey = frame.keys ? (frame.keys[index] as string) : index;
    const child = frame.keys
      ? (frame.container as Record<string, unknown>)[key as string]
      : (frame.container as unknown[])[index];
    if (typeof child === 'object' && child !== null) {
      const problem = enter(key, child);
      if (problem) return problem;
    } else if (estimateSize) {
      size += primitiveSize(child);
      if (size > MAX_PACK_BYTES) return packTooBig(null);
    }
  }
  return null;
}
