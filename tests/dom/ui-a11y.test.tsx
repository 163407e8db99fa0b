// @vitest-environment happy-dom
// Accessibility checks that do not need a real browser: the palette's contrast, computed the WCAG 2
// way, and axe-core's structural rules (names, roles, ARIA, lists, labels) over the rendered UI.
// happy-dom does no layout, so axe's colour-contrast rule cannot run here; the palette test covers it.
import axe from 'axe-core';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ClaimCard } from '../../components/ClaimCard';
import { OptionsView } from '../../components/OptionsView';
import { PopupView } from '../../components/PopupView';
import {
  CARD_CSS,
  DARK_PALETTE,
  LIGHT_PALETTE,
  PAGE_CSS,
  type Palette,
} from '../../components/styles';
import { HIGHLIGHT_PALETTE, normalizeHostname } from '../../messaging/settings';
import { expelledCountMatch, gangLabelMatch, translatorFor, renderHost } from './ui-fixtures';

/** WCAG 2 relative luminance of an sRGB colour written #rrggbb. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('contrast', () => {
  it('is computed as WCAG defines it', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 on white is the well-known lightest grey that passes AA for body text.
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  const textColours: (keyof Palette)[] = ['text', 'muted', 'link', 'agrees', 'differs'];
  for (const [scheme, palette] of [
    ['light', LIGHT_PALETTE],
    ['dark', DARK_PALETTE],
  ] as const) {
    it(`meets WCAG AA for every text colour on every background (${scheme})`, () => {
      for (const background of [palette.background, palette.raised]) {
        for (const name of textColours) {
          const ratio = contrast(palette[name], background);
          expect(
            ratio,
            `${name} ${palette[name]} on ${background}: ${ratio.toFixed(2)}`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    });

    it(`keeps borders and the focus ring visible (3:1, ${scheme})`, () => {
      for (const name of ['border', 'focus'] as const) {
        expect(contrast(palette[name], palette.background)).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('puts the palette into the CSS the card and pages load', () => {
    for (const css of [CARD_CSS, PAGE_CSS]) {
      for (const value of [...Object.values(LIGHT_PALETTE), ...Object.values(DARK_PALETTE)]) {
        expect(css).toContain(value);
      }
      expect(css).toContain('@media (prefers-color-scheme: dark)');
    }
  });

  it('shows highlight colour samples that are readable', () => {
    for (const [name, swatch] of Object.entries(HIGHLIGHT_PALETTE)) {
      expect(contrast(swatch.text, swatch.background), name).toBeGreaterThanOrEqual(4.5);
      // The underline sample sits on the light options page; it must be visible (3:1).
      expect(contrast(swatch.underline, LIGHT_PALETTE.background), name).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('axe-core (structure, names, ARIA)', () => {
  const host = renderHost();

  beforeEach(() => {
    document.documentElement.lang = 'en';
    document.title = 'ClaimLens';
  });

  async function violations(): Promise<string[]> {
    const result = await axe.run(host(), {
      // No layout in happy-dom: contrast is checked from the palette above, and in Chromium.
      rules: { 'color-contrast': { enabled: false } },
      resultTypes: ['violations'],
    });
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  }

  it('finds no violations in the claim card', async () => {
    act(() => {
      render(
        <ClaimCard match={expelledCountMatch()} t={translatorFor('en')} onClose={() => {}} />,
        host(),
      );
    });
    expect(await violations()).toEqual([]);
  });

  it('finds no violations in the popup with its list expanded', async () => {
    act(() => {
      render(
        <PopupView
          t={translatorFor('en')}
          status="ready"
          site="news.example"
          matches={[expelledCountMatch(), gangLabelMatch(), expelledCountMatch()]}
          packs={[{ id: 'cecot-2025', title: 'CECOT expulsions 2025', version: '1.0.0' }]}
          enabled
          paused={false}
          onReveal={() => {}}
          onPausedChange={() => {}}
          onEnabledChange={() => {}}
          onOpenOptions={() => {}}
        />,
        host(),
      );
    });
    act(() => host().querySelector<HTMLButtonElement>('.cl-group-toggle')!.click());
    expect(await violations()).toEqual([]);
  });

  it('finds no violations in the options page', async () => {
    act(() => {
      render(
        <OptionsView
          t={translatorFor('en')}
          pausedSites={['news.example']}
          highlightStyle="background"
          highlightColor="blue"
          palette={HIGHLIGHT_PALETTE}
          normalizeSite={normalizeHostname}
          packProblems={['facts[3].figures[0].value: expected a number, got string']}
          packs={[
            {
              id: 'cecot-2025',
              title: 'CECOT expulsions 2025',
              version: '1.0.0',
              publisher: 'ClaimLens',
              published: '2026-11-25',
              origin: 'bundled',
            },
          ]}
          onAddSite={() => {}}
          onRemoveSite={() => {}}
          onHighlightStyleChange={() => {}}
          onHighlightColorChange={() => {}}
        />,
        host(),
      );
    });
    expect(await violations()).toEqual([]);
  });

  it('would report a real problem (the check is live)', async () => {
    const unlabelled = document.createElement('button');
    host().append(unlabelled);
    const image = document.createElement('img');
    image.src = 'x.png';
    host().append(image);
    const found = await violations();
    expect(found.some((violation) => violation.startsWith('button-name'))).toBe(true);
    expect(found.some((violation) => violation.startsWith('image-alt'))).toBe(true);
  });
});
