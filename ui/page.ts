// Shared set-up for the extension's own pages (popup, options): language, title, styles, render.

import { render, type VNode } from 'preact';
import { PAGE_CSS } from '../components/styles';
import { uiLocale, type Translate } from './i18n';

/** Renders `app` into the page's #app element, with the page's language, title and styles set. */
export function mountPage(app: VNode, t: Translate, titleKey: string): void {
  document.documentElement.lang = uiLocale(t);
  document.title = t(titleKey);
  const style = document.createElement('style');
  style.textContent = PAGE_CSS;
  document.head.append(style);
  const root = document.getElementById('app');
  if (root === null) throw new Error('the page has no #app element');
  render(app, root);
}
