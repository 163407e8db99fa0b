// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import {
  OptionsView,
  type InstalledPack,
  type OptionsViewProps,
} from '../../components/OptionsView';
import {
  HIGHLIGHT_PALETTE,
  normalizeHostname,
  type HighlightColor,
  type HighlightStyle,
} from '../../messaging/settings';
import { translatorFor, strictTranslator, text, renderHost } from './ui-fixtures';

const host = renderHost();

const BUNDLED: InstalledPack = {
  id: 'cecot-2025',
  title: 'CECOT expulsions 2025',
  version: '1.0.0',
  publisher: 'ClaimLens',
  published: '2026-11-25',
  origin: 'bundled',
  factCount: 37,
};

/** Props that do nothing, for tests about one part of the page. */
function baseProps(overrides: Partial<OptionsViewProps> = {}): OptionsViewProps {
  return {
    t: translatorFor('en'),
    pausedSites: [],
    highlightStyle: 'background',
    highlightColor: 'yellow',
    palette: HIGHLIGHT_PALETTE,
    packs: [BUNDLED],
    packProblems: [],
    normalizeSite: normalizeHostname,
    onAddSite: () => {},
    onRemoveSite: () => {},
    onHighlightStyleChange: () => {},
    onHighlightColorChange: () => {},
    ...overrides,
  };
}

/** The options page wired to state the way the entrypoint wires it to storage. */
function StatefulOptions(props: {
  initialSites: string[];
  onAddSite?: (site: string) => void;
  onRemoveSite?: (site: string) => void;
  onHighlightStyleChange?: (style: HighlightStyle) => void;
  onHighlightColorChange?: (color: HighlightColor) => void;
  lang?: 'en' | 'es';
}) {
  const [sites, setSites] = useState(props.initialSites);
  const [style, setStyle] = useState<HighlightStyle>('background');
  const [color, setColor] = useState<HighlightColor>('yellow');
  return (
    <OptionsView
      {...baseProps({ t: translatorFor(props.lang ?? 'en') })}
      pausedSites={sites}
      highlightStyle={style}
      highlightColor={color}
      onAddSite={(site) => {
        props.onAddSite?.(site);
        setSites([...sites, site]);
      }}
      onRemoveSite={(site) => {
        props.onRemoveSite?.(site);
        setSites(sites.filter((candidate) => candidate !== site));
      }}
      onHighlightStyleChange={(next) => {
        props.onHighlightStyleChange?.(next);
        setStyle(next);
      }}
      onHighlightColorChange={(next) => {
        props.onHighlightColorChange?.(next);
        setColor(next);
      }}
    />
  );
}

function listedSites(): string[] {
  return [...host().querySelectorAll('.cl-site-row > span')].map(text);
}

function typeAndSubmit(value: string) {
  const input = host().querySelector<HTMLInputElement>('.cl-add-site input')!;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => {
    host().querySelector<HTMLButtonElement>('.cl-add-site button[type="submit"]')!.click();
  });
  return input;
}

describe('OptionsView paused sites', () => {
  it('lists paused sites, each with a remove button labelled with the site', () => {
    const onRemoveSite = vi.fn();
    act(() => {
      render(
        <StatefulOptions
          initialSites={['news.example', 'blog.example']}
          onRemoveSite={onRemoveSite}
        />,
        host(),
      );
    });
    expect(listedSites()).toEqual(['news.example', 'blog.example']);
    const remove = host().querySelector<HTMLButtonElement>('[aria-label="Remove news.example"]')!;
    expect(text(remove)).toBe('Remove');
    act(() => remove.click());
    expect(onRemoveSite).toHaveBeenCalledWith('news.example');
    expect(listedSites()).toEqual(['blog.example']);
  });

  it('adds a site typed as an address, storing its hostname, and clears the field', () => {
    const onAddSite = vi.fn();
    act(() => {
      render(<StatefulOptions initialSites={[]} onAddSite={onAddSite} />, host());
    });
    expect(text(host().querySelector('.cl-section p'))).toBe(
      'ClaimLens is not paused on any site.',
    );
    const input = typeAndSubmit('  https://WWW.Example.com/news/2025/03/article?id=1 ');
    expect(onAddSite).toHaveBeenCalledWith('www.example.com');
    expect(listedSites()).toEqual(['www.example.com']);
    expect(input.value).toBe('');
  });

  it('adds by pressing Enter in the field (form submit)', () => {
    const onAddSite = vi.fn();
    act(() => {
      render(<StatefulOptions initialSites={[]} onAddSite={onAddSite} />, host());
    });
    const input = host().querySelector<HTMLInputElement>('.cl-add-site input')!;
    act(() => {
      input.value = 'elfaro.net';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => {
      host()
        .querySelector('form')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(onAddSite).toHaveBeenCalledWith('elfaro.net');
  });

  it('refuses what is not a site, with an error tied to the field', () => {
    const onAddSite = vi.fn();
    act(() => {
      render(<StatefulOptions initialSites={[]} onAddSite={onAddSite} />, host());
    });
    for (const bad of ['', 'not a site', 'javascript:alert(1)', '*.x.com', 'exa mple.com']) {
      const input = typeAndSubmit(bad);
      const error = host().querySelector('[role="alert"]');
      expect(text(error)).toBe('Enter a site such as example.com, or a web address.');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toBe(error!.id);
    }
    expect(onAddSite).not.toHaveBeenCalled();
    expect(listedSites()).toEqual([]);
  });

  it('refuses a site already paused and clears the error after a good entry', () => {
    const onAddSite = vi.fn();
    act(() => {
      render(<StatefulOptions initialSites={['news.example']} onAddSite={onAddSite} />, host());
    });
    typeAndSubmit('NEWS.example');
    expect(text(host().querySelector('[role="alert"]'))).toBe('That site is already paused.');
    const input = typeAndSubmit('other.example');
    expect(host().querySelector('[role="alert"]')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(onAddSite.mock.calls).toEqual([['other.example']]);
  });

  it('labels the field', () => {
    act(() => {
      render(<StatefulOptions initialSites={[]} lang="es" />, host());
    });
    const input = host().querySelector<HTMLInputElement>('.cl-add-site input')!;
    const label = host().querySelector(`label[for="${input.id}"]`);
    expect(text(label)).toBe('Pausar en un sitio');
  });
});

function radios(legend: string): HTMLInputElement[] {
  const fieldset = [...host().querySelectorAll('fieldset')].find(
    (candidate) => text(candidate.querySelector('legend')) === legend,
  );
  if (fieldset === undefined) throw new Error(`no fieldset “${legend}”`);
  return [...fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
}

describe('OptionsView highlight style', () => {
  it('offers a coloured background or an underline only, and reports the choice', () => {
    const onHighlightStyleChange = vi.fn();
    act(() => {
      render(
        <StatefulOptions initialSites={[]} onHighlightStyleChange={onHighlightStyleChange} />,
        host(),
      );
    });
    const styles = radios('Mark claims on pages with');
    expect(styles.map((radio) => text(radio.closest('label')))).toEqual([
      'a coloured background',
      'an underline only',
    ]);
    expect(styles.map((radio) => radio.checked)).toEqual([true, false]);
    act(() => styles[1]!.click());
    expect(onHighlightStyleChange).toHaveBeenLastCalledWith('underline');
    expect(radios('Mark claims on pages with').map((radio) => radio.checked)).toEqual([
      false,
      true,
    ]);
  });

  it('offers each colour, shows it as a sample, and reports the choice', () => {
    const onHighlightColorChange = vi.fn();
    act(() => {
      render(
        <StatefulOptions initialSites={[]} onHighlightColorChange={onHighlightColorChange} />,
        host(),
      );
    });
    const colours = radios('Colour');
    expect(colours.map((radio) => text(radio.closest('label')))).toEqual([
      'Yellow',
      'Blue',
      'Green',
      'Pink',
    ]);
    // One group each: the radios share a name, so arrow keys move within the group.
    expect(new Set(colours.map((radio) => radio.name)).size).toBe(1);
    expect(colours[0]!.name).not.toBe(radios('Mark claims on pages with')[0]!.name);
    const samples = [...host().querySelectorAll<HTMLElement>('.cl-swatch')];
    expect(samples.map((sample) => sample.getAttribute('style'))).toEqual(
      Object.values(HIGHLIGHT_PALETTE).map((swatch) => expect.stringContaining(swatch.background)),
    );
    act(() => colours[2]!.click());
    expect(onHighlightColorChange).toHaveBeenLastCalledWith('green');
    expect(radios('Colour').map((radio) => radio.checked)).toEqual([false, false, true, false]);
  });

  it('shows the colour samples as underlines when the style is underline only', () => {
    act(() => {
      render(<OptionsView {...baseProps({ highlightStyle: 'underline' })} />, host());
    });
    const samples = [...host().querySelectorAll<HTMLElement>('.cl-swatch')];
    expect(samples.every((sample) => sample.classList.contains('cl-swatch-underline'))).toBe(true);
    expect(samples.map((sample) => sample.getAttribute('style'))).toEqual(
      Object.values(HIGHLIGHT_PALETTE).map((swatch) => expect.stringContaining(swatch.underline)),
    );
    expect(samples.some((sample) => sample.getAttribute('style')!.includes('background'))).toBe(
      false,
    );
  });
});

describe('OptionsView packs', () => {
  it('lists installed packs with version, fact count, publisher, date and origin', () => {
    const packs: InstalledPack[] = [
      BUNDLED,
      {
        ...BUNDLED,
        id: 'newsroom',
        title: 'Newsroom',
        version: '2.0.1',
        factCount: 1250,
        origin: 'file',
        fileName: 'newsroom-2.0.1.json',
      },
    ];
    act(() => {
      render(<OptionsView {...baseProps({ packs, onRemovePack: () => {} })} />, host());
    });
    const headers = [...host().querySelectorAll('.cl-pack-table th')].map(text);
    expect(headers).toEqual([
      'Pack',
      'Version',
      'Facts',
      'Publisher',
      'Published',
      'Origin',
      'Actions',
    ]);
    const rows = [...host().querySelectorAll('.cl-pack-table tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map(text),
    );
    expect(rows).toEqual([
      [
        'CECOT expulsions 2025 (cecot-2025)',
        '1.0.0',
        '37',
        'ClaimLens',
        'November 25, 2026',
        'Bundled with ClaimLens',
        '',
      ],
      [
        'Newsroom (newsroom)',
        '2.0.1',
        '1,250',
        'ClaimLens',
        'November 25, 2026',
        'From the file “newsroom-2.0.1.json”',
        'Remove',
      ],
    ]);
  });

  it('lists problems found in packs, as plain text', () => {
    const packProblems = [
      'facts[3].figures[0].value: expected a number, got string',
      '<b>facts[4].claim</b>: too long',
    ];
    act(() => {
      render(<OptionsView {...baseProps({ packProblems })} />, host());
    });
    const section = host().querySelector('[aria-labelledby="cl-packs-heading"]')!;
    expect(text(section.querySelector('h3'))).toBe('Problems found while loading fact packs');
    expect([...section.querySelectorAll('.cl-problems li')].map(text)).toEqual(packProblems);
    expect(section.querySelector('b')).toBeNull();
  });

  it('shows no problem list when every pack loaded', () => {
    act(() => {
      render(<OptionsView {...baseProps()} />, host());
    });
    expect(host().querySelector('.cl-problems')).toBeNull();
  });

  it('says when no pack is installed', () => {
    act(() => {
      render(<OptionsView {...baseProps({ packs: [] })} />, host());
    });
    expect(host().querySelector('table')).toBeNull();
    expect(text(host().querySelector('[aria-labelledby="cl-packs-heading"] p'))).toBe(
      'No fact pack is installed.',
    );
  });

  it('uses only strings that exist in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = strictTranslator(lang);
      for (const highlightStyle of ['background', 'underline'] as const) {
        act(() => {
          render(
            <OptionsView {...baseProps({ t, highlightStyle, pausedSites: ['news.example'] })} />,
            host(),
          );
        });
      }
      typeAndSubmit('not a site');
      typeAndSubmit('news.example');
      act(() => {
        render(<OptionsView {...baseProps({ t, packs: [], packProblems: ['x'] })} />, host());
      });
      expect(t.missing).toEqual([]);
    }
  });
});
