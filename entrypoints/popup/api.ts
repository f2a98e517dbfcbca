/** The popup's contact with the browser: the active tab's host, popup state, dialling, the options page. */
import { browser } from 'wxt/browser';
import { parsePageNumbersAnswer, type DialResponse, type PageNumbersAnswer, type PopupState } from '@/lib/messages';

/**
 * Host of the active tab when it is a web page. The `activeTab` permission exposes the tab's URL once the
 * user has opened the popup (a user gesture); any other page (this popup opened as a tab, chrome://…) has none.
 */
export async function activeHost(): Promise<string | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const url = new URL(tab?.url ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** The active tab's id and URL (the URL only where `activeTab` grants it). */
export async function activeTab(): Promise<{ id?: number; url?: string } | undefined> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab;
  } catch {
    return undefined;
  }
}

/**
 * The numbers the tab's page shows, from its content script in the top frame (frames have their own documents
 * and are not asked). Rejects where no content script runs: browser pages, extension stores, and pages loaded
 * before the extension was installed or updated.
 */
export async function pageNumbers(tabId: number): Promise<PageNumbersAnswer | null> {
  return parsePageNumbersAnswer(await browser.tabs.sendMessage(tabId, { type: 'getPageNumbers' }, { frameId: 0 }));
}

export function popupState(host: string | undefined): Promise<PopupState> {
  return browser.runtime.sendMessage({ type: 'getPopupState', ...(host ? { host } : {}) });
}

/** `country`: the page's, for a number from the page's list written without a country code. */
export function dial(number: string, source: 'popup' | 'history', country?: string): Promise<DialResponse> {
  return browser.runtime.sendMessage({ type: 'dial', number, source, ...(country ? { country } : {}) });
}

export function setSiteBlocked(host: string, blocked: boolean): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'setSiteBlocked', host, blocked });
}

export function openOptions(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
