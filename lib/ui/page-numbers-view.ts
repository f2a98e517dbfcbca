/**
 * What the popup's "Numbers on this page" shows for the active tab: the page's numbers, or a plain reason
 * there are none to show. Pure: the popup passes the tab and the function that asks its content script.
 */
import type { PageNumberEntry, PageNumbersAnswer } from '../messages';
import { readDialInput } from './dial-input';
import { msg, type UiText } from '../i18n/text';

export type PageNumbersView =
  | { kind: 'list'; numbers: PageNumberEntry[]; country?: string }
  /** Nothing to list, and why (reading, a closed page, a blocked site, a page to reload, no numbers). */
  | { kind: 'note'; text: UiText };

/** Pages that are web pages, where a content script may run; the rest (chrome://, about:, stores…) are closed. */
const WEB = /^(?:https?|file):$/;
/** Extension stores: web addresses where browsers run no extension's content scripts. */
const STORES =
  /^(?:chromewebstore\.google\.com|chrome\.google\.com|microsoftedge\.microsoft\.com|addons\.mozilla\.org)$/;

/**
 * Asks the tab's content script for its page's numbers (`read`) and says what to show. `blockedHost`: the tab's
 * site when it is on `pages.blockedSites` (then nothing is asked: the content script does nothing there).
 */
export async function pageNumbersView(
  tab: { id?: number; url?: string } | undefined,
  blockedHost: string | undefined,
  read: (tabId: number) => Promise<PageNumbersAnswer | null>,
): Promise<PageNumbersView> {
  let url: URL | null = null;
  try {
    url = new URL(tab?.url ?? '');
  } catch {
    // No URL: not a page the popup was allowed to see (activeTab grants it for web pages).
  }
  if (tab?.id === undefined || !url || !WEB.test(url.protocol)) return { kind: 'note', text: msg('popup_page_closed') };
  if (blockedHost) return { kind: 'note', text: msg('popup_page_blocked', blockedHost) };
  let answer: PageNumbersAnswer | null;
  try {
    answer = await read(tab.id);
  } catch {
    // No content script answered: a store page, or a page that was loaded before the extension was installed or
    // updated (its old content script, if any, can no longer talk to us).
    return { kind: 'note', text: STORES.test(url.hostname) ? msg('popup_page_closed') : msg('popup_page_reload') };
  }
  if (!answer) return { kind: 'note', text: msg('popup_page_reload') };
  if (answer.status === 'blocked') return { kind: 'note', text: msg('popup_page_blocked', url.hostname) };
  if (!answer.numbers.length) return { kind: 'note', text: msg('popup_page_none') };
  return { kind: 'list', numbers: answer.numbers, ...(answer.country ? { country: answer.country } : {}) };
}

/** How the list shows a dial value: international format, with its extension (`+1 619 534 4000`, `ext. 12`). */
export function displayDial(dial: string, country: string): { number: string; ext?: string } {
  const read = readDialInput(dial, country);
  return read.kind === 'number' ? { number: read.display, ...(read.ext ? { ext: read.ext } : {}) } : { number: dial };
}
