/**
 * A UI string before translation: a `_locales` message name and its substitutions. Pure modules in lib/ (the
 * options page's helpers, the dial service's notifications and errors) return these instead of calling
 * `browser.i18n`, so they run under Node; components and the background translate them with `tx()` from
 * components/i18n.ts. tests/unit/i18n.test.ts checks every name used exists in every locale.
 */
export interface UiText {
  key: string;
  /** Substituted for `$1`, `$2` …; a nested {@link UiText} is translated first (a sentence inside a sentence). */
  subs?: (string | UiText)[];
}

/** Builds a {@link UiText}. Call it with a literal name: the i18n test finds names by reading `msg('…')`. */
export function msg(key: string, ...subs: (string | UiText)[]): UiText {
  return subs.length ? { key, subs } : { key };
}

/** One locale's `messages.json`: what {@link formatMessage} reads. */
export type MessageTable = Readonly<
  Record<string, { message: string; placeholders?: Readonly<Record<string, { content: string }>> }>
>;

/**
 * `text` in `table`, substituted the way `browser.i18n.getMessage` does it: each `$name$` becomes its
 * placeholder's content with `$1` … filled in, and `$$` a dollar sign. For Node (tests, the simulator), where
 * there is no `browser.i18n`; the key itself when the table lacks it, as `t()` does.
 */
export function formatMessage(table: MessageTable, text: UiText): string {
  const entry = table[text.key];
  if (!entry) return text.key;
  const subs = (text.subs ?? []).map((s) => (typeof s === 'string' ? s : formatMessage(table, s)));
  const fill = (content: string) => content.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  // One pass, so a substitution (a provider's own words) is never read again: its "$$" stays as it was.
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = placeholders[name.toLowerCase()];
    return content === undefined ? whole : fill(content);
  });
}
