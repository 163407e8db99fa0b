// Compiles the active packs into one MatcherSpec: every pattern of every language expanded into
// symbol sequences and merged into a single Aho-Corasick automaton (see core/spec.ts).

import type { Pack } from './pack';
import type { FactRef } from './types';
import { NUMBER_WORDS } from './numbers';
import { compilePattern, type PatternSymbol } from './pattern';
import { TrieBuilder } from './automaton';
import { buildLexicon, type Lexicon } from './tokenize';
import { chooseAnchors, prefilterSource } from './anchors';
import {
  LITERAL_STRIDE,
  QUALIFIERS,
  SORT_SYMBOLS,
  SPEC_VERSION,
  WORD_SYMBOL_BASE,
  checkSpec,
  packArray,
  type MatcherSpec,
} from './spec';

export type { MatcherSpec } from './spec';

export interface CompileError {
  /** Where in the pack, e.g. "facts[3].matchers[0].pattern". */
  path: string;
  packId: string;
  factId: string;
  message: string;
}

/**
 * All patterns together may hold at most this many symbols: a bound on the automaton's size (and
 * on compile time and memory) whatever packs are installed. Real packs use a few per cent of it.
 */
export const MAX_TOTAL_SYMBOLS = 2_000_000;

/**
 * Tokens the compiler may read in all (CompiledPattern.work, failed patterns included) before it
 * stops compiling further patterns: a hostile pack costs seconds at most, never minutes.
 */
export const MAX_COMPILE_WORK = 4 * MAX_TOTAL_SYMBOLS;

interface Output {
  node: number;
  pattern: number;
  slot: number;
  literals: number[];
}

export interface CompileLimits {
  /** Default MAX_TOTAL_SYMBOLS. */
  maxTotalSymbols?: number;
  /** Default MAX_COMPILE_WORK. */
  maxCompileWork?: number;
}

/**
 * Compiles packs into one spec. Errors name the pattern or fact they are about; a fact whose
 * matchers all fail is skipped, everything else still compiles.
 */
export function compilePacks(
  packs: readonly Pack[],
  limits: CompileLimits = {},
): { spec: MatcherSpec; errors: CompileError[] } {
  const maxTotalSymbols = limits.maxTotalSymbols ?? MAX_TOTAL_SYMBOLS;
  const maxCompileWork = limits.maxCompileWork ?? MAX_COMPILE_WORK;
  const errors: CompileError[] = [];
  const facts: FactRef[] = [];
  const patterns: MatcherSpec['patterns'] = { fact: [], lang: [], matcher: [] };
  const langs: string[] = [];
  const langIndex = new Map<string, number>();
  const words: string[] = [];
  const wordIndex = new Map<string, number>();
  const currencies: string[] = [];
  const currencyIndex = new Map<string, number>();
  const trie = new TrieBuilder();
  const outputs: Output[] = [];
  /** Each expansion's words, folded, for chooseAnchors. */
  const expansionWords: string[][] = [];
  let totalSymbols = 0;
  let work = 0;

  const indexOf = (map: Map<string, number>, list: string[], key: string): number => {
    let index = map.get(key);
    if (index === undefined) {
      index = list.length;
      list.push(key);
      map.set(key, index);
    }
    return index;
  };
  const symbolOf = (symbol: PatternSymbol): number =>
    symbol.kind === 'word'
      ? WORD_SYMBOL_BASE + indexOf(wordIndex, words, symbol.text)
      : SORT_SYMBOLS.indexOf(symbol.sort);

  for (const pack of packs) {
    pack.facts.forEach((fact, factPosition) => {
      const at = `facts[${factPosition}]`;
      const report = (path: string, message: string): void => {
        errors.push({ path, packId: pack.id, factId: fact.id, message });
      };
      const compiled: { expansions: PatternSymbol[][]; lang: string; matcher: number }[] = [];
      fact.matchers.forEach((matcher, matcherPosition) => {
        const path = `${at}.matchers[${matcherPosition}].pattern`;
        if (typeof matcher.pattern !== 'string') {
          report(path, 'the pattern is not a string');
          return;
        }
        if (work > maxCompileWork) {
          report(
            path,
            `not compiled: the packs' patterns took too much work to compile (more than ` +
              `${maxCompileWork} tokens read in all)`,
          );
          return;
        }
        const result = compilePattern(matcher.pattern);
        work += result.work;
        for (const error of result.errors) report(path, error.message);
        if (result.errors.length > 0) return;
        const size = result.expansions.reduce((sum, expansion) => sum + expansion.length, 0);
        if (totalSymbols + size > maxTotalSymbols) {
          report(
            path,
            `the packs' patterns are too many to compile together (more than ` +
              `${maxTotalSymbols} tokens in all expansions)`,
          );
          return;
        }
        totalSymbols += size;
        compiled.push({
          expansions: result.expansions,
          lang: matcher.lang,
          matcher: matcherPosition,
        });
      });
      if (compiled.length === 0) {
        report(
          at,
          fact.matchers.length === 0
            ? 'skipped: the fact has no matchers, so it can never be found'
            : 'skipped: none of its matchers compiles',
        );
        return;
      }
      const factNumber = facts.length;
      facts.push({
        pack: pack.id,
        packVersion: pack.version,
        id: fact.id,
        kind: fact.kind,
        figures: (fact.figures ?? []).map(({ value, unit, qualifier }) => ({
          value,
          unit,
          qualifier,
        })),
      });
      for (const { expansions, lang, matcher } of compiled) {
        const pattern = patterns.fact.length;
        patterns.fact.push(factNumber);
        patterns.lang.push(indexOf(langIndex, langs, lang));
        patterns.matcher.push(matcher);
        for (const expansion of expansions) {
          const node = trie.insert(expansion.map(symbolOf));
          expansionWords.push(
            expansion.flatMap((symbol) => (symbol.kind === 'word' ? [symbol.text] : [])),
          );
          const literals: number[] = [];
          let slot = -1;
          expansion.forEach((symbol, position) => {
            if (symbol.kind === 'slot' && slot < 0) slot = position;
            if (symbol.kind !== 'literal') return;
            literals.push(
              position,
              symbol.value,
              symbol.currency === undefined
                ? -1
                : indexOf(currencyIndex, currencies, symbol.currency),
              QUALIFIERS.indexOf(symbol.qualifier),
            );
          });
          outputs.push({ node, pattern, slot, literals });
        }
      }
    });
  }

  const symbolWords = words.length;
  for (const word of NUMBER_WORDS) if (!wordIndex.has(word)) indexOf(wordIndex, words, word);

  const anchors = chooseAnchors(expansionWords);
  const built = trie.build();
  for (const output of outputs) output.node = built.renumber[output.node]!;
  outputs.sort((a, b) => a.node - b.node || a.pattern - b.pattern);
  const spec: MatcherSpec = {
    specVersion: SPEC_VERSION,
    facts,
    patterns,
    langs,
    words,
    symbolWords,
    lexicon: packLexicon(buildLexicon(words)),
    automaton: {
      childStart: packArray(built.childStart),
      symbol: packArray(built.symbol),
      fail: packArray(built.fail),
    },
    outputs: packOutputs(outputs),
    currencies,
    anchors,
    prefilter: anchors === null ? null : prefilterSource(anchors, words),
  };
  checkSpec(spec); // once here, so content scripts need only check its shape (core/matcher.ts)
  return { spec, errors };
}

/** The outputs as the spec's parallel arrays. */
function packOutputs(outputs: readonly Output[]): MatcherSpec['outputs'] {
  const node: number[] = [];
  const pattern: number[] = [];
  const slot: number[] = [];
  const literalStart = [0];
  const literals: number[] = [];
  // compilePattern already merged a pattern's identical expansions, so every output is distinct.
  for (const output of outputs) {
    node.push(output.node);
    pattern.push(output.pattern);
    slot.push(output.slot);
    for (const value of output.literals) literals.push(value);
    literalStart.push(literals.length / LITERAL_STRIDE);
  }
  return {
    node: packArray(node),
    pattern: packArray(pattern),
    slot: packArray(slot),
    literalStart: packArray(literalStart),
    literals: packArray(literals),
  };
}

function packLexicon(lexicon: Lexicon): MatcherSpec['lexicon'] {
  return {
    table: packArray(lexicon.table),
    hashes: packArray(lexicon.hashes),
    maxLength: lexicon.maxLength,
  };
}
