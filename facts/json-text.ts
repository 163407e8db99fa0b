// JSON text → value, with syntax errors located by line and column. JSON.parse does the parsing;
// its messages differ between engines and V8 often gives no position at all ("Unexpected token
// 'x', ... is not valid JSON"), so when it fails, a small iterative scanner finds the first error
// itself and words it the same way in every browser and in Node.

import type { PackError } from './errors';
import { JSON_PATH } from './errors';

export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot be JSON. */
  offset: number;
  message: string;
}

type Expect =
  'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || code === 0xfeff)
    return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `character ${JSON.stringify(char)}`;
}

/** Scans a string starting at its opening quote; returns the offset after it, or an error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) {
      return {
        offset: i,
        message: 'line break or control character inside a string (write it as \\n)',
      };
    }
    if (code === 0x5c) {
      const next = text.charAt(i + 1);
      if (SIMPLE_ESCAPES.includes(next) && next !== '') i += 2;
      else if (next === 'u' && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
      else return { offset: i, message: `bad escape "\\${next}" in a string` };
    } else i++;
  }
  return { offset: start, message: 'string never closed: missing "' };
}

/** The first syntax error in `text`, or null if it is valid JSON. Iterative: any depth is fine. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const open: ('array' | 'object')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (open.length > 0 ? 'comma-or-close' : 'end');

  for (;;) {
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      if (expect === 'end') return null;
      return { offset: i, message: 'unexpected end of text: the JSON is cut short' };
    }
    const char = text.charAt(i);
    switch (expect) {
      case 'end':
        return { offset: i, message: `unexpected ${describeChar(char)} after the end of the JSON` };
      case 'colon':
        if (char !== ':')
          return {
            offset: i,
            message: `expected ":" after a property name, got ${describeChar(char)}`,
          };
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const close = open[open.length - 1] === 'array' ? ']' : '}';
        if (char === ',') {
          i++;
          expect = open[open.length - 1] === 'array' ? 'value' : 'key';
        } else if (char === close) {
          i++;
          open.pop();
          expect = afterValue();
        } else {
          return { offset: i, message: `expected "," or "${close}", got ${describeChar(char)}` };
        }
        continue;
      }
      case 'key':
      case 'key-or-close': {
        if (char === '}' && expect === 'key-or-close') {
          i++;
          open.pop();
          expect = afterValue();
          continue;
        }
        if (char !== '"') {
          const hint = char === '}' ? ' (a trailing comma is not allowed)' : '';
          return {
            offset: i,
            message: `expected a property name in double quotes, got ${describeChar(char)}${hint}`,
          };
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (char === ']' && expect === 'value-or-close') {
          i++;
          open.pop();
          expect = afterValue();
          continue;
        }
        if (char === '{' || char === '[') {
          open.push(char === '{' ? 'object' : 'array');
          i++;
          expect = char === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        if (char === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = afterValue();
          continue;
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
          i = NUMBER.lastIndex;
          expect = afterValue();
          continue;
        }
        const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
        if (literal) {
          i += literal.length;
          expect = afterValue();
          continue;
        }
        const hint = char === ']' ? ' (a trailing comma is not allowed)' : '';
        return { offset: i, message: `expected a value, got ${describeChar(char)}${hint}` };
      }
    }
  }
}

/** 1-based line and column of a UTF-16 offset; lines end at \n, \r\n or \r. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: PackError };

/** Parses JSON text (a leading byte-order mark is ignored); errors have path "(json)". */
export function parseJsonText(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const found = findJsonSyntaxError(body);
    if (!found) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { path: JSON_PATH, message: `not valid JSON: ${reason}` } };
    }
    // Counted without the byte-order mark, which editors do not show.
    const where = lineAndColumn(body, found.offset);
    return {
      ok: false,
      error: {
        path: JSON_PATH,
        message: `line ${where.line}, column ${where.column}: ${found.message}`,
      },
    };
  }
}
