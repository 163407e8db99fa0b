// The compiled form of the active packs: what the background builds once (core/compile.ts) and
// ships to content scripts, which only unpack its arrays (core/matcher.ts).
// Plain JSON: structured-cloneable and JSON.stringify-able. The big integer arrays travel packed
// (PackedArray: the bytes of a typed array as base64), because a content script receives the spec
// on every page load: one string is parsed and copied natively, where tens of thousands of numbers
// in a JSON array are parsed one by one and then copied again into a typed array by script.

import { hashWord, lookupWord, type Lexicon } from './tokenize';
import type { FactRef, NumberSort } from './types';

/** Bumped whenever the layout below changes meaning; createMatcher refuses other versions. */
export const SPEC_VERSION = 3;

/** Symbols 0..3 are number expressions of these sorts; word w is symbol WORD_SYMBOL_BASE + w. */
export const SORT_SYMBOLS: readonly NumberSort[] = ['count', 'money', 'percent', 'year'];
export const WORD_SYMBOL_BASE = SORT_SYMBOLS.length;

/** Qualifiers by index, as literal numbers store them. */
export { QUALIFIERS } from './pack';

/** Numbers stored per literal in MatcherSpec.outputs.literals. */
export const LITERAL_STRIDE = 4;

export interface MatcherSpec {
  specVersion: number;
  facts: FactRef[];
  /** One entry per pattern that compiled: index into facts, into langs, and into fact.matchers. */
  patterns: { fact: number[]; lang: number[]; matcher: number[] };
  /** BCP 47 primary tags of the patterns' languages (all languages share one automaton). */
  langs: string[];
  /**
   * Folded words the tokenizer looks up. The first `symbolWords` are pattern words (word w is
   * automaton symbol WORD_SYMBOL_BASE + w); the rest are words only the number reader needs.
   */
  words: string[];
  symbolWords: number;
  /** The tokenizer's hash table over `words` (core/tokenize.ts buildLexicon), built once here
   * rather than on every page load. */
  lexicon: { table: PackedArray; hashes: PackedArray; maxLength: number };
  /**
   * Aho-Corasick automaton over symbols. Nodes are numbered breadth-first from the root (0), so
   * the children of node n are the nodes childStart[n] .. childStart[n + 1] - 1, in increasing
   * order of `symbol` (the symbol on the edge into each node; -1 for the root), and every
   * failure link points to a smaller node number.
   */
  automaton: { childStart: PackedArray; symbol: PackedArray; fail: PackedArray };
  /**
   * What each node reports, sorted by node: the pattern, the position of its first number slot in
   * the match (-1 if none), and its literal numbers, which must hold when the match is reported:
   * literals[LITERAL_STRIDE * k ...] = position in the match, value, index in `currencies` (-1 for
   * none), index in QUALIFIERS; entry i owns literals literalStart[i] .. literalStart[i + 1] - 1.
   */
  outputs: {
    node: PackedArray;
    pattern: PackedArray;
    slot: PackedArray;
    literalStart: PackedArray;
    literals: PackedArray;
  };
  currencies: string[];
  /**
   * Words at least one of which every expansion holds, unless it holds a non-ASCII word; null when
   * there would be more than MAX_ANCHORS (core/anchors.ts).
   */
  anchors: string[] | null;
  /** The pre-filter's expression for the anchors and words (core/prefilter.ts): the matcher
   * reads only the paragraphs where it stops, or every paragraph when it is null. */
  prefilter: string | null;
}

/** The element types a PackedArray may hold, narrowest first. */
const ELEMENT_TYPES = {
  i8: Int8Array,
  u8: Uint8Array,
  i16: Int16Array,
  u16: Uint16Array,
  i32: Int32Array,
  f64: Float64Array,
} as const;

export type PackedType = keyof typeof ELEMENT_TYPES;

/** A typed array's bytes (in the platform's byte order, little-endian everywhere we run) as base64. */
export interface PackedArray {
  type: PackedType;
  length: number;
  base64: string;
}

type Base64Native = {
  fromBase64?: (text: string) => Uint8Array;
};

function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  const CHUNK = 8192; // apply's argument count is limited
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Native).fromBase64;
  if (typeof native === 'function') return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Packs numbers in the narrowest element type that holds them all exactly. */
export function packArray(values: ArrayLike<number>): PackedArray {
  let min = 0;
  let max = 0;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isInteger(value)) integers = false;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const type: PackedType = !integers
    ? 'f64'
    : min >= -128 && max <= 127
      ? 'i8'
      : min >= 0 && max <= 0xff
        ? 'u8'
        : min >= -0x8000 && max <= 0x7fff
          ? 'i16'
          : min >= 0 && max <= 0xffff
            ? 'u16'
            : min >= -0x80000000 && max <= 0x7fffffff
              ? 'i32'
              : 'f64';
  const array = ELEMENT_TYPES[type].from(values);
  return {
    type,
    length: array.length,
    base64: bytesToBase64(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)),
  };
}

/** The values of a packed integer array, as an Int32Array; throws if it is not one. */
export function unpackInts(packed: PackedArray, name: string): Int32Array {
  const values = unpack(packed, name);
  if (values instanceof Float64Array) throw new Error(`${name}: expected integers`);
  return values instanceof Int32Array ? values : new Int32Array(values);
}

/** The values of any packed array, as a Float64Array. */
export function unpackFloats(packed: PackedArray, name: string): Float64Array {
  const values = unpack(packed, name);
  return values instanceof Float64Array ? values : new Float64Array(values);
}

function unpack(packed: PackedArray, name: string) {
  const Type = Object.hasOwn(ELEMENT_TYPES, packed?.type) ? ELEMENT_TYPES[packed.type] : undefined;
  if (Type === undefined || typeof packed.base64 !== 'string' || !Number.isInteger(packed.length)) {
    throw new Error(`${name}: not a packed array`);
  }
  const bytes = base64ToBytes(packed.base64);
  if (bytes.byteLength !== packed.length * Type.BYTES_PER_ELEMENT) {
    throw new Error(
      `${name}: ${bytes.byteLength} bytes for ${packed.length} ${packed.type} values`,
    );
  }
  // A fresh buffer from the decoder starts at offset 0, so every element type is aligned.
  return new Type(bytes.buffer as ArrayBuffer, 0, packed.length);
}

/** An error about a damaged or outdated spec. */
export function invalidSpec(reason: string): Error {
  return new Error(`invalid matcher spec: ${reason}`);
}

/** The spec's packed arrays, unpacked. */
export interface SpecArrays {
  childStart: Int32Array;
  symbol: Int32Array;
  fail: Int32Array;
  node: Int32Array;
  pattern: Int32Array;
  slot: Int32Array;
  literalStart: Int32Array;
  literals: Float64Array;
  lexicon: Lexicon;
}

export function unpackSpec(spec: MatcherSpec): SpecArrays {
  if (spec.specVersion !== SPEC_VERSION) {
    throw invalidSpec(
      `version ${spec.specVersion}, expected ${SPEC_VERSION}: compile the packs again`,
    );
  }
  const { automaton, outputs } = spec;
  return {
    childStart: unpackInts(automaton.childStart, 'automaton.childStart'),
    symbol: unpackInts(automaton.symbol, 'automaton.symbol'),
    fail: unpackInts(automaton.fail, 'automaton.fail'),
    node: unpackInts(outputs.node, 'outputs.node'),
    pattern: unpackInts(outputs.pattern, 'outputs.pattern'),
    slot: unpackInts(outputs.slot, 'outputs.slot'),
    literalStart: unpackInts(outputs.literalStart, 'outputs.literalStart'),
    literals: unpackFloats(outputs.literals, 'outputs.literals'),
    lexicon: {
      words: spec.words,
      table: unpackInts(spec.lexicon.table, 'lexicon.table'),
      hashes: unpackInts(spec.lexicon.hashes, 'lexicon.hashes'),
      maxLength: spec.lexicon.maxLength,
    },
  };
}

/** Checks what createMatcher relies on at once: versions and array lengths. */
export function checkShape(spec: MatcherSpec, arrays: SpecArrays): void {
  const { childStart, symbol, fail, node, pattern, slot, literalStart, literals } = arrays;
  const nodes = symbol.length;
  if (nodes < 1 || childStart.length !== nodes + 1 || fail.length !== nodes) {
    throw invalidSpec('automaton arrays disagree in length');
  }
  if (childStart[0] !== 1 || childStart[nodes] !== nodes || !(childStart[1]! <= nodes)) {
    throw invalidSpec('children do not add up');
  }
  const entries = node.length;
  if (
    pattern.length !== entries ||
    slot.length !== entries ||
    literalStart.length !== entries + 1
  ) {
    throw invalidSpec('output arrays disagree in length');
  }
  if (literalStart[entries]! * LITERAL_STRIDE !== literals.length)
    throw invalidSpec('literal counts');
  if (spec.symbolWords > spec.words.length) throw invalidSpec('more symbol words than words');
  const { table, hashes, maxLength } = arrays.lexicon;
  // A lookup probes until an empty slot: the table must have one (native search, no script loop).
  if (
    hashes.length !== spec.words.length ||
    (table.length & (table.length - 1)) !== 0 ||
    table.indexOf(0) < 0 ||
    !Number.isInteger(maxLength)
  ) {
    throw invalidSpec('lexicon');
  }
}

/**
 * Checks every invariant the scan relies on, node by node: children after their parent and in
 * order, failure links to smaller nodes, symbols, outputs and facts in range. The background runs
 * it once on each spec it compiles (core/compile.ts); createMatcher, which runs on every page load,
 * checks only the shape and guards the loops that these invariants make finite, so a damaged spec
 * makes a scan fail, never hang.
 */
export function checkSpec(spec: MatcherSpec): void {
  const arrays = unpackSpec(spec);
  checkShape(spec, arrays);
  const { childStart, symbol, fail, node, pattern } = arrays;
  const nodes = symbol.length;
  const symbols = WORD_SYMBOL_BASE + spec.symbolWords;
  for (let v = 0; v < nodes; v++) {
    // Children come after their parent (so walking up to the root ends), in order.
    if (!(childStart[v + 1]! >= childStart[v]! && childStart[v]! > v)) {
      throw invalidSpec(`children of node ${v} are out of order`);
    }
    if (v > 0 && !(fail[v]! >= 0 && fail[v]! < v)) throw invalidSpec(`failure link of node ${v}`);
    if (v > 0 && !(symbol[v]! >= 0 && symbol[v]! < symbols))
      throw invalidSpec(`symbol of node ${v}`);
  }
  for (let i = 0; i < node.length; i++) {
    if (!(node[i]! > 0 && node[i]! < nodes) || (i > 0 && node[i]! < node[i - 1]!)) {
      throw invalidSpec(`output ${i} names node ${node[i]}`);
    }
    if (!(pattern[i]! >= 0 && pattern[i]! < spec.patterns.fact.length)) {
      throw invalidSpec(`output ${i} names pattern ${pattern[i]}`);
    }
  }
  for (const fact of spec.patterns.fact) {
    if (!(fact >= 0 && fact < spec.facts.length)) throw invalidSpec(`pattern names fact ${fact}`);
  }
  const lexicon = arrays.lexicon;
  spec.words.forEach((word, id) => {
    if (lexicon.hashes[id] !== hashWord(word) || lookupWord(lexicon, word) !== id) {
      throw invalidSpec(`lexicon entry of word ${id}`);
    }
  });
}
