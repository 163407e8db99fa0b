// The readable text of an HTML page, as a reader sees it, for the `scan` command: parsed with
// htmlparser2 (a forgiving parser: broken markup never throws), walked with the block and skip
// lists the extension's DOM walker also uses (core/blocks.ts), so both find the same claims.
// The rules are written down in docs/SCAN.md ("How a page becomes text").

import { parseDocument } from 'htmlparser2';
import { isCDATA, isTag, isText } from 'domhandler';
import type { AnyNode, Element } from 'domhandler';
import {
  BLOCK_ELEMENTS,
  LINE_BREAK_ELEMENTS,
  PREFORMATTED_ELEMENTS,
  SKIPPED_ELEMENTS,
  readInlineVisibility,
} from '../core/blocks';
import type { InlineVisibility } from '../core/blocks';

/** ASCII whitespace as HTML defines it. U+00A0 and other Unicode spaces are text, kept as is. */
const ASCII_WHITESPACE_RUN = /[ \t\n\f\r]+/g;

/** Builds the output text: one space for a run of whitespace inside a block, "\n" for a line
 * break, "\n\n" between blocks, nothing at the edges, never more than one blank line. */
class TextBuilder {
  private readonly parts: string[] = [];
  private empty = true;
  /** Line breaks owed before the next text: 0, 1 (a <br>) or 2 (a block edge). */
  private pendingNewlines = 0;
  private pendingSpace = false;

  blockEdge(): void {
    this.pendingNewlines = 2;
    this.pendingSpace = false;
  }

  lineBreak(): void {
    this.pendingNewlines = Math.min(2, this.pendingNewlines + 1);
    this.pendingSpace = false;
  }

  /** Flowing text: whitespace runs collapse to one space, across inline element edges too. */
  text(data: string): void {
    const collapsed = data.replace(ASCII_WHITESPACE_RUN, ' ');
    if (collapsed === '' || collapsed === ' ') {
      if (collapsed === ' ') this.space();
      return;
    }
    const leading = collapsed.charCodeAt(0) === 32;
    const trailing = collapsed.charCodeAt(collapsed.length - 1) === 32;
    if (leading) this.space();
    this.emit(collapsed.slice(leading ? 1 : 0, trailing ? -1 : undefined));
    if (trailing) this.space();
  }

  /** Preformatted text (<pre>): spaces kept as written, each newline a line break. */
  preformatted(data: string): void {
    const lines = data.replace(/\r\n?/g, '\n').split('\n');
    lines.forEach((line, index) => {
      if (index > 0) this.lineBreak();
      // A line of nothing but whitespace adds nothing: block edges stay trimmed.
      if (line.replace(ASCII_WHITESPACE_RUN, '') !== '') this.emit(line);
    });
  }

  toString(): string {
    return this.parts.join('');
  }

  private space(): void {
    // Whitespace at the start of the text or of a line is dropped, as a browser drops it.
    if (!this.empty && this.pendingNewlines === 0) this.pendingSpace = true;
  }

  private emit(text: string): void {
    if (!this.empty) {
      if (this.pendingNewlines > 0) this.parts.push('\n'.repeat(this.pendingNewlines));
      else if (this.pendingSpace) this.parts.push(' ');
    }
    this.pendingNewlines = 0;
    this.pendingSpace = false;
    this.parts.push(text);
    this.empty = false;
  }
}

/** Whether an element and its subtree are not rendered, from its name and attributes. */
function isHiddenElement(element: Element, inline: InlineVisibility | undefined): boolean {
  if (SKIPPED_ELEMENTS.has(element.name)) return true;
  const hidden = element.attribs.hidden;
  // hidden="until-found" content is findable and revealed by find-in-page: it is page text.
  if (hidden !== undefined && hidden.trim().toLowerCase() !== 'until-found') return true;
  if (element.name === 'dialog' && element.attribs.open === undefined) return true;
  return inline?.displayNone === true;
}

interface WalkContext {
  /** visibility: hidden inherited from an ancestor (a descendant may say visible again). */
  invisible: boolean;
  preformatted: boolean;
}

function addText(builder: TextBuilder, data: string, context: WalkContext): void {
  if (context.invisible) return;
  if (context.preformatted) builder.preformatted(data);
  else builder.text(data);
}

type Step =
  | { node: AnyNode; context: WalkContext }
  | { text: string; context: WalkContext }
  | { leaveBlock: true };

/**
 * Extracts the text a reader sees from an HTML document. Never throws on any input: unclosed tags,
 * stray end tags and binary garbage all give some text. The walk is iterative, so pathologically
 * deep markup cannot overflow the stack.
 */
export function extractText(html: string): string {
  const document = parseDocument(html, { decodeEntities: true });
  const builder = new TextBuilder();
  const root: WalkContext = { invisible: false, preformatted: false };
  const stack: Step[] = [];
  for (let i = document.children.length - 1; i >= 0; i--) {
    stack.push({ node: document.children[i]!, context: root });
  }
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leaveBlock' in step) {
      builder.blockEdge();
      continue;
    }
    if ('text' in step) {
      addText(builder, step.text, step.context);
      continue;
    }
    const { node, context } = step;
    if (isText(node)) {
      addText(builder, node.data, context);
      continue;
    }
    if (isCDATA(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i]!, context });
      }
      continue;
    }
    // Comments, doctypes and processing instructions hold no page text.
    if (!isTag(node)) continue;
    const style = node.attribs.style;
    const inline = style === undefined ? undefined : readInlineVisibility(style);
    if (isHiddenElement(node, inline)) continue;

    const name = node.name;
    if (LINE_BREAK_ELEMENTS.has(name)) {
      builder.lineBreak();
      continue;
    }
    let childContext = context;
    const visibility = inline?.visibility;
    const preformatted = context.preformatted || PREFORMATTED_ELEMENTS.has(name);
    if (visibility !== undefined || preformatted !== context.preformatted) {
      childContext = {
        invisible: visibility === undefined ? context.invisible : visibility === 'hidden',
        preformatted,
      };
    }
    if (BLOCK_ELEMENTS.has(name)) {
      builder.blockEdge();
      stack.push({ leaveBlock: true });
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      // The HTML parser drops a newline right after <pre>; htmlparser2 keeps it, so drop it here.
      if (i === 0 && isText(child) && PREFORMATTED_ELEMENTS.has(name)) {
        stack.push({ text: child.data.replace(/^(\r\n?|\n)/, ''), context: childContext });
      } else {
        stack.push({ node: child, context: childContext });
      }
    }
  }
  return builder.toString();
}

const HTML_EXTENSIONS = /\.(html?|xhtml)$/i;

/** Whether a file is read as HTML (by its name) or used as plain text. */
export function isHtmlFileName(name: string): boolean {
  return HTML_EXTENSIONS.test(name);
}

/** The encoding an HTML document declares in its first 1024 bytes (<meta charset> or
 * http-equiv Content-Type), as the HTML encoding sniffing prescan looks for it. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9._:-]+)/i.exec(head)?.[1];
}

/** windows-1252's characters for bytes 0x80-0x9F (the five it leaves undefined map to themselves). */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWith(label: string, bytes: Uint8Array): string | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return undefined; // an encoding label TextDecoder does not know
  }
  const text = decoder.decode(bytes);
  // The Encoding standard reads "latin1", "iso-8859-1", "ascii"... all as windows-1252, but Node 20
  // decodes 0x80-0x9F as C1 controls; map them to what browsers show (curly quotes, dashes, euro).
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

/**
 * Decodes a file's bytes to text. A byte order mark decides; else valid UTF-8 is UTF-8 (saved pages
 * are usually re-encoded as UTF-8 while keeping their old <meta charset>, so the bytes are the
 * better witness); else the charset an HTML file declares; else windows-1252, as browsers default.
 * Returns null for binary data (NUL bytes outside UTF-16), which is neither HTML nor text.
 */
export function decodeDocument(bytes: Uint8Array, html: boolean): string | null {
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const declared = html ? declaredCharset(bytes) : undefined;
    const fromDeclared = declared === undefined ? undefined : decodeWith(declared, bytes);
    return fromDeclared ?? decodeWith('windows-1252', bytes)!;
  }
}
