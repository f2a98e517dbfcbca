/**
 * UI strings come from `public/_locales/<lang>/messages.json` through the browser's i18n
 * (`browser.i18n.getMessage`), so the pages, the background and the content script follow the browser's language
 * like the manifest does. In lib/, not components/ (which holds only Preact components), as the worker and the
 * content script use it too.
 */
import { browser } from 'wxt/browser';
import type { UiText } from './text';

/** The translated message `key` with its substitutions; the key itself if it is missing (a visible bug). */
export function t(key: string, ...subs: string[]): string {
  // WXT types getMessage with the names it knew at its last `wxt prepare`; names here are checked by
  // tests/unit/i18n.test.ts instead, including the ones built at run time.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  return getMessage(key, subs) || key;
}

/** Translates a {@link UiText} (./text.ts), its nested texts first. */
export function tx(text: UiText): string {
  return t(text.key, ...(text.subs ?? []).map((s) => (typeof s === 'string' ? s : tx(s))));
}

/** The browser's UI language, e.g. "de" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
