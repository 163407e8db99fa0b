// The card shown beside a highlighted claim on a page (mounted by the content script in a shadow root
// with CARD_CSS from ./styles). A non-modal dialog: the reader can keep reading the page behind it.

import { useEffect, useId, useRef } from 'preact/hooks';
import type { Translate } from '../ui/i18n';
import { ClaimBody, KIND_KEYS } from './ClaimBody';
import type { ScanMatch } from '../core/describe';

export interface ClaimCardProps {
  match: ScanMatch;
  t: Translate;
  /** Called when the reader presses Escape inside the card or its close button. */
  onClose(): void;
  /** Move keyboard focus into the card when it opens (keyboard navigation; not on hover). */
  focusOnOpen?: boolean;
}

export function ClaimCard({ match, t, onClose, focusOnOpen = false }: ClaimCardProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusOnOpen) dialog.current?.focus();
  }, [focusOnOpen, match]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // The page behind must not also react to this Escape (e.g. close its own menu).
      event.stopPropagation();
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div
      ref={dialog}
      class="cl-root cl-card"
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div class="cl-card-header">
        <div class="cl-card-titles">
          <p class="cl-kind">{t(KIND_KEYS[match.kind])}</p>
          <h2 id={titleId} class="cl-claim">
            {match.claim}
          </h2>
        </div>
        <button type="button" class="cl-close" aria-label={t('card_close')} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <ClaimBody match={match} t={t} />
    </div>
  );
}
