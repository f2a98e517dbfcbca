/**
 * UI strings come from `public/_locales/<lang>/messages.json` through the browser's i18n
 * (`browser.i18n.getMessage`), so the pages follow the browser's language like the manifest does.
 */
import { browser } from 'wxt/browser';
import type { UiText } from '@/lib/ui/text';

/** The translated message `key` with its substitutions; the key itself if it is missing (a visible bug). */
export function t(key: string, ...subs: string[]): string {
  // WXT types getMessage with the names it knew at its last `wxt prepare`; names here are checked by
  // tests/unit/i18n.test.ts instead, including the ones built at run time.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  return getMessage(key, subs) || key;
}

/** Translates a {@link UiText} from lib/ (its nested texts first). */
export function tx(text: UiText): string {
  return t(text.key, ...(text.subs ?? []).map((s) => (typeof s === 'string' ? s : tx(s))));
}

/** The browser's UI language, e.g. "de" or "en-US". */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
