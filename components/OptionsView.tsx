// The options page: sites where ClaimLens is paused, how claims are highlighted, installed fact packs.
// Data comes in as props; the entrypoint reads and writes the settings.

import { useId, useState } from 'preact/hooks';
import type { PackSummary } from '../messaging/protocol';
import type { HighlightColor, HighlightStyle } from '../messaging/settings';
import type { Translate } from '../ui/i18n';
import { uiLocale } from '../ui/i18n';
import { formatDate } from './format';

/** How a highlight colour looks (messaging/settings.ts HIGHLIGHT_PALETTE). */
export interface HighlightSwatch {
  background: string;
  text: string;
  underline: string;
}

export const COLOUR_KEYS: Readonly<Record<HighlightColor, string>> = {
  yellow: 'colour_yellow',
  blue: 'colour_blue',
  green: 'colour_green',
  pink: 'colour_pink',
};

const STYLE_KEYS: Readonly<Record<HighlightStyle, string>> = {
  background: 'options_style_background',
  underline: 'options_style_underline',
};

const ORIGIN_KEYS: Readonly<Record<PackSummary['origin'], string>> = {
  bundled: 'options_pack_bundled',
};

export type InstalledPack = Pick<
  PackSummary,
  'id' | 'title' | 'version' | 'publisher' | 'published' | 'origin'
>;

export interface OptionsViewProps {
  t: Translate;
  pausedSites: readonly string[];
  highlightStyle: HighlightStyle;
  highlightColor: HighlightColor;
  /** The colours to offer, in order, and how each looks. */
  palette: Readonly<Record<HighlightColor, HighlightSwatch>>;
  packs: readonly InstalledPack[];
  /** Why a pack could not be used ("facts[3].matchers[0].pattern: …"); shown as written. */
  packProblems: readonly string[];
  /** The hostname a reader meant by what they typed (a hostname or an address), or null. */
  normalizeSite(input: string): string | null;
  onAddSite(hostname: string): void;
  onRemoveSite(hostname: string): void;
  onHighlightStyleChange(style: HighlightStyle): void;
  onHighlightColorChange(color: HighlightColor): void;
}

function PausedSites({
  t,
  pausedSites,
  onAddSite,
  onRemoveSite,
  normalizeSite,
}: Pick<OptionsViewProps, 't' | 'pausedSites' | 'onAddSite' | 'onRemoveSite' | 'normalizeSite'>) {
  const [input, setInput] = useState('');
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const hostname = normalizeSite(input);
    if (hostname === null) {
      setErrorKey('options_site_invalid');
      return;
    }
    if (pausedSites.includes(hostname)) {
      setErrorKey('options_site_duplicate');
      return;
    }
    setErrorKey(null);
    setInput('');
    onAddSite(hostname);
  };

  return (
    <section class="cl-section" aria-labelledby="cl-paused-heading">
      <h2 id="cl-paused-heading">{t('options_paused_heading')}</h2>
      {pausedSites.length === 0 ? (
        <p>{t('options_no_paused_sites')}</p>
      ) : (
        <ul class="cl-site-list">
          {pausedSites.map((site) => (
            <li key={site} class="cl-site-row">
              <span>{site}</span>
              <button
                type="button"
                class="cl-button"
                aria-label={t('options_remove_site_label', [site])}
                onClick={() => onRemoveSite(site)}
              >
                {t('options_remove_site')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="cl-add-site" onSubmit={onSubmit} noValidate>
        <label for={inputId}>{t('options_add_site_label')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="example.com"
          value={input}
          aria-invalid={errorKey !== null}
          aria-describedby={errorKey !== null ? errorId : undefined}
          onInput={(event) => setInput(event.currentTarget.value)}
        />
        <button type="submit" class="cl-button">
          {t('options_add_site')}
        </button>
        {errorKey !== null && (
          <p id={errorId} class="cl-error" role="alert">
            {t(errorKey)}
          </p>
        )}
      </form>
    </section>
  );
}

function HighlightOptions({
  t,
  highlightStyle,
  highlightColor,
  palette,
  onHighlightStyleChange,
  onHighlightColorChange,
}: Pick<
  OptionsViewProps,
  | 't'
  | 'highlightStyle'
  | 'highlightColor'
  | 'palette'
  | 'onHighlightStyleChange'
  | 'onHighlightColorChange'
>) {
  const styleGroup = useId();
  const colourGroup = useId();
  const colours = Object.keys(palette) as HighlightColor[];
  return (
    <section class="cl-section" aria-labelledby="cl-highlight-heading">
      <h2 id="cl-highlight-heading">{t('options_highlight_heading')}</h2>
      <fieldset class="cl-choices">
        <legend>{t('options_style_legend')}</legend>
        {(Object.keys(STYLE_KEYS) as HighlightStyle[]).map((style) => (
          <label key={style} class="cl-choice">
            <input
              type="radio"
              name={styleGroup}
              value={style}
              checked={highlightStyle === style}
              onChange={() => onHighlightStyleChange(style)}
            />
            {t(STYLE_KEYS[style])}
          </label>
        ))}
      </fieldset>
      <fieldset class="cl-choices">
        <legend>{t('options_colour_legend')}</legend>
        {colours.map((colour) => {
          const swatch = palette[colour];
          // A sample of how claims will look on pages with this choice.
          const sample =
            highlightStyle === 'background'
              ? { background: swatch.background, color: swatch.text }
              : { textDecorationColor: swatch.underline };
          return (
            <label key={colour} class="cl-choice">
              <input
                type="radio"
                name={colourGroup}
                value={colour}
                checked={highlightColor === colour}
                onChange={() => onHighlightColorChange(colour)}
              />
              <span
                class={
                  highlightStyle === 'background' ? 'cl-swatch' : 'cl-swatch cl-swatch-underline'
                }
                style={sample}
              >
                {t(COLOUR_KEYS[colour])}
              </span>
            </label>
          );
        })}
      </fieldset>
    </section>
  );
}

function Packs({ t, packs, packProblems }: Pick<OptionsViewProps, 't' | 'packs' | 'packProblems'>) {
  const locale = uiLocale(t);
  return (
    <section class="cl-section" aria-labelledby="cl-packs-heading">
      <h2 id="cl-packs-heading">{t('options_packs_heading')}</h2>
      {packs.length === 0 ? (
        <p>{t('popup_no_packs')}</p>
      ) : (
        <table class="cl-pack-table">
          <thead>
            <tr>
              <th scope="col">{t('options_pack_title')}</th>
              <th scope="col">{t('options_pack_version')}</th>
              <th scope="col">{t('options_pack_publisher')}</th>
              <th scope="col">{t('options_pack_published')}</th>
              <th scope="col">{t('options_pack_origin')}</th>
            </tr>
          </thead>
          <tbody>
            {packs.map((pack) => (
              <tr key={pack.id}>
                <td>
                  {pack.title} <span class="cl-site">({pack.id})</span>
                </td>
                <td>{pack.version}</td>
                <td>{pack.publisher}</td>
                <td>{formatDate(pack.published, locale)}</td>
                <td>{t(ORIGIN_KEYS[pack.origin])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {packProblems.length > 0 && (
        <>
          <h3>{t('options_pack_problems')}</h3>
          <ul class="cl-problems">
            {packProblems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function OptionsView(props: OptionsViewProps) {
  const { t } = props;
  return (
    <main class="cl-root cl-page cl-options">
      <header class="cl-page-header">
        <h1 class="cl-page-title">{t('options_title')}</h1>
      </header>
      <PausedSites
        t={t}
        pausedSites={props.pausedSites}
        onAddSite={props.onAddSite}
        onRemoveSite={props.onRemoveSite}
        normalizeSite={props.normalizeSite}
      />
      <HighlightOptions
        t={t}
        highlightStyle={props.highlightStyle}
        highlightColor={props.highlightColor}
        palette={props.palette}
        onHighlightStyleChange={props.onHighlightStyleChange}
        onHighlightColorChange={props.onHighlightColorChange}
      />
      <Packs t={t} packs={props.packs} packProblems={props.packProblems} />
    </main>
  );
}
