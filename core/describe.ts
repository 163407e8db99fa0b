// Turns a matcher's RawMatch into the record a reader sees: what the page says, the fact it is
// about, and what each source says (quotes, dates, figures). The `scan --json` output and the
// extension's cards and popup use this same record (DESIGN.md, "Command-line contract").

import type { Fact, FactKind, Pack, Qualifier, Source } from './pack';
import type { Comparison, FactRef, NumberSort, ParsedNumber, RawMatch } from './types';

/** A source as the reader sees it beside a claim: one per citation of the fact, in order. */
export interface ScanSource {
  title: string;
  publisher: string;
  /** As the source states it ("2025-03-16", "after 18 July 2025"). */
  date: string;
  /** Only where the pack knows the address. */
  url?: string;
  /** Verbatim from the source. */
  quote: string;
}

/** A sourced figure, with the source named by its title. */
export interface ScanFigure {
  value: number;
  unit: string;
  qualifier: Qualifier;
  /** The date the figure refers to; absent when the source gives none. */
  date?: string;
  /** The source's title. */
  source: string;
  quote: string;
}

/** The number the page itself stated, as the number reader understood it. */
export interface ScanNumber {
  value: number;
  sort: NumberSort;
  qualifier: Qualifier;
  currency?: string;
  /** The page's words for it, qualifier included ("nearly 300", "$4.76 million"). */
  text: string;
}

/** One claim found in a text: the contract record of `scan --json` and of the extension's UI. */
export interface ScanMatch {
  /** Exactly text.slice(start, end) of the scanned text. */
  text: string;
  /** UTF-16 offsets into the scanned (extracted) text. */
  start: number;
  end: number;
  factId: string;
  /** The pack's id. */
  pack: string;
  packVersion: string;
  kind: FactKind;
  claim: string;
  context: string;
  detail?: string;
  sources: ScanSource[];
  /** Empty for facts without figures. */
  figures: ScanFigure[];
  number?: ScanNumber;
  comparison: Comparison;
  /** Indices into `figures` that the page's number agrees with. */
  agreesWith: number[];
}

/** The part of a MatcherSpec describing needs (any spec from core/compile.ts has it). */
export interface DescribableSpec {
  facts: readonly FactRef[];
}

interface PackIndex {
  pack: Pack;
  facts: Map<string, Fact>;
  sources: Map<string, Source>;
}

/** Describes RawMatches against one spec and the packs it was compiled from. */
export type Describer = (text: string, raw: RawMatch) => ScanMatch;

/** Per-pack indexes, kept as long as the pack object lives: a pack is indexed once however many
 * describers are built over it. */
const packIndexes = new WeakMap<Pack, PackIndex>();

function indexPack(pack: Pack): PackIndex {
  let index = packIndexes.get(pack);
  if (index === undefined) {
    index = {
      pack,
      facts: new Map(pack.facts.map((fact) => [fact.id, fact])),
      sources: new Map(pack.sources.map((source) => [source.id, source])),
    };
    packIndexes.set(pack, index);
  }
  return index;
}

function describeNumber(text: string, number: ParsedNumber): ScanNumber {
  const { value, sort, qualifier, currency, start, end } = number;
  return {
    value,
    sort,
    qualifier,
    ...(currency !== undefined ? { currency } : {}),
    text: text.slice(start, end),
  };
}

function sourceOf(index: PackIndex, id: string, factId: string): Source {
  const source = index.sources.get(id);
  if (source === undefined) {
    throw new Error(`pack ${index.pack.id}: fact ${factId} cites unknown source ${id}`);
  }
  return source;
}

/**
 * Builds a describer over a spec and the packs it was compiled from. Facts and sources are indexed
 * once here, so describing a match is a few Map lookups. Throws when a match names a fact the
 * packs do not have: the spec was compiled from other packs, which is a programming error.
 */
export function createDescriber(spec: DescribableSpec, packs: readonly Pack[]): Describer {
  const packsById = new Map(packs.map((pack) => [pack.id, indexPack(pack)]));
  return (text, raw) => {
    const ref = spec.facts[raw.fact];
    if (ref === undefined) throw new Error(`match names fact #${raw.fact}, not in the spec`);
    const index = packsById.get(ref.pack);
    const fact = index?.facts.get(ref.id);
    if (index === undefined || fact === undefined) {
      throw new Error(`fact ${ref.pack}/${ref.id} is in the spec but not in the packs given`);
    }
    const match: ScanMatch = {
      text: text.slice(raw.start, raw.end),
      start: raw.start,
      end: raw.end,
      factId: fact.id,
      pack: index.pack.id,
      packVersion: index.pack.version,
      kind: fact.kind,
      claim: fact.claim,
      context: fact.context,
      ...(fact.detail !== undefined ? { detail: fact.detail } : {}),
      sources: fact.citations.map((citation) => {
        const source = sourceOf(index, citation.source, fact.id);
        const described: ScanSource = {
          title: source.title,
          publisher: source.publisher,
          date: source.date,
          quote: citation.quote,
        };
        if (source.url !== undefined) described.url = source.url;
        return described;
      }),
      figures: (fact.figures ?? []).map((figure) => {
        const described: ScanFigure = {
          value: figure.value,
          unit: figure.unit,
          qualifier: figure.qualifier,
          source: sourceOf(index, figure.source, fact.id).title,
          quote: figure.quote,
        };
        if (figure.date !== undefined) described.date = figure.date;
        return described;
      }),
      ...(raw.number !== undefined ? { number: describeNumber(text, raw.number) } : {}),
      comparison: raw.comparison.comparison,
      agreesWith: [...raw.comparison.agreesWith],
    };
    return match;
  };
}

/** Describers already built, per pack set and spec, so repeated calls do not re-index. */
const describers = new WeakMap<readonly Pack[], WeakMap<DescribableSpec, Describer>>();

/**
 * Describes one match. `packs` must be the packs `spec` was compiled from. Facts and sources are
 * indexed once per pack object and the describer is reused per (packs array, spec), so a call costs
 * a few Map lookups; holding on to createDescriber's result is the same thing, made explicit.
 */
export function describeMatch(
  text: string,
  raw: RawMatch,
  spec: DescribableSpec,
  packs: readonly Pack[],
): ScanMatch {
  let bySpec = describers.get(packs);
  if (bySpec === undefined) {
    bySpec = new WeakMap();
    describers.set(packs, bySpec);
  }
  let describe = bySpec.get(spec);
  if (describe === undefined) {
    describe = createDescriber(spec, packs);
    bySpec.set(spec, describe);
  }
  return describe(text, raw);
}
