// Which elements break text into blocks and which hold no readable text. ONE definition shared by
// the command-line HTML extractor (cli/extract-html.ts) and the extension's DOM walker, so a page
// gives the same text, and so the same matches, in both. Names are lower case, as Element.localName
// and htmlparser2 give them for HTML elements. Pure data plus one string helper: no DOM here.

/** Separates the text of two blocks. The tokenizer reads it as a paragraph break no match crosses. */
export const BLOCK_SEPARATOR = '\n\n';

/** A line break inside a block (from <br>): plain space to the matcher, so a claim may span it. */
export const LINE_SEPARATOR = '\n';

/**
 * Elements whose content is never article text: not rendered at all (script, style, template,
 * metadata), replaced content and plugins (iframe, object, canvas, media fallback), form controls
 * (their text is a widget's label or the reader's own input, not what the page asserts), and inline
 * SVG (icon labels and chart ticks, laid out by coordinates so source order is not reading order;
 * its <title>/<desc> are tooltips). Their whole subtree is skipped.
 *
 * `head` is deliberately absent: a browser-built DOM only ever holds metadata elements there (all
 * listed here), and stray text an author put in <head> is shown by browsers in the body, so the CLI
 * reads it too.
 */
export const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set([
  // not rendered
  'script',
  'style',
  'template',
  'noscript',
  'title',
  'meta',
  'link',
  'base',
  'datalist',
  'rp',
  // replaced content, plugins, media fallback text
  'iframe',
  'frame',
  'frameset',
  'noframes',
  'object',
  'embed',
  'applet',
  'canvas',
  'audio',
  'video',
  'img',
  'picture',
  'source',
  'track',
  'map',
  'svg',
  // form controls: labels of widgets or the reader's input
  'textarea',
  'select',
  'option',
  'optgroup',
  'input',
  'button',
]);

/**
 * Elements a browser lays out as blocks (display: block, list-item, table parts, per the HTML
 * rendering rules). Their text is separated from what comes before and after by BLOCK_SEPARATOR.
 * Table cells are blocks too: a claim never runs from one cell into the next.
 * Every element not listed here (b, i, a, span, em, strong, abbr, time, ...) is inline: its text
 * joins its neighbours' with no separator, so "<b>238</b> Venezuelans" reads "238 Venezuelans".
 */
export const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'plaintext',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
]);

/** Elements that end a line without ending the block (BR): LINE_SEPARATOR. Two in a row make a
 * blank line, which the tokenizer reads as a paragraph break, as "<br><br>" paragraphs look. */
export const LINE_BREAK_ELEMENTS: ReadonlySet<string> = new Set(['br']);

/** Elements whose whitespace a browser keeps as written (white-space: pre). */
export const PREFORMATTED_ELEMENTS: ReadonlySet<string> = new Set([
  'pre',
  'listing',
  'xmp',
  'plaintext',
]);

/** What an element's inline `style` attribute says about its visibility. */
export interface InlineVisibility {
  /** display: none — the element and everything inside it are not rendered. */
  displayNone: boolean;
  /** visibility: hidden|collapse → 'hidden'; visible → 'visible' (a descendant may show itself
   * again inside a hidden ancestor); undefined when the style does not set it (inherited). */
  visibility?: 'hidden' | 'visible';
}

/**
 * Reads display and visibility from an inline style attribute ("color: red; DISPLAY:none
 * !important"). For the CLI, which has no style engine; in a browser use getComputedStyle. The last
 * declaration of a property wins, as in CSS.
 */
export function readInlineVisibility(style: string): InlineVisibility {
  const result: InlineVisibility = { displayNone: false };
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (property === 'display') {
      result.displayNone = value === 'none';
    } else if (property === 'visibility') {
      if (value === 'hidden' || value === 'collapse') result.visibility = 'hidden';
      else if (value === 'visible') result.visibility = 'visible';
      else delete result.visibility;
    }
  }
  return result;
}
