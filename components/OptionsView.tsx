// The options page: sites where ClaimLens is paused, how claims are highlighted, installed fact packs
// and installing one from a file. Data comes in as props; the entrypoint reads and writes the
// settings and sends packs to the background, which validates them.

import { useId, useState } from 'preact/hooks';
import type { InstallPackResult, PackSummary, RemovePackResult } from '../messaging/protocol';
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
  file: 'options_pack_file',
};

/** A row of the installed packs table (a PackSummary, or the part of one the page needs). */
export type InstalledPack = Pick<
  PackSummary,
  'id' | 'title' | 'version' | 'publisher' | 'published' | 'origin'
> &
  Partial<Pick<PackSummary, 'factCount' | 'fileName'>>;

/** What happened to the last pack the reader installed or removed, shown under the file field. */
export type PackMessage =
  | { kind: 'installing'; fileName: string }
  | { kind: 'install'; fileName: string; result: InstallPackResult }
  /** The file is over the pack size limit: it was not read, let alone sent. */
  | { kind: 'too-big'; fileName: string; bytes: number; limit: number }
  /** The install could not be carried out (storage failed, the background did not answer). */
  | { kind: 'failed'; fileName: string; message: string }
  | { kind: 'remove'; result: RemovePackResult };

const REFUSAL_KEYS: Readonly<Record<Extract<InstallPackResult, { ok: false }>['reason'], string>> =
  {
    invalid: 'options_install_invalid',
    'bundled-id': 'options_install_bundled_id',
    'not-newer': 'options_install_not_newer',
    'too-much-together': 'options_install_too_much',
  };

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
  /** The outcome of the last install or removal, or null (the default). */
  packMessage?: PackMessage | null;
  /** The reader chose a file to install. Without it, the page offers no file field. */
  onInstallFile?(file: File): void;
  /** The reader asked to remove a pack installed from a file. Without it, no Remove buttons. */
  onRemovePack?(pack: InstalledPack): void;
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

const MEGABYTE = 1024 * 1024;

function PackOrigin({ t, pack }: { t: Translate; pack: InstalledPack }) {
  if (pack.origin === 'file' && pack.fileName !== undefined && pack.fileName !== '') {
    return <>{t('options_pack_from_file', [pack.fileName])}</>;
  }
  return <>{t(ORIGIN_KEYS[pack.origin])}</>;
}

function ProblemList({ problems }: { problems: readonly { path: string; message: string }[] }) {
  return (
    <ul class="cl-problems">
      {problems.map((problem, index) => (
        <li key={index}>
          <code>{problem.path}</code>: {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** The outcome of an install or removal, as text (pack and error text never becomes markup). */
function PackMessageView({ t, message }: { t: Translate; message: PackMessage }) {
  const locale = uiLocale(t);
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const megabytes = (bytes: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / MEGABYTE);
  const unchanged = <p>{t('options_install_unchanged')}</p>;
  // Open pages keep the spec they fetched until they load again (docs/EXTENSION.md).
  const reload = <p>{t('options_install_reload')}</p>;
  switch (message.kind) {
    case 'installing':
      return <p>{t('options_installing', [message.fileName])}</p>;
    case 'too-big':
      return (
        <>
          <p class="cl-error">
            {t('options_install_too_big', [
              message.fileName,
              megabytes(message.bytes),
              megabytes(message.limit),
            ])}
          </p>
          {unchanged}
        </>
      );
    case 'failed':
      return (
        <>
          <p class="cl-error">{t('options_install_failed', [message.fileName, message.message])}</p>
          {unchanged}
        </>
      );
    case 'remove': {
      const { result } = message;
      if (result.ok) {
        return (
          <>
            <p>{t('options_removed', [result.removed.title, result.removed.version])}</p>
            {reload}
          </>
        );
      }
      return (
        <p class="cl-error">
          {t(result.reason === 'bundled' ? 'options_remove_bundled' : 'options_remove_missing', [
            result.id,
          ])}
        </p>
      );
    }
    case 'install': {
      const { result, fileName } = message;
      if (result.ok) {
        const { pack } = result;
        const facts = pack.factCount === 1 ? 'options_installed_one_fact' : 'options_installed';
        return (
          <>
            <p>
              {t(facts, [pack.title, pack.version, count(pack.factCount)])}
              {result.replacedVersion !== null &&
                ` ${t('options_installed_replaced', [result.replacedVersion])}`}
            </p>
            {reload}
            {result.warnings.length > 0 && (
              <>
                <p>{t('options_install_warnings')}</p>
                <ul>
                  {result.warnings.map((warning, index) => (
                    <li key={index}>{warning}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        );
      }
      const details: Record<typeof result.reason, string[]> = {
        invalid: [fileName, count(result.errors.length)],
        'too-much-together': [fileName, count(result.errors.length)],
        'bundled-id': [fileName, result.id ?? ''],
        'not-newer': [
          fileName,
          result.id ?? '',
          result.installedVersion ?? '',
          result.version ?? '',
        ],
      };
      const listed = result.reason === 'invalid' || result.reason === 'too-much-together';
      return (
        <>
          <p class="cl-error">{t(REFUSAL_KEYS[result.reason], details[result.reason])}</p>
          {listed && <ProblemList problems={result.errors} />}
          {unchanged}
        </>
      );
    }
  }
}

function InstallFromFile({
  t,
  packMessage,
  onInstallFile,
}: {
  t: Translate;
  packMessage: PackMessage | null;
  onInstallFile(file: File): void;
}) {
  const inputId = useId();
  const hintId = useId();
  const outcomeId = useId();
  return (
    <>
      <h3>{t('options_install_heading')}</h3>
      <p id={hintId}>{t('options_install_hint')}</p>
      <div class="cl-add-site">
        <label for={inputId}>{t('options_install_label')}</label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${hintId} ${outcomeId}`}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared, so that choosing the same file again (after fixing it) installs it again.
            input.value = '';
            if (file !== undefined) onInstallFile(file);
          }}
        />
      </div>
      {/* Always in the page, so screen readers announce each new outcome. */}
      <div id={outcomeId} class="cl-install-outcome" role="status">
        {packMessage !== null && <PackMessageView t={t} message={packMessage} />}
      </div>
    </>
  );
}

function Packs({
  t,
  packs,
  packProblems,
  packMessage,
  onInstallFile,
  onRemovePack,
}: Pick<
  OptionsViewProps,
  't' | 'packs' | 'packProblems' | 'packMessage' | 'onInstallFile' | 'onRemovePack'
>) {
  const locale = uiLocale(t);
  const numbers = new Intl.NumberFormat(locale);
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
              <th scope="col">{t('options_pack_facts')}</th>
              <th scope="col">{t('options_pack_publisher')}</th>
              <th scope="col">{t('options_pack_published')}</th>
              <th scope="col">{t('options_pack_origin')}</th>
              <th scope="col">
                <span class="cl-visually-hidden">{t('options_pack_actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {packs.map((pack) => (
              <tr key={pack.id}>
                <td>
                  {pack.title} <span class="cl-site">({pack.id})</span>
                </td>
                <td>{pack.version}</td>
                <td>{pack.factCount === undefined ? '' : numbers.format(pack.factCount)}</td>
                <td>{pack.publisher}</td>
                <td>{formatDate(pack.published, locale)}</td>
                <td>
                  <PackOrigin t={t} pack={pack} />
                </td>
                <td>
                  {pack.origin !== 'bundled' && onRemovePack !== undefined && (
                    <button
                      type="button"
                      class="cl-button"
                      aria-label={t('options_remove_pack_label', [pack.title, pack.version])}
                      onClick={() => onRemovePack(pack)}
                    >
                      {t('options_remove_pack')}
                    </button>
                  )}
                </td>
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
      {onInstallFile !== undefined && (
        <InstallFromFile t={t} packMessage={packMessage ?? null} onInstallFile={onInstallFile} />
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
      <Packs
        t={t}
        packs={props.packs}
        packProblems={props.packProblems}
        packMessage={props.packMessage}
        onInstallFile={props.onInstallFile}
        onRemovePack={props.onRemovePack}
      />
    </main>
  );
}
