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
/** Our own message naming the language the messages are written in ("en" in en/messages.json). */
export const MESSAGES_LANGUAGE_KEY = 'ui_language';

function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The BCP 47 tag to write dates and numbers in, and to put in the page's `lang`: the language the
 * strings are actually in (the browser falls back to English for a language we do not have), with
 * the browser's region when it is that same language ("en_GB" → "en-GB": 16 March 2025).
 */
export function uiLocale(t: Translate): string {
  const language = canonicalTag(t(MESSAGES_LANGUAGE_KEY)) ?? 'en';
  const browserLocale = canonicalTag(t(UI_LOCALE_KEY));
  const sameLanguage =
    browserLocale !== null && browserLocale.split('-')[0] === language.split('-')[0];
  return sameLanguage ? browserLocale : language;
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

/** browser.i18n.getMessage, as a translator needs it. */
export type GetMessage = (key: string, substitutions?: string[]) => string;

/**
 * A translator over the browser's i18n API (see ui/browser-i18n.ts). The browser returns "" for an
 * unknown key; we show the key instead so a missing string is noticed.
 */
export function createBrowserTranslate(getMessage: GetMessage): Translate {
  return (key, subs) => {
    const text = subs === undefined ? getMessage(key) : getMessage(key, subs);
    return text === '' ? key : text;
  };
}
