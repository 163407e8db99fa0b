// The `scan` command as a user runs it: each test spawns the real CLI (tsx start-up is about half a
// second, so the tests are few and each checks several things).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { extractText } from '../../cli/extract-html';

// Each spawn starts tsx (about 0.5 s idle, several seconds on a busy machine): generous limits.
vi.setConfig({ testTimeout: 60_000 });

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');
const smallPack = 'tests/fixtures/packs/scan-small.json';
const invalidPack = 'tests/fixtures/packs/scan-invalid.json';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Run {
  const result = spawnSync(command, args, { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scan = (...args: string[]) => run(tsx, ['cli/scan.ts', ...args]);

let dir: string;
const ARTICLE = `<!doctype html><html><head><title>40 keepers moved to the island</title>
<script>var x = "40 keepers moved to the island";</script></head>
<body><nav>Home</nav>
<article><h1>Harbour news</h1>
<p>Officials said <b>40</b> lighthouse keepers
  were sent&nbsp;away, and later that 40 lighthouse keepers moved to the island.</p>
<p>Nearly 60 keepers sent to the island, said the <em>Blue Heron Society</em>.</p>
</article></body></html>`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'claimlens-scan-'));
  writeFileSync(path.join(dir, 'b-article.html'), ARTICLE);
  writeFileSync(path.join(dir, 'a-notes.txt'), 'Notes\n\nThe blue heron society met.\n');
  writeFileSync(path.join(dir, 'c-upper.HTM'), '<p>nothing to see</p>');
  writeFileSync(path.join(dir, 'ignored.md'), 'The Blue Heron Society');
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'sub', 'nested.html'), '<p>Blue Heron Society</p>');
  writeFileSync(path.join(dir, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
  mkdirSync(path.join(dir, 'empty'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scan --json', () => {
  it('prints exactly one JSON array with the contract record for every match', () => {
    const file = path.join(dir, 'b-article.html');
    const result = scan('--json', '--pack', smallPack, file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout);
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0]).sort()).toEqual(['file', 'matches']);
    expect(entries[0].file).toBe(file);

    const text = extractText(readFileSync(file, 'utf8'));
    const matches = entries[0].matches;
    expect(matches.map((m: { text: string }) => m.text)).toEqual([
      '40 lighthouse keepers moved to the island',
      'Nearly 60 keepers sent to the island',
      'Blue Heron Society',
    ]);
    for (const match of matches) expect(text.slice(match.start, match.end)).toBe(match.text);

    expect(matches[0]).toEqual({
      text: '40 lighthouse keepers moved to the island',
      start: text.indexOf('40 lighthouse keepers moved'),
      end: text.indexOf('40 lighthouse keepers moved') + 41,
      factId: 'keepers-moved',
      pack: 'scan-test',
      packVersion: '0.3.1',
      kind: 'count',
      claim: 'How many lighthouse keepers were moved to the island',
      context: "The harbour authority's report counts 40 keepers moved to the island.",
      detail: 'A second count by the naturalists gives 44.',
      sources: [
        {
          title: "Report on the island's lighthouse keepers",
          publisher: 'Test Harbour Authority',
          date: '2025-03-16',
          url: 'https://example.org/keepers',
          quote: '40 keepers were moved to the island',
        },
        {
          title: 'Heron society notes',
          publisher: 'Test Naturalists',
          date: 'after 18 July 2025',
          quote: 'we counted 44 keepers on the island',
        },
      ],
      figures: [
        {
          value: 40,
          unit: 'people',
          qualifier: 'exact',
          date: '2025-03-16',
          source: "Report on the island's lighthouse keepers",
          quote: '40 keepers were moved to the island',
        },
        {
          value: 44,
          unit: 'people',
          qualifier: 'exact',
          source: 'Heron society notes',
          quote: 'we counted 44 keepers on the island',
        },
      ],
      number: { value: 40, sort: 'count', qualifier: 'exact', text: '40' },
      comparison: 'agrees',
      agreesWith: [0],
    });
    // "Nearly 60" is [54, 60]: neither 40 nor 44 can be true with it.
    expect(matches[1]).toMatchObject({
      factId: 'keepers-moved',
      number: { value: 60, qualifier: 'nearly', text: 'Nearly 60' },
      comparison: 'differs',
      agreesWith: [],
    });
    expect(matches[2]).toMatchObject({
      factId: 'heron-society',
      comparison: 'not-compared',
      figures: [],
      sources: [
        { publisher: 'Test Naturalists', quote: 'the Blue Heron Society, a birdwatching club' },
      ],
    });
    expect(matches[2].sources[0]).not.toHaveProperty('url');
  });

  it('expands a folder to its own .html/.htm/.txt files, sorted, and reports bad files', () => {
    const result = scan('--json', '--pack', smallPack, dir, path.join(dir, 'missing.html'));
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as { file: string; error?: string }[];
    expect(entries.map((entry) => entry.file)).toEqual([
      path.join(dir, 'a-notes.txt'),
      path.join(dir, 'b-article.html'),
      path.join(dir, 'c-upper.HTM'),
      path.join(dir, 'image.html'),
      path.join(dir, 'missing.html'),
    ]);
    const [notes, article, upper, image, missing] = entries as Record<string, unknown>[];
    // A .txt file is scanned as it is: offsets are into the file's own text.
    expect(notes).toMatchObject({ matches: [{ text: 'blue heron society', start: 11, end: 29 }] });
    expect(article!.matches).toHaveLength(3);
    expect(upper).toEqual({ file: path.join(dir, 'c-upper.HTM'), matches: [] });
    expect(Object.keys(image!).sort()).toEqual(['error', 'file']);
    expect(image!.error).toMatch(/binary/);
    expect(missing).toEqual({
      file: path.join(dir, 'missing.html'),
      error: 'cannot read: no such file or directory',
    });
  });

  it('exits 1 when every file failed, still printing the JSON entries', () => {
    const result = scan('--json', path.join(dir, 'missing.html'), path.join(dir, 'empty'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { file: path.join(dir, 'missing.html'), error: 'cannot read: no such file or directory' },
      { file: path.join(dir, 'empty'), error: 'no .html, .htm or .txt files in this folder' },
    ]);
  });
});

describe('scan: wrong use exits 2 and explains on stderr', () => {
  it('refuses no paths, an unknown option and a --pack without a file', () => {
    const none = scan('--json');
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no PATH given');
    expect(none.stderr).toContain('Usage:');

    const unknown = scan('--jsno', dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("Unknown option '--jsno'");

    const packless = scan(dir, '--pack');
    expect(packless.code).toBe(2);
    expect(packless.stderr).toContain("'--pack <value>' argument missing");

    const missingPack = scan('--pack', path.join(dir, 'nope.json'), dir);
    expect(missingPack.code).toBe(2);
    expect(missingPack.stderr).toContain('nope.json: cannot read: no such file or directory');
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const result = scan('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Usage: npm run --silent scan -- [--json] [--pack FILE ...] PATH',
    );
  });

  it('refuses an invalid pack, naming every bad field by its path', () => {
    const result = scan('--json', '--pack', smallPack, '--pack', invalidPack, dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('sources[0].url');
    expect(result.stderr).toContain('facts[0].figures[0].value');
  });
});

describe('scan through npm, as the README says', () => {
  it('--json output on stdout is nothing but the array', () => {
    const result = run('npm', [
      'run',
      '--silent',
      'scan',
      '--',
      '--json',
      '--pack',
      smallPack,
      path.join(dir, 'a-notes.txt'),
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([
      { file: path.join(dir, 'a-notes.txt'), matches: [{ factId: 'heron-society' }] },
    ]);
  });

  it('prints a readable table: line:column in the extracted text, text, fact, comparison, source', () => {
    const file = path.join(dir, 'b-article.html');
    const result = run('npm', ['run', '--silent', 'scan', '--', '--pack', smallPack, file]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${file}: 3 claims`);
    expect(lines[1]).toMatch(/^ {2}LINE:COL +TEXT +FACT +COMPARISON +FIRST SOURCE$/);
    // Extracted text: "Home\n\nHarbour news\n\nOfficials said ... island.\n\nNearly 60 ..."
    expect(lines[2]).toMatch(
      /^ {2}5:69 +"40 lighthouse keepers moved to the island" +keepers-moved +agrees +Test Harbour Authority, Report on the island's lighthouse keepers$/,
    );
    expect(lines[3]).toMatch(
      /^ {2}7:1 +"Nearly 60 keepers sent to the island" +keepers-moved +differs /,
    );
    expect(lines[4]).toMatch(
      /^ {2}7:48 +"Blue Heron Society" +heron-society +not-compared +Test Naturalists/,
    );
    expect(result.stdout).toContain('1 file, 3 claims');
  });
});
