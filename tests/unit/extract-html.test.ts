import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDocument, extractText, isHtmlFileName } from '../../cli/extract-html';
import { readInlineVisibility } from '../../core/blocks';

describe('extractText: what is skipped', () => {
  it.each([
    ['script', '<p>a</p><script>var claim = "238 Venezuelans";</script><p>b</p>'],
    ['style', '<p>a</p><style>p::after { content: "238 Venezuelans" }</style><p>b</p>'],
    ['template', '<p>a</p><template><p>238 Venezuelans</p></template><p>b</p>'],
    ['noscript', '<p>a</p><noscript>238 Venezuelans</noscript><p>b</p>'],
    ['title', '<head><title>238 Venezuelans</title></head><body><p>a</p><p>b</p></body>'],
    [
      'svg with title and text',
      '<p>a</p><svg><title>238</title><text>Venezuelans</text></svg><p>b</p>',
    ],
    ['iframe', '<p>a</p><iframe>238 Venezuelans</iframe><p>b</p>'],
    ['object', '<p>a</p><object data="x.swf">238 Venezuelans</object><p>b</p>'],
    ['canvas', '<p>a</p><canvas>238 Venezuelans</canvas><p>b</p>'],
    ['video fallback', '<p>a</p><video>238 Venezuelans</video><p>b</p>'],
    ['textarea', '<p>a</p><textarea>238 Venezuelans</textarea><p>b</p>'],
    ['select', '<p>a</p><select><option>238 Venezuelans</option></select><p>b</p>'],
    ['button', '<p>a</p><button>238 Venezuelans</button><p>b</p>'],
    ['comment', '<p>a</p><!-- 238 Venezuelans --><p>b</p>'],
    ['hidden attribute', '<p>a</p><div hidden>238 Venezuelans</div><p>b</p>'],
    ['hidden="hidden"', '<p>a</p><div hidden="hidden">238 Venezuelans</div><p>b</p>'],
    ['closed dialog', '<p>a</p><dialog>238 Venezuelans</dialog><p>b</p>'],
    [
      'display:none',
      '<p>a</p><div style="color:red; DISPLAY : none">238 Venezuelans</div><p>b</p>',
    ],
    ['display:none !important', '<p>a</p><div style="display:none !important">238</div><p>b</p>'],
    ['visibility:hidden', '<p>a</p><div style="visibility: hidden">238 Venezuelans</div><p>b</p>'],
    ['visibility:collapse', '<p>a</p><div style="visibility:collapse">238</div><p>b</p>'],
  ])('skips %s', (_name, html) => {
    expect(extractText(html)).toBe('a\n\nb');
  });

  it('keeps text a reader can see: aria-hidden, hidden="until-found", an open dialog', () => {
    expect(extractText('<p aria-hidden="true">238 Venezuelans</p>')).toBe('238 Venezuelans');
    expect(extractText('<div hidden="until-found">238 Venezuelans</div>')).toBe('238 Venezuelans');
    expect(extractText('<dialog open>238 Venezuelans</dialog>')).toBe('238 Venezuelans');
  });

  it('shows a descendant that sets visibility: visible inside a hidden ancestor, as CSS does', () => {
    const html =
      '<div style="visibility:hidden">gone <span style="visibility:visible">shown</span></div>';
    expect(extractText(html)).toBe('shown');
  });

  it('does not let a descendant undo display:none', () => {
    const html = '<div style="display:none"><p style="display:block">gone</p></div><p>kept</p>';
    expect(extractText(html)).toBe('kept');
  });

  it('reads text a broken page left inside <head>, as browsers show it in the body', () => {
    expect(extractText('<head><title>T</title><p>stray</p></head><body>body</body>')).toBe(
      'stray\n\nbody',
    );
  });

  it('reads text after </body> and </html>, as browsers do', () => {
    expect(extractText('<html><body><p>in</p></body></html>after')).toBe('in\n\nafter');
  });
});

describe('extractText: blocks, inline elements and whitespace', () => {
  it.each([
    'p',
    'div',
    'li',
    'h1',
    'h6',
    'blockquote',
    'section',
    'article',
    'header',
    'footer',
    'nav',
    'aside',
    'figure',
    'figcaption',
    'dd',
    'dt',
    'td',
    'th',
    'tr',
    'main',
    'address',
  ])('separates <%s> from its neighbours with a blank line', (tag) => {
    expect(extractText(`before<${tag}>inside</${tag}>after`)).toBe('before\n\ninside\n\nafter');
  });

  it('separates table cells and rows, so a claim cannot run from one cell into the next', () => {
    const html = '<table><tr><td>238</td><td>Venezuelans</td></tr><tr><td>x</td></tr></table>';
    expect(extractText(html)).toBe('238\n\nVenezuelans\n\nx');
  });

  it('separates with <hr> but never leaves more than one blank line', () => {
    expect(extractText('<p>a</p><hr><hr><div><div><p>b</p></div></div>')).toBe('a\n\nb');
  });

  it('joins inline elements without a separator', () => {
    expect(extractText('<p><b>238</b> Venezuelans</p>')).toBe('238 Venezuelans');
    expect(extractText('<p>Tren de <a href="#">Ara<i>gua</i></a> members</p>')).toBe(
      'Tren de Aragua members',
    );
    expect(extractText('<p><span>two</span><em>hundred</em></p>')).toBe('twohundred');
  });

  it('collapses runs of ASCII whitespace to one space, also across inline edges', () => {
    expect(extractText('<p>  238 \n\t Venezuelans <b> were </b>  sent </p>')).toBe(
      '238 Venezuelans were sent',
    );
  });

  it('trims whitespace at block edges', () => {
    expect(extractText('<div>\n  <p>\n  first  </p>\n  <p>  second\n</p>\n</div>')).toBe(
      'first\n\nsecond',
    );
  });

  it('keeps non-breaking and other Unicode spaces as they are', () => {
    expect(extractText('<p>84&nbsp;000 people\u202fand\u2009more</p>')).toBe(
      '84\u00a0000 people\u202fand\u2009more',
    );
    expect(extractText('<p>&nbsp;</p>')).toBe('\u00a0');
  });

  it('turns <br> into a line break, and two of them into a paragraph break', () => {
    expect(extractText('<p>238 Venezuelans<br>were sent</p>')).toBe('238 Venezuelans\nwere sent');
    expect(extractText('<p>one <br> two</p>')).toBe('one\ntwo');
    expect(extractText('<p>one<br><br><br>two</p>')).toBe('one\n\ntwo');
    expect(extractText('<p><br>one<br></p><p>two</p>')).toBe('one\n\ntwo');
  });

  it('keeps whitespace inside <pre>, drops the newline right after <pre>', () => {
    expect(extractText('<p>a</p><pre>\n  x  y\nz</pre><p>b</p>')).toBe('a\n\n  x  y\nz\n\nb');
  });

  it('decodes named, decimal and hex entities', () => {
    expect(
      extractText('<p>&quot;Tren&nbsp;de Aragua&quot; &amp; &#8220;CECOT&#x201D; &eacute;</p>'),
    ).toBe('"Tren\u00a0de Aragua" & \u201cCECOT\u201d \u00e9');
  });

  it('gives an empty string for a page with no visible text', () => {
    expect(extractText('')).toBe('');
    expect(extractText('<html><head><script>x()</script></head><body> \n </body></html>')).toBe('');
  });
});

describe('extractText: broken and hostile input', () => {
  it('reads unclosed tags and stray end tags', () => {
    expect(extractText('<div><p>one<p>two</div></div></span>three<li>four')).toBe(
      'one\n\ntwo\n\nthree\n\nfour',
    );
  });

  it('does not run script text into the page when a <script> is never closed', () => {
    expect(extractText('<p>kept</p><script>var a = "<p>238 Venezuelans</p>"')).toBe('kept');
  });

  // Deeper than a recursive walk survives (Node's stack holds roughly 10,000 frames); not deeper,
  // because htmlparser2's own open-element stack makes parse time grow with depth squared.
  it('handles 30,000 nested elements without overflowing the stack', () => {
    const depth = 30_000;
    const html = '<div>'.repeat(depth) + 'deep' + '</div>'.repeat(depth);
    expect(extractText(html)).toBe('deep');
  });

  it('never throws on arbitrary strings, and never returns edge whitespace', () => {
    const markup = fc.constantFrom(
      '<p>',
      '</p>',
      '<b>',
      '</div>',
      '<br>',
      '<!--',
      '-->',
      '<script>',
      '&amp',
      '<',
      '>',
      '"',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), markup)),
        (parts) => {
          const text = extractText(parts.join(''));
          expect(text).toBe(text.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, ''));
          expect(text).not.toMatch(/\n\n\n/);
        },
      ),
    );
  });
});

describe('readInlineVisibility', () => {
  it('lets the last declaration win, as CSS does', () => {
    expect(readInlineVisibility('display:none; display:block').displayNone).toBe(false);
    expect(readInlineVisibility('visibility:hidden;visibility:visible').visibility).toBe('visible');
    expect(readInlineVisibility('visibility: inherit').visibility).toBeUndefined();
    expect(readInlineVisibility('color: red').displayNone).toBe(false);
  });
});

describe('decodeDocument', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('reads UTF-8, even when an old <meta charset> says otherwise', () => {
    const html = '<meta charset="gb2312"><p>Aragua, Bolívar — 中文</p>';
    expect(decodeDocument(utf8(html), true)).toBe(html);
  });

  it('reads a legacy page in the charset it declares', () => {
    const bytes = Uint8Array.from([
      ...utf8('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Bol'),
      0xed,
      ...utf8('var</p>'),
    ]);
    expect(decodeDocument(bytes, true)).toContain('<p>Bolívar</p>');
  });

  it('falls back to windows-1252 for undeclared non-UTF-8 bytes', () => {
    expect(decodeDocument(Uint8Array.from([0x93, 0x41, 0x94]), false)).toBe('\u201cA\u201d');
  });

  it('honours a UTF-16 byte order mark', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]);
    expect(decodeDocument(bytes, false)).toBe('AB');
  });

  it('refuses binary data', () => {
    expect(decodeDocument(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), true)).toBeNull();
  });

  it('tells HTML file names from text ones', () => {
    expect(isHtmlFileName('a/b.HTML')).toBe(true);
    expect(isHtmlFileName('b.htm')).toBe(true);
    expect(isHtmlFileName('b.txt')).toBe(false);
    expect(isHtmlFileName('html')).toBe(false);
  });
});
