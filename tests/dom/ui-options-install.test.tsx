// @vitest-environment happy-dom
// The options page's "Install a pack from a file": the labelled file field, every outcome the
// background can give (installed, replaced, refused with each error as text, not newer, the bundled
// pack's id, over the budget), a file too big to read, failures, removing packs installed from
// files, both languages, and axe-core over the section. The background side is tested in
// tests/unit/background-install.test.ts; the whole path in Chromium in tests/e2e/packs.test.ts.
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OptionsView,
  type InstalledPack,
  type OptionsViewProps,
  type PackMessage,
} from '../../components/OptionsView';
import { installPackFile } from '../../entrypoints/options/install';
import { MAX_PACK_BYTES } from '../../facts/limits';
import type { InstallPackResult, PackSummary } from '../../messaging/protocol';
import { HIGHLIGHT_PALETTE, normalizeHostname } from '../../messaging/settings';
import { translatorFor, strictTranslator, text, renderHost } from './ui-fixtures';

const host = renderHost();

beforeEach(() => {
  document.documentElement.lang = 'en';
});

const BUNDLED: InstalledPack = {
  id: 'cecot-2025',
  title: 'CECOT expulsions 2025',
  version: '1.0.0',
  publisher: 'ClaimLens',
  published: '2026-11-25',
  origin: 'bundled',
  factCount: 37,
};

const NEWSROOM: PackSummary = {
  id: 'test-cecot',
  title: 'ClaimLens test pack',
  version: '0.2.0',
  publisher: 'ClaimLens tests',
  published: '2025-12-10',
  languages: ['en', 'es'],
  factCount: 2,
  sourceCount: 3,
  origin: 'file',
  fileName: 'newsroom.json',
};

function props(overrides: Partial<OptionsViewProps> = {}): OptionsViewProps {
  return {
    t: translatorFor('en'),
    pausedSites: [],
    highlightStyle: 'background',
    highlightColor: 'yellow',
    palette: HIGHLIGHT_PALETTE,
    packs: [BUNDLED, NEWSROOM],
    packProblems: [],
    packMessage: null,
    normalizeSite: normalizeHostname,
    onAddSite: () => {},
    onRemoveSite: () => {},
    onHighlightStyleChange: () => {},
    onHighlightColorChange: () => {},
    onInstallFile: () => {},
    onRemovePack: () => {},
    ...overrides,
  };
}

function show(packMessage: PackMessage | null, lang: 'en' | 'es' = 'en') {
  act(() => {
    render(<OptionsView {...props({ packMessage, t: translatorFor(lang) })} />, host());
  });
  return host().querySelector('[role="status"]')!;
}

const fileInput = () => host().querySelector<HTMLInputElement>('input[type="file"]')!;

const refused = (
  reason: Extract<InstallPackResult, { ok: false }>['reason'],
  errors: { path: string; message: string }[],
  details: { id?: string; version?: string; installedVersion?: string } = {},
): InstallPackResult => ({
  ok: false,
  reason,
  errors,
  id: details.id ?? null,
  version: details.version ?? null,
  installedVersion: details.installedVersion ?? null,
});

describe('the file field', () => {
  it('is labelled, takes .json files, and hands the chosen file over once', () => {
    const onInstallFile = vi.fn();
    act(() => {
      render(<OptionsView {...props({ onInstallFile })} />, host());
    });
    const input = fileInput();
    expect(input.accept).toBe('.json,application/json');
    expect(text(host().querySelector(`label[for="${input.id}"]`))).toBe('Pack file (.json)');
    expect(text(host().querySelector('[aria-labelledby="cl-packs-heading"] h3:last-of-type'))).toBe(
      'Install a pack from a file',
    );
    // The hint and the outcome describe the field.
    const described = input.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.getAttribute('role') ?? 'p')).toEqual(
      ['p', 'status'],
    );

    const file = new File(['{}'], 'newsroom.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onInstallFile).toHaveBeenCalledTimes(1);
    expect(onInstallFile).toHaveBeenCalledWith(file);
    // Cleared, so the same file (fixed) can be chosen again.
    expect(input.value).toBe('');
  });

  it('is not offered when the page cannot install (no callback)', () => {
    act(() => {
      render(
        <OptionsView {...props({ onInstallFile: undefined, onRemovePack: undefined })} />,
        host(),
      );
    });
    expect(host().querySelector('input[type="file"]')).toBeNull();
    expect(host().querySelector('.cl-pack-table button')).toBeNull();
  });
});

describe('install outcomes', () => {
  it('says which pack was installed, its version and how many facts it has', () => {
    const status = show({
      kind: 'install',
      fileName: 'newsroom.json',
      result: { ok: true, pack: NEWSROOM, replacedVersion: null, warnings: [] },
    });
    expect([...status.querySelectorAll('p')].map(text)).toEqual([
      'Installed pack “ClaimLens test pack” version 0.2.0, 2 facts.',
      'Pages already open are read again with the change.',
    ]);
  });

  it('says which version was replaced, one fact in the singular, and lists warnings', () => {
    const status = show({
      kind: 'install',
      fileName: 'newsroom.json',
      result: {
        ok: true,
        pack: { ...NEWSROOM, factCount: 1 },
        replacedVersion: '0.1.0',
        warnings: ['sources[2]: no fact cites source "tcdw-el-salvador"'],
      },
    });
    expect(text(status.querySelector('p'))).toBe(
      'Installed pack “ClaimLens test pack” version 0.2.0, 1 fact. It replaces version 0.1.0.',
    );
    expect([...status.querySelectorAll('li')].map(text)).toEqual([
      'sources[2]: no fact cites source "tcdw-el-salvador"',
    ]);
  });

  it('lists every error of a refused pack as text, path first, and says nothing changed', () => {
    const errors = [
      {
        path: 'sources[0].url',
        message: 'only https: and http: addresses are allowed, got a javascript: address',
      },
      { path: 'facts[1].id', message: 'duplicate fact id "<img src=x onerror=alert(1)>"' },
      {
        path: 'facts[0].matchers[0].pattern',
        message: 'too many expansions: 1024 (at most 256; each {number} counts as 4, one per sort)',
      },
    ];
    const status = show({
      kind: 'install',
      fileName: '<b>hostile</b>.json',
      result: refused('invalid', errors),
    });
    expect(text(status.querySelector('.cl-error'))).toBe(
      '“<b>hostile</b>.json” was not installed: it is not a valid fact pack. Problems found: 3.',
    );
    expect([...status.querySelectorAll('.cl-problems li')].map(text)).toEqual(
      errors.map((error) => `${error.path}: ${error.message}`),
    );
    expect(text(status.lastElementChild)).toBe(
      'Nothing was changed: the packs you had are still in use.',
    );
    // Markup in the file name or an error is text, never an element.
    expect(status.querySelector('b, img')).toBeNull();
  });

  it('explains a version that is not newer, and the bundled pack’s id, without a list', () => {
    let status = show({
      kind: 'install',
      fileName: 'old.json',
      result: refused('not-newer', [{ path: 'version', message: 'in English' }], {
        id: 'test-cecot',
        version: '0.1.0',
        installedVersion: '0.2.0',
      }),
    });
    expect(text(status.querySelector('.cl-error'))).toBe(
      '“old.json” was not installed: pack test-cecot is already installed in version 0.2.0, and only a higher version can replace it (this file has version 0.1.0).',
    );
    expect(status.querySelector('.cl-problems')).toBeNull();

    status = show({
      kind: 'install',
      fileName: 'impostor.json',
      result: refused('bundled-id', [{ path: 'id', message: 'in English' }], {
        id: 'cecot-2025',
        version: '99.0.0',
      }),
    });
    expect(text(status.querySelector('.cl-error'))).toBe(
      '“impostor.json” was not installed: its id, cecot-2025, is the id of the pack that comes with ClaimLens, which a pack from a file cannot replace.',
    );
  });

  it('lists the patterns over the compiler budget', () => {
    const status = show({
      kind: 'install',
      fileName: 'wide.json',
      result: refused('too-much-together', [
        {
          path: 'facts[8].matchers[31].pattern',
          message: "the packs' patterns are too many to compile together (in pack wide)",
        },
      ]),
    });
    expect(text(status.querySelector('.cl-error'))).toMatch(
      /^“wide.json” was not installed: together with the packs already installed, its patterns are more than ClaimLens can compile\. Problems found: 1\.$/,
    );
    expect(status.querySelectorAll('.cl-problems li')).toHaveLength(1);
  });

  it('says while checking, when a file is too big, and when installing failed', () => {
    expect(text(show({ kind: 'installing', fileName: 'a.json' }))).toBe('Checking “a.json”…');
    expect(
      text(
        show({ kind: 'too-big', fileName: 'huge.json', bytes: 52_428_800, limit: MAX_PACK_BYTES })
          .firstElementChild,
      ),
    ).toBe('“huge.json” was not installed: it is 50 MB, and a fact pack may be at most 8 MB.');
    expect(
      text(
        show({ kind: 'failed', fileName: 'a.json', message: 'pack storage is unavailable' })
          .firstElementChild,
      ),
    ).toBe('“a.json” could not be installed: pack storage is unavailable');
  });

  it('is written in Spanish for a Spanish browser', () => {
    const status = show(
      {
        kind: 'install',
        fileName: 'redaccion.json',
        result: {
          ok: true,
          pack: { ...NEWSROOM, factCount: 1250 },
          replacedVersion: null,
          warnings: [],
        },
      },
      'es',
    );
    expect(text(status.firstElementChild)).toBe(
      'Se instaló el paquete «ClaimLens test pack», versión 0.2.0, con 1250 datos.',
    );
    expect(
      text(
        show({ kind: 'too-big', fileName: 'x.json', bytes: 9_594_020, limit: MAX_PACK_BYTES }, 'es')
          .firstElementChild,
      ),
    ).toBe(
      'No se instaló «x.json»: ocupa 9,1 MB, y un paquete de datos puede ocupar como máximo 8 MB.',
    );
  });
});

describe('removing packs', () => {
  it('offers Remove only for packs installed from files, named by pack and version', () => {
    const onRemovePack = vi.fn();
    act(() => {
      render(<OptionsView {...props({ onRemovePack })} />, host());
    });
    const buttons = [...host().querySelectorAll<HTMLButtonElement>('.cl-pack-table button')];
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      'Remove pack “ClaimLens test pack” version 0.2.0',
    ]);
    act(() => buttons[0]!.click());
    expect(onRemovePack).toHaveBeenCalledWith(NEWSROOM);
  });

  it('says what was removed, or why nothing was', () => {
    const removed = show({ kind: 'remove', result: { ok: true, removed: NEWSROOM } });
    expect([...removed.querySelectorAll('p')].map(text)).toEqual([
      'Removed pack “ClaimLens test pack” version 0.2.0.',
      'Pages already open are read again with the change.',
    ]);
    expect(
      text(show({ kind: 'remove', result: { ok: false, reason: 'not-installed', id: 'gone' } })),
    ).toBe('Pack gone is not installed (it may have been removed in another window).');
    expect(
      text(show({ kind: 'remove', result: { ok: false, reason: 'bundled', id: 'cecot-2025' } })),
    ).toBe('Pack cecot-2025 comes with ClaimLens and cannot be removed.');
  });
});

describe('every outcome in both languages', () => {
  const messages: PackMessage[] = [
    { kind: 'installing', fileName: 'a.json' },
    {
      kind: 'install',
      fileName: 'a.json',
      result: { ok: true, pack: NEWSROOM, replacedVersion: '0.1.0', warnings: ['w'] },
    },
    {
      kind: 'install',
      fileName: 'a.json',
      result: {
        ok: true,
        pack: { ...NEWSROOM, factCount: 1 },
        replacedVersion: null,
        warnings: [],
      },
    },
    {
      kind: 'install',
      fileName: 'a.json',
      result: refused('invalid', [{ path: 'p', message: 'm' }]),
    },
    {
      kind: 'install',
      fileName: 'a.json',
      result: refused('too-much-together', [{ path: 'p', message: 'm' }]),
    },
    {
      kind: 'install',
      fileName: 'a.json',
      result: refused('bundled-id', [{ path: 'id', message: 'm' }], { id: 'x', version: '1.0.0' }),
    },
    {
      kind: 'install',
      fileName: 'a.json',
      result: refused('not-newer', [{ path: 'version', message: 'm' }], {
        id: 'x',
        version: '1.0.0',
        installedVersion: '2.0.0',
      }),
    },
    { kind: 'too-big', fileName: 'a.json', bytes: 9e6, limit: MAX_PACK_BYTES },
    { kind: 'failed', fileName: 'a.json', message: 'm' },
    { kind: 'remove', result: { ok: true, removed: NEWSROOM } },
    { kind: 'remove', result: { ok: false, reason: 'bundled', id: 'x' } },
    { kind: 'remove', result: { ok: false, reason: 'not-installed', id: 'x' } },
  ];

  it('uses only strings that exist, with all their substitutions', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = strictTranslator(lang);
      for (const packMessage of messages) {
        act(() => {
          render(<OptionsView {...props({ t, packMessage })} />, host());
        });
      }
      expect(t.missing).toEqual([]);
    }
  });

  it('passes axe-core with the field, the table and a refusal shown', async () => {
    for (const packMessage of [messages[1]!, messages[3]!]) {
      act(() => {
        render(<OptionsView {...props({ packMessage })} />, host());
      });
      const result = await axe.run(host(), {
        rules: { 'color-contrast': { enabled: false } },
        resultTypes: ['violations'],
      });
      expect(result.violations.map((violation) => violation.id)).toEqual([]);
    }
  });
});

describe('installPackFile (the options entrypoint)', () => {
  const packFile = (size: number, content = '{}') => {
    const read = vi.fn(async () => content);
    return { file: { name: 'pack.json', size, text: read }, read };
  };

  it('sends the file’s text and name to the background and shows its answer', async () => {
    const { file } = packFile(2, '{"id":"x"}');
    const answer = refused('invalid', [{ path: 'id', message: 'm' }]);
    const install = vi.fn(async () => answer);
    expect(await installPackFile(file, install)).toEqual({
      kind: 'install',
      fileName: 'pack.json',
      result: answer,
    });
    expect(install).toHaveBeenCalledWith({ json: '{"id":"x"}', fileName: 'pack.json' });
  });

  it('does not read or send a file over the size limit', async () => {
    const { file, read } = packFile(MAX_PACK_BYTES + 1);
    const install = vi.fn();
    expect(await installPackFile(file, install)).toEqual({
      kind: 'too-big',
      fileName: 'pack.json',
      bytes: MAX_PACK_BYTES + 1,
      limit: MAX_PACK_BYTES,
    });
    expect(read).not.toHaveBeenCalled();
    expect(install).not.toHaveBeenCalled();
    // At the limit it is read and sent: the background's own checks decide.
    const atLimit = packFile(MAX_PACK_BYTES);
    await installPackFile(atLimit.file, async () => answerOk());
    expect(atLimit.read).toHaveBeenCalled();
  });

  it('turns a failed request into a message instead of an unhandled rejection', async () => {
    const { file } = packFile(2);
    const outcome = await installPackFile(file, async () => {
      throw new Error('pack storage is unavailable (QuotaExceededError)');
    });
    expect(outcome).toEqual({
      kind: 'failed',
      fileName: 'pack.json',
      message: 'pack storage is unavailable (QuotaExceededError)',
    });
  });
});

function answerOk(): InstallPackResult {
  return { ok: true, pack: NEWSROOM, replacedVersion: null, warnings: [] };
}
