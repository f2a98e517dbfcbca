/**
 * The options page's only contact with the browser: settings storage, messages to the background,
 * host permissions and file download. Everything else on the page is plain UI over lib/ui.
 */
import { browser } from 'wxt/browser';
import type { EffectiveSettings } from '@/lib/settings/managed';
import { loadSettings, regionOfLocale, saveUserSettings, type SettingsStores } from '@/lib/settings/store';
import type { ParseResult } from '@/lib/settings/validate';
import type { ProviderActionResponse, TestConnectionResponse } from '@/lib/messages';

export function settingsStores(): SettingsStores {
  return {
    local: browser.storage.local,
    managed: browser.storage.managed,
    defaultCountry: regionOfLocale(browser.i18n.getUILanguage()) ?? 'US',
  };
}

export function load(): Promise<EffectiveSettings> {
  return loadSettings(settingsStores());
}

/** Saves the person's own settings: never the managed policy's values, never over a stored document with problems. */
export function save(document: unknown): Promise<ParseResult> {
  return saveUserSettings(settingsStores(), document);
}

export function testConnection(document: unknown): Promise<TestConnectionResponse> {
  return browser.runtime.sendMessage({ type: 'testConnection', settings: document });
}

/** Runs one of the provider's optional actions (lib/providers/types.ts `ProviderAction`) on `document`. */
export function providerAction(document: unknown, action: string, input?: string): Promise<ProviderActionResponse> {
  return browser.runtime.sendMessage({
    type: 'providerAction',
    settings: document,
    action,
    ...(input !== undefined ? { input } : {}),
  });
}

/** Origins among `origins` the extension may not reach yet. */
export async function missingOrigins(origins: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const origin of origins) {
    if (!(await browser.permissions.contains({ origins: [origin] }))) missing.push(origin);
  }
  return missing;
}

/**
 * Asks the user for `origins`; resolves to those still not allowed afterwards. Call it before any `await`
 * in a click handler: Firefox only accepts `permissions.request` synchronously inside user input, and
 * Chrome needs the click's user activation too.
 */
export function requestOrigins(origins: string[]): Promise<string[]> {
  if (!origins.length) return Promise.resolve([]);
  return browser.permissions.request({ origins }).then(
    (granted) => (granted ? [] : origins),
    () => origins,
  );
}

/** Offers `text` as a file download named `fileName`. */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click starts the download synchronously; the URL can go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
