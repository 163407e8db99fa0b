// The pattern language fact packs use to say where a claim appears (also in docs/PATTERNS.md).
//
//   Tren de Aragua                     words: case-, accent- and punctuation-insensitive, whole
//                                      words only ("Aragua" never matches "Araguaney")
//   (deported|expelled|sent)           alternatives; each is a sequence and may nest
//   [the] Alien Enemies Act            optional words; may nest, may hold alternatives
//   {count} Venezuelans                number slots: {count} {money} {percent} {year}, or {number}
//                                      for any sort; a slot matches a whole number expression,
//                                      qualifier included: "more than 250", "nearly 300",
//                                      "$4.76 million", "doscientos treinta y ocho", "hundreds of"
//   MS-13, 50 USC 21, two hundred      literal numbers: match a number expression with the same
//                                      sort and value (and currency) in any wording ("200")
//
// Text in a pattern is read by the same tokenizer and number reader as page text, so the two can
// never disagree. Punctuation separates words and is otherwise ignored, so no escapes are needed:
// "J.G.G. v. Trump" is the words j g g v trump. Brackets and braces also separate words:
// "Aragua[s]" is "aragua" optionally followed by the word "s". A literal number written with a
// qualifier ("more than 250") requires that qualifier in the text; one written without
// ("250") matches any qualifier except the vague "hundreds of", "thousands of", "dozens of".
// The reader takes a plain four-digit number from 1000 to 2100 as a year, so {count} does not
// match "1500 people" (it does match "1,500 people"); {number} matches either.
//
// A pattern is refused, with an error naming the place, when it: is empty or has no words; does
// not parse (unclosed or unexpected brackets, empty alternatives or groups, unknown slots, nesting
// deeper than 8); can match nothing (every part optional); has an expansion that is only numbers
// and common words ("{count}", "the {count}": too broad); has more than 24 tokens in an expansion,
// more than 4 numbers in one, or more than 256 expansions (counted from the pattern's structure
// before equal ones merge; {number} counts as 4, one per sort);
// or puts next to a slot words the number reader would read as part of the number ("more than
// {count}", "{count} million"), which could never match. compilePattern never throws.

import type { Qualifier } from './pack';
import type { NumberSort, NumberToken } from './types';
import { readNumber } from './numbers';
import { NUMBER_WINDOW, canContinueNumber, canStartNumber } from './reading';
import { tokenize, type Token } from './tokenize';

export const MAX_TOKENS_PER_EXPANSION = 24;
export const MAX_EXPANSIONS = 256;
export const MAX_NUMBERS_PER_EXPANSION = 4;
export const MAX_NESTING = 8;

export const NUMBER_SORTS: readonly NumberSort[] = ['count', 'money', 'percent', 'year'];
const SLOT_NAMES = ['count', 'money', 'percent', 'year', 'number'] as const;
type SlotName = (typeof SLOT_NAMES)[number];

/** Common words that make a pattern too broad when nothing else is in it (English, Spanish). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of to in on at by for with from and or but as is are was were be been it its this ' +
    'that these those there their they them he she his her we our you your i me my not no so ' +
    'than then has have had do does did will would can could into s t ' +
    'el la los las lo un una unos unas de del al en y e o u que por para con sin sobre entre se ' +
    'su sus es son fue ser era como mas pero ya le les ni mi este esta estos estas ese esa eso'
  ).split(' '),
);

export type PatternSymbol =
  | { kind: 'word'; text: string }
  | { kind: 'slot'; sort: NumberSort }
  | {
      kind: 'literal';
      sort: NumberSort;
      value: number;
      qualifier: Qualifier;
      currency?: string;
    };

export interface PatternError {
  message: string;
  /** Offset in the pattern (UTF-16, from 0) where the problem is, when it has a place. */
  at?: number;
}

export interface CompiledPattern {
  /** Every distinct symbol sequence the pattern stands for; empty when there are errors. */
  expansions: PatternSymbol[][];
  errors: PatternError[];
  /** Tokens read to compile it (expansions and the checks around slots), for bounding work. */
  work: number;
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

type PatternNode =
  | { type: 'text'; tokens: Token[] }
  | { type: 'slot'; name: SlotName; at: number }
  | { type: 'alt'; options: PatternNode[][] }
  | { type: 'opt'; body: PatternNode };

class PatternSyntaxError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']' };

class Parser {
  private pos = 0;
  constructor(private readonly source: string) {}

  parse(): PatternNode {
    const top = this.alternation(0, null, 0);
    return top;
  }

  /** Parses alternatives up to `closer` (or the end when closer is null). */
  private alternation(depth: number, closer: string | null, openAt: number): PatternNode {
    const src = this.source;
    const options: PatternNode[][] = [];
    let current: PatternNode[] = [];
    let textStart = this.pos;
    let barAt = -1;
    const flush = (): void => {
      if (this.pos > textStart) this.text(textStart, this.pos, current);
    };
    const endOption = (at: number): void => {
      if (current.length === 0 && (options.length > 0 || barAt >= 0)) {
        throw new PatternSyntaxError(`empty alternative at ${at}`, at);
      }
      options.push(current);
      current = [];
    };
    for (;;) {
      if (this.pos >= src.length) {
        flush();
        if (closer !== null) {
          const opener = closer === ')' ? '(' : '[';
          throw new PatternSyntaxError(`unclosed '${opener}' at ${openAt}`, openAt);
        }
        endOption(this.pos);
        break;
      }
      const c = src[this.pos]!;
      if (c === '(' || c === '[') {
        flush();
        const at = this.pos;
        if (depth + 1 > MAX_NESTING) {
          throw new PatternSyntaxError(
            `brackets nested more than ${MAX_NESTING} deep at ${at}`,
            at,
          );
        }
        this.pos++;
        const body = this.alternation(depth + 1, CLOSERS[c]!, at);
        if (body.type === 'alt' && body.options.length === 1 && body.options[0]!.length === 0) {
          throw new PatternSyntaxError(`empty '${c}${CLOSERS[c]}' at ${at}`, at);
        }
        current.push(c === '[' ? { type: 'opt', body } : body);
        textStart = this.pos;
      } else if (c === '{') {
        flush();
        current.push(this.slot());
        textStart = this.pos;
      } else if (c === '|') {
        flush();
        if (current.length === 0)
          throw new PatternSyntaxError(`empty alternative at ${this.pos}`, this.pos);
        barAt = this.pos;
        endOption(this.pos);
        this.pos++;
        textStart = this.pos;
      } else if (c === ')' || c === ']') {
        flush();
        if (c !== closer)
          throw new PatternSyntaxError(`unexpected '${c}' at ${this.pos}`, this.pos);
        if (current.length === 0 && barAt >= 0) {
          throw new PatternSyntaxError(`empty alternative at ${this.pos}`, this.pos);
        }
        options.push(current);
        this.pos++;
        break;
      } else if (c === '}') {
        throw new PatternSyntaxError(`unexpected '}' at ${this.pos}`, this.pos);
      } else {
        this.pos++;
      }
    }
    return { type: 'alt', options };
  }

  private slot(): PatternNode {
    const at = this.pos;
    const close = this.source.indexOf('}', at);
    const nextOpen = this.source.indexOf('{', at + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      throw new PatternSyntaxError(`unclosed '{' at ${at}`, at);
    }
    const name = this.source
      .slice(at + 1, close)
      .trim()
      .toLowerCase();
    if (!(SLOT_NAMES as readonly string[]).includes(name)) {
      const shown = this.source.slice(at, close + 1);
      throw new PatternSyntaxError(
        `unknown slot '${shown}' at ${at}: use {count}, {money}, {percent}, {year} or {number}`,
        at,
      );
    }
    this.pos = close + 1;
    return { type: 'slot', name: name as SlotName, at };
  }

  private text(from: number, to: number, into: PatternNode[]): void {
    const tokens = tokenize(this.source.slice(from, to));
    for (const token of tokens) {
      token.start += from;
      token.end += from;
      if (token.kind === 'break') {
        throw new PatternSyntaxError(
          `a pattern cannot contain a paragraph break (at ${token.start})`,
          token.start,
        );
      }
    }
    if (tokens.length > 0) into.push({ type: 'text', tokens });
  }
}

// ---------------------------------------------------------------------------------------------
// Size checks on the tree, before anything is expanded (saturating, so huge trees stay cheap).

const CAP = 1 << 30;

function countExpansions(node: PatternNode): number {
  switch (node.type) {
    case 'text':
      return 1;
    case 'slot':
      return node.name === 'number' ? NUMBER_SORTS.length : 1;
    case 'opt':
      return Math.min(CAP, countExpansions(node.body) + 1);
    case 'alt': {
      let total = 0;
      for (const option of node.options) {
        let product = 1;
        for (const item of option) product = Math.min(CAP, product * countExpansions(item));
        total = Math.min(CAP, total + product);
      }
      return total;
    }
  }
}

function lengthBounds(node: PatternNode): { min: number; max: number } {
  switch (node.type) {
    case 'text':
      return { min: node.tokens.length, max: node.tokens.length };
    case 'slot':
      return { min: 1, max: 1 };
    case 'opt':
      return { min: 0, max: lengthBounds(node.body).max };
    case 'alt': {
      let min = CAP;
      let max = 0;
      for (const option of node.options) {
        let optionMin = 0;
        let optionMax = 0;
        for (const item of option) {
          const bounds = lengthBounds(item);
          optionMin = Math.min(CAP, optionMin + bounds.min);
          optionMax = Math.min(CAP, optionMax + bounds.max);
        }
        min = Math.min(min, optionMin);
        max = Math.max(max, optionMax);
      }
      return { min, max };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Expansion

/** One token of an expansion before numbers are read: a text token or a slot of one sort. */
type Item =
  { kind: 'token'; token: Token } | { kind: 'slot'; sort: NumberSort; name: SlotName; at: number };

function expand(node: PatternNode): Item[][] {
  switch (node.type) {
    case 'text':
      return [node.tokens.map((token) => ({ kind: 'token', token }))];
    case 'slot': {
      const sorts = node.name === 'number' ? NUMBER_SORTS : [node.name];
      return sorts.map((sort) => [{ kind: 'slot', sort, name: node.name, at: node.at }]);
    }
    case 'opt':
      return [[], ...expand(node.body)];
    case 'alt': {
      const out: Item[][] = [];
      for (const option of node.options) {
        let partial: Item[][] = [[]];
        for (const item of option) {
          const tails = expand(item);
          const next: Item[][] = [];
          for (const head of partial) for (const tail of tails) next.push([...head, ...tail]);
          partial = next;
        }
        out.push(...partial);
      }
      return out;
    }
  }
}

interface ReadSymbol {
  symbol: PatternSymbol;
  /** Items [from, to) the symbol was read from. */
  from: number;
  to: number;
}

/** Reads an expansion's items into symbols exactly as the matcher reads page tokens. */
function readSymbols(items: readonly Item[]): ReadSymbol[] {
  const out: ReadSymbol[] = [];
  for (let i = 0; i < items.length;) {
    const item = items[i]!;
    if (item.kind === 'slot') {
      out.push({ symbol: { kind: 'slot', sort: item.sort }, from: i, to: i + 1 });
      i++;
      continue;
    }
    const token = item.token;
    if (token.kind !== 'break' && canStartNumber(token.kind, token.text)) {
      const window: NumberToken[] = [];
      for (let j = i; j < items.length && window.length < NUMBER_WINDOW; j++) {
        const next = items[j]!;
        if (next.kind === 'slot') break; // a slot is a whole number: nothing reads into it
        const { kind, text, start, end } = next.token;
        if (kind === 'break' || !canContinueNumber(kind, text)) break;
        window.push({ kind, text, start, end });
      }
      const number = readNumber(window, 0);
      if (number !== null) {
        const literal: PatternSymbol = {
          kind: 'literal',
          sort: number.sort,
          value: number.value,
          qualifier: number.qualifier,
        };
        if (number.currency !== undefined) literal.currency = number.currency;
        out.push({ symbol: literal, from: i, to: i + number.tokenCount });
        i += number.tokenCount;
        continue;
      }
    }
    out.push({ symbol: { kind: 'word', text: token.text }, from: i, to: i + 1 });
    i++;
  }
  return out;
}

/** Stand-ins for a slot when checking what the number reader does around it. */
const PROBES: Record<NumberSort, readonly Pick<Token, 'kind' | 'text'>[]> = {
  count: [{ kind: 'digits', text: '7' }],
  year: [{ kind: 'digits', text: '1999' }],
  money: [
    { kind: 'symbol', text: '$' },
    { kind: 'digits', text: '7' },
  ],
  percent: [
    { kind: 'digits', text: '7' },
    { kind: 'symbol', text: '%' },
  ],
};

function itemText(item: Item): string {
  return item.kind === 'slot' ? `{${item.name}}` : item.token.text;
}

function render(items: readonly Item[]): string {
  return items.map(itemText).join(' ');
}

/** An error when the reader would read words next to the slot at items[index] into its number. */
function checkSlotNeighbours(items: readonly Item[], index: number): PatternError | null {
  const slot = items[index]!;
  if (slot.kind !== 'slot') return null;
  const probe: Item[] = PROBES[slot.sort].map((part) => ({
    kind: 'token',
    token: { ...part, start: slot.at, end: slot.at },
  }));
  const probed = [...items.slice(0, index), ...probe, ...items.slice(index + 1)];
  const to = index + probe.length;
  for (const read of readSymbols(probed)) {
    if (read.to <= index || read.from >= to) continue;
    if (read.from === index && read.to === to && read.symbol.kind === 'literal') return null;
    const words = probed.slice(read.from, read.to);
    return {
      message:
        `the words next to {${slot.sort}} at ${slot.at} are read as part of the number ` +
        `("${render(words)}"), so the pattern could never match: a slot already includes ` +
        `qualifiers ("more than", "casi"), scale words ("million") and currencies ("dollars")`,
      at: slot.at,
    };
  }
  return null;
}

function checkExpansion(items: readonly Item[], symbols: readonly ReadSymbol[]): PatternError[] {
  const errors: PatternError[] = [];
  const hasContentWord = symbols.some(
    (read) => read.symbol.kind === 'word' && !STOP_WORDS.has(read.symbol.text),
  );
  if (!hasContentWord) {
    errors.push({
      message:
        `too broad: "${render(items)}" has no word besides numbers and common words ` +
        `such as "the" or "de"; add a word that names the claim`,
    });
  }
  const numbers = symbols.filter((read) => read.symbol.kind !== 'word').length;
  if (numbers > MAX_NUMBERS_PER_EXPANSION) {
    errors.push({
      message: `too many numbers: "${render(items)}" has ${numbers} (at most ${MAX_NUMBERS_PER_EXPANSION})`,
    });
  }
  items.forEach((item, index) => {
    if (item.kind !== 'slot') return;
    const error = checkSlotNeighbours(items, index);
    if (error !== null) errors.push(error);
  });
  return errors;
}

function symbolKey(symbol: PatternSymbol): string {
  switch (symbol.kind) {
    case 'word':
      return `w:${symbol.text}`;
    case 'slot':
      return `s:${symbol.sort}`;
    case 'literal':
      return `l:${symbol.sort}:${symbol.value}:${symbol.currency ?? ''}:${symbol.qualifier}`;
  }
}

/** Parses, checks and expands a pattern. Never throws: problems come back as errors. */
export function compilePattern(source: string): CompiledPattern {
  if (source.trim() === '') {
    return { expansions: [], errors: [{ message: 'empty pattern' }], work: 0 };
  }
  let tree: PatternNode;
  try {
    tree = new Parser(source).parse();
  } catch (error) {
    if (error instanceof PatternSyntaxError) {
      return { expansions: [], errors: [{ message: error.message, at: error.at }], work: 0 };
    }
    throw error;
  }
  const bounds = lengthBounds(tree);
  if (bounds.max === 0) {
    return { expansions: [], errors: [{ message: 'the pattern has no words' }], work: 0 };
  }
  const errors: PatternError[] = [];
  if (bounds.min === 0) {
    errors.push({ message: 'the pattern can match nothing: every part of it is optional' });
  }
  if (bounds.max > MAX_TOKENS_PER_EXPANSION) {
    errors.push({
      message: `too many tokens: an expansion has ${bounds.max} (at most ${MAX_TOKENS_PER_EXPANSION})`,
    });
  }
  const count = countExpansions(tree);
  if (count > MAX_EXPANSIONS) {
    errors.push({
      message:
        `too many expansions: ${count >= CAP ? 'over a billion' : count} (at most ` +
        `${MAX_EXPANSIONS}; each {number} counts as 4, one per sort)`,
    });
  }
  if (errors.length > 0) return { expansions: [], errors, work: 0 };

  const expansions: PatternSymbol[][] = [];
  const seenExpansions = new Set<string>();
  const seenErrors = new Set<string>();
  let work = 0;
  for (const items of expand(tree)) {
    work += items.length * (1 + items.filter((item) => item.kind === 'slot').length);
    const symbols = readSymbols(items);
    for (const error of checkExpansion(items, symbols)) {
      if (seenErrors.has(error.message)) continue;
      seenErrors.add(error.message);
      errors.push(error);
    }
    const expansion = symbols.map((read) => read.symbol);
    const key = expansion.map(symbolKey).join(' ');
    if (!seenExpansions.has(key)) {
      seenExpansions.add(key);
      expansions.push(expansion);
    }
  }
  return errors.length > 0 ? { expansions: [], errors, work } : { expansions, errors, work };
}
