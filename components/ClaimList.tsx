// The popup's list of claims on the page: one entry per fact (in order of first appearance), with each
// occurrence's matched text; an entry expands to the same content the in-page card shows.

import { useId, useState } from 'preact/hooks';
import type { Translate } from '../ui/i18n';
import { ClaimBody, SHORT_VERDICT_KEYS, verdictClass } from './ClaimBody';
import type { ScanMatch } from '../core/describe';

export interface ClaimGroup {
  /** The first occurrence; it carries the fact's claim, context, figures and sources. */
  first: ScanMatch;
  /** Every occurrence, with its index in the list of matches the popup was given. */
  occurrences: { match: ScanMatch; index: number }[];
}

/** Groups matches by fact (pack id + fact id), in the order each fact first appears on the page. */
export function groupByFact(matches: readonly ScanMatch[]): ClaimGroup[] {
  const groups = new Map<string, ClaimGroup>();
  matches.forEach((match, index) => {
    // JSON keeps the two ids apart whatever characters they contain.
    const key = JSON.stringify([match.pack, match.factId]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: match, occurrences: [{ match, index }] });
    else group.occurrences.push({ match, index });
  });
  return [...groups.values()];
}

export interface ClaimListProps {
  matches: readonly ScanMatch[];
  t: Translate;
  /** Scroll the page to the occurrence with this index in `matches` and flash it. */
  onReveal(index: number): void;
}

function ClaimGroupItem({
  group,
  t,
  onReveal,
}: {
  group: ClaimGroup;
  t: Translate;
  onReveal(index: number): void;
}) {
  const [expanded, setExpanded] = useState(false);
  const bodyId = useId();
  return (
    <li class="cl-group">
      <h3 class="cl-group-heading">
        <button
          type="button"
          class="cl-group-toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => setExpanded(!expanded)}
        >
          <span class="cl-group-claim">{group.first.claim}</span>
          <span class="cl-group-count">{t('group_count', [String(group.occurrences.length)])}</span>
        </button>
      </h3>
      <ul class="cl-occurrences">
        {group.occurrences.map(({ match, index }) => (
          <li key={index}>
            <button
              type="button"
              class="cl-occurrence"
              aria-label={t('occurrence_reveal', [match.text])}
              onClick={() => onReveal(index)}
              onKeyDown={(event) => {
                // Handled here so Enter reveals exactly once: preventing the default stops the
                // browser from also turning this key press into a click.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  onReveal(index);
                }
              }}
            >
              {t('occurrence_text', [match.text])}
            </button>
            {match.number !== undefined && (
              <span class={`cl-occurrence-comparison ${verdictClass(match.comparison)}`}>
                {t(SHORT_VERDICT_KEYS[match.comparison])}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div id={bodyId} class="cl-group-body" hidden={!expanded}>
        {expanded && (
          <ClaimBody match={group.first} t={t} showComparison={false} headingLevel={4} />
        )}
      </div>
    </li>
  );
}

export function ClaimList({ matches, t, onReveal }: ClaimListProps) {
  const groups = groupByFact(matches);
  return (
    <ul class="cl-list">
      {groups.map((group) => (
        <ClaimGroupItem
          key={`${group.first.pack}\u0000${group.first.factId}`}
          group={group}
          t={t}
          onReveal={onReveal}
        />
      ))}
    </ul>
  );
}
