// Shared by the pack loader's tests: fixture packs and small edits to them by path.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatPackError, loadPack } from '../../facts/load';

export const PACKS_DIR = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(`${PACKS_DIR}${name}`, 'utf8');
}

type Json = Record<string, unknown> | unknown[];

/** A fresh parsed copy of tests/fixtures/packs/valid.json, free to modify. */
export function validPack(): Record<string, unknown> {
  return JSON.parse(readFixture('valid.json')) as Record<string, unknown>;
}

function parentOf(root: Json, path: readonly (string | number)[]): Json {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown>)[key];
    if (typeof node !== 'object' || node === null)
      throw new Error(`no ${key} in ${path.join('.')}`);
  }
  return node as Json;
}

/** Sets the value at `path` (creating nothing on the way: the path must exist up to its last key). */
export function edit<T extends Json>(
  root: T,
  path: readonly (string | number)[],
  value: unknown,
): T {
  const parent = parentOf(root, path) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return root;
}

/** Deletes the key at `path`. */
export function remove<T extends Json>(root: T, path: readonly (string | number)[]): T {
  const parent = parentOf(root, path) as Record<string | number, unknown>;
  delete parent[path[path.length - 1] as string | number];
  return root;
}

/** The formatted errors loadPack reports for `input`, or [] when it accepts it. */
export function errorsOf(input: unknown): string[] {
  const result = loadPack(input);
  return result.ok ? [] : result.errors.map(formatPackError);
}
