// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ClaimCard } from '../../components/ClaimCard';
import type { ScanMatch } from '../../core/describe';
import {
  gangLabelMatch,
  hostileMatch,
  translatorFor,
  strictTranslator,
  expelledCountMatch,
  text,
  renderHost,
} from './ui-fixtures';

const host = renderHost();

function renderCard(match: ScanMatch, lang: 'en' | 'es' = 'en', onClose = vi.fn()) {
  act(() => {
    render(<ClaimCard match={match} t={translatorFor(lang)} onClose={onClose} />, host());
  });
  const dialog = host().querySelector<HTMLElement>('[role="dialog"]');
  if (dialog === null) throw new Error('no dialog rendered');
  return { dialog, onClose };
}

describe('ClaimCard content', () => {
  it('shows the claim as the dialog title and the context', () => {
    const match = expelledCountMatch();
    const { dialog } = renderCard(match);
    const titleId = dialog.getAttribute('aria-labelledby');
    expect(titleId).toBeTruthy();
    const title = host().querySelector(`[id="${titleId}"]`);
    expect(text(title)).toBe(match.claim);
    expect(text(dialog)).toContain(match.context);
  });

  it('shows every source with publisher, date, verbatim quote in a blockquote, and a safe link', () => {
    const match = expelledCountMatch();
    const { dialog } = renderCard(match);
    const items = dialog.querySelectorAll('.cl-source');
    expect(items).toHaveLength(match.sources.length);
    match.sources.forEach((source, index) => {
      const item = items[index]!;
      expect(text(item)).toContain(source.title);
      expect(text(item)).toContain(source.publisher);
      // Source dates are the source's own words ("after 18 July 2025") and are shown as written.
      expect(text(item)).toContain(source.date);
      const quote = item.querySelector('blockquote');
      expect(quote?.textContent).toBe(source.quote);
      expect(quote?.getAttribute('cite')).toBe(source.url);
      const link = item.querySelector('a');
      expect(link?.getAttribute('href')).toBe(source.url);
      expect(link?.getAttribute('target')).toBe('_blank');
      expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    });
  });

  it('shows a source without an address as text, with no link', () => {
    const match = gangLabelMatch();
    const { dialog } = renderCard(match);
    const unlinked = [...dialog.querySelectorAll('.cl-source')].find((item) =>
      text(item).includes('Unveiling the Hidden Ordeal'),
    );
    expect(unlinked).toBeDefined();
    expect(unlinked!.querySelector('a')).toBeNull();
    expect(unlinked!.querySelector('blockquote')?.hasAttribute('cite')).toBe(false);
  });

  it('lists every sourced figure with its value, its date in words and its source', () => {
    const { dialog } = renderCard(expelledCountMatch());
    const figures = [...dialog.querySelectorAll('.cl-figure')].map(text);
    expect(figures).toHaveLength(3);
    expect(figures[0]).toContain('238 people');
    expect(figures[0]).toContain('March 16, 2025');
    expect(figures[0]).toContain('Urgent Action outcome: Men Expelled To El Salvador Repatriated');
    // A figure without a date names only its source.
    expect(figures[1]).toContain('255 people (Stop illegal expulsions to El Salvador)');
    expect(figures[2]).toContain('nearly 300 people');
    expect(figures[2]).toContain('March 2025');
  });

  it('quotes each figure once: a figure quoting a listed source does not repeat the quote', () => {
    const match = expelledCountMatch();
    const ownQuote =
      'Around 250 Venezuelans were disappeared to El Salvador in March and April 2025, along with dozens of Salvadorans.';
    match.figures.push({
      value: 250,
      unit: 'Venezuelans',
      qualifier: 'about',
      date: 'March and April 2025',
      source: 'El Salvador',
      quote: ownQuote,
    });
    const { dialog } = renderCard(match);
    const figureQuotes = [...dialog.querySelectorAll('.cl-figure q')].map(text);
    expect(figureQuotes).toEqual([ownQuote]);
    expect(text(dialog.querySelectorAll('.cl-figure')[3]!)).toContain(
      'about 250 Venezuelans (March and April 2025, El Salvador)',
    );
    // Every quote in the card appears exactly once.
    const allQuotes = [...dialog.querySelectorAll('blockquote, q')].map(text);
    expect(new Set(allQuotes).size).toBe(allQuotes.length);
  });

  it('writes dates and figures the Spanish way for a Spanish reader', () => {
    const { dialog } = renderCard(expelledCountMatch(), 'es');
    const figures = [...dialog.querySelectorAll('.cl-figure')].map(text);
    expect(figures[0]).toContain('238 personas');
    expect(figures[0]).toContain('16 de marzo de 2025');
    expect(figures[2]).toContain('casi 300 personas');
    expect(text(dialog)).toContain('La página dice «nearly 300».');
  });

  it('keeps the longer detail collapsed until the reader opens it', () => {
    const match = expelledCountMatch();
    const { dialog } = renderCard(match);
    const details = dialog.querySelector('details');
    expect(details).not.toBeNull();
    expect(details!.open).toBe(false);
    expect(text(details!.querySelector('summary'))).toBe('More detail');
    const paragraphs = [...details!.querySelectorAll('p')].map(text);
    expect(paragraphs).toEqual(match.detail!.split('\n\n'));
  });

  it('has no detail section when the fact has no detail', () => {
    const { dialog } = renderCard(gangLabelMatch());
    expect(dialog.querySelector('details')).toBeNull();
  });

  it('names the pack and its version', () => {
    const { dialog } = renderCard(expelledCountMatch({ packVersion: '1.2.3' }));
    expect(text(dialog.querySelector('.cl-pack'))).toBe(
      'From the fact pack cecot-2025, version 1.2.3',
    );
  });
});

describe('ClaimCard comparison', () => {
  it('says what the page says and that it agrees, and marks the agreeing figure', () => {
    const { dialog } = renderCard(expelledCountMatch());
    const comparison = text(dialog.querySelector('.cl-comparison'));
    expect(comparison).toBe(
      'The page says “nearly 300”. That agrees with a sourced figure (marked ✓ below).',
    );
    const figures = [...dialog.querySelectorAll('.cl-figure')];
    expect(figures.map((figure) => figure.classList.contains('cl-figure-agrees'))).toEqual([
      false,
      false,
      true,
    ]);
    // Screen readers hear the mark as words, not as a tick.
    expect(text(figures[2]!.querySelector('.cl-visually-hidden'))).toBe('Agrees with the page:');
  });

  it('says the page number differs from the sourced figures, without calling it false', () => {
    const match = expelledCountMatch({
      text: '500 Venezuelans',
      number: { value: 500, sort: 'count', qualifier: 'exact', text: '500' },
      comparison: 'differs',
      agreesWith: [],
    });
    const { dialog } = renderCard(match);
    expect(text(dialog.querySelector('.cl-comparison'))).toBe(
      'The page says “500”. That differs from every sourced figure below.',
    );
    expect(dialog.querySelectorAll('.cl-figure')).toHaveLength(3);
    expect(dialog.querySelectorAll('.cl-figure-agrees')).toHaveLength(0);
    expect(text(dialog).toLowerCase()).not.toMatch(/\bfalse\b|\bfalso\b|\buntrue\b/);
  });

  it('says when a page number was not compared', () => {
    const match = expelledCountMatch({
      number: { value: 2025, sort: 'year', qualifier: 'exact', text: '2025' },
      comparison: 'not-compared',
      agreesWith: [],
    });
    const { dialog } = renderCard(match);
    expect(text(dialog.querySelector('.cl-comparison'))).toBe(
      'The page says “2025”. It was not compared with a sourced figure.',
    );
  });

  it('has no comparison when the page stated no number', () => {
    const { dialog } = renderCard(gangLabelMatch());
    expect(dialog.querySelector('.cl-comparison')).toBeNull();
    expect(dialog.querySelector('.cl-figures')).toBeNull();
  });

  it('never calls a claim false in either language, whatever the comparison', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const comparison of ['agrees', 'differs', 'not-compared'] as const) {
        const { dialog } = renderCard(expelledCountMatch({ comparison }), lang);
        expect(text(dialog).toLowerCase()).not.toMatch(/\bfalse\b|\bfalsa\b|\bfalso\b|\bmentira/);
      }
    }
  });
});

describe('ClaimCard safety', () => {
  it('shows markup in pack text as literal text and creates no element from it', () => {
    const match = hostileMatch();
    const { dialog } = renderCard(match);
    expect(dialog.querySelector('img, script, iframe, b, i, u, em')).toBeNull();
    expect(text(dialog)).toContain('<img src=x onerror="alert(1)">Claim');
    expect(text(dialog)).toContain('<script>alert("context")</script>');
    expect(text(dialog)).toContain('<iframe src="https://example.invalid"></iframe>');
    // The detail's fake link stays text inside the collapsed section.
    expect(dialog.querySelectorAll('details a')).toHaveLength(0);
  });

  it('never turns a javascript:, data: or relative address into a link or a cite', () => {
    const match = hostileMatch();
    const { dialog } = renderCard(match);
    expect(dialog.querySelectorAll('a')).toHaveLength(0);
    expect(dialog.querySelectorAll('[href], [cite], [src], [action], [formaction]')).toHaveLength(
      0,
    );
    // The reader still sees what the pack gave as the address.
    const shownAddresses = [...dialog.querySelectorAll('.cl-source-url')].map(text);
    expect(shownAddresses).toEqual(match.sources.map((source) => (source.url ?? '').trim()));
  });
});

describe('ClaimCard keyboard and screen readers', () => {
  it('is a labelled dialog that can take focus', () => {
    const { dialog } = renderCard(expelledCountMatch());
    expect(dialog.tabIndex).toBe(-1);
    dialog.focus();
    expect(document.activeElement).toBe(dialog);
  });

  it('closes on Escape and stops the page from also seeing that Escape', () => {
    const { dialog, onClose } = renderCard(expelledCountMatch());
    const pageListener = vi.fn();
    document.addEventListener('keydown', pageListener);
    const inner = dialog.querySelector('blockquote')!;
    inner.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    document.removeEventListener('keydown', pageListener);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(pageListener).not.toHaveBeenCalled();
  });

  it('does not close on other keys', () => {
    const { dialog, onClose } = renderCard(expelledCountMatch());
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(onClose).not.toHaveBeenCalled();
  });

  it('has a close button with a label in the reader’s language that calls onClose', () => {
    for (const [lang, label] of [
      ['en', 'Close'],
      ['es', 'Cerrar'],
    ] as const) {
      const { dialog, onClose } = renderCard(expelledCountMatch(), lang);
      const close = dialog.querySelector<HTMLButtonElement>('button.cl-close')!;
      expect(close.getAttribute('aria-label')).toBe(label);
      expect(close.type).toBe('button');
      act(() => close.click());
      expect(onClose).toHaveBeenCalledTimes(1);
    }
  });

  it('moves focus into the card when asked to (keyboard navigation)', () => {
    act(() => {
      render(
        <ClaimCard
          match={expelledCountMatch()}
          t={translatorFor('en')}
          onClose={() => {}}
          focusOnOpen
        />,
        host(),
      );
    });
    expect(document.activeElement).toBe(host().querySelector('[role="dialog"]'));
  });

  it('leaves focus where it was when opened by hover', () => {
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    renderCard(expelledCountMatch());
    expect(document.activeElement).toBe(button);
    button.remove();
  });

  it('uses only strings that exist in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = strictTranslator(lang);
      for (const match of [expelledCountMatch(), gangLabelMatch(), hostileMatch()]) {
        for (const comparison of ['agrees', 'differs', 'not-compared'] as const) {
          act(() => {
            render(<ClaimCard match={{ ...match, comparison }} t={t} onClose={() => {}} />, host());
          });
        }
      }
      expect(t.missing).toEqual([]);
    }
  });
});
