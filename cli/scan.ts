// `npm run --silent scan -- [--json] [--pack FILE ...] PATH ...`: finds known claims in HTML and
// text files with the engine the extension uses (core/compile.ts, core/matcher.ts, core/describe.ts)
// and the bundled pack unless --pack is given. The contract is DESIGN.md's "Command-line contract";
// docs/SCAN.md is the user's guide. Exit codes: 0 done (some files may have failed), 1 every file
// failed, 2 the command was used wrongly (no paths, unknown option, a pack that cannot be used).

import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compilePacks } from '../core/compile';
import { createDescriber } from '../core/describe';
import type { ScanMatch } from '../core/describe';
import { createMatcher } from '../core/matcher';
import type { Pack } from '../core/pack';
import { formatPackError, loadPack } from '../facts/load';
import { decodeDocument, extractText, isHtmlFileName } from './extract-html';

export const BUNDLED_PACK_PATH = fileURLToPath(
  new URL('../facts/packs/cecot-2025.json', import.meta.url),
);

/** Files a folder contributes: its own .html, .htm and .txt files, not its subfolders'. */
const SCANNED_IN_FOLDERS = /\.(html?|txt)$/i;

export const USAGE = `Usage: npm run --silent scan -- [--json] [--pack FILE ...] PATH ...

Finds known claims in HTML and text files and says what the sources say about them.
A PATH that is a folder means every .html, .htm and .txt file directly in it.

Options:
  --json         print one JSON array, one entry per file, and nothing else on stdout
  --pack FILE    use this fact pack instead of the bundled one (repeat for several)
  -h, --help     show this help

Exit status: 0 when the scan ran (even if some files could not be read), 1 when every file
failed, 2 when the command was used wrongly or a pack is invalid.`;

/** One file's result: its claims, or why it could not be scanned. */
export type FileResult = { file: string; matches: ScanMatch[] } | { file: string; error: string };

/** The packs, compiled once, ready to scan any number of texts. */
export interface ScanEngine {
  packs: readonly Pack[];
  /** Every claim in a text, described, in text order. Offsets are into `text`. */
  scanText(text: string): ScanMatch[];
}

export interface CompileProblem {
  packId: string;
  factId: string;
  path: string;
  message: string;
}

/** Compiles packs into an engine. Facts whose patterns fail are left out and reported. */
export function createEngine(packs: readonly Pack[]): {
  engine: ScanEngine;
  errors: CompileProblem[];
} {
  const { spec, errors } = compilePacks([...packs]);
  const matcher = createMatcher(spec);
  const describe = createDescriber(spec, packs);
  const scanText = (text: string): ScanMatch[] =>
    matcher
      .scan(text)
      .sort((a, b) => a.start - b.start || a.end - b.end || a.fact - b.fact)
      .map((raw) => describe(text, raw));
  return { engine: { packs, scanText }, errors };
}

/** The text the engine scans: extracted from HTML, or a text file as it is. */
export function documentText(content: string, html: boolean): string {
  return html ? extractText(content) : content;
}

/** An fs error as a short reason ("no such file or directory"). */
function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'file name too long',
  };
  if (code !== undefined && reasons[code] !== undefined) return reasons[code];
  return error instanceof Error ? error.message : String(error);
}

/** Reads and scans one file. Never throws: a problem becomes the entry's `error`. */
export async function scanFile(
  engine: ScanEngine,
  file: string,
): Promise<FileResult & { text?: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, error: `cannot read: ${describeFileError(error)}` };
  }
  const html = isHtmlFileName(file);
  const content = decodeDocument(bytes, html);
  if (content === null) return { file, error: 'binary data (NUL bytes): not HTML or text' };
  try {
    const text = documentText(content, html);
    return { file, matches: engine.scanText(text), text };
  } catch (error) {
    return {
      file,
      error: `cannot scan: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** A path as the user gave it → the files to scan (a folder's .html/.htm/.txt files, sorted), or
 * an error entry for a path that does not exist or a folder with nothing to scan. */
export async function expandPath(given: string): Promise<{ file: string; error?: string }[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(given)).isDirectory();
  } catch (error) {
    return [{ file: given, error: `cannot read: ${describeFileError(error)}` }];
  }
  if (!isFolder) return [{ file: given }];
  let names: string[];
  try {
    names = (await readdir(given)).filter((name) => SCANNED_IN_FOLDERS.test(name));
  } catch (error) {
    return [{ file: given, error: `cannot read folder: ${describeFileError(error)}` }];
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(given, name);
    // A subfolder named like a page ("old.html/") is not a file; symbolic links to files are.
    if (
      await stat(file).then(
        (s) => s.isFile(),
        () => true,
      )
    )
      files.push(file);
  }
  if (files.length === 0)
    return [{ file: given, error: 'no .html, .htm or .txt files in this folder' }];
  return files.map((file) => ({ file }));
}

interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Loads packs from files; every problem is printed and makes the result null. */
async function loadPackFiles(files: readonly string[], out: Output): Promise<Pack[] | null> {
  const packs: Pack[] = [];
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      out.stderr(`scan: pack ${file}: cannot read: ${describeFileError(error)}\n`);
      failed = true;
      continue;
    }
    const loaded = loadPack(text);
    if (!loaded.ok) {
      out.stderr(`scan: pack ${file} is not a valid pack:\n`);
      for (const error of loaded.errors) out.stderr(`  ${file}: ${formatPackError(error)}\n`);
      failed = true;
      continue;
    }
    for (const warning of loaded.warnings) out.stderr(`scan: pack ${file}: warning: ${warning}\n`);
    const twin = packs.find((pack) => pack.id === loaded.pack.id);
    if (twin !== undefined) {
      out.stderr(`scan: pack ${file}: another pack given also has the id "${twin.id}"\n`);
      failed = true;
      continue;
    }
    packs.push(loaded.pack);
  }
  return failed ? null : packs;
}

/** 1-based line and column (UTF-16 units) of each offset, for the readable report. */
function locator(text: string): (offset: number) => string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return `${low + 1}:${offset - lineStarts[low]! + 1}`;
  };
}

function shorten(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** The readable report of one file: a table of its claims. */
export function formatTable(result: FileResult & { text?: string }): string {
  if ('error' in result) return `${result.file}: error: ${result.error}\n`;
  const { file, matches } = result;
  if (matches.length === 0) return `${file}: no known claims\n`;
  const locate = locator(result.text ?? '');
  const rows = [
    ['LINE:COL', 'TEXT', 'FACT', 'COMPARISON', 'FIRST SOURCE'],
    ...matches.map((match) => {
      const source = match.sources[0];
      return [
        locate(match.start),
        `"${shorten(match.text, 48)}"`,
        match.factId,
        match.comparison,
        source === undefined ? '' : shorten(`${source.publisher}, ${source.title}`, 72),
      ];
    }),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
  const count = `${matches.length} claim${matches.length === 1 ? '' : 's'}`;
  return `${file}: ${count}\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

/** Runs the command. Returns the exit code; writes only through `out`. */
export async function runScan(argv: readonly string[], out: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        pack: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    out.stderr(`scan: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    out.stderr(`scan: no PATH given\n\n${USAGE}\n`);
    return 2;
  }

  const packs = await loadPackFiles(values.pack ?? [BUNDLED_PACK_PATH], out);
  if (packs === null) return 2;
  const { engine, errors } = createEngine(packs);
  for (const error of errors) {
    out.stderr(
      `scan: pack ${error.packId}: ${error.path} (fact ${error.factId}): ${error.message}\n`,
    );
  }

  const results: (FileResult & { text?: string })[] = [];
  for (const given of positionals) {
    for (const entry of await expandPath(given)) {
      const result =
        entry.error === undefined
          ? await scanFile(engine, entry.file)
          : { file: entry.file, error: entry.error };
      results.push(result);
      if (!values.json) {
        if ('error' in result) out.stderr(`scan: ${result.file}: ${result.error}\n`);
        else out.stdout(formatTable(result));
      }
    }
  }

  const failed = results.filter((result) => 'error' in result).length;
  if (values.json) {
    // `text` is kept for the table only; the JSON entry is exactly {file, matches} or {file, error}.
    const entries: FileResult[] = results.map((result) =>
      'error' in result
        ? { file: result.file, error: result.error }
        : { file: result.file, matches: result.matches },
    );
    out.stdout(`${JSON.stringify(entries, null, 2)}\n`);
  } else {
    const claims = results.reduce((sum, r) => sum + ('matches' in r ? r.matches.length : 0), 0);
    const summary = `${results.length} file${results.length === 1 ? '' : 's'}, ${claims} claim${claims === 1 ? '' : 's'}`;
    out.stdout(`\n${summary}${failed > 0 ? `, ${failed} could not be scanned` : ''}\n`);
  }
  return failed === results.length ? 1 : 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const code = await runScan(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  // exitCode, not exit(): let a large JSON array finish writing to a pipe.
  process.exitCode = code;
}
