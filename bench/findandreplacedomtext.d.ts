// Types for the parts of findAndReplaceDOMText 0.4.6 (a benchmark peer) that bench/page-bench.ts
// uses; the package ships none.
declare module 'findandreplacedomtext' {
  interface FindAndReplaceOptions {
    find: RegExp | string;
    /** Element name to wrap each match (each portion of it, per text node) in. */
    wrap?: string;
    /** Makes the node that replaces each portion of a match (a match split over text nodes has
     * several portions, numbered from 0 in each match). */
    replace?: (portion: { text: string; index: number }) => Node;
    /** "prose": skip non-prose elements (script, style, inputs) and never match across blocks. */
    preset?: 'prose';
  }
  interface Finder {
    /** Undoes every replacement. */
    revert(): Finder;
  }
  function findAndReplaceDOMText(node: Node, options: FindAndReplaceOptions): Finder;
  export = findAndReplaceDOMText;
}
