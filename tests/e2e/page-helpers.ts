/**
 * Helpers for the page-side scenarios (linking, clicks, dynamic pages, React): settings documents, fixture
 * hosts, and a record of the dial messages the background receives. The record is a test hook installed
 * through `serviceWorker.evaluate`, never part of the product.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { Extension } from './support/fixtures';
import type { PageServer } from './support/page-server';
import { defaultSettings, type PageSettings, type Settings } from '../../lib/settings/schema';
import type { DialMessage } from '../../lib/messages';
import { POLICY_CACHE_KEY } from '../../lib/settings/store';

/** A settings document with these page settings (defaults otherwise; no provider needed to link). */
export function settingsWith(pages: Partial<PageSettings> = {}, defaultCountry = 'US'): Settings {
  const settings = defaultSettings(defaultCountry);
  return { ...settings, pages: { ...settings.pages, ...pages } };
}

/** The fixture URL under another host name (every host resolves to 127.0.0.1 in the e2e browser). */
export function urlOn(pages: PageServer, host: string, path: string): string {
  const url = new URL(pages.url(path));
  url.hostname = host;
  return url.toString();
}

/** Starts recording every `dial` message the background receives (a listener added from the test). */
export async function recordDials(extension: Extension): Promise<void> {
  await extension.evaluate(() => {
    const g = globalThis as unknown as { __pbxDials?: unknown[] };
    if (g.__pbxDials) return;
    g.__pbxDials = [];
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      if (message?.type === 'dial') g.__pbxDials!.push(message);
      return undefined;
    });
  }, null);
}

/** The dial messages received since {@link recordDials}. */
export function dialsReceived(extension: Extension): Promise<DialMessage[]> {
  return extension.evaluate(() => (globalThis as unknown as { __pbxDials?: DialMessage[] }).__pbxDials ?? [], null);
}

/** The `data-pbx-dial` of every link the content script made on the page (light DOM only). */
export function linkedNumbers(page: Page): Promise<string[]> {
  return page.$$eval('a[data-pbx-dial]', (links) => links.map((a) => a.getAttribute('data-pbx-dial') ?? ''));
}

/** A minimal HTML page. */
export function html(body: string, head = '', lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fixture</title>${head}</head><body>${body}</body></html>`;
}

/** How long {@link warmUp} waits for its page to be linked: seconds on a busy machine, so far more than that. */
const WARM_UP_TIMEOUT_MS = 20_000;

/**
 * Makes the extension what it is in a browser in use: the last managed-policy read is in its cache (none: `{}`,
 * what Chrome's `storage.managed.get` answers without a policy), and a page with a number has been linked.
 * Without the cache, a new profile's pages wait up to 2 s for Chrome's first read of the managed policy
 * (lib/settings/store.ts), which takes seconds here and, on a busy machine, more than 15 s: waiting for it made
 * warm-ups fail. With it, the background answers `getPageConfig` within its 150 ms policy wait, so a test that
 * expects nothing to happen can wait a short, fixed time and then look, and a test of what happens while a page
 * is parsed is not raced by the wait. When Chrome's read lands it matches the cache, so nothing is broadcast.
 */
export async function warmUp(context: BrowserContext, pages: PageServer, extension: Extension): Promise<void> {
  if ((await extension.storage(POLICY_CACHE_KEY)) === undefined) {
    await extension.setStorage({ [POLICY_CACHE_KEY]: {} });
  }
  const page = await context.newPage();
  await page.goto(pages.add('/warm-up.html', html('<p>+1 415-555-0100</p>')));
  await page.locator('a[data-pbx-dial]').waitFor({ timeout: WARM_UP_TIMEOUT_MS });
  await page.close();
}
