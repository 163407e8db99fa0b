// Building the Aho-Corasick automaton over symbol sequences (trie + failure links), numbered
// breadth-first so the matcher can store it as three flat arrays (see MatcherSpec.automaton).

export interface BuiltAutomaton {
  childStart: number[];
  symbol: number[];
  fail: number[];
  /** New (breadth-first) number of each node as insert() returned it. */
  renumber: Int32Array;
}

export class TrieBuilder {
  // (node, symbol) → child, in an open-addressing table of typed arrays: no per-edge objects.
  private keyNode = new Int32Array(1024).fill(-1);
  private keySymbol = new Int32Array(1024);
  private child = new Int32Array(1024);
  private edges = 0;
  private readonly parent: number[] = [-1];
  private readonly edge: number[] = [-1];

  get nodeCount(): number {
    return this.parent.length;
  }

  private slotOf(node: number, symbol: number): number {
    const mask = this.keyNode.length - 1;
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(symbol + 1, 0x85ebca6b)) & mask;
    while (this.keyNode[slot] !== -1) {
      if (this.keyNode[slot] === node && this.keySymbol[slot] === symbol) return slot;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private grow(): void {
    const { keyNode, keySymbol, child } = this;
    this.keyNode = new Int32Array(keyNode.length * 2).fill(-1);
    this.keySymbol = new Int32Array(keyNode.length * 2);
    this.child = new Int32Array(keyNode.length * 2);
    for (let i = 0; i < keyNode.length; i++) {
      if (keyNode[i] === -1) continue;
      const slot = this.slotOf(keyNode[i]!, keySymbol[i]!);
      this.keyNode[slot] = keyNode[i]!;
      this.keySymbol[slot] = keySymbol[i]!;
      this.child[slot] = child[i]!;
    }
  }

  /** Adds a path of symbols (non-negative integers) and returns its end node (insertion numbering). */
  insert(symbols: readonly number[]): number {
    let node = 0;
    for (const symbol of symbols) {
      if (!(Number.isInteger(symbol) && symbol >= 0 && symbol <= 0x7fffffff)) {
        throw new RangeError(`bad symbol ${symbol}`);
      }
      let slot = this.slotOf(node, symbol);
      if (this.keyNode[slot] === -1) {
        if (2 * (this.edges + 1) > this.keyNode.length) {
          this.grow();
          slot = this.slotOf(node, symbol);
        }
        const created = this.parent.length;
        this.parent.push(node);
        this.edge.push(symbol);
        this.keyNode[slot] = node;
        this.keySymbol[slot] = symbol;
        this.child[slot] = created;
        this.edges++;
      }
      node = this.child[slot]!;
    }
    return node;
  }

  /** Renumbers breadth-first with children sorted by symbol, and computes failure links. */
  build(): BuiltAutomaton {
    const count = this.parent.length;
    // Children of each node, grouped by parent (counting sort), then sorted by symbol.
    const firstChild = new Int32Array(count + 1);
    for (let v = 1; v < count; v++) firstChild[this.parent[v]! + 1]!++;
    for (let u = 0; u < count; u++) firstChild[u + 1]! += firstChild[u]!;
    const fill = firstChild.slice(0, count);
    const byParent = new Int32Array(Math.max(0, count - 1));
    for (let v = 1; v < count; v++) byParent[fill[this.parent[v]!]!++] = v;
    for (let u = 0; u < count; u++) {
      const from = firstChild[u]!;
      const to = firstChild[u + 1]!;
      if (to - from > 1) {
        const group = Array.from(byParent.subarray(from, to)).sort(
          (a, b) => this.edge[a]! - this.edge[b]!,
        );
        byParent.set(group, from);
      }
    }

    const renumber = new Int32Array(count);
    const order = new Int32Array(count); // order[new] = old
    const childStart: number[] = new Array<number>(count + 1);
    const symbol: number[] = new Array<number>(count);
    let next = 1;
    order[0] = 0;
    for (let index = 0; index < count; index++) {
      const old = order[index]!;
      renumber[old] = index;
      symbol[index] = this.edge[old]!;
      childStart[index] = next;
      for (let k = firstChild[old]!; k < firstChild[old + 1]!; k++) order[next++] = byParent[k]!;
    }
    childStart[count] = next;

    const fail: number[] = new Array<number>(count).fill(0);
    const childOf = (node: number, sym: number): number => {
      let lo = childStart[node]!;
      let hi = childStart[node + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = symbol[mid]!;
        if (s === sym) return mid;
        if (s < sym) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
    for (let u = 0; u < count; u++) {
      for (let v = childStart[u]!; v < childStart[u + 1]!; v++) {
        if (u === 0) continue; // depth-1 nodes fail to the root
        const sym = symbol[v]!;
        let f = fail[u]!;
        let target = childOf(f, sym);
        while (target < 0 && f !== 0) {
          f = fail[f]!;
          target = childOf(f, sym);
        }
        fail[v] = target < 0 ? 0 : target;
      }
    }
    return { childStart, symbol, fail, renumber };
  }
}
