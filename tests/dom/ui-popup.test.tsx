// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ClaimList, groupByFact } from '../../components/ClaimList';
import { PopupView, type PopupViewProps } from '../../components/PopupView';
import type { ScanMatch } from '../../core/describe';
import {
  gangLabelMatch,
  translatorFor,
  strictTranslator,
  expelledCountMatch,
  text,
  renderHost,
} from './ui-fixtures';

const host = renderHost();

/** Matches in page order: two facts, interleaved, the count fact three times. */
function pageMatches(): ScanMatch[] {
  return [
    expelledCountMatch({ text: 'nearly 300 people', start: 100, end: 117 }),
    gangLabelMatch({ text: 'Tren de Aragua members', start: 200, end: 222 }),
    expelledCountMatch({
      text: '238 Venezuelans',
      start: 300,
      end: 315,
      number: { value: 238, sort: 'count', qualifier: 'exact', text: '238' },
      comparison: 'agrees',
      agreesWith: [0],
    }),
    expelledCountMatch({
      text: 'more than 500 migrants',
      start: 400,
      end: 422,
      number: { value: 500, sort: 'count', qualifier: 'more-than', text: 'more than 500' },
      comparison: 'differs',
      agreesWith: [],
    }),
  ];
}

describe('groupByFact', () => {
  it('groups occurrences by fact in order of first appearance, keeping their indices', () => {
    const groups = groupByFact(pageMatches());
    expect(groups.map((group) => group.first.factId)).toEqual([
      'expelled-march-2025',
      'tren-de-aragua-label',
    ]);
    expect(groups[0]!.occurrences.map((occurrence) => occurrence.index)).toEqual([0, 2, 3]);
    expect(groups[1]!.occurrences.map((occurrence) => occurrence.index)).toEqual([1]);
  });

  it('keeps facts with the same id from different packs apart', () => {
    const groups = groupByFact([
      gangLabelMatch(),
      gangLabelMatch({ pack: 'newsroom-pack', claim: 'Another pack’s claim' }),
    ]);
    expect(groups).toHaveLength(2);
  });
});

function renderList(matches: ScanMatch[], onReveal = vi.fn()) {
  act(() => {
    render(<ClaimList matches={matches} t={translatorFor('en')} onReveal={onReveal} />, host());
  });
  return onReveal;
}

describe('ClaimList', () => {
  it('shows each fact once, with its claim as heading, its count and each matched text', () => {
    renderList(pageMatches());
    const groups = [...host().querySelectorAll('.cl-group')];
    expect(groups).toHaveLength(2);
    const heading = groups[0]!.querySelector('h3');
    expect(text(heading?.querySelector('.cl-group-claim'))).toBe(expelledCountMatch().claim);
    expect(text(heading?.querySelector('.cl-group-count'))).toBe('3 on this page');
    expect([...groups[0]!.querySelectorAll('.cl-occurrence')].map(text)).toEqual([
      '“nearly 300 people”',
      '“238 Venezuelans”',
      '“more than 500 migrants”',
    ]);
    expect(text(groups[1]!.querySelector('.cl-group-count'))).toBe('1 on this page');
  });

  it('says beside each numeric occurrence whether it agrees with the sources', () => {
    renderList(pageMatches());
    const rows = [
      ...host().querySelectorAll('.cl-group')[0]!.querySelectorAll('.cl-occurrences li'),
    ];
    expect(rows.map((row) => text(row.querySelector('.cl-occurrence-comparison')))).toEqual([
      'agrees with a source',
      'agrees with a source',
      'differs from the sources',
    ]);
    // A claim without a number has nothing to compare.
    const labelRow = host().querySelectorAll('.cl-group')[1]!.querySelector('.cl-occurrences li');
    expect(labelRow?.querySelector('.cl-occurrence-comparison')).toBeNull();
  });

  it('reveals the right occurrence on click', () => {
    const onReveal = renderList(pageMatches());
    const buttons = [...host().querySelectorAll<HTMLButtonElement>('.cl-occurrence')];
    // Page order is: count (0), label (1), count (2), count (3); the list shows count's first.
    act(() => buttons[2]!.click());
    act(() => buttons[3]!.click());
    expect(onReveal.mock.calls).toEqual([[3], [1]]);
  });

  it('reveals the right occurrence once on Enter, and not on other keys', () => {
    const onReveal = renderList(pageMatches());
    const second = host().querySelectorAll<HTMLButtonElement>('.cl-occurrence')[1]!;
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    act(() => {
      second.dispatchEvent(enter);
    });
    // The browser must not turn the same key press into a click (a second reveal).
    expect(enter.defaultPrevented).toBe(true);
    act(() => {
      second.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    });
    expect(onReveal.mock.calls).toEqual([[2]]);
  });

  it('labels each occurrence button with what it does', () => {
    renderList(pageMatches());
    const first = host().querySelector('.cl-occurrence');
    expect(first?.getAttribute('aria-label')).toBe('Show “nearly 300 people” on the page');
  });

  it('expands a fact to the card’s content and collapses it again', () => {
    renderList(pageMatches());
    const toggle = host().querySelector<HTMLButtonElement>('.cl-group-toggle')!;
    const body = host().querySelector<HTMLElement>(
      `[id="${toggle.getAttribute('aria-controls')}"]`,
    )!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(body.hidden).toBe(true);
    expect(body.querySelector('.cl-source')).toBeNull();

    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(body.hidden).toBe(false);
    const match = expelledCountMatch();
    expect(text(body)).toContain(match.context);
    expect(body.querySelectorAll('.cl-source')).toHaveLength(match.sources.length);
    expect([...body.querySelectorAll('blockquote')].map((quote) => quote.textContent)).toEqual(
      match.sources.map((source) => source.quote),
    );
    expect(body.querySelectorAll('.cl-figure')).toHaveLength(match.figures.length);
    // Occurrences differ in how they compare, so the shared body does not pick one's verdict.
    expect(body.querySelector('.cl-comparison')).toBeNull();
    expect(body.querySelectorAll('.cl-figure-agrees')).toHaveLength(0);
    // Its section headings sit below the fact's h3.
    expect(body.querySelectorAll('h4')).toHaveLength(2);

    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(body.hidden).toBe(true);
  });
});

function popupProps(overrides: Partial<PopupViewProps> = {}): PopupViewProps {
  return {
    t: translatorFor('en'),
    status: 'ready',
    site: 'news.example',
    matches: pageMatches(),
    packs: [{ id: 'cecot-2025', title: 'CECOT expulsions 2025', version: '1.0.0' }],
    enabled: true,
    paused: false,
    onReveal: vi.fn(),
    onPausedChange: vi.fn(),
    onEnabledChange: vi.fn(),
    onOpenOptions: vi.fn(),
    ...overrides,
  };
}

function renderPopup(props: PopupViewProps) {
  act(() => {
    render(<PopupView {...props} />, host());
  });
  return props;
}

function buttonByText(text: string): HTMLButtonElement {
  const button = [...host().querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (button === undefined) throw new Error(`no button “${text}”`);
  return button;
}

describe('PopupView', () => {
  it('lists the claims on the page with their count', () => {
    renderPopup(popupProps());
    expect(text(host().querySelector('[role="status"]'))).toBe('Claims on this page: 4');
    expect(host().querySelectorAll('.cl-group')).toHaveLength(2);
  });

  it('passes reveal clicks through with the match index', () => {
    const props = renderPopup(popupProps());
    act(() => host().querySelectorAll<HTMLButtonElement>('.cl-occurrence')[3]!.click());
    expect(props.onReveal).toHaveBeenCalledWith(1);
  });

  it('says when the page has no known claims', () => {
    renderPopup(popupProps({ matches: [] }));
    expect(text(host().querySelector('[role="status"]'))).toBe('No known claims on this page');
    expect(host().querySelector('.cl-list')).toBeNull();
  });

  it('says it is paused on this site, hides the list and offers to resume', () => {
    const props = renderPopup(popupProps({ paused: true }));
    expect(text(host().querySelector('[role="status"]'))).toBe('Paused on this site');
    expect(host().querySelector('.cl-list')).toBeNull();
    act(() => buttonByText('Resume on news.example').click());
    expect(props.onPausedChange).toHaveBeenCalledWith(false);
  });

  it('pauses on this site', () => {
    const props = renderPopup(popupProps());
    act(() => buttonByText('Pause on news.example').click());
    expect(props.onPausedChange).toHaveBeenCalledWith(true);
  });

  it('switches off and on everywhere', () => {
    const props = renderPopup(popupProps());
    const toggle = host().querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(toggle.checked).toBe(true);
    expect(text(toggle.closest('label'))).toBe('On everywhere');
    act(() => toggle.click());
    expect(props.onEnabledChange).toHaveBeenLastCalledWith(false);

    const off = renderPopup(popupProps({ enabled: false }));
    expect(text(host().querySelector('[role="status"]'))).toBe('ClaimLens is off everywhere');
    expect(host().querySelector('.cl-list')).toBeNull();
    // Pausing one site means nothing while it is off everywhere.
    expect(host().textContent).not.toContain('Pause on');
    const switchOff = host().querySelector<HTMLInputElement>('input[role="switch"]')!;
    expect(switchOff.checked).toBe(false);
    act(() => switchOff.click());
    expect(off.onEnabledChange).toHaveBeenLastCalledWith(true);
  });

  it('says when ClaimLens has not read the page and offers no pause', () => {
    renderPopup(popupProps({ status: 'unread', site: undefined, matches: [] }));
    expect(text(host().querySelector('[role="status"]'))).toBe(
      'ClaimLens has not read this page. If it is a web page, reload it.',
    );
    expect(host().textContent).not.toContain('Pause on');
  });

  it('shows loading and error states', () => {
    renderPopup(popupProps({ status: 'loading', matches: [] }));
    expect(text(host().querySelector('[role="status"]'))).toBe('Looking for claims…');
    renderPopup(popupProps({ status: 'error', matches: [] }));
    expect(text(host().querySelector('[role="status"]'))).toBe(
      'Could not get this page’s claims. Try reloading the page.',
    );
  });

  it('shows the active packs with their versions', () => {
    renderPopup(
      popupProps({
        packs: [
          { id: 'cecot-2025', title: 'CECOT expulsions 2025', version: '1.0.0' },
          { id: 'newsroom', title: 'Newsroom pack', version: '2.4.1' },
        ],
      }),
    );
    expect([...host().querySelectorAll('.cl-packs li')].map(text)).toEqual([
      'CECOT expulsions 2025, version 1.0.0',
      'Newsroom pack, version 2.4.1',
    ]);
  });

  it('opens the options page', () => {
    const props = renderPopup(popupProps());
    act(() => buttonByText('More settings').click());
    expect(props.onOpenOptions).toHaveBeenCalledTimes(1);
  });

  it('is in Spanish for a Spanish reader', () => {
    renderPopup(popupProps({ t: translatorFor('es'), paused: true }));
    expect(text(host().querySelector('[role="status"]'))).toBe('En pausa en este sitio');
    expect(buttonByText('Reanudar en news.example')).toBeDefined();
    renderPopup(popupProps({ t: translatorFor('es'), matches: [] }));
    expect(text(host().querySelector('[role="status"]'))).toBe(
      'No hay afirmaciones conocidas en esta página',
    );
  });

  it('uses only strings that exist in both languages, in every state', () => {
    for (const lang of ['en', 'es'] as const) {
      const t = strictTranslator(lang);
      const states: Partial<PopupViewProps>[] = [
        {},
        { matches: [] },
        { paused: true },
        { enabled: false },
        { status: 'loading' },
        { status: 'error' },
        { status: 'unread', site: undefined },
        { packs: [] },
      ];
      for (const state of states) renderPopup(popupProps({ t, ...state }));
      renderPopup(popupProps({ t }));
      for (const toggle of host().querySelectorAll<HTMLButtonElement>('.cl-group-toggle')) {
        act(() => toggle.click());
      }
      expect(t.missing).toEqual([]);
    }
  });
});
