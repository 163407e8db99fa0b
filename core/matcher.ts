// The matcher: finds the packs' claims in a text in one linear pass over its tokens.
//
// Tokens become symbols: a word is its pattern-word symbol (or unknown, which no pattern
// contains), a number expression read by readNumber becomes one symbol of its sort (most are read
// without building the reader's token window: see readNumberHere), and a BREAK resets. One
// deterministic Aho-Corasick step per symbol (amortised: failure links never take more
// steps than there were symbols), then a walk down the output links, whose length is bounded by
// the 24 tokens an expansion may have. Literal numbers are checked when a match is reported,
// through a hash of their values, so many patterns differing only in a number cost no more than
// one. Work is linear in the text and does not grow with the number of patterns or their
// complexity.
//
// Before any of that, the pre-filter (core/prefilter.ts) finds the paragraphs that can hold a
// match, natively; only those are tokenized. The one regular expression built from pack text is
// its search for anchor words, which are checked to be nothing but ASCII letters and digits.
//
// Output: leftmost-longest non-overlapping spans (at each position, from left to right, the
// longest match starting there), one RawMatch per fact for each span.

import type { Qualifier } from './pack';
import type { NumberToken, ParsedNumber, RawMatch } from './types';
import * as comparing from './compare';
import * as numberReader from './numbers';
import * as reading from './reading';
import {
  LITERAL_STRIDE,
  QUALIFIERS,
  SORT_SYMBOLS,
  WORD_SYMBOL_BASE,
  checkShape,
  invalidSpec,
  unpackSpec,
  type MatcherSpec,
} from './spec';
import * as tokenizer from './tokenize';
import { anchorSearch } from './prefilter';

// Local copies: some module loaders (tsx, vite-node) read imported bindings through getters.
const compareFigures = comparing.compareFigures;
const readNumber = numberReader.readNumber;
const NUMBER_START_WORDS = numberReader.NUMBER_START_WORDS;
const NUMBER_WORDS = numberReader.NUMBER_WORDS;
const DIGIT_SUFFIX_WORDS = numberReader.DIGIT_SUFFIX_WORDS;
const readLoneDigits = numberReader.readLoneDigits;
const NUMBER_WINDOW = reading.NUMBER_WINDOW;
const TOKEN_BREAK = tokenizer.TOKEN_BREAK;
const TOKEN_DIGITS = tokenizer.TOKEN_DIGITS;
const TOKEN_WORD = tokenizer.TOKEN_WORD;
const scanTokens = tokenizer.scanTokens;
const appendTokens = tokenizer.appendTokens;
const TokenBuffer = tokenizer.TokenBuffer;

export type { MatcherSpec } from './spec';

/** Counts from the last scan, to show the work is linear (tests) and to measure (benchmarks). */
export interface ScanStats {
  tokens: number;
  symbols: number;
  /** Automaton steps, failure links included. */
  transitions: number;
  /** Output-link nodes visited. */
  outputChecks: number;
  /** Calls to the number reader. */
  numberReads: number;
}

export interface Matcher {
  scan(text: string): RawMatch[];
  /** Counts from the most recent scan. */
  readonly stats: Readonly<ScanStats>;
}

const STARTS_NUMBER = 1;
const CONTINUES_NUMBER = 2;
/** After a digit run, may make the number more than the run (numbers.ts DIGIT_SUFFIX_WORDS). */
const EXTENDS_DIGITS = 4;
/** What the number reader makes of a word alone (its window ends after it), once known. */
const LONE_UNKNOWN = 0;
const LONE_NOTHING = 1;
const LONE_NUMBER = 2;
/** Two line breaks: always a BREAK for the tokenizer (the text index puts one between blocks). */
const PARAGRAPH_BREAK = '\n\n';
const VAGUE: ReadonlySet<Qualifier> = new Set(['hundreds', 'thousands', 'dozens']);
const QUALIFIER_INDEX = new Map(QUALIFIERS.map((qualifier, index) => [qualifier, index]));
const EXACT = QUALIFIER_INDEX.get('exact')!;
const SORT_SYMBOL: Readonly<Record<string, number>> = Object.fromEntries(
  SORT_SYMBOLS.map((sort, index) => [sort, index]),
);

/**
 * Builds a matcher from a compiled spec: unpacks its arrays and checks their shape (checkSpec, run
 * where the spec is compiled, checks the rest); what each node reports is worked out when a scan
 * first reaches the node.
 */
export function createMatcher(spec: MatcherSpec): Matcher {
  const arrays = unpackSpec(spec);
  checkShape(spec, arrays);
  const anchors = spec.prefilter === null ? null : anchorSearch(spec.prefilter);
  const words = spec.words;
  const lexicon = arrays.lexicon;
  const wordSymbol = new Int32Array(words.length);
  const wordFlags = new Uint8Array(words.length);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    wordSymbol[w] = w < spec.symbolWords ? WORD_SYMBOL_BASE + w : -1;
    wordFlags[w] =
      (NUMBER_START_WORDS.has(word) ? STARTS_NUMBER : 0) |
      (NUMBER_WORDS.has(word) ? CONTINUES_NUMBER : 0) |
      (DIGIT_SUFFIX_WORDS.has(word) ? EXTENDS_DIGITS : 0);
  }

  const { childStart, fail } = arrays;
  const edgeSymbol = arrays.symbol;
  const nodeCount = edgeSymbol.length;
  const rootNext = new Int32Array(WORD_SYMBOL_BASE + spec.symbolWords);
  for (let v = childStart[0]!; v < childStart[1]!; v++) rootNext[edgeSymbol[v]!] = v;

  // What each node reports is worked out the first time a scan reaches the node, not here: a page
  // reaches a few hundred of the tens of thousands of nodes, and createMatcher runs on every page
  // load, before the first scan (issue 4: the matcher arrives ready to use). Only array copies
  // and fills, which are native, are done up front.
  const entryNode = arrays.node;
  const entryPattern = arrays.pattern;
  const entrySlot = arrays.slot;
  const { literalStart, literals } = arrays;
  /** Per node: the nearest node in its failure chain (itself included) that reports something,
   * 0 for none; -1 until known. */
  const report = new Int32Array(nodeCount).fill(-1);
  report[0] = 0;
  /** Per reporting node, once prepared (prepared[node] = 1): its depth (the match length), its
   * output link (the next reporting node down its failure chain), its entries
   * (entryFrom .. entryTo - 1) and whether some of them have no literal numbers. */
  const prepared = new Uint8Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  const outLink = new Int32Array(nodeCount);
  const entryFrom = new Int32Array(nodeCount);
  const entryTo = new Int32Array(nodeCount);
  const hasFree = new Uint8Array(nodeCount);
  // Entries with literal numbers, grouped by the values, currencies and qualifiers their literals
  // need, so a check costs a few lookups however many patterns differ only in a number.
  const literalGroups = new Map<string, number[]>();
  const nodeMasks = new Map<number, number[][]>();
  const currencyOf = (index: number): string => (index < 0 ? '' : (spec.currencies[index] ?? '?'));

  /** The first entry (entries are sorted by node) whose node is at least `node`. */
  const firstEntryFrom = (node: number): number => {
    let lo = 0;
    let hi = entryNode.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entryNode[mid]! < node) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const chain: number[] = [];
  const reportOf = (v: number): number => {
    let u = v;
    chain.length = 0;
    while (report[u]! < 0) {
      const first = firstEntryFrom(u);
      if (first < entryNode.length && entryNode[first] === u) {
        report[u] = u;
        break;
      }
      chain.push(u);
      const next = fail[u]!;
      if (!(next >= 0 && next < u)) throw invalidSpec(`failure link of node ${u}`); // so this ends
      u = next;
    }
    const found = report[u]!;
    for (const w of chain) report[w] = found;
    return found;
  };

  /** The node whose children include v: the last u with childStart[u] <= v. */
  const parentOf = (v: number): number => {
    let lo = 0;
    let hi = nodeCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (childStart[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const prepare = (node: number): void => {
    prepared[node] = 1;
    let length = 0;
    for (let v = node; v !== 0; length++) {
      const parent = parentOf(v);
      if (!(parent < v)) throw invalidSpec(`children of node ${parent} are out of order`); // so this ends
      v = parent;
    }
    depth[node] = length;
    outLink[node] = reportOf(fail[node]!);
    const from = firstEntryFrom(node);
    let to = from;
    while (to < entryNode.length && entryNode[to] === node) to++;
    entryFrom[node] = from;
    entryTo[node] = to;
    for (let i = from; i < to; i++) {
      const first = literalStart[i]!;
      const last = literalStart[i + 1]!;
      if (!(first >= 0 && first <= last && last * LITERAL_STRIDE <= literals.length)) {
        throw invalidSpec(`literals of output ${i}`);
      }
      if (first === last) {
        hasFree[node] = 1;
        continue;
      }
      const positions: number[] = [];
      let key = `${node}|`;
      for (let k = first; k < last; k++) {
        const at = LITERAL_STRIDE * k;
        positions.push(literals[at]!);
        key += `${k > first ? ',' : ''}${literals[at]}:${literals[at + 1]}:`;
        key += `${currencyOf(literals[at + 2]!)}:${literals[at + 3]}`;
      }
      const group = literalGroups.get(key);
      if (group === undefined) literalGroups.set(key, [i]);
      else group.push(i);
      const masks = nodeMasks.get(node) ?? [];
      if (!masks.some((mask) => mask.join() === positions.join())) masks.push(positions);
      nodeMasks.set(node, masks);
    }
  };
  const patternFact = new Int32Array(spec.patterns.fact);
  const factStamp = new Int32Array(spec.facts.length);
  let stamp = 0;

  // Per-scan state, grown as needed and reused.
  const tokens = new TokenBuffer();
  let capacity = 0;
  let symStart = new Int32Array(0);
  let symEnd = new Int32Array(0);
  let symNumber = new Int32Array(0);
  let bestLength = new Uint8Array(0);
  let bestNode = new Int32Array(0);
  let numbers: ParsedNumber[] = [];
  const window: NumberToken[] = [];
  /** The window's token objects, reused (the reader keeps none of them). */
  const windowTokens: NumberToken[] = [];
  /** Per word: LONE_* for what the reader makes of it alone, found out the first time. */
  const loneWord = new Uint8Array(words.length);
  const stats: ScanStats = {
    tokens: 0,
    symbols: 0,
    transitions: 0,
    outputChecks: 0,
    numberReads: 0,
  };

  const numberAt = (position: number): ParsedNumber => numbers[symNumber[position]!]!;

  const keys: string[] = [];
  /**
   * Fills `keys` with every group key that the numbers of the match at `start` satisfy at the
   * literal positions `mask`: per position its value and currency, and either the qualifier the
   * page used or "exact" (a bare literal takes any qualifier but the vague ones).
   */
  const literalKeys = (node: number, mask: readonly number[], start: number): void => {
    keys.length = 0;
    keys.push(`${node}|`);
    for (let k = 0; k < mask.length; k++) {
      const found = numberAt(start + mask[k]!);
      const base = `${k > 0 ? ',' : ''}${mask[k]}:${found.value}:${found.currency ?? ''}:`;
      const own = QUALIFIER_INDEX.get(found.qualifier)!;
      const alsoExact = own !== EXACT && !VAGUE.has(found.qualifier);
      for (let i = 0, n = keys.length; i < n; i++) {
        const prefix = keys[i]!;
        keys[i] = prefix + base + own;
        if (alsoExact) keys.push(prefix + base + EXACT);
      }
    }
  };

  /** Whether some entry with literal numbers at `node` holds for the match starting at `start`. */
  const someLiteralEntryHolds = (node: number, start: number): boolean => {
    for (const mask of nodeMasks.get(node) ?? []) {
      literalKeys(node, mask, start);
      for (const key of keys) if (literalGroups.has(key)) return true;
    }
    return false;
  };

  const accepted: number[] = [];
  /** The entries at `node` that hold for the match starting at `start`, in entry order. */
  const acceptedEntries = (node: number, start: number): number[] => {
    accepted.length = 0;
    for (let i = entryFrom[node]!; i < entryTo[node]!; i++) {
      if (literalStart[i] === literalStart[i + 1]) accepted.push(i);
    }
    const masks = nodeMasks.get(node);
    if (masks !== undefined) {
      for (const mask of masks) {
        literalKeys(node, mask, start);
        for (const key of keys)
          for (const entry of literalGroups.get(key) ?? []) accepted.push(entry);
      }
      accepted.sort((a, b) => a - b);
    }
    return accepted;
  };

  const readNumberAt = (first: number): ParsedNumber | null => {
    window.length = 0;
    for (let j = first; j < tokens.count && window.length < NUMBER_WINDOW; j++) {
      const kind = tokens.kind[j]!;
      if (kind === TOKEN_BREAK) break;
      let text: string;
      if (kind === TOKEN_WORD) {
        const w = tokens.word[j]!;
        if (w < 0 || (wordFlags[w]! & CONTINUES_NUMBER) === 0) break;
        text = words[w]!;
      } else {
        text = tokens.text[j]!;
      }
      let token = windowTokens[window.length];
      if (token === undefined) {
        token = { kind: 'word', text: '', start: 0, end: 0 };
        windowTokens.push(token);
      }
      token.kind = kind === TOKEN_WORD ? 'word' : kind === TOKEN_DIGITS ? 'digits' : 'symbol';
      token.text = text;
      token.start = tokens.start[j]!;
      token.end = tokens.end[j]!;
      window.push(token);
    }
    stats.numberReads++;
    return window.length === 0 ? null : readNumber(window, 0);
  };

  /**
   * What the number reader reads at token t (a digit run, a symbol, or word w), as readNumberAt,
   * but without building the window in the common cases, where the next token cannot change the
   * reading: a digit run followed by no digit-suffix word or symbol, and a word the window ends
   * after, whose reading alone is the same wherever it stands.
   */
  const readNumberHere = (t: number, kind: number, w: number): ParsedNumber | null => {
    const next = t + 1;
    const nextKind = next < tokens.count ? tokens.kind[next]! : TOKEN_BREAK;
    const nextWord = nextKind === TOKEN_WORD ? tokens.word[next]! : -1;
    if (kind === TOKEN_DIGITS) {
      if (
        nextKind === TOKEN_BREAK ||
        nextKind === TOKEN_DIGITS ||
        (nextKind === TOKEN_WORD && (nextWord < 0 || (wordFlags[nextWord]! & EXTENDS_DIGITS) === 0))
      ) {
        stats.numberReads++;
        return readLoneDigits(tokens.text[t]!, tokens.start[t]!, tokens.end[t]!);
      }
    } else if (
      kind === TOKEN_WORD &&
      (nextKind === TOKEN_BREAK ||
        (nextKind === TOKEN_WORD &&
          (nextWord < 0 || (wordFlags[nextWord]! & CONTINUES_NUMBER) === 0)))
    ) {
      const lone = loneWord[w]!;
      if (lone === LONE_NOTHING) {
        stats.numberReads++;
        return null;
      }
      if (lone === LONE_UNKNOWN) {
        const parsed = readNumberAt(t);
        loneWord[w] = parsed === null ? LONE_NOTHING : LONE_NUMBER;
        return parsed;
      }
    }
    return readNumberAt(t);
  };

  const ensureCapacity = (count: number): void => {
    if (count <= capacity) return;
    capacity = Math.max(count, capacity * 2, 256);
    symStart = new Int32Array(capacity);
    symEnd = new Int32Array(capacity);
    symNumber = new Int32Array(capacity);
    bestLength = new Uint8Array(capacity);
    bestNode = new Int32Array(capacity);
  };

  const emit = (node: number, first: number, last: number, matches: RawMatch[]): void => {
    stamp++;
    for (const entry of acceptedEntries(node, first)) {
      const fact = patternFact[entryPattern[entry]!]!;
      if (factStamp[fact] === stamp) continue; // another pattern of the same fact, same span
      factStamp[fact] = stamp;
      const match: RawMatch = {
        start: symStart[first]!,
        end: symEnd[last]!,
        fact,
        comparison: { comparison: 'not-compared', agreesWith: [] },
      };
      const slot = entrySlot[entry]!;
      if (slot >= 0) {
        const number = numberAt(first + slot);
        match.number = number;
        const figures = spec.facts[fact]!.figures;
        if (figures.length > 0) match.comparison = compareFigures(number, figures);
      }
      matches.push(match);
    }
  };

  /** Tokenizes the paragraphs of `text` where the pre-filter stops, or all of it without one. */
  const tokenizeCandidates = (text: string): void => {
    if (anchors === null) {
      scanTokens(text, lexicon, tokens);
      return;
    }
    tokens.count = 0;
    anchors.lastIndex = 0;
    for (let found = anchors.exec(text); found !== null; found = anchors.exec(text)) {
      const before = text.lastIndexOf(PARAGRAPH_BREAK, found.index);
      const from = before < 0 ? 0 : before + PARAGRAPH_BREAK.length;
      let to = text.indexOf(PARAGRAPH_BREAK, found.index);
      if (to < 0) to = text.length;
      appendTokens(text, lexicon, tokens, from, to);
      if (to === text.length) break;
      anchors.lastIndex = to;
    }
  };

  const scan = (text: string): RawMatch[] => {
    tokenizeCandidates(text);
    const count = tokens.count;
    ensureCapacity(count);
    bestLength.fill(0, 0, count);
    numbers = [];
    let transitions = 0;
    let outputChecks = 0;
    stats.numberReads = 0;
    let symbols = 0;
    let state = 0;
    const kinds = tokens.kind;
    const wordIds = tokens.word;
    const starts = tokens.start;
    const ends = tokens.end;
    for (let t = 0; t < count;) {
      const kind = kinds[t]!;
      const w = wordIds[t]!;
      let symbol = w < 0 ? -1 : wordSymbol[w]!;
      const position = symbols;
      if (kind === TOKEN_WORD && (w < 0 || (wordFlags[w]! & STARTS_NUMBER) === 0)) {
        // Most tokens: a word, which starts no number.
        symbols++;
        t++;
        if (symbol < 0) {
          state = 0; // no pattern contains an unknown word (so its span is never read)
          continue;
        }
        symStart[position] = starts[t - 1]!;
        symEnd[position] = ends[t - 1]!;
        symNumber[position] = -1;
      } else if (kind === TOKEN_BREAK) {
        state = 0;
        t++;
        continue;
      } else {
        let consumed = 1;
        let start = starts[t]!;
        let end = ends[t]!;
        let number = -1;
        const parsed = readNumberHere(t, kind, w);
        if (parsed !== null) {
          symbol = SORT_SYMBOL[parsed.sort]!;
          consumed = parsed.tokenCount;
          start = parsed.start;
          end = parsed.end;
          number = numbers.push(parsed) - 1;
        }
        symbols++;
        t += consumed;
        if (symbol < 0) {
          state = 0; // no pattern contains an unknown word
          continue;
        }
        symStart[position] = start;
        symEnd[position] = end;
        symNumber[position] = number;
      }
      for (;;) {
        transitions++;
        if (state === 0) {
          state = rootNext[symbol]!;
          break;
        }
        let next = -1;
        let lo = childStart[state]!;
        let hi = childStart[state + 1]! - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const s = edgeSymbol[mid]!;
          if (s === symbol) {
            next = mid;
            break;
          }
          if (s < symbol) lo = mid + 1;
          else hi = mid - 1;
        }
        if (next > 0) {
          state = next;
          break;
        }
        const back = fail[state]!;
        // checkSpec guarantees this where the spec is compiled; a page's matcher guards it, so a
        // damaged spec stops the scan instead of looping.
        if (!(back < state)) throw invalidSpec(`failure link of node ${state}`);
        state = back;
      }
      let node = report[state]!;
      if (node < 0) node = reportOf(state);
      while (node !== 0) {
        outputChecks++;
        if (prepared[node] === 0) prepare(node);
        const length = depth[node]!;
        const first = position - length + 1;
        if (
          length > bestLength[first]! &&
          (hasFree[node] === 1 || someLiteralEntryHolds(node, first))
        ) {
          bestLength[first] = length;
          bestNode[first] = node;
        }
        node = outLink[node]!;
      }
    }
    stats.tokens = count;
    stats.symbols = symbols;
    stats.transitions = transitions;
    stats.outputChecks = outputChecks;

    const matches: RawMatch[] = [];
    for (let first = 0; first < symbols;) {
      const length = bestLength[first]!;
      if (length === 0) {
        first++;
        continue;
      }
      emit(bestNode[first]!, first, first + length - 1, matches);
      first += length;
    }
    return matches;
  };

  return { scan, stats };
}
