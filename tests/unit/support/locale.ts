/**
 * The extension's text tables under Node: `localeText('de')` translates a UiText the way `tx()` does in the
 * browser with a German UI, so tests can check what a German or English user reads.
 */
import { readFileSync } from 'node:fs';
import { formatMessage, type MessageTable, type UiText } from '@/lib/ui/text';

const cache = new Map<string, MessageTable>();

/** One locale's messages.json (public/_locales/<locale>). */
export function messageTable(locale: string): MessageTable {
  let table = cache.get(locale);
  if (!table) {
    const url = new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url);
    table = JSON.parse(readFileSync(url, 'utf8')) as MessageTable;
    cache.set(locale, table);
  }
  return table;
}

/** A translator for `locale`, like `tx` in the browser. */
export function localeText(locale: string): (text: UiText) => string {
  const table = messageTable(locale);
  return (text) => formatMessage(table, text);
}

/** English, the language the tests read. */
export const english = localeText('en');
