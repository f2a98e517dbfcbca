/**
 * A UI string before translation: a `_locales` message name and its substitutions. Pure modules in
 * lib/ui return these instead of calling `browser.i18n`, so they run under Node; components translate
 * them with `t()` from components/i18n.ts. tests/unit/i18n.test.ts checks every name used exists.
 */
export interface UiText {
  key: string;
  subs?: string[];
}

/** Builds a {@link UiText}. Call it with a literal name: the i18n test finds names by reading `msg('…')`. */
export function msg(key: string, ...subs: string[]): UiText {
  return subs.length ? { key, subs } : { key };
}
