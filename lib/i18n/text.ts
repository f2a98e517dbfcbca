/**
 * A UI string before translation: a `_locales` message name and its substitutions. Pure modules (lib/ui and
 * below) return these instead of calling `browser.i18n`, so they run under Node; the pages, the background and
 * the content script translate them with `t()` / `tx()` from ./translate.ts. tests/unit/i18n.test.ts checks
 * every name used exists.
 */
export interface UiText {
  key: string;
  subs?: string[];
}

/** Builds a {@link UiText}. Call it with a literal name: the i18n test finds names by reading `msg('…')`. */
export function msg(key: string, ...subs: string[]): UiText {
  return subs.length ? { key, subs } : { key };
}
