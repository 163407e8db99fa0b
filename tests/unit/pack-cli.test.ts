// `pack validate` run as a newsroom runs it: a real process, its output and its exit code.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKS = 'tests/fixtures/packs';

function runPack(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['tsx', 'cli/pack.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pack validate', () => {
  it('prints one ok line per good pack (with warnings) and exits 0', () => {
    const run = runPack('validate', `${PACKS}/valid.json`, `${PACKS}/valid-v0.json`);
    expect(run.stdout.split('\n')).toEqual([
      `${PACKS}/valid.json: ok (pack test-cecot 0.1.0, 2 facts, 3 sources)`,
      `${PACKS}/valid-v0.json: ok (pack test-cecot-draft 0.1.0, 2 facts, 3 sources)`,
      `${PACKS}/valid-v0.json: warning: upgraded from schemaVersion 0 to 1: 2 figure(s) without a qualifier read as "exact"; 2 matcher(s) without a lang read as "en"`,
      '',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('prints every error of every bad file, still checks the others, and exits 1', () => {
    const run = runPack(
      'validate',
      `${PACKS}/bad-several.json`,
      `${PACKS}/valid.json`,
      `${PACKS}/bad-syntax.txt`,
      `${PACKS}/newer-version.json`,
      `${PACKS}/no-such-pack.json`,
    );
    expect(run.stdout.split('\n')).toEqual([
      `${PACKS}/bad-several.json: sources[0].url: only https: and http: addresses are allowed, got a javascript: address`,
      `${PACKS}/bad-several.json: facts[0].figures[0].value: expected a number, got string`,
      `${PACKS}/bad-several.json: facts[1].kind: expected one of count, money, label, law, court, place, person, event, got "gang"`,
      `${PACKS}/bad-several.json: facts[1].citation: unknown key (did you mean "citations"?)`,
      `${PACKS}/valid.json: ok (pack test-cecot 0.1.0, 2 facts, 3 sources)`,
      `${PACKS}/bad-syntax.txt: (json): line 4, column 28: expected a value, got character "]" (a trailing comma is not allowed)`,
      `${PACKS}/newer-version.json: schemaVersion: schemaVersion 2 is newer than this ClaimLens supports (1); update the extension`,
      `${PACKS}/no-such-pack.json: cannot read the file (ENOENT)`,
      '',
    ]);
    expect(run.status).toBe(1);
  }, 60_000);

  it('is a usage error (exit 2) without a command, without files or with an unknown option', () => {
    const nothing = runPack();
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toMatch(/^usage: npm run --silent pack -- COMMAND/);
    const noFiles = runPack('validate');
    expect(noFiles.status).toBe(2);
    expect(noFiles.stderr).toMatch(/^validate needs at least one FILE\n\nusage: /);
    const badOption = runPack('validate', '--fast', `${PACKS}/valid.json`);
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toMatch(/--fast/);
    expect(badOption.stdout).toBe('');
  }, 60_000);
});

describe('pack commands', () => {
  it('refuses an unknown command with the usage, and exits 2', () => {
    const run = runPack('sign', `${PACKS}/valid.json`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^unknown command "sign"\n\nusage: npm run --silent pack -- COMMAND/,
    );
    expect(run.stderr).toContain('pack validate FILE...');
    expect(run.stdout).toBe('');
  }, 60_000);
});
