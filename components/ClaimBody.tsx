// The content of a claim — context, how the page's number compares, sourced figures, sources with
// quotes, longer detail — shared by the in-page card and the popup's list. Pack text is untrusted: it
// only ever appears as JSX text children or as attribute values, never as markup.

import type { FactKind } from '../core/pack';
import type { Comparison } from '../core/types';
import type { Translate } from '../ui/i18n';
import { uiLocale } from '../ui/i18n';
import { formatDate, formatFigureValue, safeLinkUrl } from './format';
import type { ScanFigure, ScanMatch, ScanSource } from '../core/describe';

export const KIND_KEYS: Readonly<Record<FactKind, string>> = {
  count: 'kind_count',
  money: 'kind_money',
  label: 'kind_label',
  law: 'kind_law',
  court: 'kind_court',
  place: 'kind_place',
  person: 'kind_person',
  event: 'kind_event',
};

/** The sentence after "The page says “…”." for each comparison outcome. */
export const VERDICT_KEYS: Readonly<Record<Comparison, string>> = {
  agrees: 'compare_agrees',
  differs: 'compare_differs',
  'not-compared': 'compare_not_compared',
};

/** A short form of the verdict, for the popup's list of occurrences. */
export const SHORT_VERDICT_KEYS: Readonly<Record<Comparison, string>> = {
  agrees: 'occurrence_agrees',
  differs: 'occurrence_differs',
  'not-compared': 'occurrence_not_compared',
};

const VERDICT_CLASSES: Readonly<Record<Comparison, string>> = {
  agrees: 'cl-agrees',
  differs: 'cl-differs',
  'not-compared': 'cl-not-compared',
};

export function verdictClass(comparison: Comparison): string {
  return VERDICT_CLASSES[comparison];
}

/** "The page says “nearly 300”." and whether that agrees with a sourced figure. */
export function ComparisonSummary({ match, t }: { match: ScanMatch; t: Translate }) {
  if (match.number === undefined) return null;
  return (
    <p class="cl-comparison">
      <span class="cl-comparison-page">{t('compare_page_says', [match.number.text])}</span>{' '}
      <span class={`cl-comparison-verdict ${verdictClass(match.comparison)}`}>
        {t(VERDICT_KEYS[match.comparison])}
      </span>
    </p>
  );
}

/** Section headings sit one level below the heading of whatever holds the claim. */
export type HeadingLevel = 3 | 4;

function SectionHeading({ level, children }: { level: HeadingLevel; children: string }) {
  return level === 3 ? (
    <h3 class="cl-section-heading">{children}</h3>
  ) : (
    <h4 class="cl-section-heading">{children}</h4>
  );
}

export function FigureList({
  figures,
  agreesWith,
  t,
  headingLevel = 3,
  quotesShownElsewhere,
}: {
  figures: readonly ScanFigure[];
  /** Indices of the figures the page's number agrees with; these get a visible mark. */
  agreesWith: readonly number[];
  t: Translate;
  headingLevel?: HeadingLevel;
  /** Quotes the sources list already shows; a figure quoting one of them does not repeat it. */
  quotesShownElsewhere?: ReadonlySet<string>;
}) {
  if (figures.length === 0) return null;
  const locale = uiLocale(t);
  const agreeing = new Set(agreesWith);
  return (
    <section class="cl-figures-section">
      <SectionHeading level={headingLevel}>{t('figures_heading')}</SectionHeading>
      <ul class="cl-figures">
        {figures.map((figure, index) => {
          const agrees = agreeing.has(index);
          const date = figure.date ? formatDate(figure.date, locale) : '';
          return (
            <li key={index} class={agrees ? 'cl-figure cl-figure-agrees' : 'cl-figure'}>
              {agrees && (
                <>
                  <span class="cl-figure-agrees-mark" aria-hidden="true">
                    ✓
                  </span>
                  <span class="cl-visually-hidden">{t('figure_agrees_label')} </span>
                </>
              )}
              <span class="cl-figure-value">{formatFigureValue(figure, locale, t)}</span>{' '}
              <span class="cl-figure-attribution">
                {date === ''
                  ? t('figure_attribution_undated', [figure.source])
                  : t('figure_attribution', [date, figure.source])}
              </span>
              {!quotesShownElsewhere?.has(figure.quote) && (
                <q class="cl-figure-quote">{figure.quote}</q>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SourceList({
  sources,
  t,
  headingLevel = 3,
}: {
  sources: readonly ScanSource[];
  t: Translate;
  headingLevel?: HeadingLevel;
}) {
  if (sources.length === 0) return null;
  const locale = uiLocale(t);
  return (
    <section class="cl-sources-section">
      <SectionHeading level={headingLevel}>{t('sources_heading')}</SectionHeading>
      <ul class="cl-sources">
        {sources.map((source, index) => {
          const href = safeLinkUrl(source.url);
          return (
            <li key={index} class="cl-source">
              <p class="cl-source-meta">
                {href === null ? (
                  <cite class="cl-source-title">{source.title}</cite>
                ) : (
                  <a class="cl-source-title" href={href} target="_blank" rel="noopener noreferrer">
                    <cite>{source.title}</cite>
                    <span class="cl-visually-hidden"> {t('link_new_tab')}</span>
                  </a>
                )}
                {' · '}
                <span class="cl-source-publisher">{source.publisher}</span>
                {' · '}
                <span class="cl-source-date">{formatDate(source.date, locale)}</span>
              </p>
              {href === null && source.url !== undefined && source.url !== '' && (
                // Not an http(s) address: shown so the reader sees what the pack says, never linked.
                <p class="cl-source-url">{source.url}</p>
              )}
              <blockquote class="cl-quote" cite={href ?? undefined}>
                {source.quote}
              </blockquote>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function DetailSection({ detail, t }: { detail: string | undefined; t: Translate }) {
  if (detail === undefined || detail.trim() === '') return null;
  const paragraphs = detail.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <details class="cl-detail">
      <summary>{t('card_detail')}</summary>
      {paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </details>
  );
}

export interface ClaimBodyProps {
  match: ScanMatch;
  t: Translate;
  /**
   * Whether to say how this occurrence's number compares. The popup shows a fact once for all its
   * occurrences, so it leaves the per-occurrence comparison to each occurrence's row.
   */
  showComparison?: boolean;
  headingLevel?: HeadingLevel;
}

export function ClaimBody({ match, t, showComparison = true, headingLevel = 3 }: ClaimBodyProps) {
  return (
    <div class="cl-body">
      <p class="cl-context">{match.context}</p>
      {showComparison && <ComparisonSummary match={match} t={t} />}
      <FigureList
        figures={match.figures}
        agreesWith={showComparison ? match.agreesWith : []}
        t={t}
        headingLevel={headingLevel}
        quotesShownElsewhere={new Set(match.sources.map((source) => source.quote))}
      />
      <SourceList sources={match.sources} t={t} headingLevel={headingLevel} />
      <DetailSection detail={match.detail} t={t} />
      <p class="cl-pack">{t('card_pack', [match.pack, match.packVersion])}</p>
    </div>
  );
}
