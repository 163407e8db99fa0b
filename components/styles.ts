// Styles for the claim card, the popup and the options page, as strings: the content script puts
// CARD_CSS into the card's shadow root (no page CSS gets in, none of ours gets out), and the popup and
// options pages put PAGE_CSS into their own document. Every selector is scoped under a `cl-` class.
// Colours live in one palette so a test can check their contrast (WCAG AA) numerically.

export interface Palette {
  /** Card and page background. */
  background: string;
  /** Background of quotations and of the popup's list rows. */
  raised: string;
  text: string;
  muted: string;
  link: string;
  /** Text that says a page's figure agrees with a sourced figure. */
  agrees: string;
  /** Text that says a page's figure differs from the sourced figures. */
  differs: string;
  /** Borders that show where a control is (WCAG 1.4.11: 3:1 against the background). */
  border: string;
  focus: string;
}

export const LIGHT_PALETTE: Palette = {
  background: '#ffffff',
  raised: '#f1f3f6',
  text: '#1a1c20',
  muted: '#4b5058',
  link: '#0b57d0',
  agrees: '#0b6b2e',
  differs: '#8f4a00',
  border: '#6b7079',
  focus: '#0b57d0',
};

export const DARK_PALETTE: Palette = {
  background: '#1f2125',
  raised: '#2b2e34',
  text: '#eceef2',
  muted: '#b8bcc4',
  link: '#9ec1ff',
  agrees: '#7fd69a',
  differs: '#ffbf73',
  border: '#8b9099',
  focus: '#9ec1ff',
};

function paletteVariables(palette: Palette): string {
  return [
    `--cl-background: ${palette.background};`,
    `--cl-raised: ${palette.raised};`,
    `--cl-text: ${palette.text};`,
    `--cl-muted: ${palette.muted};`,
    `--cl-link: ${palette.link};`,
    `--cl-agrees: ${palette.agrees};`,
    `--cl-differs: ${palette.differs};`,
    `--cl-border: ${palette.border};`,
    `--cl-focus: ${palette.focus};`,
  ].join('\n  ');
}

const THEME_CSS = `
.cl-root {
  ${paletteVariables(LIGHT_PALETTE)}
  color-scheme: light dark;
  color: var(--cl-text);
  background: var(--cl-background);
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  text-align: start;
  box-sizing: border-box;
}
@media (prefers-color-scheme: dark) {
  .cl-root {
  ${paletteVariables(DARK_PALETTE)}
  }
}
.cl-root *, .cl-root *::before, .cl-root *::after { box-sizing: inherit; }
.cl-root a { color: var(--cl-link); text-decoration: underline; }
.cl-root :focus-visible { outline: 2px solid var(--cl-focus); outline-offset: 2px; }
.cl-root button, .cl-root input, .cl-root summary { font: inherit; color: inherit; }
.cl-root h2, .cl-root h3, .cl-root p, .cl-root ul, .cl-root blockquote { margin: 0; }
.cl-root ul { padding: 0; list-style: none; }
.cl-visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
`;

// The parts of a claim (shared by the card and the popup's expanded list rows).
const CLAIM_BODY_CSS = `
.cl-body { display: grid; gap: 10px; }
.cl-context { overflow-wrap: anywhere; }
.cl-section-heading { font-size: 12px; font-weight: 600; color: var(--cl-muted); margin-bottom: 4px; }

.cl-comparison-verdict.cl-agrees { color: var(--cl-agrees); font-weight: 600; }
.cl-comparison-verdict.cl-differs { color: var(--cl-differs); font-weight: 600; }
.cl-figures { display: grid; gap: 6px; }
.cl-figure-value { font-weight: 600; }
.cl-figure-attribution { color: var(--cl-muted); }
.cl-figure-agrees-mark { color: var(--cl-agrees); font-weight: 700; margin-inline-end: 4px; }
.cl-figure-quote { display: block; color: var(--cl-muted); font-size: 13px; overflow-wrap: anywhere; }
.cl-sources { display: grid; gap: 8px; }
.cl-source-meta { overflow-wrap: anywhere; }
.cl-source-publisher, .cl-source-date { color: var(--cl-muted); }
.cl-source-url { color: var(--cl-muted); font-size: 12px; overflow-wrap: anywhere; }
.cl-quote {
  margin-top: 4px; padding: 6px 10px; background: var(--cl-raised);
  border-inline-start: 3px solid var(--cl-border); overflow-wrap: anywhere;
}
.cl-detail summary { cursor: pointer; color: var(--cl-link); }
.cl-detail p { margin-top: 6px; overflow-wrap: anywhere; }
.cl-pack { font-size: 12px; color: var(--cl-muted); }
`;

const CARD_ONLY_CSS = `
.cl-card {
  width: min(26rem, calc(100vw - 16px)); max-height: min(70vh, 36rem); overflow: auto;
  padding: 12px 14px; border: 1px solid var(--cl-border); border-radius: 8px;
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
}
.cl-card:focus { outline: none; }
.cl-card:focus-visible { outline: 2px solid var(--cl-focus); outline-offset: 2px; }
.cl-card-header { display: flex; align-items: flex-start; gap: 8px; margin-bottom: 8px; }
.cl-card-titles { flex: 1; min-width: 0; }
.cl-kind { font-size: 12px; color: var(--cl-muted); }
.cl-claim { font-size: 16px; font-weight: 650; line-height: 1.3; overflow-wrap: anywhere; }
.cl-close {
  flex: none; width: 28px; height: 28px; border: 1px solid transparent; border-radius: 6px;
  background: transparent; cursor: pointer; font-size: 18px; line-height: 1;
}
.cl-close:hover { border-color: var(--cl-border); }
`;

/** Everything the claim card needs; the content script puts this into the card's shadow root. */
export const CARD_CSS = `
:host { all: initial; }
${THEME_CSS}
${CLAIM_BODY_CSS}
${CARD_ONLY_CSS}
`;

const POPUP_AND_OPTIONS_CSS = `
html { color-scheme: light dark; background: ${LIGHT_PALETTE.background}; }
@media (prefers-color-scheme: dark) {
  html { background: ${DARK_PALETTE.background}; }
}
body { margin: 0; }
.cl-page { padding: 12px 14px; }
.cl-popup { width: 380px; }
.cl-options { max-width: 42rem; margin: 0 auto; padding: 24px 16px; }
.cl-page-header { display: flex; align-items: baseline; gap: 8px; margin-bottom: 10px; }
.cl-page-title { font-size: 16px; font-weight: 700; }
.cl-options .cl-page-title { font-size: 20px; }
.cl-site { color: var(--cl-muted); overflow-wrap: anywhere; }
.cl-status { margin: 8px 0; }
.cl-controls { display: grid; gap: 8px; margin: 10px 0; }
.cl-button {
  padding: 5px 12px; border: 1px solid var(--cl-border); border-radius: 6px;
  background: var(--cl-raised); cursor: pointer; justify-self: start;
}
.cl-switch { display: flex; align-items: center; gap: 8px; }
.cl-list { display: grid; gap: 6px; }
.cl-group { border: 1px solid var(--cl-border); border-radius: 6px; background: var(--cl-background); }
.cl-group-heading { font-size: 14px; }
.cl-group-toggle {
  display: flex; width: 100%; gap: 8px; align-items: baseline; padding: 6px 8px;
  border: 0; background: transparent; cursor: pointer; text-align: start;
}
.cl-group-claim { flex: 1; font-weight: 600; overflow-wrap: anywhere; }
.cl-group-count { color: var(--cl-muted); font-size: 12px; white-space: nowrap; }
.cl-occurrences { display: grid; gap: 4px; padding: 0 8px 8px; }
.cl-occurrences > li { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 6px; }
.cl-occurrence {
  border: 0; background: transparent; padding: 2px 0; cursor: pointer; text-align: start;
  color: var(--cl-link); text-decoration: underline; overflow-wrap: anywhere;
}
.cl-occurrence-comparison { font-size: 12px; }
.cl-occurrence-comparison.cl-agrees { color: var(--cl-agrees); }
.cl-occurrence-comparison.cl-differs { color: var(--cl-differs); }
.cl-occurrence-comparison.cl-not-compared { color: var(--cl-muted); }
.cl-group-body { padding: 8px; border-top: 1px solid var(--cl-border); }
.cl-packs { margin-top: 12px; font-size: 12px; color: var(--cl-muted); }
.cl-section { margin: 20px 0; }
.cl-section > h2 { font-size: 16px; margin-bottom: 8px; }
.cl-site-list { display: grid; gap: 4px; margin-bottom: 8px; }
.cl-site-row { display: flex; align-items: center; gap: 8px; }
.cl-site-row > span { min-width: 14rem; overflow-wrap: anywhere; }
.cl-add-site { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.cl-add-site input {
  padding: 5px 8px; border: 1px solid var(--cl-border); border-radius: 6px;
  background: var(--cl-background); min-width: 16rem;
}
.cl-error { color: var(--cl-differs); flex-basis: 100%; }
.cl-choices { display: grid; gap: 6px; border: 0; padding: 0; margin: 0; }
.cl-choices + .cl-choices { margin-top: 14px; }
.cl-choices > legend { font-weight: 600; padding: 0; margin-bottom: 6px; }
.cl-choice { display: flex; align-items: center; gap: 8px; }
.cl-swatch { display: inline-block; padding: 0 6px; border-radius: 3px; }
.cl-swatch-underline { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.cl-problems { list-style: disc; padding-inline-start: 20px; color: var(--cl-differs); overflow-wrap: anywhere; }
.cl-section h3 { font-size: 14px; margin: 12px 0 4px; }
.cl-pack-table { border-collapse: collapse; width: 100%; }
.cl-pack-table th, .cl-pack-table td {
  text-align: start; padding: 4px 8px 4px 0; border-bottom: 1px solid var(--cl-border);
}
`;

/** Styles for the popup and options documents (the claim parts included). */
export const PAGE_CSS = `
${THEME_CSS}
${CLAIM_BODY_CSS}
${POPUP_AND_OPTIONS_CSS}
`;
