/** The popup's contact with the browser: the active tab's host, popup state, dialling, the options page. */
import { browser } from 'wxt/browser';
import type { DialResponse, PopupState } from '@/lib/messages';

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

export function popupState(host: string | undefined): Promise<PopupState> {
  return browser.runtime.sendMessage({ type: 'getPopupState', ...(host ? { host } : {}) });
}

export function dial(number: string, source: 'popup' | 'history'): Promise<DialResponse> {
  return browser.runtime.sendMessage({ type: 'dial', number, source });
}

export function setSiteBlocked(host: string, blocked: boolean): Promise<unknown> {
  return browser.runtime.sendMessage({ type: 'setSiteBlocked', host, blocked });
}

export function openOptions(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
