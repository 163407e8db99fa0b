// The toolbar popup: the claims on the current page, or why there are none; pause/resume on this site;
// on/off everywhere; the active fact packs. Data comes in as props; the entrypoint fetches and wires.

import type { ScanMatch } from '../core/describe';
import type { PackSummary } from '../messaging/protocol';
import type { Translate } from '../ui/i18n';
import { ClaimList } from './ClaimList';

/**
 * What the popup knows about the current tab:
 * - 'loading': still asking the background;
 * - 'ready': the page was scanned (its matches may be empty);
 * - 'unread': the tab's page has not reported: a browser page ClaimLens never reads, or a page
 *   opened before ClaimLens was installed;
 * - 'error': the background could not be asked.
 * Paused and switched off are separate props, since the controls depend on them too.
 */
export type PopupStatus = 'loading' | 'ready' | 'unread' | 'error';

export type ActivePack = Pick<PackSummary, 'id' | 'title' | 'version'>;

export interface PopupViewProps {
  t: Translate;
  status: PopupStatus;
  /** The current tab's hostname, when it has one ClaimLens could run on. */
  site?: string;
  matches: readonly ScanMatch[];
  packs: readonly ActivePack[];
  /** On everywhere (the global switch). */
  enabled: boolean;
  /** Paused on this site. */
  paused: boolean;
  onReveal(index: number): void;
  onPausedChange(paused: boolean): void;
  onEnabledChange(enabled: boolean): void;
  onOpenOptions(): void;
}

/** The one message shown instead of the list, or null when the list is shown. */
function statusMessageKey(props: PopupViewProps): string | null {
  if (props.status === 'error') return 'popup_error';
  if (props.status === 'unread') return 'popup_unread';
  if (!props.enabled) return 'popup_disabled';
  if (props.paused) return 'popup_paused';
  if (props.status === 'loading') return 'popup_loading';
  return props.matches.length === 0 ? 'popup_no_claims' : null;
}

export function PopupView(props: PopupViewProps) {
  const { t, site, matches, packs, enabled, paused } = props;
  const messageKey = statusMessageKey(props);
  const canPause = site !== undefined && props.status !== 'unread';
  return (
    <main class="cl-root cl-page cl-popup">
      <header class="cl-page-header">
        <h1 class="cl-page-title">{t('extName')}</h1>
        {site !== undefined && <span class="cl-site">{site}</span>}
      </header>

      <section aria-labelledby="cl-claims-heading">
        <h2 id="cl-claims-heading" class="cl-visually-hidden">
          {t('popup_claims_heading')}
        </h2>
        {/* Announced when the scan result arrives after the popup has opened. */}
        <div role="status" class="cl-status">
          {messageKey !== null ? (
            <p>{t(messageKey)}</p>
          ) : (
            <p>{t('popup_claim_count', [String(matches.length)])}</p>
          )}
        </div>
        {messageKey === null && <ClaimList matches={matches} t={t} onReveal={props.onReveal} />}
      </section>

      <section class="cl-controls" aria-label={t('popup_controls_label')}>
        {canPause && enabled && (
          <button type="button" class="cl-button" onClick={() => props.onPausedChange(!paused)}>
            {paused ? t('popup_resume_site', [site]) : t('popup_pause_site', [site])}
          </button>
        )}
        <label class="cl-switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            onChange={(event) => props.onEnabledChange(event.currentTarget.checked)}
          />
          {t('popup_enabled_everywhere')}
        </label>
        <button type="button" class="cl-button" onClick={props.onOpenOptions}>
          {t('popup_open_options')}
        </button>
      </section>

      <footer class="cl-packs">
        <h2 class="cl-section-heading">{t('popup_packs_heading')}</h2>
        {packs.length === 0 ? (
          <p>{t('popup_no_packs')}</p>
        ) : (
          <ul>
            {packs.map((pack) => (
              <li key={pack.id}>{t('pack_with_version', [pack.title, pack.version])}</li>
            ))}
          </ul>
        )}
      </footer>
    </main>
  );
}
