// Interface strings. Components receive a `Translate` function as a prop, so they can be rendered in
// tests with the real messages.json files and in the extension with browser.i18n.

/** Looks up an interface string by its messages.json key; `subs` fill $1…$9 / named placeholders. */
export type Translate = (key: string, subs?: string[]) => string;

/** One entry of a WebExtension `_locales/<lang>/messages.json` file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessagesFile = Record<string, MessageEntry>;

/** The predefined message that names the browser's interface locale ("en", "en_US", "es_419"…). */
export const UI_LOCALE_KEY = '@@ui_locale';

/**
 * A BCP 47 tag for Intl formatting, from the translator's "@@ui_locale" ("en_US" → "en-US").
 * Falls back to English when the locale is missing or not a well-formed tag.
 */
export function uiLocale(t: Translate): string {
  const tag = t(UI_LOCALE_KEY).replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// $1…$9 in a message or placeholder content; "$$" is a literal dollar sign.
const POSITIONAL = /\$\$|\$([1-9])/g;
// $name$ in a message refers to a named placeholder (names are case-insensitive).
const NAMED = /\$([A-Za-z0-9_@]+)\$/g;

function fillPositional(text: string, subs: readonly string[]): string {
  return text.replace(POSITIONAL, (_whole, digit: string | undefined) =>
    digit === undefined ? '$' : (subs[Number(digit) - 1] ?? ''),
  );
}

/**
 * Formats a messages.json entry the way browsers' i18n.getMessage does: named placeholders
 * ($NAME$ → the placeholder's content), then positional substitutions ($1 → subs[0]), then "$$" → "$".
 */
export function formatMessage(entry: MessageEntry, subs: readonly string[] = []): string {
  const placeholders = new Map<string, string>();
  for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
    placeholders.set(name.toLowerCase(), placeholder.content);
  }
  // Browsers inline placeholder contents first, then substitute $1…$9 over the result.
  const withNamed = entry.message.replace(
    NAMED,
    (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
  );
  return fillPositional(withNamed, subs);
}

/**
 * A translator over parsed messages.json files: the messages of the interface locale first, then the
 * default locale's, then the key itself (so a missing string is visible, never blank).
 */
export function createTranslate(
  locale: string,
  messages: MessagesFile,
  fallback: MessagesFile = {},
): Translate {
  const lookup = new Map<string, MessageEntry>();
  for (const [key, entry] of Object.entries(fallback)) lookup.set(key.toLowerCase(), entry);
  for (const [key, entry] of Object.entries(messages)) lookup.set(key.toLowerCase(), entry);
  return (key, subs) => {
    if (key === UI_LOCALE_KEY) return locale;
    const entry = lookup.get(key.toLowerCase());
    return entry === undefined ? key : formatMessage(entry, subs);
  };
}

/** The part of the WebExtension i18n API a translator needs. */
export interface I18nApi {
  getMessage(key: string, substitutions?: string | string[]): string;
}

/**
 * A translator over the browser's i18n API (entrypoints pass `browser.i18n`). The browser returns ""
 * for an unknown key; we show the key instead so a missing string is noticed.
 */
export function createBrowserTranslate(i18n: I18nApi): Translate {
  return (key, subs) => {
    const text = subs === undefined ? i18n.getMessage(key) : i18n.getMessage(key, subs);
    return text === '' ? key : text;
  };
}
