// Pack errors as a newsroom editor reads them: the JavaScript path of the bad field, then a short
// lower-case message with what was expected and what was found, e.g.
//   facts[3].figures[0].value: expected a number, got string
// No zod here, so UI code may show pack errors; zod's issues are worded in schema-errors.ts.

import { MAX_REPORTED_ERRORS } from './limits';

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

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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

/** One line: "facts[3].claim: must not be empty", "(json): line 4, column 28: ...". */
export function formatPackError(error: PackError): string {
  return `${error.path}: ${error.message}`;
}
