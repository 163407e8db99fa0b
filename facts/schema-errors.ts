// zod's issues reworded for a newsroom editor. zod's own messages are written for developers
// ("Invalid input: expected number, received string"); these say what the field needed and what it
// had, in lower case, with the allowed values of a list and the likely intended name of a mistyped key.

import { z } from 'zod';
import type { PackError } from './errors';
import { formatPath, plural } from './errors';
import { MAX_REPORTED_ERRORS } from './limits';
import { preview, typeName } from './preview';

const ARTICLES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
};

function expectedPhrase(expected: string): string {
  return ARTICLES[expected] ?? expected;
}

function describeInvalidType(issue: z.core.$ZodIssueInvalidType): string {
  const expected = expectedPhrase(issue.expected);
  if (issue.input === undefined) return `expected ${expected}, but the field is missing`;
  if (issue.expected === 'number' && typeof issue.input === 'number') {
    return `expected a finite number, got ${typeName(issue.input)}`;
  }
  return `expected ${expected}, got ${typeName(issue.input)}`;
}

function describeTooBig(issue: z.core.$ZodIssueTooBig): string {
  const max = Number(issue.maximum);
  const input = issue.input;
  if (issue.origin === 'string') {
    const length = typeof input === 'string' ? `${input.length} characters, ` : '';
    return `too long: ${length}at most ${max} allowed`;
  }
  if (issue.origin === 'array') {
    const count = Array.isArray(input) ? `${input.length} items, ` : '';
    return `too many items: ${count}at most ${max} allowed`;
  }
  return `too big: at most ${max} allowed`;
}

function describeTooSmall(issue: z.core.$ZodIssueTooSmall): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'string')
    return min === 1 ? 'must not be empty' : `must have at least ${plural(min, 'character')}`;
  if (issue.origin === 'array') return `must have at least ${plural(min, 'item')}`;
  return `too small: at least ${min} required`;
}

function describeInvalidValue(issue: z.core.$ZodIssueInvalidValue): string {
  const allowed = issue.values.map((value) => String(value));
  const got =
    issue.input === undefined ? 'but the field is missing' : `got ${preview(issue.input)}`;
  if (allowed.length === 1) return `expected ${JSON.stringify(issue.values[0])}, ${got}`;
  return `expected one of ${allowed.join(', ')}, ${got}`;
}

/** The object schema found by following `path` from `root`, or null. */
function objectSchemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | null {
  let schema: z.ZodType = root;
  for (const key of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray && typeof key === 'number')
      schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject && typeof key === 'string') {
      const next = (schema.shape as Record<string, z.ZodType>)[key];
      if (!next) return null;
      schema = next;
    } else return null;
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? schema : null;
}

/** Levenshtein distance, bounded: field names are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function describeUnknownKey(key: string, allowed: readonly string[]): string {
  const folded = key.toLowerCase();
  const close = allowed.find((name) => editDistance(folded, name.toLowerCase()) <= 2);
  if (close) return `unknown key (did you mean "${close}"?)`;
  return allowed.length > 0 ? `unknown key (allowed here: ${allowed.join(', ')})` : 'unknown key';
}

/** One zod issue as one or more pack errors (an unknown-keys issue gives one error per key). */
function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType): PackError[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return [{ path, message: describeInvalidType(issue) }];
    case 'too_big':
      return [{ path, message: describeTooBig(issue) }];
    case 'too_small':
      return [{ path, message: describeTooSmall(issue) }];
    case 'invalid_value':
      return [{ path, message: describeInvalidValue(issue) }];
    case 'unrecognized_keys': {
      const shape = objectSchemaAt(root, issue.path);
      const allowed = shape ? Object.keys(shape.shape) : [];
      // Suggestions cost an edit distance per allowed key; past what will be shown, skip them.
      return issue.keys.map((key, index) => ({
        path: formatPath([...issue.path, key]),
        message: index < MAX_REPORTED_ERRORS ? describeUnknownKey(key, allowed) : 'unknown key',
      }));
    }
    default: {
      // Our own refinements already write reader-facing messages; anything else is zod's wording.
      const message = issue.message;
      return [{ path, message: message.charAt(0).toLowerCase() + message.slice(1) }];
    }
  }
}

/** Every zod issue as pack errors, in the order zod found them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: z.ZodType): PackError[] {
  return issues.flatMap((issue) => describeIssue(issue, root));
}
