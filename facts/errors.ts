// Pack errors as a newsroom editor reads them: the JavaScript path of the bad field, then a short
// lower-case message with what was expected and what was found, e.g.
//   facts[3].figures[0].value: expected a number, got string
// zod's own messages are written for developers; this formatter writes its own from zod's issues.

import { z } from 'zod';
import { MAX_REPORTED_ERRORS } from './limits';
import { preview, typeName } from './preview';

export interface PackError {
  /** Where: "facts[3].figures[0].value"; "(pack)" for the whole pack; "(json)" for JSON syntax. */
  path: string;
  message: string;
}

export const ROOT_PATH = '(pack)';
export const JSON_PATH = '(json)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["facts", 3, "figures", 0, "value"] → "facts[3].figures[0].value"; odd keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? ROOT_PATH : out;
}

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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: describeUnknownKey(key, allowed),
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

/** At most MAX_REPORTED_ERRORS errors, then one that counts the rest. */
export function capErrors(errors: readonly PackError[]): PackError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return [...errors];
  const hidden = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    { path: ROOT_PATH, message: `and ${plural(hidden, 'more error')}` },
  ];
}

/** "facts[3].claim: must not be empty", or just the message for whole-pack errors. */
export function formatPackError(error: PackError): string {
  return `${error.path}: ${error.message}`;
}
